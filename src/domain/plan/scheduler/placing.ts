/**
 * Placing work into a day's free time with a human rhythm: a short break after every block and its
 * review (and between any two pieces of study), a longer one at least every `MAX_RUN_MINUTES`, and
 * never more study in the day than its cap.
 */
import type { PracticeFormId } from '../../exam/practice-forms.ts';
import { timeOf } from '../settings.ts';
import { subtract } from './free-time.ts';
import type { Interval, PlanItem, PlanItemKind, WorkDay } from './types.ts';

/** A short break after each block-and-review pair: stand up, drink water, look away from a screen. */
export const SHORT_BREAK_MINUTES = 15;
/** A longer break (a meal, a walk) after at most this much study time on the clock: about every 3 h. */
export const MAX_RUN_MINUTES = 210;
export const LONG_BREAK_MINUTES = 45;

export type Part = {
  kind: PlanItemKind;
  title: string;
  minutes: number;
  questions?: number;
  form?: PracticeFormId;
};

/** Study items: everything a student works at (rest and the exam itself excepted). */
export function isStudyKind(kind: PlanItemKind): boolean {
  return kind !== 'rest' && kind !== 'exam';
}

function insertSorted(units: readonly Interval[], unit: Interval): Interval[] {
  const out = [...units];
  let k = out.findIndex((u) => u.start > unit.start);
  if (k < 0) k = out.length;
  out.splice(k, 0, unit);
  return out;
}

/**
 * Whether the day's study units (sorted, disjoint) with `extra` added keep the rhythm: at least a
 * short break between any two, and a run of units closer than a long break spans at most MAX_RUN_MINUTES.
 */
function keepsRhythmWith(units: readonly Interval[], extra: Interval): boolean {
  let previous: Interval | null = null;
  let runStart = 0;
  let k = 0;
  let isExtraDone = false;
  while (k < units.length || !isExtraDone) {
    let next: Interval;
    if (!isExtraDone && (k >= units.length || extra.start < units[k]!.start)) {
      next = extra;
      isExtraDone = true;
    } else next = units[k++]!;
    const gap = previous === null ? Infinity : next.start - previous.end;
    if (gap < SHORT_BREAK_MINUTES) return false;
    if (gap >= LONG_BREAK_MINUTES) {
      // Past the new unit, a long break means the rest is as it was, and it kept the rhythm.
      if (isExtraDone && next !== extra) return true;
      runStart = next.start;
    } else if (next.end - runStart > MAX_RUN_MINUTES) return false;
    previous = next;
  }
  return true;
}

function isValidStart(day: Pick<WorkDay, 'free' | 'units'>, start: number, minutes: number): boolean {
  const end = start + minutes;
  let isInside = false;
  for (const iv of day.free) {
    if (iv.start <= start && end <= iv.end) {
      isInside = true;
      break;
    }
  }
  return isInside && keepsRhythmWith(day.units, { start, end });
}

/** The start of a `minutes`-long study unit on `day` that keeps the rhythm, or null. */
export function findStudyStart(
  day: Pick<WorkDay, 'free' | 'units'>,
  minutes: number,
  opts: { fromEnd?: boolean; at?: number } = {},
): number | null {
  if (opts.at !== undefined && isValidStart(day, opts.at, minutes)) return opts.at;
  const fromEnd = opts.fromEnd === true;
  let best: number | null = null;
  // Candidates: where a free stretch starts or ends, and a break's length before or after each unit.
  const n = day.free.length * 2 + day.units.length * 4;
  for (let k = 0; k < n; k++) {
    let s: number;
    if (k < day.free.length * 2) {
      const iv = day.free[k >> 1]!;
      s = k % 2 === 0 ? iv.start : iv.end - minutes;
    } else {
      const j = k - day.free.length * 2;
      const u = day.units[j >> 2]!;
      const which = j % 4;
      s =
        which === 0
          ? u.end + SHORT_BREAK_MINUTES
          : which === 1
            ? u.end + LONG_BREAK_MINUTES
            : which === 2
              ? u.start - SHORT_BREAK_MINUTES - minutes
              : u.start - LONG_BREAK_MINUTES - minutes;
    }
    if (best !== null && (fromEnd ? s <= best : s >= best)) continue;
    if (isValidStart(day, s, minutes)) best = s;
  }
  return best;
}

/** A provisional id, unique within the plan; `tidyItems` gives the final ones. */
function itemId(day: WorkDay, kind: PlanItemKind): string {
  return `tmp:${day.date}-${kind}-${day.items.length + 1}`;
}

function commit(day: WorkDay, parts: readonly Part[], start: number): PlanItem[] {
  const placed: PlanItem[] = [];
  let t = start;
  for (const part of parts) {
    const item: PlanItem = {
      id: itemId(day, part.kind),
      date: day.date,
      kind: part.kind,
      title: part.title,
      start: timeOf(t),
      end: timeOf(t + part.minutes),
      minutes: part.minutes,
      ...(part.questions !== undefined ? { questions: part.questions } : {}),
      ...(part.form ? { form: part.form } : {}),
    };
    day.items.push(item);
    placed.push(item);
    t += part.minutes;
  }
  day.free = subtract(day.free, { start, end: t });
  return placed;
}

/**
 * Places study parts back to back as one unit (a block and its review), keeping the rhythm and,
 * unless `ignoreCap`, the day's cap. `at` is the preferred start (the exam's clock). Null when it
 * does not fit.
 */
export function placeStudy(
  day: WorkDay,
  parts: readonly Part[],
  opts: { fromEnd?: boolean; at?: number; ignoreCap?: boolean } = {},
): PlanItem[] | null {
  const minutes = parts.reduce((sum, p) => sum + p.minutes, 0);
  if (!opts.ignoreCap && day.studyMinutes + minutes > day.capMinutes) return null;
  const start = findStudyStart(day, minutes, opts);
  if (start === null) return null;
  day.units = insertSorted(day.units, { start, end: start + minutes });
  day.studyMinutes += minutes;
  return commit(day, parts, start);
}

/** Places rest (not study: no cap, no rhythm) in the earliest free interval long enough, or the latest. */
export function placeRestItem(day: WorkDay, part: Part, fromEnd = false): PlanItem | null {
  const candidates = day.free.filter((iv) => iv.end - iv.start >= part.minutes);
  const chosen = fromEnd ? candidates[candidates.length - 1] : candidates[0];
  if (!chosen) return null;
  return commit(day, [part], fromEnd ? chosen.end - part.minutes : chosen.start)[0]!;
}

/** How many more units of `minutes` the day takes, placed one after another, at most `limit`. */
export function countUnitsThatFit(day: WorkDay, minutes: number, limit: number): number {
  const probe = { free: [...day.free], units: [...day.units] };
  let study = day.studyMinutes;
  let n = 0;
  while (n < limit && study + minutes <= day.capMinutes) {
    const start = findStudyStart(probe, minutes);
    if (start === null) break;
    probe.free = subtract(probe.free, { start, end: start + minutes });
    probe.units = insertSorted(probe.units, { start, end: start + minutes });
    study += minutes;
    n += 1;
  }
  return n;
}

/** The longest study unit the day can still take (within its cap), in steps of `step` minutes. */
export function longestStudyThatFits(day: WorkDay, max: number, step = 15): number {
  for (let m = Math.min(max, day.capMinutes - day.studyMinutes); m >= step; m -= step) {
    if (findStudyStart(day, m) !== null) return m;
  }
  return 0;
}
