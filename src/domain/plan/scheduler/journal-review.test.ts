import { describe, expect, it } from 'vitest';
import { addDays } from '../../common/dates.ts';
import { DEFAULT_PLAN_SETTINGS } from '../settings.ts';
import { generatePlan, JOURNAL_REVIEW_MAX_MINUTES, type Plan } from './index.ts';

const START = '2026-12-07'; // a Monday

function planWith(reviewMinutesByDate: Record<string, number>): Plan {
  const result = generatePlan({
    startDate: START,
    examDate: addDays(START, 60),
    settings: {
      ...DEFAULT_PLAN_SETTINGS,
      questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, questionsLeft: 1200 },
    },
    reviewMinutesByDate,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const slotsOf = (plan: Plan) =>
  plan.days.flatMap((d) => d.items.filter((i) => i.kind === 'journal-review').map((i) => [d.date, i.minutes]));

describe('the journal review slot', () => {
  it('reserves each day the forecast minutes, rounded up to 5, inside the daily cap', () => {
    // Given 12 cards due Monday at 1 minute a card and 7 on Tuesday
    const plan = planWith({ [START]: 12, [addDays(START, 1)]: 7 });
    // Then Monday has a 15-minute slot and Tuesday a 10-minute one, and no day is over its cap
    expect(slotsOf(plan)).toEqual([
      [START, 15],
      [addDays(START, 1), 10],
    ]);
    for (const day of plan.days.slice(0, -1)) {
      const study = day.items.filter((i) => i.kind !== 'rest' && i.kind !== 'exam').reduce((s, i) => s + i.minutes, 0);
      if (day.kind !== 'practice-exam' && day.kind !== 'full-length')
        expect(study).toBeLessThanOrEqual(plan.summary.dailyCapMinutes);
    }
  });

  it('spreads a backlog after missed days over the next days, at most an hour a day', () => {
    // Given a 150-minute backlog today (cards overdue after missed days)
    const plan = planWith({ [START]: 150 });
    // Then it is spread 60 + 60 + 30 over the next study days, never dumped on one day
    const slots = slotsOf(plan);
    expect(slots.map(([, m]) => m)).toEqual([JOURNAL_REVIEW_MAX_MINUTES, JOURNAL_REVIEW_MAX_MINUTES, 30]);
  });

  it('puts nothing on a practice-exam day: its cards wait for the next day', () => {
    const first = planWith({});
    const examDay = first.summary.practiceExamDates[0]!.date;
    const plan = planWith({ [examDay]: 20 });
    const slots = slotsOf(plan);
    expect(slots).toHaveLength(1);
    expect(slots[0]![0]! > examDay).toBe(true);
  });
});
