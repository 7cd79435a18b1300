import type { ReviewQueueResponse } from '#shared/contracts/journal.ts';
import type { Actor, Context } from '../context.ts';
import { forecastFor, loadReviewSchedule, toEntryView } from './load-review-schedule.ts';

/** A session's worth of cards sent at once; the rest of the day's queue comes with the next request. */
export const QUEUE_PAGE_SIZE = 50;

/** Today's review queue (least retained first), the day-by-day forecast to the exam, and whether undo is possible. */
export async function getReviewQueue(ctx: Context, actor: Actor): Promise<ReviewQueueResponse> {
  // The deck and whether there is a rating to undo come in one query (a round trip less per request).
  const [{ cards, hasReviews }, schedule] = await Promise.all([
    ctx.repos.journal.listCardsAndHasReviews(actor.userId),
    loadReviewSchedule(ctx.repos, actor, ctx.now()),
  ]);
  const { forecast, queue } = forecastFor(cards, schedule);
  // Only the first page of the queue is read whole, in one query: a backlog can hold thousands.
  const page = queue.slice(0, QUEUE_PAGE_SIZE);
  const byId = new Map(
    (
      await ctx.repos.journal.getEntries(
        actor.userId,
        page.map((q) => q.id),
      )
    ).map((e) => [e.id, e]),
  );
  return {
    examDate: schedule.exam?.examDate ?? null,
    today: schedule.today,
    dueCount: queue.length,
    queue: page.flatMap((q) => {
      const entry = byId.get(q.id);
      return entry ? [{ ...toEntryView(entry), retrievability: q.retrievability, isDueNow: q.isDueNow }] : [];
    }),
    forecast: {
      days: forecast.days,
      afterExamCount: forecast.afterExamCount,
      spreadCap: forecast.spreadCap,
      backlog: forecast.backlog,
    },
    canUndo: hasReviews,
  };
}
