import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, daysBetween, isLocalDate, nextWeekdayOnOrAfter } from './dates.ts';

describe('local dates', () => {
  it('accepts real calendar dates and rejects impossible ones', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2027-13-01')).toBe(false);
    expect(isLocalDate('2027-1-01')).toBe(false);
    expect(isLocalDate('27-01-01')).toBe(false);
    expect(isLocalDate('')).toBe(false);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('counts whole days between dates, ignoring daylight-saving changes', () => {
    expect(daysBetween('2027-01-01', '2027-01-31')).toBe(30);
    // US clocks change on 2027-03-14; the count is still whole days.
    expect(daysBetween('2027-03-13', '2027-03-15')).toBe(2);
    expect(daysBetween('2027-03-15', '2027-03-13')).toBe(-2);
  });

  it('finds the next given weekday on or after a date', () => {
    expect(dayOfWeek('2026-11-25')).toBe(3); // a Wednesday
    expect(nextWeekdayOnOrAfter('2026-11-25', 3)).toBe('2026-11-25');
    expect(nextWeekdayOnOrAfter('2026-11-26', 3)).toBe('2026-12-02');
  });

  it('keeps addDays and daysBetween consistent for any date and offset', () => {
    const dateArb = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -5000, max: 5000 }), (date, offset) => {
        const moved = addDays(date, offset);
        expect(isLocalDate(moved)).toBe(true);
        expect(daysBetween(date, moved)).toBe(offset);
      }),
    );
  });
});
