import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.ts';
import {
  applyReview,
  createNewCard,
  examWindowOf,
  LAST_LOOK_DAYS,
  replayCard,
  retrievabilityAt,
  undoReview,
  WELL_RETAINED,
  type ReviewCard,
  type ReviewRating,
} from './schedule.ts';

const DAY_MS = 86_400_000;
const START_MS = Date.parse('2027-01-02T18:00:00Z');
const ratingArb = fc.constantFrom<ReviewRating>(1, 2, 3, 4);
const zoneArb = fc.constantFrom('UTC', 'America/Chicago', 'Asia/Kolkata', 'Pacific/Auckland');

/** A card built by a random history: ratings at random gaps (minutes to weeks). */
const historyArb = fc.array(fc.record({ rating: ratingArb, gapMinutes: fc.integer({ min: 1, max: 40 * 24 * 60 }) }), {
  maxLength: 12,
});

function cardAfter(history: { rating: ReviewRating; gapMinutes: number }[], exam: ReturnType<typeof examWindowOf>) {
  let card: ReviewCard = createNewCard(START_MS);
  let t = START_MS;
  for (const step of history) {
    t += step.gapMinutes * 60_000;
    card = applyReview({ card, rating: step.rating, nowMs: t, exam }).cardAfter;
  }
  return { card, t };
}

describe('review scheduling aimed at exam day', () => {
  it(`puts no card first due after the eve while it is below ${WELL_RETAINED} retrievability at the exam`, () => {
    fc.assert(
      fc.property(
        historyArb,
        ratingArb,
        fc.integer({ min: 2, max: 400 }),
        zoneArb,
        (history, rating, examInDays, zone) => {
          const exam = examWindowOf(addDays('2027-01-02', examInDays), zone);
          const { card, t } = cardAfter(history, exam);
          const nowMs = t + 60_000;
          fc.pre(nowMs < exam.eveStartsAtMs);
          const after = applyReview({ card, rating, nowMs, exam }).cardAfter;
          if (Date.parse(after.due) >= exam.examStartsAtMs) {
            expect(retrievabilityAt(after, exam.examStartsAtMs)).toBeGreaterThanOrEqual(WELL_RETAINED);
            // And the exam is within the last-look window: nothing skips the exam unseen for longer.
            expect(exam.examStartsAtMs - nowMs).toBeLessThanOrEqual(LAST_LOOK_DAYS * DAY_MS);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never gives an earlier due date for a better rating', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 2, max: 400 }), zoneArb, (history, examInDays, zone) => {
        const exam = examWindowOf(addDays('2027-01-02', examInDays), zone);
        const { card, t } = cardAfter(history, exam);
        const nowMs = t + 60_000;
        const dues = ([1, 2, 3, 4] as const).map((rating) =>
          Date.parse(applyReview({ card, rating, nowMs, exam }).cardAfter.due),
        );
        for (let i = 1; i < dues.length; i += 1) expect(dues[i]).toBeGreaterThanOrEqual(dues[i - 1]!);
      }),
      { numRuns: 400 },
    );
  });

  it('never gives an earlier due date for a better rating: a lower rating due later on the eve (found by fast-check)', () => {
    const exam = examWindowOf(addDays('2027-01-02', 119), 'UTC');
    const { card, t } = cardAfter(
      [
        { rating: 1, gapMinutes: 19351 },
        { rating: 2, gapMinutes: 16404 },
        { rating: 2, gapMinutes: 46595 },
        { rating: 4, gapMinutes: 28890 },
      ],
      exam,
    );
    const dues = ([1, 2, 3, 4] as const).map((rating) =>
      Date.parse(applyReview({ card, rating, nowMs: t + 60_000, exam }).cardAfter.due),
    );
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
  });

  it('restores the card exactly on undo, deadline adjustment included', () => {
    fc.assert(
      fc.property(historyArb, ratingArb, fc.integer({ min: 2, max: 400 }), (history, rating, examInDays) => {
        const exam = examWindowOf(addDays('2027-01-02', examInDays), 'America/Chicago');
        const { card, t } = cardAfter(history, exam);
        const before = structuredClone(card);
        const record = applyReview({ card, rating, nowMs: t + 60_000, exam });
        // Through JSON, as the database keeps it.
        const restored = undoReview(JSON.parse(JSON.stringify(record)) as typeof record);
        expect(restored).toStrictEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('brings an Easy card back once before the exam when its last review would be over four weeks old', () => {
    const exam = examWindowOf('2027-04-01', 'UTC');
    let card = createNewCard(START_MS);
    let t = START_MS;
    for (const rating of [3, 3, 3] as const) {
      card = applyReview({ card, rating, nowMs: t, exam }).cardAfter;
      t = Math.max(t + 60_000, Date.parse(card.due));
    }
    const easy = applyReview({ card, rating: 4, nowMs: t, exam });
    expect(easy.adjustment).toBe('last-look');
    expect(easy.cardAfter.due).toBe('2027-03-31T00:00:00.000Z');
    // Seen on the eve, it may skip the exam: it is well retained and its last look is a day old.
    const eve = applyReview({ card: easy.cardAfter, rating: 4, nowMs: Date.parse(easy.cardAfter.due), exam });
    expect(eve.adjustment).toBe('none');
  });

  it('replays a history to the same card as rating it step by step', () => {
    const exam = examWindowOf('2027-03-01', 'UTC');
    const reviews = [
      { atMs: START_MS + 60_000, rating: 3 as const },
      { atMs: START_MS + 3 * DAY_MS, rating: 2 as const },
      { atMs: START_MS + 9 * DAY_MS, rating: 4 as const },
    ];
    let card = createNewCard(START_MS);
    for (const r of reviews) card = applyReview({ card, rating: r.rating, nowMs: r.atMs, exam }).cardAfter;
    expect(replayCard({ createdAtMs: START_MS, reviews: [...reviews].reverse(), exam }).card).toStrictEqual(card);
  });
});
