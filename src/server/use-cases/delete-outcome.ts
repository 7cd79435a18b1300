import { fail, ok, type Result } from '#domain/common/result.ts';
import type { Actor, Context } from '../context.ts';

/** Removes the recorded result (and with it the stored prediction and the consent to share it). */
export async function deleteOutcome(ctx: Context, actor: Actor): Promise<Result<null>> {
  const isDeleted = await ctx.transactForStudent(actor.userId, (repos) => repos.outcomes.delete(actor.userId));
  return isDeleted ? ok(null) : fail('NOT_FOUND', 'There is no recorded result to delete.');
}
