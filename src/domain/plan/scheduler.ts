/**
 * The study-plan scheduler (PRODUCT.md C): a dated, day-by-day plan from a start date to the exam.
 *
 * Rules, in the order they are applied:
 * 1. Each day's free time is the day minus the sleep window, the weekday's protected hours and the
 *    day's exceptions. Nothing is ever placed outside free time (the exam itself excepted).
 * 2. Planned breaks are rest days. The weekly rest goes on the rest weekday; the day before the
 *    exam is kept light.
 * 3. Full-length simulation days shaped like the real exam day, the first well before the final
 *    weeks (about 40 % into the period), the last two to three weeks before the exam; never next
 *    to another heavy day.
 * 4. Practice exams: the last one 5–10 days before the exam (7 preferred), the others every
 *    `practiceExamEveryDays` before it, in the order of their forms, with a baseline in the first
 *    week when the spacing leaves the first month without one; each followed by a deep-review
 *    day as long as the exam itself.
 * 5. The question bank is paced to finish about a week before the exam; weekly question-bank hours
 *    the pace does not need go to second-pass blocks of missed and marked questions.
 * 6. Content review fills the weekly content hours on study days.
 *
 * Pure: no clock, no I/O; `startDate` is passed in.
 */
import { addDays, dayOfWeek, daysBetween, type LocalDate } from '../common/dates.ts';
import { fail, ok, type Result } from '../common/result.ts';
import { examFormatOn } from '../exam/exam-facts.ts';
import { PRACTICE_FORMS, practiceExamMinutes, type PracticeFormId } from '../exam/practice-forms.ts';
import { BLOCK_FORMATS, minutesOf, timeOf, type PlanSettings } from './settings.ts';

export type PlanItemKind =
  | 'qbank-block'
  | 'qbank-review'
  | 'second-pass-block'
  | 'practice-exam'
  | 'deep-review'
  | 'full-length'
  | 'content-review'
  | 'rest'
  | 'exam';

export type PlanItem = {
  /** Stable within a plan: date, kind and position. */
  id: string;
  date: LocalDate;
  kind: PlanItemKind;
  title: string;
  start: string;
  end: string;
  minutes: number;
  /** Questions in a block, when it is one. */
  questions?: number;
  form?: PracticeFormId;
};

export type DayKind =
  | 'practice-exam'
  | 'deep-review'
  | 'full-length'
  | 'timed-blocks'
  | 'tutor-blocks'
  | 'content'
  | 'rest'
  | 'light'
  | 'blocked'
  | 'exam';

export type PlanDay = { date: LocalDate; kind: DayKind; freeMinutes: number; items: PlanItem[] };

export type Plan = {
  startDate: LocalDate;
  examDate: LocalDate;
  days: PlanDay[];
  summary: {
    blocksNeeded: number;
    questionsScheduled: number;
    questionBankFinishDate: LocalDate | null;
    practiceExamDates: { form: PracticeFormId; date: LocalDate }[];
    fullLengthDates: LocalDate[];
    hoursByKind: Record<PlanItemKind, number>;
  };
  warnings: string[];
};

export type PlanInput = {
  startDate: LocalDate;
  examDate: LocalDate;
  settings: PlanSettings;
  /** Items that must stay exactly where they are (work already done on or after `startDate`). */
  fixedItems?: PlanItem[];
  /** Deep reviews still owed for practice exams already sat (the day after each). */
  pendingReviews?: { date: LocalDate; form: PracticeFormId | undefined; minutes: number }[];
  /** Dates of practice exams already sat: the exams still ahead keep their spacing from these. */
  takenExamDates?: LocalDate[];
};

type Interval = { start: number; end: number };
type WorkDay = PlanDay & { free: Interval[]; special: boolean };

const DAY = 1440;
/** The final days kept for consolidation: the bank's new questions end this many days before the exam. */
export const QBANK_FINISH_DAYS_BEFORE = 7;
/** The last practice exam sits in this window before the exam (seed: 5–10 days), 7 preferred. */
export const LAST_PRACTICE_WINDOW = { min: 5, max: 10, preferred: 7 } as const;
/** Full-length simulation breaks: 45 min of breaks and a 15-min tutorial fill the 9-hour day (DOMAIN.md §1). */
const FULL_LENGTH_BREAK_MINUTES = 60;
/**
 * The weekly rest becomes a whole day off when it is at least half of that day's free time: the
 * seed's 8 hours on a free Sunday (16 waking hours) is a rest day, not a half day of studying.
 */
const REST_DAY_SHARE = 0.5;
const CONTENT_CHUNK_MAX = 120;
const CONTENT_CHUNK_MIN = 30;

function subtract(intervals: Interval[], cut: Interval): Interval[] {
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

/** A range that may cross midnight, as the parts that fall on this day and on the next. */
function splitRange(start: number, end: number): { today: Interval[]; tomorrow: Interval[] } {
  if (end > start) return { today: [{ start, end }], tomorrow: [] };
  if (end === start) return { today: [], tomorrow: [] };
  return { today: [{ start, end: DAY }], tomorrow: end > 0 ? [{ start: 0, end }] : [] };
}

function totalMinutes(intervals: Interval[]): number {
  return intervals.reduce((sum, iv) => sum + iv.end - iv.start, 0);
}

function longestFree(day: WorkDay): number {
  return day.free.reduce((max, iv) => Math.max(max, iv.end - iv.start), 0);
}

/** The free intervals of every date from `startDate` to the day before the exam. */
function buildDays(input: PlanInput): WorkDay[] {
  const { startDate, examDate, settings } = input;
  const count = daysBetween(startDate, examDate);
  const sleep = splitRange(minutesOf(settings.sleep.start), minutesOf(settings.sleep.end));
  const days: WorkDay[] = [];
  // What spills past midnight from the day before (late sleep start, night shifts, call nights).
  let carry: Interval[] = sleep.tomorrow;
  for (let i = 0; i < count; i++) {
    const date = addDays(startDate, i);
    let free: Interval[] = [{ start: 0, end: DAY }];
    let nextCarry: Interval[] = [...sleep.tomorrow];
    for (const cut of [...carry, ...sleep.today]) free = subtract(free, cut);
    const weekday = dayOfWeek(date);
    for (const slot of settings.protectedTime.filter((s) => s.weekday === weekday)) {
      const range = splitRange(minutesOf(slot.start), minutesOf(slot.end));
      for (const cut of range.today) free = subtract(free, cut);
      nextCarry = nextCarry.concat(range.tomorrow);
    }
    let isBreak = false;
    for (const exception of settings.exceptions.filter((e) => e.date === date)) {
      if (exception.kind === 'break') isBreak = true;
      if (exception.start === null || exception.end === null) {
        free = [];
      } else {
        const range = splitRange(minutesOf(exception.start), minutesOf(exception.end));
        for (const cut of range.today) free = subtract(free, cut);
        nextCarry = nextCarry.concat(range.tomorrow);
      }
    }
    // Slivers under 15 minutes are not study time.
    free = free.filter((iv) => iv.end - iv.start >= 15);
    const freeMinutes = totalMinutes(free);
    const fixed = (input.fixedItems ?? []).filter((item) => item.date === date);
    for (const item of fixed) free = subtract(free, { start: minutesOf(item.start), end: minutesOf(item.end) });
    free = free.filter((iv) => iv.end - iv.start >= 15);
    const heavy = fixed.find(
      (item) => item.kind === 'practice-exam' || item.kind === 'full-length' || item.kind === 'deep-review',
    );
    days.push({
      date,
      kind: isBreak ? 'rest' : heavy ? (heavy.kind as DayKind) : freeMinutes === 0 ? 'blocked' : 'content',
      freeMinutes,
      items: [...fixed],
      free,
      special: isBreak || freeMinutes === 0 || heavy !== undefined,
    });
    carry = nextCarry;
  }
  return days;
}

/** A provisional id, never equal to a real one; `tidyItems` gives the final, stable ids. */
function itemId(day: WorkDay, kind: PlanItemKind): string {
  return `tmp:${day.date}-${kind}-${day.items.length + 1}`;
}

/** Puts an item into the earliest free interval long enough (or the latest, `fromEnd`). */
function place(
  day: WorkDay,
  item: { kind: PlanItemKind; title: string; minutes: number; questions?: number; form?: PracticeFormId },
  fromEnd = false,
): PlanItem | null {
  const candidates = day.free.map((iv, index) => ({ iv, index })).filter(({ iv }) => iv.end - iv.start >= item.minutes);
  const chosen = fromEnd ? candidates[candidates.length - 1] : candidates[0];
  if (!chosen) return null;
  const start = fromEnd ? chosen.iv.end - item.minutes : chosen.iv.start;
  const end = start + item.minutes;
  day.free = subtract(day.free, { start, end });
  const placed: PlanItem = {
    id: itemId(day, item.kind),
    date: day.date,
    kind: item.kind,
    title: item.title,
    start: timeOf(start),
    end: timeOf(end),
    minutes: item.minutes,
    ...(item.questions !== undefined ? { questions: item.questions } : {}),
    ...(item.form ? { form: item.form } : {}),
  };
  day.items.push(placed);
  return placed;
}

function freeLeft(day: WorkDay): number {
  return totalMinutes(day.free);
}

/** Days ordered by closeness to a target index: i, i-1, i+1, i-2, i+2 … within `reach`. */
function* around(target: number, reach: number): Generator<number> {
  yield target;
  for (let d = 1; d <= reach; d++) {
    yield target - d;
    yield target + d;
  }
}

function placeRest(days: WorkDay[], settings: PlanSettings, examDate: LocalDate, warnings: string[]) {
  const restMinutes = Math.round(settings.weeklyHours.rest * 60);
  // The day before the exam is light: rest and nothing new.
  const eve = days[days.length - 1];
  if (eve && eve.date === addDays(examDate, -1) && !eve.special) {
    eve.kind = 'light';
    eve.special = true;
    const minutes = Math.min(freeLeft(eve), 180);
    if (minutes >= 30)
      place(eve, { kind: 'rest', title: 'Rest, light walk-through of test-day logistics, early night', minutes }, true);
  }
  if (restMinutes <= 0) return;
  for (let weekStart = 0; weekStart < days.length; weekStart += 7) {
    const week = days.slice(weekStart, weekStart + 7);
    if (week.some((d) => d.kind === 'rest')) continue; // a planned break already rests this week
    const share = Math.round((restMinutes * week.length) / 7);
    if (share < 30) continue;
    const preferred = week.find((d) => dayOfWeek(d.date) === settings.restWeekday && !d.special);
    const day = preferred ?? [...week].filter((d) => !d.special).sort((a, b) => a.freeMinutes - b.freeMinutes)[0];
    if (!day) continue;
    if (share >= freeLeft(day) * REST_DAY_SHARE) {
      day.kind = 'rest';
      day.special = true;
      place(day, { kind: 'rest', title: 'Rest day: no studying', minutes: Math.min(share, longestFree(day)) }, true);
    } else {
      let remaining = share;
      while (remaining >= 30) {
        const chunk = Math.min(remaining, longestFree(day));
        if (chunk < 30) break;
        place(day, { kind: 'rest', title: 'Protected rest', minutes: chunk }, true);
        remaining -= chunk;
      }
    }
  }
  if (days.length >= 7 && !days.some((d) => d.items.some((i) => i.kind === 'rest'))) {
    warnings.push('No rest fits in your free time. A plan with no rest breaks down: free up an evening a week.');
  }
}

/** Deep reviews owed for practice exams already sat go first: they belong to a fixed day. */
function placePendingReviews(days: WorkDay[], reviews: NonNullable<PlanInput['pendingReviews']>) {
  for (const review of reviews) {
    const day = days.find((d) => d.date === review.date);
    if (!day || day.freeMinutes === 0) continue;
    let left = review.minutes;
    const name = review.form ? PRACTICE_FORMS[review.form].name : 'your practice exam';
    while (left >= 30) {
      const chunk = Math.min(left, longestFree(day));
      if (chunk < 30) break;
      place(day, {
        kind: 'deep-review',
        title: `Deep review of ${name}: every miss, every guess`,
        minutes: chunk,
        ...(review.form ? { form: review.form } : {}),
      });
      left -= chunk;
    }
    day.kind = 'deep-review';
    day.special = true;
  }
}

function placePracticeExams(
  days: WorkDay[],
  settings: PlanSettings,
  warnings: string[],
  takenExamDates: readonly LocalDate[] = [],
): { form: PracticeFormId; date: LocalDate }[] {
  const forms = [...settings.practiceExams].sort((a, b) => PRACTICE_FORMS[a].order - PRACTICE_FORMS[b].order);
  if (forms.length === 0) {
    warnings.push(
      'You have no practice exams in the plan. Without them there is nothing to base a go / delay decision on: add the forms you own.',
    );
    return [];
  }
  const n = days.length; // days[n - k] is k days before the exam
  const placed: { form: PracticeFormId; date: LocalDate; index: number }[] = [];
  const fits = (index: number, form: PracticeFormId) => {
    const day = days[index];
    const next = days[index + 1];
    // Keep the usual spacing from exams already sat.
    const isTooCloseToTaken =
      day !== undefined &&
      takenExamDates.some(
        (taken) => Math.abs(daysBetween(taken, day.date)) < Math.max(3, settings.practiceExamEveryDays - 3),
      );
    return (
      day !== undefined &&
      next !== undefined &&
      !isTooCloseToTaken &&
      !day.special &&
      !next.special &&
      longestFree(day) >= practiceExamMinutes(form) &&
      longestFree(next) >= Math.min(practiceExamMinutes(form), 180)
    );
  };
  const book = (index: number, form: PracticeFormId) => {
    const day = days[index]!;
    const next = days[index + 1]!;
    const minutes = practiceExamMinutes(form);
    place(day, { kind: 'practice-exam', title: `${PRACTICE_FORMS[form].name}: timed, in one sitting`, minutes, form });
    day.kind = 'practice-exam';
    day.special = true;
    let reviewLeft = minutes;
    while (reviewLeft >= 30) {
      const chunk = Math.min(reviewLeft, longestFree(next));
      if (chunk < 30) break;
      place(next, {
        kind: 'deep-review',
        title: `Deep review of ${PRACTICE_FORMS[form].name}: every miss, every guess`,
        minutes: chunk,
        form,
      });
      reviewLeft -= chunk;
    }
    next.kind = 'deep-review';
    next.special = true;
    placed.push({ form, date: day.date, index });
  };

  // A day near the target with the most free time in one piece (a day off beats an evening after a shift).
  const bestNear = (indexes: number[], form: PracticeFormId): number | null => {
    // Score: free time in one piece, less a penalty for sitting right after a full-length day.
    const score = (index: number) =>
      longestFree(days[index]!) -
      (days[index - 1]?.kind === 'full-length' || days[index + 2]?.kind === 'full-length' ? DAY : 0);
    let best: number | null = null;
    for (const index of indexes) {
      if (!fits(index, form)) continue;
      if (best === null || score(index) > score(best)) best = index;
    }
    return best;
  };

  // The last exam: 5–10 days before the exam, 7 preferred, on the roomiest day.
  const last = forms[forms.length - 1]!;
  let lastIndex = bestNear(
    [7, 6, 8, 5, 9, 10].map((before) => n - before).filter((index) => index >= 0),
    last,
  );
  if (lastIndex === null) {
    for (let index = n - 2; index >= 0; index--) {
      if (fits(index, last)) {
        lastIndex = index;
        break;
      }
    }
    if (lastIndex !== null && n - lastIndex >= LAST_PRACTICE_WINDOW.min) {
      warnings.push(
        `No day 5–10 days before the exam has ${Math.ceil(practiceExamMinutes(last) / 60)} free hours in a row, so your last practice exam is ${n - lastIndex} days before it. Free up one of those days if you can.`,
      );
    } else if (lastIndex !== null) {
      warnings.push(
        `Your last practice exam can only go ${n - lastIndex} days before the exam: too close for the result to change your decision. An earlier exam date window or a freed day would help.`,
      );
    }
  }
  if (lastIndex === null) {
    warnings.push(
      'No day before the exam has room for a practice exam and a review day after it. Free up a day, or move the exam.',
    );
    return [];
  }
  book(lastIndex, last);

  // A baseline in the first week when the spacing from the end would leave the first month without one.
  const rest = forms.slice(0, -1);
  const spanNeeded = rest.length * settings.practiceExamEveryDays;
  let baselineIndex: number | null = null;
  if (rest.length >= 1 && lastIndex - spanNeeded > 21) {
    baselineIndex = bestNear(
      [2, 3, 4, 5, 6, 1, 0].filter((i) => i < lastIndex! - settings.practiceExamEveryDays),
      rest[0]!,
    );
    if (baselineIndex !== null) book(baselineIndex, rest.shift()!);
  }

  let previous = lastIndex;
  for (let k = rest.length - 1; k >= 0; k--) {
    const form = rest[k]!;
    const target = previous - settings.practiceExamEveryDays;
    const minGap = Math.max(3, settings.practiceExamEveryDays - 3);
    const window = [...around(target, 3)].filter(
      (index) =>
        index >= 0 &&
        index + 1 < previous &&
        previous - index >= minGap &&
        (baselineIndex === null || index > baselineIndex + 1),
    );
    const chosen = bestNear(window, form);
    if (chosen === null) {
      const unplaced = rest.slice(0, k + 1).map((f) => PRACTICE_FORMS[f].name);
      warnings.push(
        `${unplaced.join(', ')} did not fit before the others at one every ${settings.practiceExamEveryDays} days. Keep ${unplaced.length === 1 ? 'it' : 'them'} for after a delay, or space the exams closer.`,
      );
      break;
    }
    book(chosen, form);
    previous = chosen;
  }
  return placed.map(({ form, date }) => ({ form, date })).sort((a, b) => (a.date < b.date ? -1 : 1));
}

function placeFullLengthDays(
  days: WorkDay[],
  settings: PlanSettings,
  examDate: LocalDate,
  warnings: string[],
): LocalDate[] {
  if (settings.fullLengthDays <= 0) return [];
  const format = examFormatOn(examDate);
  const minutes = format.blocks * format.blockMinutes + FULL_LENGTH_BREAK_MINUTES;
  const n = days.length;
  const count = Math.min(settings.fullLengthDays, Math.max(1, Math.floor(n / 14)));
  // Targets: the first about 40 % into the period, the last 2–3 weeks before the exam, others between.
  const first = Math.floor(n * 0.4);
  const lastTarget = Math.max(first, n - 17);
  const targets =
    count === 1
      ? [Math.min(first, Math.max(0, n - 14))]
      : Array.from({ length: count }, (_, k) => Math.round(first + ((lastTarget - first) * k) / (count - 1)));
  const placed: LocalDate[] = [];
  for (const target of targets) {
    let booked = false;
    for (const index of around(target, 10)) {
      const day = days[index];
      if (!day || day.special || index >= n - 10 || longestFree(day) < minutes) continue;
      // Not the day before or after a practice exam or its review: heavy days need air between them.
      const neighbours = [days[index - 1], days[index + 1]];
      if (neighbours.some((d) => d?.kind === 'practice-exam' || d?.kind === 'deep-review' || d?.kind === 'full-length'))
        continue;
      place(day, {
        kind: 'full-length',
        title: `Full-length simulation: ${format.blocks} timed blocks of ${format.blockMinutes} minutes, breaks as on test day, no pausing`,
        minutes,
      });
      day.kind = 'full-length';
      day.special = true;
      placed.push(day.date);
      booked = true;
      break;
    }
    if (!booked) {
      warnings.push(
        `A full-length simulation needs ${Math.ceil(minutes / 60)} free hours in one day, and none near ${days[Math.min(target, n - 1)]?.date ?? examDate} has them. Ask for a day off from rotations for it.`,
      );
    }
  }
  return placed.sort();
}

/** Study days of a week that can still take a session of `minutes`. */
function sessionsThatFit(day: WorkDay, minutes: number): number {
  return day.free.reduce((sum, iv) => sum + Math.floor((iv.end - iv.start) / minutes), 0);
}

type QbankOutcome = { blocksNeeded: number; questionsScheduled: number; finishDate: LocalDate | null };

function placeQuestionBank(days: WorkDay[], settings: PlanSettings, warnings: string[]): Result<QbankOutcome> {
  const qb = settings.questionBank;
  const format = BLOCK_FORMATS[qb.blockFormat];
  const session = format.minutes + qb.reviewMinutesPerBlock;
  const blocksNeeded = Math.ceil(qb.questionsLeft / format.questions);
  const weeklySessions = Math.floor((settings.weeklyHours.questionBank * 60) / session);
  const cutoff = Math.max(1, days.length - QBANK_FINISH_DAYS_BEFORE);
  const isTimed = qb.mode === 'timed';

  // Per week: how many sessions fit (free time) and are allowed (weekly hours), before the cutoff.
  const weeks: { days: WorkDay[]; cap: number }[] = [];
  for (let w = 0; w * 7 < cutoff; w++) {
    const weekDays = days.slice(w * 7, Math.min(cutoff, w * 7 + 7)).filter((d) => !d.special);
    const capacity = weekDays.reduce((sum, d) => sum + sessionsThatFit(d, session), 0);
    const allowed = Math.floor((weeklySessions * Math.min(7, cutoff - w * 7)) / 7);
    weeks.push({ days: weekDays, cap: Math.min(capacity, allowed) });
  }
  const fitting = weeks.reduce((sum, w) => sum + w.cap, 0);
  if (blocksNeeded > fitting) {
    const percent = Math.floor((fitting / blocksNeeded) * 100);
    const finishBy = days[cutoff - 1]?.date ?? days[0]?.date ?? '';
    return fail(
      'PLAN_INFEASIBLE',
      `${qb.questionsLeft.toLocaleString('en-US')} questions left need ${blocksNeeded} blocks of ${format.questions}; only ${fitting} fit by ${finishBy} (a week before the exam) at ${settings.weeklyHours.questionBank} question-bank hours a week in your free time. Add hours, move the exam, or plan to finish ${percent} % of the bank.`,
      {
        'questionBank.questionsLeft': `Only ${(fitting * format.questions).toLocaleString('en-US')} of these questions fit before the exam.`,
      },
    );
  }

  let remaining = blocksNeeded;
  let questionsLeft = qb.questionsLeft;
  let finishDate: LocalDate | null = null;
  const laterCap = weeks.map((_, w) => weeks.slice(w + 1).reduce((sum, v) => sum + v.cap, 0));
  weeks.forEach((week, w) => {
    const weeksLeft = weeks.length - w;
    const newBlocks = Math.min(week.cap, Math.max(Math.ceil(remaining / weeksLeft), remaining - laterCap[w]!));
    const secondPass = Math.max(0, week.cap - newBlocks);
    const total = newBlocks + secondPass;
    // Spread the week's sessions over its study days, one at a time, most free time first.
    const perDay = new Map<WorkDay, number>();
    const budget = new Map(week.days.map((d) => [d, sessionsThatFit(d, session)]));
    for (let s = 0; s < total; s++) {
      const candidates = week.days.filter((d) => (budget.get(d) ?? 0) > (perDay.get(d) ?? 0));
      // Fill in proportion to each day's room: an evening after a shift takes fewer than a day off.
      const load = settings.fixedDailyBlocks
        ? (d: WorkDay) => perDay.get(d) ?? 0
        : (d: WorkDay) => ((perDay.get(d) ?? 0) + 1) / (budget.get(d) ?? 1);
      candidates.sort((a, b) => load(a) - load(b) || b.freeMinutes - a.freeMinutes);
      const day = candidates[0];
      if (!day) break;
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    let newLeft = newBlocks;
    let k = 0;
    for (const day of week.days) {
      const sessions = perDay.get(day) ?? 0;
      for (let s = 0; s < sessions; s++) {
        // Spread new blocks evenly through the week's sessions, second-pass blocks between them.
        const isNew = newLeft > 0 && Math.ceil(((k + 1) * newBlocks) / total) > Math.ceil((k * newBlocks) / total);
        k += 1;
        const questions = isNew ? Math.min(format.questions, questionsLeft) : format.questions;
        const block = place(day, {
          kind: isNew ? 'qbank-block' : 'second-pass-block',
          title: isNew
            ? `${isTimed ? 'Timed' : 'Tutor-mode'} block: ${questions} new questions, ${format.minutes} minutes`
            : `Second-pass block: ${format.questions} of your missed and marked questions, timed`,
          minutes: format.minutes,
          questions,
        });
        if (!block) break;
        if (qb.reviewMinutesPerBlock > 0) {
          place(day, {
            kind: 'qbank-review',
            title: 'Review the block: why each wrong option is wrong, and the teaching point',
            minutes: qb.reviewMinutesPerBlock,
          });
        }
        if (isNew) {
          newLeft -= 1;
          remaining -= 1;
          questionsLeft -= questions;
          if (remaining === 0) finishDate = day.date;
        }
      }
      if (sessions > 0) day.kind = isTimed ? 'timed-blocks' : 'tutor-blocks';
    }
  });
  if (remaining > 0) warnings.push(`${remaining} blocks could not be placed on the days chosen; add free time.`);
  return ok({ blocksNeeded, questionsScheduled: qb.questionsLeft - questionsLeft, finishDate });
}

function placeContentReview(days: WorkDay[], settings: PlanSettings) {
  const weekly = Math.round(settings.weeklyHours.contentReview * 60);
  if (weekly <= 0) return;
  for (let w = 0; w * 7 < days.length; w++) {
    const week = days.slice(w * 7, w * 7 + 7);
    let budget = Math.round((weekly * week.length) / 7);
    const studyDays = week.filter((d) => !d.special && longestFree(d) >= CONTENT_CHUNK_MIN);
    if (studyDays.length === 0) continue;
    // Round-robin chunks across the week's study days.
    let progress = true;
    while (budget >= CONTENT_CHUNK_MIN && progress) {
      progress = false;
      const share = Math.max(
        CONTENT_CHUNK_MIN,
        Math.min(CONTENT_CHUNK_MAX, Math.ceil(budget / studyDays.length / 15) * 15),
      );
      for (const day of studyDays) {
        if (budget < CONTENT_CHUNK_MIN) break;
        const chunk = Math.min(share, budget, longestFree(day));
        if (chunk < CONTENT_CHUNK_MIN) continue;
        place(day, { kind: 'content-review', title: 'Content review aimed at your weak areas', minutes: chunk });
        budget -= chunk;
        progress = true;
      }
    }
  }
}

const MERGEABLE: ReadonlySet<PlanItemKind> = new Set(['content-review', 'rest', 'deep-review']);

/** Sorts a day's items by time, joins touching pieces of the same kind, and numbers them stably. */
function tidyItems(items: PlanItem[], fixedIds: ReadonlySet<string>): PlanItem[] {
  const sorted = [...items].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: PlanItem[] = [];
  for (const item of sorted) {
    const previous = merged[merged.length - 1];
    const canMerge = previous && !fixedIds.has(previous.id) && !fixedIds.has(item.id);
    if (canMerge && previous.kind === item.kind && previous.end === item.start && MERGEABLE.has(item.kind)) {
      merged[merged.length - 1] = { ...previous, end: item.end, minutes: previous.minutes + item.minutes };
    } else {
      merged.push(item);
    }
  }
  // Fixed items keep their ids; new ones are numbered per kind, skipping ids already in use.
  const used = new Set(merged.filter((item) => fixedIds.has(item.id)).map((item) => item.id));
  const counts = new Map<PlanItemKind, number>();
  return merged.map((item) => {
    if (fixedIds.has(item.id)) return item;
    let n = counts.get(item.kind) ?? 0;
    let id: string;
    do {
      n += 1;
      id = `${item.date}-${item.kind}-${n}`;
    } while (used.has(id));
    counts.set(item.kind, n);
    used.add(id);
    return { ...item, id };
  });
}

/**
 * A dated plan from `startDate` (inclusive) to `examDate`, or PLAN_INFEASIBLE with the numbers and
 * the ways out when the question bank cannot fit.
 *
 * Example: 180 days with no rotations, 3,900 questions in 40-question blocks with 60-minute
 * reviews, defaults otherwise → 98 new blocks, finished by the week before the exam, six practice
 * exams a week apart ending 7 days out, two full-length days.
 */
export function generatePlan(input: PlanInput): Result<Plan> {
  const { startDate, examDate, settings } = input;
  if (daysBetween(startDate, examDate) < 1) {
    return fail('VALIDATION_FAILED', 'The exam date must be after the plan’s first day.', {
      examDate: 'Choose an exam date after today.',
    });
  }
  const warnings: string[] = [];
  const days = buildDays(input);
  if (days.every((d) => d.freeMinutes === 0)) {
    return fail(
      'PLAN_INFEASIBLE',
      'Every day before the exam is blocked, so nothing can be planned. Remove some blocked days or move the exam.',
      {
        exceptions: 'These blocked days cover the whole period before the exam.',
      },
    );
  }
  placePendingReviews(days, input.pendingReviews ?? []);
  placeRest(days, settings, examDate, warnings);
  // Full-length days first: they need the longest stretch of free time, which only days off have.
  const fullLengthDates = placeFullLengthDays(days, settings, examDate, warnings);
  const practiceExamDates = placePracticeExams(days, settings, warnings, input.takenExamDates);
  const qbank = placeQuestionBank(days, settings, warnings);
  if (!qbank.ok) return qbank;
  placeContentReview(days, settings);

  const format = examFormatOn(examDate);
  const examItem: PlanItem = {
    id: `${examDate}-exam-1`,
    date: examDate,
    kind: 'exam',
    title: `Step 2 CK: ${format.blocks} blocks of ${format.blockMinutes} minutes, a ${format.dayHours}-hour day`,
    start: '08:00',
    end: timeOf(8 * 60 + format.dayHours * 60),
    minutes: format.dayHours * 60,
  };
  const fixedIds = new Set((input.fixedItems ?? []).map((item) => item.id));
  const planDays: PlanDay[] = days.map((d) => ({
    date: d.date,
    kind: d.kind,
    freeMinutes: d.freeMinutes,
    items: tidyItems(d.items, fixedIds),
  }));
  planDays.push({ date: examDate, kind: 'exam', freeMinutes: 0, items: [examItem] });

  const hoursByKind = {} as Record<PlanItemKind, number>;
  for (const kind of [
    'qbank-block',
    'qbank-review',
    'second-pass-block',
    'practice-exam',
    'deep-review',
    'full-length',
    'content-review',
    'rest',
    'exam',
  ] as const) {
    hoursByKind[kind] = 0;
  }
  for (const day of planDays) for (const item of day.items) hoursByKind[item.kind] += item.minutes / 60;

  return ok({
    startDate,
    examDate,
    days: planDays,
    summary: {
      blocksNeeded: qbank.value.blocksNeeded,
      questionsScheduled: qbank.value.questionsScheduled,
      questionBankFinishDate: qbank.value.finishDate,
      practiceExamDates,
      fullLengthDates,
      hoursByKind,
    },
    warnings,
  });
}
