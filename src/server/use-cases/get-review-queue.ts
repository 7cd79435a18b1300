import type { ReviewQueueResponse } from '#shared/contracts/journal.ts';
import type { QueueCard } from '#domain/journal/queue.ts';
import type { Actor, Context } from '../context.ts';
import { journalDeckCacheFor, type JournalDeckCache } from './journal-deck-cache.ts';
import { forecastFor, loadReviewSchedule, toEntryView } from './load-review-schedule.ts';

/** A session's worth of cards sent at once; the rest of the day's queue comes with the next request. */
export const QUEUE_PAGE_SIZE = 50;

/**
 * The student's deck and whether there is a rating to undo. With a cache, one cheap query reads the
 * journal revision and the rating check, and the deck is read (with both again, in one query) only
 * when this process holds none at that revision (journal-deck-cache.ts). Without one, it is read.
 */
async function deckOf(
  ctx: Context,
  userId: string,
  cache: JournalDeckCache | null,
): Promise<{ cards: readonly QueueCard[]; hasReviews: boolean }> {
  if (cache) {
    const { revision, hasReviews } = await ctx.repos.journal.deckRevisionAndHasReviews(userId);
    const cards = cache.get(userId, revision);
    if (cards) return { cards, hasReviews };
  }
  const read = await ctx.repos.journal.listCardsAndHasReviews(userId);
  return { cards: cache ? cache.set(userId, read.revision, read.cards) : read.cards, hasReviews: read.hasReviews };
}

/**
 * Today's review queue (least retained first), the day-by-day forecast to the exam, and whether undo
 * is possible. `deckCache` null reads the deck afresh (the tests' reference).
 */
export async function getReviewQueue(
  ctx: Context,
  actor: Actor,
  deckCache: JournalDeckCache | null = journalDeckCacheFor(ctx.database.db),
): Promise<ReviewQueueResponse> {
  const [{ cards, hasReviews }, schedule] = await Promise.all([
    deckOf(ctx, actor.userId, deckCache),
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
