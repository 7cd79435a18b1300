import { describe, expect, it } from 'vitest';
import { MIN_STUDENTS_FOR_AGGREGATE, summarizeCohort, type CohortInput } from './cohort.ts';

const row = (overrides: Partial<CohortInput> = {}): CohortInput => ({
  adherence: 0.8,
  isFlagged: false,
  flagIds: [],
  verdict: 'on-track',
  ...overrides,
});

describe('summarizeCohort', () => {
  it('shows nothing over fewer than 5 students', () => {
    const four = Array.from({ length: MIN_STUDENTS_FOR_AGGREGATE - 1 }, () => row());
    expect(summarizeCohort(four)).toEqual({ shown: false, students: 4, minimum: 5 });
  });

  it('counts flags and verdicts over 5 students, with the median adherence', () => {
    const rows = [
      row({ adherence: 0.5, isFlagged: true, flagIds: ['low-adherence'], verdict: 'off-track' }),
      row({ adherence: 0.7 }),
      row({ adherence: 0.9 }),
      row({ adherence: 0.95, isFlagged: true, flagIds: ['plan-shortfall', 'plan-shortfall'] }),
      row({ adherence: 1, verdict: 'proceed' }),
    ];
    expect(summarizeCohort(rows)).toEqual({
      shown: true,
      students: 5,
      flagged: 2,
      byFlag: { 'low-adherence': 1, 'plan-shortfall': 1 },
      medianAdherence: 0.9,
      adherenceStudents: 5,
      onTrackOrProceed: 4,
      verdictStudents: 5,
    });
  });

  it('leaves out a figure known for fewer than 5 of the students', () => {
    const rows = Array.from({ length: 6 }, (_, i) => row({ adherence: i < 4 ? 0.5 : null, verdict: null }));
    const summary = summarizeCohort(rows);
    expect(summary.shown && summary.medianAdherence).toBeNull();
    expect(summary.shown && summary.verdictStudents).toBe(0);
  });
});
