import { fail, ok, type Result } from '#domain/common/result.ts';
import type { Actor, Context } from '../context.ts';

export async function deleteBlock(ctx: Context, actor: Actor, id: string): Promise<Result<null>> {
  const isDeleted = await ctx.transactForStudent(actor.userId, (repos) => repos.evidence.deleteBlock(actor.userId, id));
  return isDeleted ? ok(null) : fail('NOT_FOUND', 'That block is not in your log.');
}
