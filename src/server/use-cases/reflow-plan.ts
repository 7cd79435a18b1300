import { fail, ok, type Result } from '#domain/common/result.ts';
import { reflow, summaryAfterMoves, type ReflowMode } from '#domain/plan/reflow.ts';
import { pushBackRequestSchema, spreadMissedRequestSchema, type ReflowResponse } from '#shared/contracts/plan.ts';
import type { Actor, Context } from '../context.ts';
import { recordIdempotent, type IdempotentWrite } from '../idempotency.ts';
import { localDateIn } from '../time.ts';
import { getPlan } from './get-plan.ts';
import { parseInput } from './parse-input.ts';

const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;

function messageOf(mode: ReflowMode, moved: number, removed: number, notPlaced: number): string {
  if (mode.kind === 'push-back') {
    if (moved === 0 && removed === 0) return 'There was no open work from today on to push back.';
    const base = `Pushed back a day: ${items(moved)} moved, each to the next day with room.`;
    return removed > 0
      ? `${base} ${items(removed)} no longer fit before the exam and left the plan; re-plan from today to fit the work into the days left.`
      : base;
  }
  const days = mode.days === 1 ? 'today' : `the next ${mode.days} days`;
  if (moved === 0 && notPlaced === 0) return 'Nothing was missed, so there was nothing to spread.';
  if (moved === 0)
    return `None of the ${items(notPlaced)} you missed fits into ${days}: those days are full (the cap, shifts or heavy days). Try more days, or re-plan from today.`;
  const base = `Spread ${items(moved)} you missed over ${days}.`;
  return notPlaced > 0
    ? `${base} ${items(notPlaced)} did not fit and ${notPlaced === 1 ? 'is' : 'are'} still missed: try more days, or re-plan from today.`
    : base;
}

/**
 * Re-flows the stored plan without re-planning it: pushes the open work a day back, or spreads the
 * missed work over the next days (src/domain/plan/reflow.ts). Under the student's lock, like a
 * re-plan, so a tick from another tab waits for it; moved items keep their ids (and calendar UIDs),
 * with a higher sequence so calendar apps update the events. With an Idempotency-Key
 * (docs/idempotency.md) the answer, the plan after the moves, is read and recorded under the key in
 * the same transaction, so a retry after a lost answer gets it back and moves nothing again.
 */
export async function reflowPlan(
  ctx: Context,
  actor: Actor,
  body: unknown,
  kind: ReflowMode['kind'],
  idempotent?: IdempotentWrite<ReflowResponse>,
): Promise<Result<ReflowResponse>> {
  let mode: ReflowMode;
  if (kind === 'spread') {
    const parsed = parseInput(spreadMissedRequestSchema, body);
    if (!parsed.ok) return parsed;
    mode = { kind: 'spread', days: parsed.value.days };
  } else {
    const parsed = parseInput(pushBackRequestSchema, body ?? {});
    if (!parsed.ok) return parsed;
    mode = { kind: 'push-back' };
  }
  const profile = await ctx.repos.profiles.get(actor.userId);
  if (!profile) return fail('PROFILE_MISSING', 'Set up your profile first: the plan runs to your exam date.');
  const today = localDateIn(ctx.now(), profile.timeZone);
  return ctx.transactForStudent(actor.userId, async (repos, trx): Promise<Result<ReflowResponse>> => {
    const stored = await repos.plans.get(actor.userId);
    if (!stored) return fail('PLAN_MISSING', 'There is no plan to re-flow yet. Build one first.');
    const all = await repos.plans.listItems(actor.userId, { from: stored.startDate });
    const result = reflow({ today, examDate: stored.examDate, settings: stored.settings, items: all, mode });
    if (!result.ok) return result;
    const { moved, removed, notPlaced } = result.value;
    if (moved.length > 0 || removed.length > 0) {
      const at = new Map(moved.map((m) => [m.id, m]));
      const gone = new Set(removed.map((i) => i.id));
      const after = all.filter((i) => !gone.has(i.id)).map((i) => ({ ...i, ...at.get(i.id) }));
      await repos.plans.applyMoves(actor.userId, {
        moved,
        removedIds: [...gone],
        summary: summaryAfterMoves(stored.summary, after),
        warnings: stored.warnings,
        now: ctx.now().toISOString(),
      });
    }
    const plan = await getPlan(ctx, actor, {}, repos);
    const counts = { moved: moved.length, removed: removed.length, notPlaced: notPlaced.length };
    const response: ReflowResponse = {
      ...plan,
      reflow: { ...counts, message: messageOf(mode, counts.moved, counts.removed, counts.notPlaced) },
    };
    await recordIdempotent(trx, idempotent, response);
    return ok(response);
  });
}
