/**
 * Practice exams through the whole period, by a stated cadence:
 * - a baseline in the first week (unless an exam was sat recently);
 * - then one at least every MID_PERIOD_MAX_GAP_DAYS (about every 2–3 weeks);
 * - one every `practiceExamEveryDays` (weekly by default) in the final FINAL_PHASE_DAYS;
 * - the last one 5–10 days before the exam (seed), 7 preferred.
 * Each sits on a day with no long shift and not after a night or a long call, at the exam's clock
 * when the day allows, and is followed by a deep review as long as the exam (the next day, or the
 * day after when the next is a rest or blocked day). With fewer forms than the cadence needs, the
 * forms owned are spread evenly and the shortfall is said.
 */
import { daysBetween, type LocalDate } from '../../common/dates.ts';
import { PRACTICE_FORMS, practiceExamMinutes, type PracticeFormId } from '../../exam/practice-forms.ts';
import type { PlanSettings } from '../settings.ts';
import { findStudyStart, placeStudy } from './placing.ts';
import type { WorkDay } from './types.ts';

/** The last practice exam sits in this window before the exam (seed: 5–10 days), 7 preferred. */
export const LAST_PRACTICE_WINDOW = { min: 5, max: 10, preferred: 7 } as const;
/** The baseline sits in the plan's first week: a first number before the work starts. */
export const BASELINE_WITHIN_DAYS = 7;
/** Within it, preferably on the third day: time to settle in, still before the work starts to show. */
const BASELINE_TARGET_DAY = 2;
/** Between the baseline and the final weeks, never more than 3 weeks without a fresh score. */
export const MID_PERIOD_MAX_GAP_DAYS = 21;
/** In the final 4 weeks, one every `practiceExamEveryDays` (weekly by default). */
export const FINAL_PHASE_DAYS = 28;
/**
 * Practice exams and full-length days start at the exam's clock: 08:00, the start the plan gives
 * the exam day itself (DOMAIN.md §1 gives the 9-hour day, not its start time; this is the plan's).
 */
export const EXAM_CLOCK_START_MINUTES = 8 * 60;
/** The review day must take at least this much of the deep review (or all of it when shorter). */
const REVIEW_MIN_MINUTES = 180;
const REVIEW_CHUNK_MAX = 120;
const REVIEW_CHUNK_MIN = 30;
const SEARCH_REACH_DAYS = 3;

export type PracticeExamOutcome = {
  dates: { form: PracticeFormId; date: LocalDate }[];
  /** How many exams the cadence needs over this period, and how many were placed. */
  needed: number;
  /**
   * The largest gap in days between consecutive exams (an exam sat before the plan included); with
   * a baseline due, the days from the start to the first exam count when they exceed the first week.
   */
  maxGapDays: number;
};

/** A day a heavy item (practice exam, full-length day) may use: free or light, not after a long shift. */
export function canHoldHeavy(day: WorkDay | undefined): day is WorkDay {
  return day !== undefined && !day.special && !day.isLongShiftDay && !day.isPostCall;
}

function reviewRoom(day: WorkDay): number {
  const free = day.free.reduce((sum, iv) => sum + iv.end - iv.start, 0);
  return Math.min(free, day.capMinutes - day.studyMinutes);
}

/** The day that takes an exam's deep review: the next one, or the day after when the next is off. */
function reviewDayFor(days: WorkDay[], index: number): WorkDay | undefined {
  const next = days[index + 1];
  if (next && !next.special) return next;
  const after = days[index + 2];
  if (next && (next.kind === 'rest' || next.kind === 'blocked') && after && !after.special) return after;
  return undefined;
}

export function placeDeepReview(day: WorkDay, form: PracticeFormId | undefined, minutes: number): number {
  const name = form ? PRACTICE_FORMS[form].name : 'your practice exam';
  let left = minutes;
  while (left >= REVIEW_CHUNK_MIN) {
    let chunk = Math.min(left, REVIEW_CHUNK_MAX);
    // Shrink the chunk until it fits the day's room and rhythm.
    while (chunk >= REVIEW_CHUNK_MIN && (day.studyMinutes + chunk > day.capMinutes || !findStudyStart(day, chunk)))
      chunk -= 15;
    if (chunk < REVIEW_CHUNK_MIN) break;
    placeStudy(day, [
      {
        kind: 'deep-review',
        title: `Deep review of ${name}: every miss, every guess`,
        minutes: chunk,
        ...(form ? { form } : {}),
      },
    ]);
    left -= chunk;
  }
  day.kind = 'deep-review';
  day.special = true;
  return minutes - left;
}

export function placePracticeExams(
  days: WorkDay[],
  settings: PlanSettings,
  warnings: string[],
  takenExamDates: readonly LocalDate[] = [],
): PracticeExamOutcome {
  const forms = [...settings.practiceExams].sort((a, b) => PRACTICE_FORMS[a].order - PRACTICE_FORMS[b].order);
  const n = days.length;
  if (forms.length === 0) {
    warnings.push(
      'You have no practice exams in the plan. Without them there is nothing to base a go / delay decision on: add the forms you own.',
    );
    return { dates: [], needed: 0, maxGapDays: n };
  }
  const first = days[0]!;
  const every = settings.practiceExamEveryDays;
  const minGap = Math.max(3, every - 3);
  const longest = Math.max(...forms.map(practiceExamMinutes));
  const taken = takenExamDates.map((date) => daysBetween(first.date, date));
  const chosen: number[] = [];
  const reserved = new Set<number>();

  const fits = (index: number): boolean => {
    const day = days[index];
    if (!canHoldHeavy(day) || reserved.has(index)) return false;
    if ([...taken, ...chosen].some((other) => Math.abs(other - index) < minGap)) return false;
    const neighbours = [days[index - 1], days[index + 1]];
    if (neighbours.some((d) => d?.kind === 'full-length' || d?.kind === 'practice-exam')) return false;
    if (findStudyStart(day, longest, { at: EXAM_CLOCK_START_MINUTES }) === null) return false;
    const review = reviewDayFor(days, index);
    // The review day takes at least 3 hours of the review, or what its cap allows when that is less.
    const roomNeeded = Math.max(REVIEW_CHUNK_MIN, Math.min(longest, REVIEW_MIN_MINUTES, review?.capMinutes ?? 0));
    return review !== undefined && !reserved.has(review.index) && reviewRoom(review) >= roomNeeded;
  };
  // Prefer a day with no rotation or call at all, then the target itself, then one that takes the exam at its clock.
  const score = (index: number, target: number) => {
    const day = days[index]!;
    const atClock = findStudyStart(day, longest) === EXAM_CLOCK_START_MINUTES ? 1 : 0;
    return (day.busyMinutes === 0 ? 20 : 0) - 4 * Math.abs(index - target) + atClock;
  };
  const pick = (candidates: number[], target: number): number | null => {
    let best: number | null = null;
    for (const index of candidates) {
      if (index < 0 || index >= n - 1 || !fits(index)) continue;
      if (best === null || score(index, target) > score(best, target)) best = index;
    }
    return best;
  };
  const choose = (index: number) => {
    chosen.push(index);
    reserved.add(index);
    const review = reviewDayFor(days, index);
    if (review) reserved.add(review.index);
  };
  const near = (target: number, reach = SEARCH_REACH_DAYS) =>
    Array.from({ length: 2 * reach + 1 }, (_, k) => target - reach + k);

  // 1. The last one: 5–10 days before the exam, 7 preferred; else the latest day that fits, said.
  const lastTarget = n - LAST_PRACTICE_WINDOW.preferred;
  let last = pick(
    near(lastTarget, 3).filter((i) => n - i >= LAST_PRACTICE_WINDOW.min && n - i <= LAST_PRACTICE_WINDOW.max),
    lastTarget,
  );
  if (last === null) {
    for (let index = n - 2; index >= 0 && last === null; index--) if (fits(index)) last = index;
    if (last !== null && n - last > LAST_PRACTICE_WINDOW.max) {
      warnings.push(
        `No day 5–10 days before the exam can take a practice exam (a day with no long shift and ${Math.ceil(longest / 60)} free hours), so your last practice exam is ${n - last} days before it. Free up one of those days if you can.`,
      );
    } else if (last !== null) {
      warnings.push(
        `Your last practice exam can only go ${n - last} days before the exam: too close for the result to change your decision. A freed day 5–10 days out would help.`,
      );
    }
  }
  if (last === null) {
    warnings.push(
      'No day before the exam has room for a practice exam and a review day after it. Free up a day, or move the exam.',
    );
    return { dates: [], needed: 1, maxGapDays: n };
  }
  choose(last);

  // 2. The baseline, unless an exam was sat within the cadence before the plan starts.
  const recentTaken = taken.filter((t) => t <= 0 && -t < MID_PERIOD_MAX_GAP_DAYS);
  let anchor: number;
  let needsBaseline = false;
  if (recentTaken.length > 0) anchor = Math.max(...recentTaken);
  else if (last - minGap >= 0 && forms.length >= 2) {
    needsBaseline = true;
    const window = Array.from({ length: Math.min(BASELINE_WITHIN_DAYS, last - minGap + 1) }, (_, i) => i);
    const baseline = pick(window, BASELINE_TARGET_DAY);
    if (baseline !== null) choose(baseline);
    anchor = baseline ?? 0;
  } else anchor = 0;

  // 3. The final weeks at `every`, then the middle at most MID_PERIOD_MAX_GAP_DAYS apart.
  const finals: number[] = [];
  for (let pos = last - every; n - pos <= FINAL_PHASE_DAYS && pos - anchor >= minGap + 1; pos -= every)
    finals.push(pos);
  const firstFinal = finals.length > 0 ? Math.min(...finals) : last;
  const gap = firstFinal - anchor;
  let middle = Math.max(0, Math.ceil(gap / MID_PERIOD_MAX_GAP_DAYS) - 1);
  const needed = 1 + (needsBaseline ? 1 : 0) + finals.length + middle;
  const spare = forms.length - needed;
  let targets: number[];
  if (spare >= 0) {
    // Spare forms tighten the middle, down to one every `every` days.
    for (let extra = 0; extra < spare && gap / (middle + 2) >= every; extra++) middle += 1;
    const spread = Array.from({ length: middle }, (_, k) => Math.round(anchor + (gap * (k + 1)) / (middle + 1)));
    targets = [...finals, ...spread];
  } else {
    // Too few forms for the cadence: spread those owned evenly from the anchor to the last.
    const internal = forms.length - chosen.length;
    targets = Array.from({ length: internal }, (_, k) =>
      Math.round(anchor + ((last - anchor) * (k + 1)) / (internal + 1)),
    );
  }
  targets.sort((a, b) => b - a);
  const unplaced: number[] = [];
  for (const target of targets) {
    if (chosen.length >= forms.length) break;
    const index = pick(near(target), target);
    if (index === null) unplaced.push(target);
    else choose(index);
  }

  // 4. Book them, the forms in their order by date (the forms that track the real exam best last).
  chosen.sort((a, b) => a - b);
  const used = forms.slice(forms.length - chosen.length);
  const dates: { form: PracticeFormId; date: LocalDate }[] = [];
  chosen.forEach((index, k) => {
    const form = used[k]!;
    const day = days[index]!;
    const minutes = practiceExamMinutes(form);
    placeStudy(
      day,
      [{ kind: 'practice-exam', title: `${PRACTICE_FORMS[form].name}: timed, in one sitting`, minutes, form }],
      { at: EXAM_CLOCK_START_MINUTES, ignoreCap: true },
    );
    day.kind = 'practice-exam';
    day.special = true;
    const review = reviewDayFor(days, index);
    if (review) placeDeepReview(review, form, minutes);
    dates.push({ form, date: day.date });
  });
  if (unplaced.length > 0) {
    warnings.push(
      `${unplaced.length} practice exam${unplaced.length === 1 ? '' : 's'} the cadence asks for found no day off or light day near ${unplaced
        .map((t) => days[Math.max(0, Math.min(n - 1, t))]!.date)
        .join(', ')}. Ask for a day off from rotations for ${unplaced.length === 1 ? 'it' : 'them'}.`,
    );
  }
  const points = [...(needsBaseline ? [] : [anchor]), ...chosen].sort((a, b) => a - b);
  let maxGapDays = needsBaseline ? (chosen[0] ?? n) : 0;
  for (let k = 1; k < points.length; k++) maxGapDays = Math.max(maxGapDays, points[k]! - points[k - 1]!);
  return { dates, needed, maxGapDays };
}
