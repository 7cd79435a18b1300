import type { ReviewQueueResponse } from '#shared/contracts/journal.ts';
import type { Actor, Context } from '../context.ts';
import { forecastFor, loadReviewSchedule, toEntryView } from './load-review-schedule.ts';

/** Today's review queue (least retained first), the day-by-day forecast to the exam, and whether undo is possible. */
export async function getReviewQueue(ctx: Context, actor: Actor): Promise<ReviewQueueResponse> {
  const [cards, schedule, last] = await Promise.all([
    ctx.repos.journal.listCards(actor.userId),
    loadReviewSchedule(ctx.repos, actor, ctx.now()),
    ctx.repos.journal.lastReview(actor.userId),
  ]);
  const { forecast, queue } = forecastFor(cards, schedule);
  // Only the queued entries are read whole: a student with thousands of cards has tens due.
  const entries = await Promise.all(queue.map((q) => ctx.repos.journal.getEntry(actor.userId, q.id)));
  return {
    examDate: schedule.exam?.examDate ?? null,
    today: schedule.today,
    queue: queue.flatMap((q, i) => {
      const entry = entries[i];
      return entry ? [{ ...toEntryView(entry), retrievability: q.retrievability, isDueNow: q.isDueNow }] : [];
    }),
    forecast: { days: forecast.days, afterExamCount: forecast.afterExamCount, spreadCap: forecast.spreadCap },
    canUndo: last !== undefined,
  };
}
