import { fail, ok, type Result } from '#domain/common/result.ts';
import type { Actor, Context } from '../context.ts';

/** Deletes an entry with its review log, in one transaction under the student's lock. */
export async function deleteJournalEntry(ctx: Context, actor: Actor, id: string): Promise<Result<null>> {
  const isDeleted = await ctx.transactForStudent(actor.userId, (repos) => repos.journal.deleteEntry(actor.userId, id));
  return isDeleted ? ok(null) : fail('NOT_FOUND', 'That entry is not in your journal.');
}
