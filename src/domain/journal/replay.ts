/**
 * Capability F, replay (decision 010): when the exam date (or the student's zone) changes, every
 * card's exam-day adjustments are recomputed from its stored ratings, so due dates follow the new
 * exam. The ratings and their instants never change; only what the rules made of them does.
 */
import { replayCard, type ExamWindow, type ReviewCard, type ReviewRating, type ReviewRecord } from './schedule.ts';

export type ReplayEntry = { id: string; createdAtMs: number; card: ReviewCard };
/** A stored rating: its id, its entry, and the record written with it. */
export type ReplayReview = { id: string; entryId: string } & ReviewRecord;

export type ReplayResult = {
  /** Entries whose card changed, with the card the new exam gives. */
  cards: { id: string; card: ReviewCard }[];
  /** Ratings whose record changed (the card before or after, FSRS's due, the adjustment). */
  reviews: ({ id: string; entryId: string } & ReviewRecord)[];
};

function sameCard(a: ReviewCard, b: ReviewCard): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Replays every entry's ratings (time order, ties in the given order) under `exam`, and returns
 * only what differs from what is stored: replaying with the exam the cards were rated under
 * changes nothing.
 *
 * @example an entry rated Good 40 days before an exam moved 4 weeks later gets a due date up to
 *   4 weeks later too; one rated with no exam moved at all is left out of the result.
 */
export function replaySchedule({
  entries,
  reviews,
  exam,
}: {
  entries: readonly ReplayEntry[];
  reviews: readonly ReplayReview[];
  exam: ExamWindow | null;
}): ReplayResult {
  const byEntry = new Map<string, ReplayReview[]>();
  for (const review of reviews) {
    const list = byEntry.get(review.entryId);
    if (list) list.push(review);
    else byEntry.set(review.entryId, [review]);
  }
  const result: ReplayResult = { cards: [], reviews: [] };
  for (const entry of entries) {
    const stored = [...(byEntry.get(entry.id) ?? [])].sort(
      (a, b) => Date.parse(a.reviewedAt) - Date.parse(b.reviewedAt),
    );
    const { card, records } = replayCard({
      createdAtMs: entry.createdAtMs,
      reviews: stored.map((r) => ({ atMs: Date.parse(r.reviewedAt), rating: r.rating as ReviewRating })),
      exam,
    });
    records.forEach((record, i) => {
      const old = stored[i]!;
      if (
        !sameCard(record.cardBefore, old.cardBefore) ||
        !sameCard(record.cardAfter, old.cardAfter) ||
        record.fsrsDue !== old.fsrsDue ||
        record.adjustment !== old.adjustment
      ) {
        result.reviews.push({ ...record, reviewedAt: old.reviewedAt, id: old.id, entryId: old.entryId });
      }
    });
    if (!sameCard(card, entry.card)) result.cards.push({ id: entry.id, card });
  }
  return result;
}
