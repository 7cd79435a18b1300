import { whyNotTickable } from '#domain/plan/item-rules.ts';
import { checkStatusChange } from '#domain/plan/replan.ts';
import { fail, ok, type Result } from '#domain/common/result.ts';
import { markItemRequestSchema, type PlanItemView } from '#shared/contracts/plan.ts';
import type { Actor, Context } from '../context.ts';
import { recordIdempotent, type IdempotentWrite } from '../idempotency.ts';
import type { StoredItem } from '../repositories/plans.repo.ts';
import { localDateIn } from '../time.ts';
import { parseInput } from './parse-input.ts';

/**
 * Marks one of the student's plan items done or skipped (or clears the mark). It runs under the
 * student's lock, so it never races a re-plan: the tick lands on the item (which keeps its id when
 * the re-plan kept the work), or, when a re-plan has just taken the item out, answers PLAN_CHANGED
 * (`details.removed`). A tick refused by the item's rules answers the item as it is now in
 * `details.item`, so a tick that waited offline can say where a push-back moved it (issue 13).
 */
export async function markPlanItem(
  ctx: Context,
  actor: Actor,
  itemId: string,
  body: unknown,
  idempotent?: IdempotentWrite<PlanItemView>,
): Promise<Result<PlanItemView>> {
  const parsed = parseInput(markItemRequestSchema, body);
  if (!parsed.ok) return parsed;
  const today = localDateIn(ctx.now(), actor.timeZone ?? 'UTC');
  return ctx.transactForStudent(actor.userId, async (repos, trx) => {
    const item = await repos.plans.getItem(actor.userId, itemId);
    if (!item) {
      return (await repos.plans.wasRemoved(actor.userId, itemId))
        ? {
            ok: false,
            error: {
              code: 'PLAN_CHANGED',
              message:
                'Your plan was just re-made (maybe in another tab or on your phone), and this item is no longer in it. Nothing was changed. Reload the plan and tick the item that took its place.',
              details: { removed: true },
            },
          }
        : fail('NOT_FOUND', 'That plan item does not exist. Reload the plan and try again.');
    }
    // A refusal carries the item as it is now: a tick queued offline is told where a re-flow moved it.
    const refuse = (code: 'ITEM_NOT_TICKABLE' | 'VALIDATION_FAILED', message: string): Result<never> => ({
      ok: false,
      error: { code, message, fields: { status: message }, details: { item: viewOf(item) } },
    });
    // The same rule the web uses to show the buttons: rest and the exam day take no tick.
    const untickable = whyNotTickable(item);
    if (untickable) return refuse('ITEM_NOT_TICKABLE', untickable);
    const problem = checkStatusChange(item, parsed.value.status, today);
    if (problem) return refuse('VALIDATION_FAILED', problem);
    const updated = await repos.plans.setStatus(actor.userId, itemId, parsed.value.status, ctx.now().toISOString());
    if (!updated) return fail('NOT_FOUND', 'That plan item does not exist. Reload the plan and try again.');
    await repos.evidence.detachBlocksFrom(actor.userId, itemId);
    const view = viewOf(updated);
    await recordIdempotent(trx, idempotent, view);
    return ok(view);
  });
}

function viewOf(item: StoredItem): PlanItemView {
  const { statusAt: _statusAt, sequence: _sequence, changedAt: _changedAt, ...view } = item;
  return view;
}
