import { fail, ok, type Result } from '#domain/common/result.ts';
import { replan } from '#domain/plan/replan.ts';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from '#domain/plan/settings.ts';
import { savePlanRequestSchema, type PlanResponse } from '#shared/contracts/plan.ts';
import type { Actor, Context } from '../context.ts';
import { localDateIn } from '../time.ts';
import { getPlan } from './get-plan.ts';
import { parseInput } from './parse-input.ts';

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
  const stored = await ctx.repos.plans.get(actor.userId);
  if (!parsed.value.settings && !stored) {
    return fail('PLAN_MISSING', 'There is no plan to re-plan yet. Build one first.');
  }
  const settings: PlanSettings = parsed.value.settings ?? stored?.settings ?? DEFAULT_PLAN_SETTINGS;
  const today = localDateIn(ctx.now(), profile.timeZone);
  const items = await ctx.repos.plans.listItems(actor.userId);
  const result = replan({
    today,
    examDate: profile.examDate,
    settings,
    generationStart: stored?.startDate ?? today,
    items,
    isEdited: parsed.value.settings !== undefined,
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
  const statuses = new Map(
    items.filter((i) => i.status === 'done').map((i) => [i.id, { status: 'done' as const, at: i.statusAt }]),
  );
  await ctx.repos.plans.replaceFrom(
    actor.userId,
    result.value.plan,
    result.value.settings,
    statuses,
    ctx.now().toISOString(),
  );
  return ok(await getPlan(ctx, actor, {}));
}
