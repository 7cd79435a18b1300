import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.ts';
import {
  BACKLOG_CATCH_UP_DAYS,
  BACKLOG_MIN_PER_DAY,
  backlogPerDay,
  buildDueQueue,
  FINAL_WEEKS_DAYS,
  forecastReviews,
  SPREAD_MULTIPLE,
  toQueueCard,
  type QueueCard,
} from './queue.ts';
import { createNewCard, examWindowOf, retrievabilityOf, type ReviewCard } from './schedule.ts';

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
  return toQueueCard(id, card);
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
          if (c.dueMs < exam.eveStartsAtMs + DAY_MS) expect(forecast.dayOf.get(c.id)).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  it(`paces a backlog from today, least retained first, ${BACKLOG_MIN_PER_DAY} or a ${BACKLOG_CATCH_UP_DAYS}th of it a day at most before the final weeks`, () => {
    fc.assert(
      fc.property(cardsArb, fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }), (specs, examInDays) => {
        const exam = examInDays === null ? null : examWindowOf(addDays(TODAY, examInDays), 'UTC');
        const cards = specs.map((s, i) => reviewedCard(`c${i}`, s));
        const forecast = forecastReviews({ cards, nowMs: NOW_MS, today: TODAY, exam, timeZone: 'UTC' });
        const todayStartMs = Date.parse(`${TODAY}T00:00:00Z`);
        const backlog = cards.filter((c) => c.dueMs < todayStartMs);
        expect(forecast.backlog.count).toBe(backlog.length);
        if (backlog.length === 0) {
          expect(forecast.backlog.perDay).toBeNull();
          return;
        }
        const perDay = forecast.backlog.perDay!;
        expect(perDay).toBe(backlogPerDay(backlog.length, forecast.days.length));
        // Days before the final weeks hold their own cards plus at most one day's share of the backlog.
        const windowStart = exam ? Math.max(0, forecast.days.length - FINAL_WEEKS_DAYS) : forecast.days.length;
        forecast.days.slice(0, windowStart).forEach((day, i) => {
          const own = cards.filter(
            (c) => c.dueMs >= todayStartMs && Math.floor((c.dueMs - todayStartMs) / DAY_MS) === i,
          );
          expect(day.count).toBeLessThanOrEqual(own.length + perDay);
        });
        // Where the final weeks do not move them: least retained first, none later than the catch-up days.
        const placed = backlog
          .map((c) => ({ r: retrievabilityOf(c, NOW_MS), day: forecast.dayOf.get(c.id)! }))
          .filter((p) => p.day < addDays(TODAY, windowStart));
        for (const p of placed) expect(p.day <= addDays(TODAY, BACKLOG_CATCH_UP_DAYS - 1)).toBe(true);
        for (const a of placed) for (const b of placed) if (a.r < b.r) expect(a.day <= b.day).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('spreads 300 missed reviews over the next week instead of putting them all on today', () => {
    const exam = examWindowOf('2027-06-01', 'UTC');
    const cards = Array.from({ length: 300 }, (_, i) =>
      reviewedCard(`m${String(i).padStart(3, '0')}`, { dueInDays: -1 - (i % 5), stability: 1 + i / 10 }),
    );
    const forecast = forecastReviews({ cards, nowMs: NOW_MS, today: TODAY, exam, timeZone: 'UTC' });
    expect(forecast.backlog).toEqual({ count: 300, perDay: 43, lastDay: '2027-01-16' });
    expect(forecast.days.slice(0, 8).map((d) => d.count)).toEqual([43, 43, 43, 43, 43, 43, 42, 0]);
    const queue = buildDueQueue({ cards, forecast, today: TODAY, nowMs: NOW_MS });
    // Today holds the least retained: the lowest stabilities.
    expect(queue.map((q) => q.id).slice(0, 3)).toEqual(['m000', 'm001', 'm002']);
    // A backlog of one block's misses is all due today.
    const few = cards.slice(0, BACKLOG_MIN_PER_DAY);
    const small = forecastReviews({ cards: few, nowMs: NOW_MS, today: TODAY, exam, timeZone: 'UTC' });
    expect(small.days[0]!.count).toBe(BACKLOG_MIN_PER_DAY);
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
