import { compareDates, type LocalDate } from '#domain/common/dates.ts';
import { fail, ok, type Failure, type Result } from '#domain/common/result.ts';
import { carryIdentities } from '#domain/plan/identity.ts';
import { replan, type Replan } from '#domain/plan/replan.ts';
import { DEFAULT_PLAN_SETTINGS, withBlockFormat, type PlanSettings } from '#domain/plan/settings.ts';
import { planSettingsSchema, savePlanRequestSchema, type PlanResponse } from '#shared/contracts/plan.ts';
import { fieldErrorsFrom } from '#shared/contracts/errors.ts';
import type { Actor, Context, Repos } from '../context.ts';
import { localDateIn } from '../time.ts';
import { getPlan } from './get-plan.ts';
import { journalReviewMinutes } from './journal-review-slot.ts';
import { parseInput } from './parse-input.ts';

/**
 * Re-plans from today to `examDate` and stores the result, in one transaction that holds the
 * student's lock: a tick or a logged block from another tab or app instance waits for it (or it
 * for them), so no tick is read stale and none is overwritten. Work that keeps its place keeps its
 * id and calendar UID (carryIdentities). `beforeStore` runs in the same transaction once the new
 * plan is known to fit (moving the exam date, for an accepted delay), so both land or neither does.
 */
export async function replanAndStore(
  ctx: Context,
  actor: Actor,
  input: {
    today: LocalDate;
    examDate: LocalDate;
    settings?: PlanSettings;
    /** A change to the work still ahead (a way out), applied after the work done is subtracted. */
    settingsPatch?: Partial<PlanSettings>;
    /** Runs before the plan is stored; a failure it returns is answered, and nothing is stored. */
    beforeStore?: (repos: Repos) => Promise<Failure | null>;
  },
): Promise<Result<Replan>> {
  return ctx.transactForStudent(actor.userId, async (repos) => {
    const stored = await repos.plans.get(actor.userId);
    if (!input.settings && !stored) return fail('PLAN_MISSING', 'There is no plan to re-plan yet. Build one first.');
    let patch = input.settingsPatch;
    const was = stored?.settings.questionBank;
    if (patch?.questionBank && was && patch.questionBank.reviewMinutesPerBlock === was.reviewMinutesPerBlock) {
      // A new block format with the review time left as it was: the review follows the block when
      // it was the old block's length (the domain's rule, the one the settings page shows).
      patch = {
        ...patch,
        questionBank: {
          ...patch.questionBank,
          ...withBlockFormat(was, patch.questionBank.blockFormat),
          questionsLeft: patch.questionBank.questionsLeft,
          mode: patch.questionBank.mode,
        },
      };
    }
    if (patch) {
      // The patched settings must be valid settings as a whole (the weekly total, for one).
      const merged = planSettingsSchema.safeParse({ ...(stored?.settings ?? DEFAULT_PLAN_SETTINGS), ...patch });
      if (!merged.success) {
        const fields = fieldErrorsFrom(merged.error);
        return fail(
          'VALIDATION_FAILED',
          Object.values(fields)[0] ?? 'That change does not make valid settings.',
          fields,
        );
      }
    }
    const items = await repos.plans.listItems(actor.userId);
    // The journal's review slot, sized by its forecast of due cards (none without entries).
    const reviewMinutesByDate = await journalReviewMinutes(repos, actor, ctx.now());
    const result = replan({
      today: input.today,
      examDate: input.examDate,
      settings: input.settings ?? stored?.settings ?? DEFAULT_PLAN_SETTINGS,
      generationStart: stored?.startDate ?? input.today,
      items,
      isEdited: input.settings !== undefined,
      plannedAt: stored?.updatedAt,
      ...(patch ? { patch } : {}),
      ...(reviewMinutesByDate ? { reviewMinutesByDate } : {}),
    });
    if (!result.ok) return result;
    const { plan } = result.value;
    const replaced = items.filter((item) => compareDates(item.date, plan.startDate) >= 0);
    const planItems = plan.days.flatMap((day) => day.items);
    const planIds = new Set(planItems.map((item) => item.id));
    // Done work the new plan carries as it is; done work it leaves out (after a moved-up exam date) goes.
    const kept = new Map(
      replaced.filter((item) => item.status === 'done' && planIds.has(item.id)).map((item) => [item.id, item]),
    );
    const leftOut = replaced.filter((item) => item.status === 'done' && !planIds.has(item.id)).map((item) => item.id);
    const now = ctx.now().toISOString();
    const identified = carryIdentities({
      items: planItems,
      kept,
      previous: replaced.filter((item) => !leftOut.includes(item.id)),
      newId: ctx.newId,
      now,
    });
    const refused = (await input.beforeStore?.(repos)) ?? null;
    if (refused) return { ok: false, error: refused };
    await repos.plans.replaceFrom(actor.userId, {
      plan,
      settings: result.value.settings,
      items: identified.items.map((item) => {
        const done = kept.get(item.id);
        return { ...item, status: done ? 'done' : null, statusAt: done?.statusAt ?? null };
      }),
      removedIds: [...identified.removedIds, ...leftOut],
      now,
    });
    return result;
  });
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
    ...(parsed.value.settingsPatch ? { settingsPatch: parsed.value.settingsPatch } : {}),
  });
  if (!result.ok) {
    // Field paths in the response name the request's fields, like validation errors do.
    const { fields } = result.error;
    const prefix = parsed.value.settings ? 'settings' : parsed.value.settingsPatch ? 'settingsPatch' : null;
    if (!fields || !prefix) return result;
    const prefixed = Object.fromEntries(
      Object.entries(fields).map(([path, message]) => [path === 'examDate' ? path : `${prefix}.${path}`, message]),
    );
    return { ok: false, error: { ...result.error, fields: prefixed } };
  }
  return ok(await getPlan(ctx, actor, {}));
}
