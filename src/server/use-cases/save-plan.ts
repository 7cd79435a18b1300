import type { LocalDate } from '#domain/common/dates.ts';
import { fail, ok, type Result } from '#domain/common/result.ts';
import { replan, type Replan } from '#domain/plan/replan.ts';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from '#domain/plan/settings.ts';
import { savePlanRequestSchema, type PlanResponse } from '#shared/contracts/plan.ts';
import type { Actor, Context } from '../context.ts';
import { PlanChangedError } from '../repositories/plans.repo.ts';
import { localDateIn } from '../time.ts';
import { getPlan } from './get-plan.ts';
import { parseInput } from './parse-input.ts';

/** Tries before giving up when items are ticked while a re-plan is being computed. */
const REPLAN_ATTEMPTS = 3;

/**
 * Re-plans from today to `examDate` and stores the result. The store checks, inside its transaction,
 * that no item was ticked since the items were read (a block logged from a phone meanwhile); if one
 * was, it reads again and re-plans, so a tick is never lost. `beforeStore` runs once the new plan is
 * known to fit, right before it is stored (moving the exam date, for an accepted delay).
 */
export async function replanAndStore(
  ctx: Context,
  actor: Actor,
  input: { today: LocalDate; examDate: LocalDate; settings?: PlanSettings; beforeStore?: () => Promise<void> },
): Promise<Result<Replan>> {
  for (let attempt = 1; ; attempt++) {
    const stored = await ctx.repos.plans.get(actor.userId);
    if (!input.settings && !stored) return fail('PLAN_MISSING', 'There is no plan to re-plan yet. Build one first.');
    const items = await ctx.repos.plans.listItems(actor.userId);
    const result = replan({
      today: input.today,
      examDate: input.examDate,
      settings: input.settings ?? stored?.settings ?? DEFAULT_PLAN_SETTINGS,
      generationStart: stored?.startDate ?? input.today,
      items,
      isEdited: input.settings !== undefined,
      plannedAt: stored?.updatedAt,
    });
    if (!result.ok) return result;
    const done = items.filter((i) => i.status === 'done');
    const statuses = new Map(done.map((i) => [i.id, { status: 'done' as const, at: i.statusAt }]));
    try {
      if (attempt === 1) await input.beforeStore?.();
      await ctx.repos.plans.replaceFrom(
        actor.userId,
        result.value.plan,
        result.value.settings,
        statuses,
        ctx.now().toISOString(),
      );
      return result;
    } catch (error) {
      if (!(error instanceof PlanChangedError) || attempt >= REPLAN_ATTEMPTS) throw error;
    }
  }
}

/**
 * Generates the plan from today to the profile's exam date. With settings, they are the work ahead
 * as the student states it now; without, the stored plan is re-flowed: work done since it was made
 * is subtracted and what was missed moves forward. Either way the past and done items stay put.
 */
export async function savePlan(ctx: Context, actor: Actor, body: unknown): Promise<Result<PlanResponse>> {
  const parsed = parseInput(savePlanRequestSchema, body);
  if (!parsed.ok) return parsed;
  const profile = await ctx.repos.profiles.get(actor.userId);
  if (!profile) return fail('PROFILE_MISSING', 'Set up your profile first: the plan runs to your exam date.');
  const today = localDateIn(ctx.now(), profile.timeZone);
  const result = await replanAndStore(ctx, actor, {
    today,
    examDate: profile.examDate,
    ...(parsed.value.settings ? { settings: parsed.value.settings } : {}),
  });
  if (!result.ok) {
    // Field paths in the response name the request's fields, like validation errors do.
    const { fields } = result.error;
    if (!fields || !parsed.value.settings) return result;
    const prefixed = Object.fromEntries(
      Object.entries(fields).map(([path, message]) => [path === 'examDate' ? path : `settings.${path}`, message]),
    );
    return { ok: false, error: { ...result.error, fields: prefixed } };
  }
  return ok(await getPlan(ctx, actor, {}));
}
