import { fail, ok, type Result } from '#domain/common/result.ts';
import { undoReview } from '#domain/journal/schedule.ts';
import type { Actor, Context } from '../context.ts';

/** Undoes the student's last rating: the card goes back exactly as it was, deadline adjustment included. */
export async function undoJournalReview(ctx: Context, actor: Actor): Promise<Result<{ entryId: string; due: string }>> {
  return ctx.transactForStudent(actor.userId, async (repos) => {
    const last = await repos.journal.lastReview(actor.userId);
    if (!last) return fail('NOT_FOUND', 'There is no rating to undo.');
    const card = undoReview(last);
    await repos.journal.setCard(actor.userId, last.entryId, card);
    await repos.journal.deleteReview(actor.userId, last.id);
    return ok({ entryId: last.entryId, due: card.due });
  });
}
