import fc from 'fast-check';
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

  // RFC 5545 §3.3.5: a time in a gap uses the offset from before the gap (it lands after the jump
  // by as much as it was after the gap's start); a time in an overlap is its first occurrence.
  it.each([
    // [date, time, zone, UTC instant, what it is on the student's clock]
    // America/Chicago: 02:00 CST → 03:00 CDT on 2027-03-14; 02:00 CDT → 01:00 CST on 2027-11-07.
    ['2027-03-14', '02:00', 'America/Chicago', '2027-03-14T08:00:00.000Z', 'gap start → 03:00 CDT'],
    ['2027-03-14', '02:30', 'America/Chicago', '2027-03-14T08:30:00.000Z', 'in the gap → 03:30 CDT'],
    ['2027-03-14', '02:59', 'America/Chicago', '2027-03-14T08:59:00.000Z', 'gap end → 03:59 CDT'],
    ['2027-03-14', '03:00', 'America/Chicago', '2027-03-14T08:00:00.000Z', '03:00 CDT'],
    ['2027-11-07', '00:59', 'America/Chicago', '2027-11-07T05:59:00.000Z', 'before the overlap, CDT'],
    ['2027-11-07', '01:00', 'America/Chicago', '2027-11-07T06:00:00.000Z', 'overlap start, first (CDT)'],
    ['2027-11-07', '01:30', 'America/Chicago', '2027-11-07T06:30:00.000Z', 'in the overlap, first (CDT)'],
    ['2027-11-07', '02:00', 'America/Chicago', '2027-11-07T08:00:00.000Z', 'after the overlap, CST'],
    ['2027-11-07', '24:00', 'America/Chicago', '2027-11-08T06:00:00.000Z', 'end of the long day, CST'],
    // Europe/Berlin: 02:00 CET → 03:00 CEST on 2027-03-28; 03:00 CEST → 02:00 CET on 2027-10-31.
    ['2027-03-28', '02:30', 'Europe/Berlin', '2027-03-28T01:30:00.000Z', 'in the gap → 03:30 CEST'],
    ['2027-03-28', '03:00', 'Europe/Berlin', '2027-03-28T01:00:00.000Z', '03:00 CEST'],
    ['2027-03-28', '01:59', 'Europe/Berlin', '2027-03-28T00:59:00.000Z', 'before the gap, CET'],
    ['2027-10-31', '02:00', 'Europe/Berlin', '2027-10-31T00:00:00.000Z', 'overlap start, first (CEST)'],
    ['2027-10-31', '02:30', 'Europe/Berlin', '2027-10-31T00:30:00.000Z', 'in the overlap, first (CEST)'],
    ['2027-10-31', '03:00', 'Europe/Berlin', '2027-10-31T02:00:00.000Z', 'after the overlap, CET'],
    // Australia/Sydney (southern hemisphere: summer time ends in April, starts in October):
    // 03:00 AEDT → 02:00 AEST on 2027-04-04; 02:00 AEST → 03:00 AEDT on 2027-10-03.
    ['2027-04-04', '02:30', 'Australia/Sydney', '2027-04-03T15:30:00.000Z', 'in the overlap, first (AEDT)'],
    ['2027-04-04', '03:00', 'Australia/Sydney', '2027-04-03T17:00:00.000Z', 'after the overlap, AEST'],
    ['2027-10-03', '02:30', 'Australia/Sydney', '2027-10-02T16:30:00.000Z', 'in the gap → 03:30 AEDT'],
    ['2027-10-03', '03:00', 'Australia/Sydney', '2027-10-02T16:00:00.000Z', '03:00 AEDT'],
  ])('converts %s %s in %s to %s (%s)', (date, time, zone, expected) => {
    expect(zonedTimeToUtc(date, time, zone).toISOString()).toBe(expected);
  });

  it('never moves a time in a gap backwards', () => {
    // The defect this guards: 02:30 on the spring-forward day became 01:30.
    const gap = zonedTimeToUtc('2027-03-14', '02:30', 'America/Chicago');
    expect(gap.getTime()).toBeGreaterThan(zonedTimeToUtc('2027-03-14', '01:59', 'America/Chicago').getTime());
  });

  it('maps every real wall-clock minute back to the first instant that shows it', () => {
    const zones = ['America/Chicago', 'Europe/Berlin', 'Australia/Sydney', 'Australia/Lord_Howe', 'UTC'];
    const from = Date.parse('2026-01-01T00:00:00Z') / 60_000;
    const to = Date.parse('2029-01-01T00:00:00Z') / 60_000;
    const anyMinute = fc.integer({ min: from, max: to });
    const transitions = [
      '2027-03-14T08:00Z', // Chicago, spring
      '2027-11-07T07:00Z', // Chicago, fall
      '2027-03-28T01:00Z', // Berlin, spring
      '2027-10-31T01:00Z', // Berlin, fall
      '2027-04-03T16:00Z', // Sydney, fall (April)
      '2027-10-02T16:00Z', // Sydney, spring (October)
    ].map((iso) => Date.parse(iso) / 60_000);
    const nearTransition = fc
      .tuple(fc.constantFrom(...transitions), fc.integer({ min: -180, max: 180 }))
      .map(([at, delta]) => at + delta);
    fc.assert(
      // Half the runs within three hours of a transition, where the mistakes would be.
      fc.property(fc.constantFrom(...zones), fc.oneof(anyMinute, nearTransition), (zone, minute) => {
        const instant = minute * 60_000;
        const { date, time } = wallClockAt(instant, zone);
        const back = zonedTimeToUtc(date, time, zone).getTime();
        // Same wall clock, and never later than the instant (earlier only for a second occurrence).
        expect(wallClockAt(back, zone)).toEqual({ date, time });
        expect(back).toBeLessThanOrEqual(instant);
        expect(instant - back).toBeLessThanOrEqual(3_600_000);
      }),
      { numRuns: 2000 },
    );
  });
});

function wallClockAt(instant: number, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
