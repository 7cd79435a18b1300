import { describe, expect, it } from 'vitest';
import { localDateIn, zonedTimeToUtc } from './time.ts';

describe('time zones', () => {
  it('reads the local date of an instant in a zone', () => {
    const instant = new Date('2026-11-24T15:00:00Z');
    expect(localDateIn(instant, 'America/Chicago')).toBe('2026-11-24');
    expect(localDateIn(instant, 'Pacific/Kiritimati')).toBe('2026-11-25');
    expect(localDateIn(instant, 'Pacific/Pago_Pago')).toBe('2026-11-24');
  });

  it.each([
    // [date, time, zone, UTC instant]
    ['2026-12-05', '17:00', 'America/Chicago', '2026-12-05T23:00:00.000Z'], // CST, UTC−6
    ['2027-03-24', '08:00', 'America/Chicago', '2027-03-24T13:00:00.000Z'], // CDT, UTC−5
    ['2027-03-14', '01:30', 'America/Chicago', '2027-03-14T07:30:00.000Z'], // before the 02:00 jump
    ['2027-03-14', '03:30', 'America/Chicago', '2027-03-14T08:30:00.000Z'], // after it
    ['2026-11-01', '23:00', 'America/New_York', '2026-11-02T04:00:00.000Z'], // the day clocks fall back
    ['2027-01-10', '09:00', 'Asia/Kolkata', '2027-01-10T03:30:00.000Z'], // a half-hour zone
    ['2027-01-10', '24:00', 'UTC', '2027-01-11T00:00:00.000Z'],
  ])('converts %s %s in %s to %s', (date, time, zone, expected) => {
    expect(zonedTimeToUtc(date, time, zone).toISOString()).toBe(expected);
  });
});
