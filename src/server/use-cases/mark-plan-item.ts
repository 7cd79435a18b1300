import { checkStatusChange } from '#domain/plan/replan.ts';
import { fail, ok, type Result } from '#domain/common/result.ts';
import { markItemRequestSchema, type PlanItemView } from '#shared/contracts/plan.ts';
import type { Actor, Context } from '../context.ts';
import { localDateIn } from '../time.ts';
import { parseInput } from './parse-input.ts';

/** Marks one of the student's plan items done or skipped (or clears the mark). */
export async function markPlanItem(
  ctx: Context,
  actor: Actor,
  itemId: string,
  body: unknown,
): Promise<Result<PlanItemView>> {
  const parsed = parseInput(markItemRequestSchema, body);
  if (!parsed.ok) return parsed;
  const item = await ctx.repos.plans.getItem(actor.userId, itemId);
  if (!item) return fail('NOT_FOUND', 'That plan item does not exist. Reload the plan and try again.');
  const problem = checkStatusChange(item, parsed.value.status, localDateIn(ctx.now(), actor.timeZone ?? 'UTC'));
  if (problem) return fail('VALIDATION_FAILED', problem, { status: problem });
  const updated = await ctx.repos.plans.setStatus(actor.userId, itemId, parsed.value.status, ctx.now().toISOString());
  if (!updated) return fail('NOT_FOUND', 'That plan item does not exist. Reload the plan and try again.');
  const { statusAt: _statusAt, ...view } = updated;
  return ok(view);
}
