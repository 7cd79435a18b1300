import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.ts';
import { replaySchedule, type ReplayReview } from './replay.ts';
import { applyReview, createNewCard, examWindowOf, type ReviewCard, type ReviewRating } from './schedule.ts';

const DAY_MS = 86_400_000;
const CREATED_MS = Date.parse('2027-01-02T18:00:00Z');

/** An entry rated at the given day offsets under `examDate`, as the app stores it. */
function rated(id: string, ratings: readonly [number, ReviewRating][], examDate: string) {
  const exam = examWindowOf(examDate, 'UTC');
  let card: ReviewCard = createNewCard(CREATED_MS);
  const reviews: ReplayReview[] = [];
  ratings.forEach(([day, rating], i) => {
    const record = applyReview({ card, rating, nowMs: CREATED_MS + day * DAY_MS, exam });
    reviews.push({ ...record, id: `${id}-r${i}`, entryId: id });
    card = record.cardAfter;
  });
  return { entry: { id, createdAtMs: CREATED_MS, card }, reviews };
}

const EXAM = '2027-03-01';
const deck = [
  rated(
    'a',
    [
      [0, 3],
      [1, 3],
      [5, 4],
    ],
    EXAM,
  ),
  rated(
    'b',
    [
      [0, 1],
      [0.01, 3],
      [2, 2],
    ],
    EXAM,
  ),
  rated(
    'c',
    [
      [0, 4],
      [20, 4],
    ],
    EXAM,
  ),
  rated('new', [], EXAM),
];
const entries = deck.map((d) => d.entry);
const reviews = deck.flatMap((d) => d.reviews);

describe('replaying the journal when the exam date changes', () => {
  it('changes nothing under the exam the cards were rated for', () => {
    expect(replaySchedule({ entries, reviews, exam: examWindowOf(EXAM, 'UTC') })).toEqual({ cards: [], reviews: [] });
  });

  it('lets due dates follow an exam four weeks later, from the same ratings', () => {
    const later = examWindowOf(addDays(EXAM, 28), 'UTC');
    const result = replaySchedule({ entries, reviews, exam: later });
    expect(result.cards.length).toBeGreaterThan(0);
    for (const { id, card } of result.cards) {
      const before = entries.find((e) => e.id === id)!.card;
      // Same ratings, so the same history; only the due instant the exam-day rules gave moves.
      expect({ reps: card.reps, lapses: card.lapses }).toEqual({ reps: before.reps, lapses: before.lapses });
      expect(Date.parse(card.due)).toBeGreaterThanOrEqual(Date.parse(before.due));
      expect(Date.parse(card.due)).toBeLessThan(later.examStartsAtMs);
    }
    // Each changed record keeps its rating and instant.
    for (const record of result.reviews) {
      const old = reviews.find((r) => r.id === record.id)!;
      expect({ rating: record.rating, at: record.reviewedAt, entry: record.entryId }).toEqual({
        rating: old.rating,
        at: old.reviewedAt,
        entry: old.entryId,
      });
    }
    // The new card, never rated, is untouched.
    expect(result.cards.map((c) => c.id)).not.toContain('new');
  });

  it('brings back before an earlier exam a card it would otherwise skip, and its rating records end on the replayed card', () => {
    const earlier = examWindowOf('2027-02-20', 'UTC');
    const result = replaySchedule({ entries, reviews, exam: earlier });
    const c = result.cards.find((x) => x.id === 'c');
    expect(c).toBeDefined();
    expect(Date.parse(c!.card.due)).toBeLessThanOrEqual(earlier.eveStartsAtMs);
    // The stored due of c ran past the new exam; the replay moves it before.
    expect(Date.parse(entries.find((e) => e.id === 'c')!.card.due)).toBeGreaterThan(earlier.examStartsAtMs);
    // The records are rewritten with it, so an undo after the replay steps back along the new schedule.
    const cRecords = result.reviews.filter((r) => r.entryId === 'c');
    const last = cRecords.find((r) => r.id === 'c-r1') ?? reviews.find((r) => r.id === 'c-r1')!;
    expect(last.cardAfter).toEqual(c!.card);
  });
});
