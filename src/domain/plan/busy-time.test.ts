import { describe, expect, it } from 'vitest';
import { busyTimeOn, describeBusyTime } from './busy-time.ts';
import type { PlanSettings } from './settings.ts';

// 2026-12-05 is a Saturday, 2026-12-06 a Sunday, 2026-12-07 a Monday.
const settings: Pick<PlanSettings, 'protectedTime' | 'exceptions'> = {
  protectedTime: [
    { weekday: 1, start: '07:00', end: '17:00', label: 'Surgery rotation' },
    { weekday: 0, start: '19:00', end: '07:00', label: 'Night float' },
  ],
  exceptions: [
    { date: '2026-12-05', kind: 'call', start: '07:00', end: '07:00', label: '24-hour call' },
    { date: '2026-12-09', kind: 'blocked', start: null, end: null, label: '' },
  ],
};

describe('busyTimeOn', () => {
  it('names the 24-hour call on its day, with its own label and times', () => {
    expect(busyTimeOn(settings, '2026-12-05').map(describeBusyTime)).toEqual([
      '24-hour call, 07:00 to 07:00 the next day',
    ]);
  });

  it('names it again on the day after, which it runs into, then the row that starts that day', () => {
    // Given Sunday: the call from Saturday until 07:00, and the Sunday night float from 19:00
    expect(busyTimeOn(settings, '2026-12-06').map(describeBusyTime)).toEqual([
      '24-hour call until 07:00, from the day before',
      'Night float, 19:00 to 07:00 the next day',
    ]);
  });

  it('puts the night float carried into Monday before Monday’s rotation', () => {
    expect(busyTimeOn(settings, '2026-12-07').map((b) => [b.label, b.isFromDayBefore])).toEqual([
      ['Night float', true],
      ['Surgery rotation', false],
    ]);
  });

  it('gives a row without a label its kind’s name, and a whole day says so', () => {
    expect(busyTimeOn(settings, '2026-12-09').map(describeBusyTime)).toEqual(['Blocked, all day']);
  });

  it('is empty on a day with nothing protected', () => {
    expect(busyTimeOn(settings, '2026-12-08')).toEqual([]);
  });
});
