import { describe, expect, it } from 'vitest';
import { describeChange } from './plan-labels.ts';
import {
  formatHoursAndMinutes,
  formatMonthViewRange,
  formatWeekRange,
  mondayOf,
  monthViewWeeks,
  weekDates,
} from './plan-dates.ts';

describe('plan dates', () => {
  it('starts weeks on Monday', () => {
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(weekDates('2027-01-01')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it('shows five weeks from the week in hand in the month view', () => {
    const weeks = monthViewWeeks('2026-11-24');
    expect(weeks).toHaveLength(5);
    expect(weeks[0]![0]).toBe('2026-11-23');
    expect(weeks[4]![6]).toBe('2026-12-27');
    expect(formatMonthViewRange('2026-11-24')).toBe('Nov 23 – Dec 27, 2026');
  });

  it('names a week across months and years', () => {
    expect(formatWeekRange('2026-12-09')).toBe('Dec 7 – 13, 2026');
    expect(formatWeekRange('2026-12-01')).toBe('Nov 30 – Dec 6, 2026');
    expect(formatWeekRange('2026-12-30')).toBe('Dec 28, 2026 – Jan 3, 2027');
  });
});

describe('hours of a day', () => {
  it('says fractional hours in hours and minutes, never as a decimal', () => {
    // The default cap (6.75 h) and the weekly total over 7 days (48 / 7 = 6.857 h) read the same way
    expect(formatHoursAndMinutes(6.75)).toBe('6 h 45 min');
    expect(formatHoursAndMinutes(48 / 7)).toBe('6 h 51 min');
    expect(formatHoursAndMinutes(7)).toBe('7 h');
    expect(formatHoursAndMinutes(0.5)).toBe('30 min');
  });
});

describe('postmortem changes in words', () => {
  it('says what a setting is now and what it was', () => {
    expect(describeChange({ setting: 'practiceExamEveryDays', from: 10, to: 7 })).toEqual({
      label: 'Practice exam every 7 days',
      was: '10',
    });
    expect(describeChange({ setting: 'weeklyHours.rest', from: 4, to: 8 })).toEqual({
      label: 'Rest: 8 hours a week',
      was: '4',
    });
    expect(describeChange({ setting: 'flags.timedOnly', from: false, to: true }).was).toBeNull();
  });
});
