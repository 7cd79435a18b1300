/**
 * Free time and the limits of each day: sleep, protected weekly hours, dated exceptions and the
 * shifts they make, which may cross midnight, start the day before the plan's first day, or last
 * 24 hours (a range whose end is at or before its start ends the next day; equal ends mean 24 h).
 */
import { addDays, dayOfWeek, daysBetween } from '../../common/dates.ts';
import { dailyCapMinutesOf, minutesOf } from '../settings.ts';
import type { DayKind, Interval, PlanInput, PlanItem, WorkDay } from './types.ts';

export const DAY_MINUTES = 1440;
/** Slivers under this many minutes are not study time. */
export const MIN_USEFUL_MINUTES = 15;
/**
 * A shift of 8 hours or more leaves at most 4 study hours that day (issue 9: "4 after a shift of
 * 8 hours or more"); nobody does good questions on top of a full clinical day.
 */
export const LONG_SHIFT_MINUTES = 8 * 60;
export const LONG_SHIFT_STUDY_CAP_MINUTES = 4 * 60;
/**
 * After a shift of 16 hours or more, or one that ran through the night, the next day is light: at
 * most 2 study hours, and no practice exam or full-length day.
 */
export const POST_CALL_SHIFT_MINUTES = 16 * 60;
export const POST_CALL_STUDY_CAP_MINUTES = 2 * 60;
/** Nothing starts in the half hour after waking: washing, breakfast, the way to the desk. */
export const WAKE_UP_MINUTES = 30;
/** Nothing starts in the half hour after a shift ends: the way home and a meal. */
export const POST_SHIFT_BUFFER_MINUTES = 30;

export function subtract(intervals: Interval[], cut: Interval): Interval[] {
  const out: Interval[] = [];
  for (const iv of intervals) {
    if (cut.end <= iv.start || cut.start >= iv.end) {
      out.push(iv);
      continue;
    }
    if (cut.start > iv.start) out.push({ start: iv.start, end: cut.start });
    if (cut.end < iv.end) out.push({ start: cut.end, end: iv.end });
  }
  return out;
}

export function totalMinutes(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, iv) => sum + iv.end - iv.start, 0);
}

export function longestFree(day: Pick<WorkDay, 'free'>): number {
  return day.free.reduce((max, iv) => Math.max(max, iv.end - iv.start), 0);
}

/**
 * The length of a range from `start` to `end` minutes after midnight: an end at or before the
 * start is on the next day, so 19:00–07:00 is 12 h and 07:00–07:00 is 24 h.
 */
export function rangeMinutes(start: number, end: number): number {
  return end > start ? end - start : end + DAY_MINUTES - start;
}

type Shift = { start: number; end: number; isCall: boolean };

/**
 * Busy time (protected hours and dated exceptions) on an absolute minute line, where minute 0 is
 * midnight at the start of the day before the plan. Touching or overlapping ranges are one shift:
 * a 07:00–17:00 rotation followed by a 17:00–08:00 call is a 25-hour shift.
 */
function collectShifts(
  input: PlanInput,
  count: number,
  dateOf: (r: number) => string,
): { shifts: Shift[]; wholeDays: Set<number>; plainCuts: Interval[] } {
  const { settings, startDate } = input;
  const firstWeekday = dayOfWeek(startDate);
  const raw: Shift[] = [];
  const plainCuts: Interval[] = [];
  const wholeDays = new Set<number>();
  for (let r = -1; r < count; r++) {
    const date = dateOf(r);
    const base = (r + 1) * DAY_MINUTES;
    const weekday = (((firstWeekday + r) % 7) + 7) % 7;
    for (const slot of settings.protectedTime) {
      if (slot.weekday !== weekday) continue;
      const start = minutesOf(slot.start);
      raw.push({ start: base + start, end: base + start + rangeMinutes(start, minutesOf(slot.end)), isCall: false });
    }
    for (const exception of settings.exceptions) {
      if (exception.date !== date) continue;
      if (exception.start === null || exception.end === null) {
        // A whole day: a call day is a 24-hour shift; a blocked day or a break only removes the day.
        if (exception.kind === 'call') raw.push({ start: base, end: base + DAY_MINUTES, isCall: true });
        else wholeDays.add(r);
        continue;
      }
      const start = minutesOf(exception.start);
      const range = { start: base + start, end: base + start + rangeMinutes(start, minutesOf(exception.end)) };
      // A timed break is time off, not a shift: it removes the hours and leaves no tiredness behind.
      if (exception.kind === 'break') plainCuts.push(range);
      else raw.push({ ...range, isCall: exception.kind === 'call' });
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const shifts: Shift[] = [];
  for (const s of raw) {
    const last = shifts[shifts.length - 1];
    if (last && s.start <= last.end) {
      last.end = Math.max(last.end, s.end);
      last.isCall = last.isCall || s.isCall;
    } else shifts.push({ ...s });
  }
  return { shifts, wholeDays, plainCuts };
}

function crossesMidnight(shift: Shift): boolean {
  return Math.floor(shift.start / DAY_MINUTES) < Math.floor((shift.end - 1) / DAY_MINUTES);
}

/** The free intervals and limits of every date from `startDate` to the day before the exam. */
export function buildDays(input: PlanInput): WorkDay[] {
  const { startDate, examDate, settings } = input;
  const count = daysBetween(startDate, examDate);
  // Every date once (the day before the plan first): addDays is not free, and each is used twice.
  const dates = Array.from({ length: count + 1 }, (_, k) => addDays(startDate, k - 1));
  const dateOf = (r: number) => dates[r + 1]!;
  const { shifts, wholeDays, plainCuts } = collectShifts(input, count, dateOf);
  const sleepStart = minutesOf(settings.sleep.start);
  const sleepLength = rangeMinutes(sleepStart, minutesOf(settings.sleep.end));
  const baseCap = dailyCapMinutesOf(settings);
  // Busy time on the absolute line: sleep every night (from the night before the plan), the
  // shifts, the recovery sleep after a night or a long call, and the way home after every shift.
  const cuts: Interval[] = [...plainCuts];
  for (let r = -1; r < count; r++) {
    const base = (r + 1) * DAY_MINUTES + sleepStart;
    cuts.push({ start: base, end: base + sleepLength + WAKE_UP_MINUTES });
  }
  const postCallDays = new Set<number>();
  for (const shift of shifts) {
    cuts.push({ start: shift.start, end: shift.end });
    const isHard = crossesMidnight(shift) || shift.end - shift.start >= POST_CALL_SHIFT_MINUTES;
    // After a night or a long call the student sleeps first: as long as their own sleep window.
    const recovery = isHard ? sleepLength : 0;
    cuts.push({ start: shift.end, end: shift.end + Math.max(recovery, POST_SHIFT_BUFFER_MINUTES) });
    // The light day is the one on which that recovery sleep ends: the morning after a night, the
    // day after a call that ran into the evening.
    if (isHard) postCallDays.add(Math.floor((shift.end + recovery) / DAY_MINUTES) - 1);
  }

  // Each cut, filed under the dates it touches (index + 1: the day before the plan is 0).
  const cutsByDay: Interval[][] = Array.from({ length: count + 2 }, () => []);
  for (const cut of cuts) {
    const last = Math.min(count + 1, Math.floor((cut.end - 1) / DAY_MINUTES));
    for (let d = Math.max(0, Math.floor(cut.start / DAY_MINUTES)); d <= last; d++) cutsByDay[d]!.push(cut);
  }
  const shiftsByDay: Shift[][] = Array.from({ length: count + 2 }, () => []);
  for (const shift of shifts) {
    const last = Math.min(count + 1, Math.floor((shift.end - 1) / DAY_MINUTES));
    for (let d = Math.max(0, Math.floor(shift.start / DAY_MINUTES)); d <= last; d++) shiftsByDay[d]!.push(shift);
  }
  const breakDates = new Set(settings.exceptions.filter((e) => e.kind === 'break').map((e) => e.date));
  const fixedByDate = new Map<string, PlanItem[]>();
  for (const item of input.fixedItems ?? []) fixedByDate.set(item.date, [...(fixedByDate.get(item.date) ?? []), item]);

  const days: WorkDay[] = [];
  for (let i = 0; i < count; i++) {
    const date = dateOf(i);
    const dayStart = (i + 1) * DAY_MINUTES;
    const dayEnd = dayStart + DAY_MINUTES;
    let free: Interval[] = [{ start: 0, end: DAY_MINUTES }];
    for (const cut of cutsByDay[i + 1]!) {
      if (cut.end <= dayStart || cut.start >= dayEnd) continue;
      free = subtract(free, {
        start: Math.max(0, cut.start - dayStart),
        end: Math.min(DAY_MINUTES, cut.end - dayStart),
      });
    }
    let busyMinutes = 0;
    let hasCall = false;
    let isLongShiftDay = false;
    for (const shift of shiftsByDay[i + 1]!) {
      const overlap = Math.min(shift.end, dayEnd) - Math.max(shift.start, dayStart);
      if (overlap <= 0) continue;
      busyMinutes += overlap;
      hasCall = hasCall || shift.isCall;
      if (shift.end - shift.start >= LONG_SHIFT_MINUTES) isLongShiftDay = true;
    }
    const isBreak = breakDates.has(date);
    if (wholeDays.has(i)) free = [];
    free = free.filter((iv) => iv.end - iv.start >= MIN_USEFUL_MINUTES);
    const freeMinutes = totalMinutes(free);
    const isPostCall = postCallDays.has(i);
    let capMinutes = baseCap;
    if (isLongShiftDay) capMinutes = Math.min(capMinutes, LONG_SHIFT_STUDY_CAP_MINUTES);
    if (isPostCall) capMinutes = Math.min(capMinutes, POST_CALL_STUDY_CAP_MINUTES);

    const fixed = fixedByDate.get(date) ?? [];
    const units: Interval[] = [];
    let studyMinutes = 0;
    for (const item of fixed) {
      const span = { start: minutesOf(item.start), end: minutesOf(item.end) };
      free = subtract(free, span);
      if (item.kind !== 'rest' && item.kind !== 'exam') {
        units.push(span);
        studyMinutes += item.minutes;
      }
    }
    free = free.filter((iv) => iv.end - iv.start >= MIN_USEFUL_MINUTES);
    const heavy = fixed.find(
      (item) => item.kind === 'practice-exam' || item.kind === 'full-length' || item.kind === 'deep-review',
    );
    const kind: DayKind = isBreak
      ? 'rest'
      : heavy
        ? (heavy.kind as DayKind)
        : freeMinutes === 0
          ? 'blocked'
          : 'content';
    days.push({
      date,
      index: i,
      kind,
      freeMinutes,
      items: [...fixed],
      free,
      units: mergeUnits(units),
      studyMinutes,
      capMinutes,
      special: isBreak || freeMinutes === 0 || heavy !== undefined,
      isLongShiftDay,
      isPostCall,
      busyMinutes,
      hasCall,
    });
  }
  return days;
}

/** Touching study spans are one unit (a block and its review). */
function mergeUnits(units: Interval[]): Interval[] {
  const sorted = [...units].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const u of sorted) {
    const last = out[out.length - 1];
    if (last && u.start <= last.end) last.end = Math.max(last.end, u.end);
    else out.push({ ...u });
  }
  return out;
}
