import { describe, expect, it } from 'vitest';
import { addDays } from '../../common/dates.ts';
import { DEFAULT_PLAN_SETTINGS } from '../settings.ts';
import {
  askWay,
  describeShortfalls,
  formatWeekSpan,
  freeHoursWay,
  largerWays,
  weeklyShortfalls,
} from './shortfalls.ts';
import type { Shortfall, WeekLedger, WorkDay } from './types.ts';

const CAP = 405;

/** A day of a call rotation: no free time left at all, the whole cap used up by the call. */
function callDay(date: string, index: number): WorkDay {
  return {
    date,
    index,
    kind: 'light',
    freeMinutes: 0,
    items: [],
    free: [],
    units: [],
    studyMinutes: 0,
    capMinutes: CAP,
    special: false,
    isLongShiftDay: true,
    isPostCall: false,
    busyMinutes: 24 * 60,
    hasCall: true,
  };
}

/** Week `week` of a plan that starts on `start`, asked 10 h of content review, given `contentMinutes`. */
function contentWeek(start: string, week: number, contentMinutes: number): WeekLedger {
  const first = addDays(start, (week - 1) * 7);
  return {
    week,
    days: Array.from({ length: 7 }, (_, i) => callDay(addDays(first, i), (week - 1) * 7 + i)),
    totalMinutes: 48 * 60,
    askedQbankMinutes: 0,
    askedContentMinutes: 600,
    qbankMinutes: 0,
    contentMinutes,
    qbankLimit: null,
    contentLimit: 'room',
  };
}

describe('ways out of a weekly shortfall', () => {
  it('never asks for 0 h/week: a week that fits no content review gets the free-time advice instead', () => {
    // Given a week of calls that fits none of the 10 content-review hours asked
    const settings = DEFAULT_PLAN_SETTINGS;
    // When the shortfalls are found
    const [shortfall] = weeklyShortfalls([contentWeek('2026-11-24', 2, 0)], settings, CAP);
    // Then it is said, with the call as its cause, and no way out lowers the ask to zero
    expect(shortfall).toMatchObject({ kind: 'content-review', cause: 'call', plannedMinutes: 0, askedMinutes: 600 });
    expect(shortfall!.waysOut.map((w) => w.label)).toEqual([
      '10 more free hours that week (a swapped shift, an evening off) makes it fit',
    ]);
    expect(shortfall!.waysOut.some((w) => /\b0 h\/week/.test(w.label))).toBe(false);
    expect(shortfall!.waysOut.some((w) => w.settingsPatch?.weeklyHours?.contentReview === 0)).toBe(false);
  });

  it('still offers a lower ask when some of it fits: 4 of 10 h → "Ask for 4 h/week"', () => {
    const [shortfall] = weeklyShortfalls([contentWeek('2026-11-24', 2, 240)], DEFAULT_PLAN_SETTINGS, CAP);
    expect(shortfall!.waysOut.map((w) => w.label)).toContain(
      'Ask for 4 h/week of content review: what fits in the weeks that fall short',
    );
  });

  it('a larger version of a lower ask stops at 1 h/week, never 0', () => {
    // Given "Ask for 3 h/week of content review" that did not remove its shortfall
    const ladder = largerWays(DEFAULT_PLAN_SETTINGS, askWay(DEFAULT_PLAN_SETTINGS, 'contentReview', 3));
    // Then the larger ways are 2 h and 1 h
    expect(ladder.map((w) => w.settingsPatch?.weeklyHours?.contentReview)).toEqual([2, 1]);
  });
});

describe('shortfall sentences', () => {
  it('name each week with its dates: "week 2 (Dec 1–7)"', () => {
    // Given a plan that starts on Tuesday 24 November 2026, short in its second week
    const shortfalls = weeklyShortfalls([contentWeek('2026-11-24', 2, 240)], DEFAULT_PLAN_SETTINGS, CAP);
    // Then the week is stored with its dates and said with them
    expect(shortfalls[0]).toMatchObject({ week: 2, firstDate: '2026-12-01', lastDate: '2026-12-07' });
    expect(describeShortfalls(shortfalls)).toEqual([
      'Content-review hours fall short in week 2 (Dec 1–7): 4 of 10 h. Cause: call. Way out: 6 more free hours that week (a swapped shift, an evening off) makes it fit.',
    ]);
  });

  it('a week across two months, and more than three weeks, say every date span or the last date', () => {
    const weeks = [1, 2, 3, 4, 5].map((w) => contentWeek('2026-11-23', w, 240));
    const [line] = describeShortfalls(weeklyShortfalls(weeks, DEFAULT_PLAN_SETTINGS, CAP));
    expect(line).toMatch(
      /^Content-review hours fall short in week 1 \(Nov 23–29\): 4 of 10 h; week 2 \(Nov 30–Dec 6\): 4 of 10 h; week 3 \(Dec 7–13\): 4 of 10 h; and 2 more weeks, through Dec 27\. Cause: call\./,
    );
  });

  it('a shortfall stored before the dates were kept is still said, by its number', () => {
    const old: Shortfall = {
      week: 3,
      kind: 'question-bank',
      plannedMinutes: 600,
      askedMinutes: 1500,
      cause: 'rotation hours',
      waysOut: [],
    };
    expect(describeShortfalls([old])).toEqual([
      'Question-bank hours fall short in week 3: 10 of 25 h. Cause: rotation hours.',
    ]);
  });

  it('formats a week span within a month, across months, and a single day', () => {
    expect(formatWeekSpan('2026-12-01', '2026-12-07')).toBe('Dec 1–7');
    expect(formatWeekSpan('2026-11-30', '2026-12-06')).toBe('Nov 30–Dec 6');
    expect(formatWeekSpan('2027-01-11', '2027-01-11')).toBe('Jan 11');
  });
});

describe('a way out of free hours', () => {
  it('says "1 more free hour", not "1 more free hours"', () => {
    expect(freeHoursWay(60).label).toBe('1 more free hour that week (a swapped shift, an evening off) makes it fit');
    expect(freeHoursWay(150).label).toBe('3 more free hours that week (a swapped shift, an evening off) makes it fit');
  });
});
