import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.ts';
import { buildDueQueue, FINAL_WEEKS_DAYS, forecastReviews, SPREAD_MULTIPLE, type QueueCard } from './queue.ts';
import { createNewCard, examWindowOf, type ReviewCard } from './schedule.ts';

const DAY_MS = 86_400_000;
const NOW_MS = Date.parse('2027-01-10T15:00:00Z');
const TODAY = '2027-01-10';

/** A reviewed card due `dueInDays` from now, with a stability and last review that set its retrievability. */
function reviewedCard(id: string, { dueInDays, stability }: { dueInDays: number; stability: number }): QueueCard {
  const card: ReviewCard = {
    ...createNewCard(NOW_MS),
    state: 2,
    stability,
    difficulty: 5,
    reps: 3,
    due: new Date(NOW_MS + dueInDays * DAY_MS).toISOString(),
    lastReview: new Date(NOW_MS - 2 * DAY_MS).toISOString(),
  };
  return { id, card };
}

const cardsArb = fc.array(
  fc.record({
    dueInDays: fc.double({ min: -20, max: 120, noNaN: true }),
    stability: fc.double({ min: 0.5, max: 300, noNaN: true }),
  }),
  { maxLength: 400 },
);

describe('the review forecast', () => {
  it(`never puts more than ${SPREAD_MULTIPLE} × the average (at least 1) on one day of the final weeks, and loses no card`, () => {
    fc.assert(
      fc.property(cardsArb, fc.integer({ min: 1, max: 90 }), (specs, examInDays) => {
        const exam = examWindowOf(addDays(TODAY, examInDays), 'UTC');
        const cards = specs.map((s, i) => reviewedCard(`c${i}`, s));
        const forecast = forecastReviews({ cards, nowMs: NOW_MS, today: TODAY, exam, timeZone: 'UTC' });
        expect(forecast.days).toHaveLength(examInDays);
        const windowDays = forecast.days.slice(-FINAL_WEEKS_DAYS);
        const average = windowDays.reduce((s, d) => s + d.count, 0) / windowDays.length;
        for (const day of windowDays) {
          expect(day.count).toBeLessThanOrEqual(Math.max(1, Math.ceil(SPREAD_MULTIPLE * average)));
        }
        expect(forecast.days.reduce((s, d) => s + d.count, 0) + forecast.afterExamCount).toBe(cards.length);
        // A card due before the eve is never counted after the eve.
        for (const c of cards) {
          if (Date.parse(c.card.due) < exam.eveStartsAtMs + DAY_MS) expect(forecast.dayOf.get(c.id)).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('spreads a pile-up on the eve by pulling the least retained cards forward', () => {
    const exam = examWindowOf('2027-01-20', 'UTC');
    // 20 cards all due on the eve (2027-01-19), of growing stability (retention).
    const cards = Array.from({ length: 20 }, (_, i) =>
      reviewedCard(`c${String(i).padStart(2, '0')}`, { dueInDays: 9.2, stability: 1 + i }),
    );
    const forecast = forecastReviews({ cards, nowMs: NOW_MS, today: TODAY, exam, timeZone: 'UTC' });
    // 20 cards over 10 days: average 2, cap 3.
    expect(forecast.spreadCap).toBe(3);
    expect(forecast.days.map((d) => d.count)).toEqual([0, 0, 0, 2, 3, 3, 3, 3, 3, 3]);
    // The best retained stay on the eve; the least retained move earliest.
    expect(['c17', 'c18', 'c19'].map((id) => forecast.dayOf.get(id))).toEqual([
      '2027-01-19',
      '2027-01-19',
      '2027-01-19',
    ]);
    expect(forecast.dayOf.get('c00')).toBe('2027-01-13');
  });

  it('orders today’s queue least retained first, overdue cards included', () => {
    const cards = [
      reviewedCard('strong', { dueInDays: -0.1, stability: 50 }),
      reviewedCard('weak', { dueInDays: -3, stability: 1 }),
      reviewedCard('later', { dueInDays: 3, stability: 5 }),
    ];
    const forecast = forecastReviews({ cards, nowMs: NOW_MS, today: TODAY, exam: null, timeZone: 'UTC' });
    expect(forecast.days).toHaveLength(30);
    expect(buildDueQueue({ cards, forecast, today: TODAY, nowMs: NOW_MS }).map((q) => q.id)).toEqual([
      'weak',
      'strong',
    ]);
  });
});

describe('local day starts', () => {
  it('match a search for every day, across daylight-saving changes', async () => {
    const { datesFrom, startOfLocalDay, startsOfLocalDays } = await import('./zone.ts');
    for (const zone of ['America/Chicago', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC']) {
      const dates = datesFrom('2026-12-01', '2027-12-01');
      expect(startsOfLocalDays(dates, zone)).toEqual(dates.map((d) => startOfLocalDay(d, zone)));
    }
  });
});
