import { addDays, type LocalDate } from '../../common/dates.ts';
import type { WorkDay } from './types.ts';

/**
 * Tests only: a study day with free time 08:00–23:00 and a cap of `capMinutes`, nothing on it yet,
 * `index` days after `from`.
 */
export function freeStudyDay(capMinutes: number, index = 0, from: LocalDate = '2026-12-01'): WorkDay {
  return {
    date: addDays(from, index),
    index,
    kind: 'content',
    freeMinutes: 900,
    items: [],
    free: [{ start: 8 * 60, end: 23 * 60 }],
    units: [],
    studyMinutes: 0,
    capMinutes,
    special: false,
    isLongShiftDay: false,
    isPostCall: false,
    busyMinutes: 0,
    hasCall: false,
  };
}
