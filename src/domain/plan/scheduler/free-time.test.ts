import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from '../settings.ts';
import { buildDays, rangeMinutes } from './free-time.ts';

const settings = (overrides: Partial<PlanSettings>): PlanSettings => ({ ...DEFAULT_PLAN_SETTINGS, ...overrides });
// 2026-11-30 is a Monday.
const days = (overrides: Partial<PlanSettings>, count = 3) =>
  buildDays({ startDate: '2026-11-30', examDate: `2026-12-0${count}`, settings: settings(overrides) });

describe('free time and the limits of a day', () => {
  it('reads an end at or before the start as the next day: 19:00–07:00 is 12 h, 07:00–07:00 is 24 h', () => {
    expect(rangeMinutes(19 * 60, 7 * 60)).toBe(720);
    expect(rangeMinutes(7 * 60, 7 * 60)).toBe(1440);
    expect(rangeMinutes(7 * 60, 17 * 60)).toBe(600);
  });

  it('keeps a Sunday night shift out of Monday morning, then the student sleeps 8 h: Monday is free 15:00–19:00 only', () => {
    const [monday] = days({
      protectedTime: [0, 1].map((weekday) => ({ weekday, start: '19:00', end: '07:00', label: 'Nights' })),
    });
    expect(monday!.free).toEqual([{ start: 15 * 60, end: 19 * 60 }]);
    expect(monday).toMatchObject({ isPostCall: true, isLongShiftDay: true, capMinutes: 120 });
  });

  it('joins a rotation and the call after it into one 25-hour shift, and makes the next day light', () => {
    const [monday, tuesday] = days({
      protectedTime: [{ weekday: 1, start: '07:00', end: '17:00', label: 'Rotation' }],
      exceptions: [{ date: '2026-11-30', kind: 'call', start: '17:00', end: '08:00', label: 'Call' }],
    });
    // Monday: awake from 07:00, at work from 07:00 until Tuesday 08:00: nothing is free.
    expect(monday!.free).toEqual([]);
    // Tuesday: 08:00 + 8 h of recovery sleep = 16:00, to the 23:00 sleep window.
    expect(tuesday!.free).toEqual([{ start: 16 * 60, end: 23 * 60 }]);
    expect(tuesday).toMatchObject({ isPostCall: true, hasCall: true, capMinutes: 120 });
  });

  it('caps a day with an 8-hour shift at 4 study hours, and leaves half an hour after it', () => {
    const [monday] = days({ protectedTime: [{ weekday: 1, start: '07:00', end: '15:00', label: 'Clinic' }] });
    expect(monday!.free).toEqual([{ start: 15 * 60 + 30, end: 23 * 60 }]);
    expect(monday).toMatchObject({ isLongShiftDay: true, isPostCall: false, capMinutes: 240 });
  });

  it('gives a free day the default cap: 40 study hours a week over 6 days, rounded up to 6 h 45', () => {
    const [monday] = days({});
    expect(monday!.free).toEqual([{ start: 7 * 60 + 30, end: 23 * 60 }]);
    expect(monday!.capMinutes).toBe(405);
  });
});
