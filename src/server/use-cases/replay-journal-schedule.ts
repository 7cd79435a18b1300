import { replaySchedule } from '#domain/journal/replay.ts';
import type { Actor, Context } from '../context.ts';
import { loadReviewSchedule } from './load-review-schedule.ts';

/**
 * Recomputes every journal card's exam-day adjustments from its stored ratings, under the exam date
 * and zone the profile holds now (decision 010, replay). Called after the exam date changes (a saved
 * profile, an accepted delay). One transaction under the student's lock: it reads the profile there,
 * so of two changes in a row the last one's date wins, and a rating cannot slip in between.
 * Only cards and records that change are written.
 */
export async function replayJournalSchedule(
  ctx: Context,
  actor: Actor,
): Promise<{ cardsChanged: number; reviewsChanged: number }> {
  return ctx.transactForStudent(actor.userId, async (repos) => {
    const [origins, reviews, schedule] = await Promise.all([
      repos.journal.listCardOrigins(actor.userId),
      repos.journal.listReviews(actor.userId),
      loadReviewSchedule(repos, actor, ctx.now()),
    ]);
    if (origins.length === 0) return { cardsChanged: 0, reviewsChanged: 0 };
    const result = replaySchedule({
      entries: origins.map((o) => ({ id: o.id, createdAtMs: Date.parse(o.createdAt), card: o.card })),
      reviews,
      exam: schedule.exam,
    });
    for (const review of result.reviews) await repos.journal.updateReviewRecord(actor.userId, review.id, review);
    for (const { id, card } of result.cards) await repos.journal.setCard(actor.userId, id, card);
    return { cardsChanged: result.cards.length, reviewsChanged: result.reviews.length };
  });
}
