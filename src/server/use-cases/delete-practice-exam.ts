import { fail, ok, type Result } from '#domain/common/result.ts';
import type { Actor, Context } from '../context.ts';

export async function deletePracticeExam(ctx: Context, actor: Actor, id: string): Promise<Result<null>> {
  return (await ctx.repos.evidence.deletePracticeExam(actor.userId, id))
    ? ok(null)
    : fail('NOT_FOUND', 'That practice exam is not in your log.');
}
