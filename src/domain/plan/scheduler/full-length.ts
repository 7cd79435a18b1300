/**
 * Full-length simulation days, shaped like the real exam day of the exam date's format and run at
 * the exam's clock: the first about 40 % into the period, the last two to three weeks before the
 * exam, never in the final FULL_LENGTH_NOT_IN_LAST_DAYS days, never next to another heavy day, and
 * only on a day with no long shift and not after a night or a long call.
 */
import type { LocalDate } from '../../common/dates.ts';
import { examFormatOn } from '../../exam/exam-facts.ts';
import type { PlanSettings } from '../settings.ts';
import { findStudyStart, placeStudy } from './placing.ts';
import { canHoldHeavy, EXAM_CLOCK_START_MINUTES } from './practice-exams.ts';
import type { WorkDay } from './types.ts';

/** Breaks of a full-length day: 45 min of breaks and a 15-min tutorial fill the 9-hour day (DOMAIN.md §1). */
export const FULL_LENGTH_BREAK_MINUTES = 60;
/** The final days stay for consolidation and the last practice exam, not a 9-hour simulation. */
export const FULL_LENGTH_NOT_IN_LAST_DAYS = 10;
/** Where the first full-length day goes, as a share of the period. */
export const FIRST_FULL_LENGTH_SHARE = 0.4;
/** A week at least between two full-length days: each is a 9-hour day that needs recovery. */
export const FULL_LENGTH_MIN_GAP_DAYS = 7;
/** Not in the plan's first week: that week is for the baseline exam and settling the routine. */
export const FULL_LENGTH_NOT_BEFORE_DAY = 7;
const SEARCH_REACH_DAYS = 10;

export function fullLengthMinutes(examDate: LocalDate): number {
  const format = examFormatOn(examDate);
  return format.blocks * format.blockMinutes + FULL_LENGTH_BREAK_MINUTES;
}

export function placeFullLengthDays(days: WorkDay[], settings: PlanSettings, examDate: LocalDate): LocalDate[] {
  const asked = settings.fullLengthDays;
  if (asked <= 0) return [];
  const format = examFormatOn(examDate);
  const minutes = fullLengthMinutes(examDate);
  const n = days.length;
  const first = Math.floor(n * FIRST_FULL_LENGTH_SHARE);
  const lastTarget = Math.max(first, n - 17);
  const targets =
    asked === 1
      ? [Math.min(first, Math.max(0, n - 14))]
      : Array.from({ length: asked }, (_, k) => Math.round(first + ((lastTarget - first) * k) / (asked - 1)));
  const placed: LocalDate[] = [];
  const placedIndexes: number[] = [];
  const isHeavy = (d: WorkDay | undefined) =>
    d?.kind === 'practice-exam' || d?.kind === 'deep-review' || d?.kind === 'full-length';
  for (const target of targets) {
    let best: WorkDay | null = null;
    let bestScore = -Infinity;
    for (let index = target - SEARCH_REACH_DAYS; index <= target + SEARCH_REACH_DAYS; index++) {
      const day = days[index];
      if (!canHoldHeavy(day) || index < FULL_LENGTH_NOT_BEFORE_DAY || index >= n - FULL_LENGTH_NOT_IN_LAST_DAYS)
        continue;
      if (isHeavy(days[index - 1]) || isHeavy(days[index + 1])) continue;
      if (placedIndexes.some((other) => Math.abs(other - index) < FULL_LENGTH_MIN_GAP_DAYS)) continue;
      const start = findStudyStart(day, minutes, { at: EXAM_CLOCK_START_MINUTES });
      if (start === null) continue;
      const score = (start === EXAM_CLOCK_START_MINUTES ? 5 : 0) - Math.abs(index - target);
      if (score > bestScore) {
        best = day;
        bestScore = score;
      }
    }
    if (!best) continue;
    placeStudy(
      best,
      [
        {
          kind: 'full-length',
          title: `Full-length simulation: ${format.blocks} timed blocks of ${format.blockMinutes} minutes, breaks as on test day, no pausing`,
          minutes,
        },
      ],
      { at: EXAM_CLOCK_START_MINUTES, ignoreCap: true },
    );
    best.kind = 'full-length';
    best.special = true;
    placed.push(best.date);
    placedIndexes.push(best.index);
  }
  return placed.sort();
}
