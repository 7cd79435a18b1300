import { describe, expect, it } from 'vitest';
import { dayOfWeek } from '../common/dates.ts';
import { examFormatOn, expectedReviewStart, passingStandardOn, scoreReleaseWindow } from './exam-facts.ts';

describe('passing standard', () => {
  it('is 218 for exams from 1 July 2025 and 214 just before', () => {
    expect(passingStandardOn('2025-07-01').score).toBe(218);
    expect(passingStandardOn('2027-03-01').score).toBe(218);
    expect(passingStandardOn('2025-06-30').score).toBe(214);
    expect(passingStandardOn('2022-07-01').score).toBe(214);
    expect(passingStandardOn('2022-06-30').score).toBe(209);
  });
});

describe('exam format', () => {
  it('is 16 thirty-minute blocks from 7 May 2026, 8 one-hour blocks before', () => {
    expect(examFormatOn('2026-05-07')).toMatchObject({ blocks: 16, blockMinutes: 30, dayHours: 9 });
    expect(examFormatOn('2026-05-06')).toMatchObject({ blocks: 8, blockMinutes: 60, dayHours: 9 });
  });
});

describe('score release window', () => {
  it('falls on the Wednesdays three and four weeks after the test', () => {
    // Given an exam on Monday 2027-03-01
    const window = scoreReleaseWindow('2027-03-01');
    // Then the earliest is the first Wednesday ≥ 21 days later, the latest the first ≥ 28 days later.
    expect(window).toEqual({ earliest: '2027-03-24', latest: '2027-03-31' });
    expect(dayOfWeek(window.earliest)).toBe(3);
    expect(dayOfWeek(window.latest)).toBe(3);
  });

  it('skips the week of July 4 and the last week of December', () => {
    // Three weeks after 2027-06-10 is 2027-07-01; the Wednesday of the July 4 week (2027-06-28 to 07-04)
    // is 2027-06-30, which is before 21 days, so the first candidate is 2027-07-07: allowed.
    expect(scoreReleaseWindow('2027-06-10').earliest).toBe('2027-07-07');
    // An exam on 2027-06-09: 21 days later is 2027-06-30, the Wednesday of the July 4 week: pushed to 07-07.
    expect(scoreReleaseWindow('2027-06-09').earliest).toBe('2027-07-07');
    // An exam on 2026-12-02: 28 days later is 2026-12-30, in the last week of December: pushed to 2027-01-06.
    expect(scoreReleaseWindow('2026-12-02').latest).toBe('2027-01-06');
  });
});

describe('expected review start', () => {
  it('uses the published 2025 date while it is ahead', () => {
    expect(expectedReviewStart('2025-06-01')).toEqual({ date: '2025-09-24', isEstimate: false });
  });

  it('estimates later seasons as the fourth Wednesday of September', () => {
    expect(expectedReviewStart('2026-11-24')).toEqual({ date: '2027-09-22', isEstimate: true });
    expect(expectedReviewStart('2027-09-23')).toEqual({ date: '2028-09-27', isEstimate: true });
  });
});
