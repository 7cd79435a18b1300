import { describe, expect, it } from 'vitest';
import {
  adherenceOf,
  computeFlags,
  DRIFT_DROP_POINTS,
  LOW_ADHERENCE_BELOW,
  MIN_PLANNED_MINUTES_TO_JUDGE,
  windowOf,
  type FlagInput,
} from './flags.ts';

const ALL_ON = { scores: true, plan: true, wellbeing: true };

function input(overrides: Partial<FlagInput> = {}): FlagInput {
  return {
    today: '2026-12-01',
    scopes: ALL_ON,
    sittings: [],
    trendPointsPerWeek: null,
    plan: null,
    missedPracticeExams: [],
    shortfallWarnings: [],
    wellbeing: null,
    ...overrides,
  };
}

const ids = (i: FlagInput) => computeFlags(i).map((f) => f.id);

describe('computeFlags', () => {
  it('raises nothing for a student on plan with steady scores', () => {
    expect(
      computeFlags(
        input({
          sittings: [
            { date: '2026-11-01', name: 'NBME 13', score: 230 },
            { date: '2026-11-15', name: 'NBME 14', score: 236 },
          ],
          trendPointsPerWeek: 3,
          plan: { plannedMinutes: 1200, doneMinutes: 1000 },
          wellbeing: { isHelpPromptDue: false, badDays: 1, daysConsidered: 4 },
        }),
      ),
    ).toEqual([]);
  });

  it('flags a falling own trend at −2 points a week, and not at −1.9', () => {
    expect(ids(input({ trendPointsPerWeek: -2 }))).toEqual(['scores-drifting']);
    expect(ids(input({ trendPointsPerWeek: -1.9 }))).toEqual([]);
    expect(computeFlags(input({ trendPointsPerWeek: -3.25 }))[0]!.reason).toContain('3.3 points a week');
  });

  it('flags a drop of more than one form’s measurement error between the last two sittings', () => {
    const sittings = (drop: number) => [
      { date: '2026-11-15', name: 'NBME 14', score: 240 - drop },
      { date: '2026-11-01', name: 'NBME 13', score: 240 },
    ];
    expect(ids(input({ sittings: sittings(DRIFT_DROP_POINTS) }))).toEqual(['scores-drifting']);
    expect(ids(input({ sittings: sittings(DRIFT_DROP_POINTS - 1) }))).toEqual([]);
    expect(computeFlags(input({ sittings: sittings(10) }))[0]!.reason).toBe(
      'NBME 14 on Sunday 15 November came in 10 points under NBME 13 on Sunday 1 November.',
    );
  });

  it('compares the latest sitting with the best of the six weeks before it', () => {
    const series = [
      { date: '2026-09-01', name: 'NBME 11', score: 250 },
      { date: '2026-10-13', name: 'NBME 12', score: 236 },
      { date: '2026-10-27', name: 'NBME 13', score: 231 },
      { date: '2026-11-10', name: 'NBME 14', score: 227 },
    ];
    // 250 is more than six weeks before the latest; 236 (28 days before) is 9 above it.
    expect(computeFlags(input({ sittings: series }))).toEqual([
      {
        id: 'scores-drifting',
        reason: 'NBME 14 on Tuesday 10 November came in 9 points under NBME 12 on Tuesday 13 October.',
      },
    ]);
    expect(ids(input({ sittings: series.slice(2) }))).toEqual([]);
  });

  it('flags adherence under 60 % only when enough was planned to judge', () => {
    const planned = 1000;
    const justUnder = { plannedMinutes: planned, doneMinutes: planned * LOW_ADHERENCE_BELOW - 1 };
    expect(ids(input({ plan: justUnder }))).toEqual(['low-adherence']);
    expect(ids(input({ plan: { plannedMinutes: planned, doneMinutes: planned * LOW_ADHERENCE_BELOW } }))).toEqual([]);
    expect(ids(input({ plan: { plannedMinutes: MIN_PLANNED_MINUTES_TO_JUDGE - 1, doneMinutes: 0 } }))).toEqual([]);
    expect(computeFlags(input({ plan: { plannedMinutes: 600, doneMinutes: 300 } }))[0]!.reason).toBe(
      '5 h of 10 h planned done over the last 14 days (50 %).',
    );
  });

  it('flags each missed practice exam and the plan’s first shortfall, with their words', () => {
    const flags = computeFlags(
      input({
        missedPracticeExams: [{ date: '2026-11-20', name: 'UWSA 1' }],
        shortfallWarnings: ['Weeks 2 and 3 fit 10 of the 25 question-bank hours you asked for (rotation hours).'],
      }),
    );
    expect(flags).toEqual([
      { id: 'practice-exam-missed', reason: 'UWSA 1 was planned for Friday 20 November and is not marked done.' },
      {
        id: 'plan-shortfall',
        reason: 'Weeks 2 and 3 fit 10 of the 25 question-bank hours you asked for (rotation hours).',
      },
    ]);
  });

  it('flags wellbeing only when the student shares it and the check-ins call for help', () => {
    const wellbeing = { isHelpPromptDue: true, badDays: 3, daysConsidered: 4 };
    expect(ids(input({ wellbeing }))).toEqual(['wellbeing-low']);
    expect(ids(input({ wellbeing, scopes: { ...ALL_ON, wellbeing: false } }))).toEqual([]);
    expect(ids(input({ wellbeing: { ...wellbeing, isHelpPromptDue: false } }))).toEqual([]);
  });

  it('computes no flag from a scope switched off', () => {
    const everything = input({
      trendPointsPerWeek: -5,
      plan: { plannedMinutes: 1000, doneMinutes: 0 },
      missedPracticeExams: [{ date: '2026-11-20', name: 'UWSA 1' }],
      shortfallWarnings: ['short'],
      wellbeing: { isHelpPromptDue: true, badDays: 4, daysConsidered: 4 },
    });
    expect(ids(everything)).toHaveLength(5);
    expect(ids({ ...everything, scopes: { scores: false, plan: false, wellbeing: false } })).toEqual([]);
    expect(ids({ ...everything, scopes: { scores: true, plan: false, wellbeing: false } })).toEqual([
      'scores-drifting',
    ]);
  });
});

describe('adherenceOf and windowOf', () => {
  it('caps adherence at 100 % and needs a plan', () => {
    expect(adherenceOf({ plannedMinutes: 400, doneMinutes: 500 })).toBe(1);
    expect(adherenceOf(null)).toBeNull();
  });

  it('ends the window the day before today, 14 days long', () => {
    expect(windowOf('2026-12-01')).toEqual({ from: '2026-11-17', to: '2026-11-30' });
  });
});
