/**
 * The study-plan scheduler (PRODUCT.md C). The rule list, in the order the rules are applied, is in
 * README.md beside this file; each rule is a named constant in the file of its family.
 *
 * Pure: no clock, no I/O; `startDate` is passed in.
 */
import { addDays, daysBetween } from '../../common/dates.ts';
import { fail, ok, type Result } from '../../common/result.ts';
import { examFormatOn } from '../../exam/exam-facts.ts';
import {
  DAILY_STUDY_CEILING_HOURS,
  dailyCapMinutesOf,
  timeOf,
  weeklyStudyHours,
  type PlanSettings,
} from '../settings.ts';
import { placeContentReview } from './content-review.ts';
import { buildDays } from './free-time.ts';
import { placeFullLengthDays } from './full-length.ts';
import {
  EXAM_CLOCK_START_MINUTES,
  LAST_PRACTICE_WINDOW,
  MID_PERIOD_MAX_GAP_DAYS,
  placeDeepReview,
  placePracticeExams,
} from './practice-exams.ts';
import { placeNewBlocks, placeSecondPass, QBANK_FINISH_DAYS_BEFORE } from './question-bank.ts';
import { markEve, placeWeeklyRest } from './rest.ts';
import { placeJournalReviews } from './journal-review.ts';
import {
  describeShortfalls,
  formsToAdd,
  formsWay,
  freeHoursWay,
  fullLengthWay,
  largerWays,
  spacingWay,
  weeklyShortfalls,
} from './shortfalls.ts';
import type {
  Plan,
  PlanDay,
  PlanInput,
  PlanItem,
  PlanItemKind,
  Shortfall,
  WayOut,
  WeekLedger,
  WorkDay,
} from './types.ts';

export type {
  DayKind,
  Plan,
  PlanDay,
  PlanInput,
  PlanItem,
  PlanItemKind,
  Shortfall,
  ShortfallCause,
  ShortfallKind,
  WayOut,
} from './types.ts';
export {
  LAST_PRACTICE_WINDOW,
  MID_PERIOD_MAX_GAP_DAYS,
  FINAL_PHASE_DAYS,
  EXAM_CLOCK_START_MINUTES,
} from './practice-exams.ts';
export { QBANK_FINISH_DAYS_BEFORE, SECOND_PASS_SHARE } from './question-bank.ts';
export {
  LONG_SHIFT_MINUTES,
  LONG_SHIFT_STUDY_CAP_MINUTES,
  POST_CALL_SHIFT_MINUTES,
  POST_CALL_STUDY_CAP_MINUTES,
} from './free-time.ts';
export { SHORT_BREAK_MINUTES, LONG_BREAK_MINUTES, MAX_RUN_MINUTES } from './placing.ts';
export { JOURNAL_REVIEW_MAX_MINUTES, JOURNAL_REVIEW_MIN_MINUTES } from './journal-review.ts';

/** How far ahead "move the exam" looks for a date that fits. */
const MAX_EXAM_MOVE_DAYS = 365;
/** Full-length shortfalls: later exam dates tried, a week apart. */
const FULL_LENGTH_MOVE_STEP_DAYS = 7;
const FULL_LENGTH_MOVE_TRIES = 8;

const MERGEABLE: ReadonlySet<PlanItemKind> = new Set(['rest']);

/** Sorts a day's items by time, joins touching rest, and numbers them uniquely within the plan. */
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

function ledgers(days: WorkDay[], settings: PlanSettings): WeekLedger[] {
  const cutoff = Math.max(1, days.length - QBANK_FINISH_DAYS_BEFORE);
  const weeks: WeekLedger[] = [];
  for (let w = 0; w * 7 < days.length; w++) {
    const weekDays = days.slice(w * 7, w * 7 + 7);
    const beforeCutoff = weekDays.filter((d) => d.index < cutoff).length;
    const reviews = weekDays
      .flatMap((d) => d.items)
      .filter((i) => i.kind === 'deep-review')
      .reduce((sum, i) => sum + i.minutes, 0);
    weeks.push({
      week: w + 1,
      days: weekDays,
      totalMinutes: Math.round((weeklyStudyHours(settings) * 60 * weekDays.length) / 7),
      askedQbankMinutes: Math.round((settings.weeklyHours.questionBank * 60 * beforeCutoff) / 7),
      // The eve of the exam is light by rule: it is asked for no content review.
      askedContentMinutes: Math.round(
        (settings.weeklyHours.contentReview * 60 * weekDays.filter((d) => d.kind !== 'light').length) / 7,
      ),
      qbankMinutes: reviews,
      contentMinutes: 0,
      qbankLimit: null,
      contentLimit: null,
    });
  }
  return weeks;
}

type Built = { ok: true; plan: Plan } | { ok: false; failure: Result<never> };

function build(input: PlanInput): Built {
  const { startDate, examDate, settings } = input;
  const warnings: string[] = [];
  const days = buildDays(input);
  if (days.every((d) => d.freeMinutes === 0)) {
    return {
      ok: false,
      failure: fail(
        'PLAN_INFEASIBLE',
        'Every day before the exam is blocked, so nothing can be planned. Remove some blocked days or move the exam.',
        { exceptions: 'These blocked days cover the whole period before the exam.' },
      ),
    };
  }
  // Reviews owed for exams already sat: on their day, or the next day with room when that one has none.
  for (const review of input.pendingReviews ?? []) {
    const at = days.findIndex((d) => d.date === review.date);
    const day = [days[at], days[at + 1]].find((d) => d !== undefined && d.freeMinutes > 0 && at >= 0);
    if (day) placeDeepReview(day, review.form, review.minutes);
  }
  markEve(days, examDate);
  // Practice exams first: their cadence matters most; full-length days then take the free days
  // left, and the weekly rest goes around them.
  const exams = placePracticeExams(days, settings, warnings, input.takenExamDates);
  const fullLengthDates = placeFullLengthDays(days, settings, examDate);
  placeWeeklyRest(days, settings, warnings);
  // The journal's review slot before new questions, so the cap keeps room for it.
  const reviewLeft = placeJournalReviews(days, input.reviewMinutesByDate);
  if (reviewLeft >= 30)
    warnings.push(
      `About ${Math.round(reviewLeft / 5) * 5} minutes of journal review do not fit before the exam (the cap and the heavy days leave no room): review in shorter sessions, or raise the daily cap.`,
    );
  const weeks = ledgers(days, settings);
  const qbank = placeNewBlocks(days, weeks, settings, input.questionsDoneBefore ?? 0);
  if (!qbank.ok) return { ok: false, failure: qbank };
  placeContentReview(weeks, settings);
  placeSecondPass(days, weeks, settings, qbank.value.newQuestionsByWeek, input.questionsDoneBefore ?? 0);

  const capMinutes = dailyCapMinutesOf(settings);
  const shortfalls: Shortfall[] = weeklyShortfalls(weeks, settings, capMinutes);
  const isCadenceKept =
    exams.maxGapDays <= MID_PERIOD_MAX_GAP_DAYS &&
    (exams.dates.length === 0 || daysBetween(exams.dates.at(-1)!.date, examDate) <= LAST_PRACTICE_WINDOW.max);
  if ((exams.dates.length < exams.needed || !isCadenceKept) && settings.practiceExams.length > 0) {
    const tooFewForms = settings.practiceExams.length < exams.needed;
    const missing = exams.needed - exams.dates.length;
    const add = formsToAdd(settings.practiceExams, missing);
    const waysOut: WayOut[] = [];
    if (tooFewForms && add.length > 0) waysOut.push(formsWay(settings, add));
    if (tooFewForms && settings.practiceExamEveryDays < 14)
      waysOut.push(spacingWay(Math.min(14, settings.practiceExamEveryDays + 3)));
    if (!tooFewForms || waysOut.length === 0)
      waysOut.push({
        label: `Free up ${Math.max(1, missing)} day${missing > 1 ? 's' : ''} off for practice exams, so none is more than ${MID_PERIOD_MAX_GAP_DAYS} days from the last (now up to ${exams.maxGapDays})`,
      });
    shortfalls.push({
      week: null,
      kind: 'practice-exams',
      planned: exams.dates.length,
      asked: exams.needed,
      maxGapDays: exams.maxGapDays,
      cause: tooFewForms ? 'too few forms' : days.some((d) => d.hasCall) ? 'call' : 'rotation hours',
      waysOut,
    });
  }
  if (fullLengthDates.length < settings.fullLengthDays) {
    // A later exam date is looked for by checkWaysOut, which re-runs the scheduler.
    const waysOut: WayOut[] = [fullLengthWay(fullLengthDates.length)];
    const n = days.length;
    shortfalls.push({
      week: null,
      kind: 'full-length',
      planned: fullLengthDates.length,
      asked: settings.fullLengthDays,
      cause:
        days.filter((d) => d.busyMinutes === 0 && !d.special).length < 2
          ? 'rotation hours'
          : n < 28
            ? 'too few days'
            : days.some((d) => d.hasCall)
              ? 'call'
              : 'rotation hours',
      waysOut,
    });
  }
  warnings.push(...describeShortfalls(shortfalls));

  const format = examFormatOn(examDate);
  const examItem: PlanItem = {
    id: `${examDate}-exam-1`,
    date: examDate,
    kind: 'exam',
    title: `Step 2 CK: ${format.blocks} blocks of ${format.blockMinutes} minutes, a ${format.dayHours}-hour day`,
    start: timeOf(EXAM_CLOCK_START_MINUTES),
    end: timeOf(EXAM_CLOCK_START_MINUTES + format.dayHours * 60),
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
    'journal-review',
    'rest',
    'exam',
  ] as const) {
    hoursByKind[kind] = 0;
  }
  for (const day of planDays) for (const item of day.items) hoursByKind[item.kind] += item.minutes / 60;

  return {
    ok: true,
    plan: {
      startDate,
      examDate,
      days: planDays,
      summary: {
        blocksNeeded: qbank.value.blocksNeeded,
        questionsScheduled: qbank.value.questionsScheduled,
        questionBankFinishDate: qbank.value.finishDate,
        practiceExamDates: exams.dates,
        fullLengthDates,
        hoursByKind,
        dailyCapMinutes: capMinutes,
        shortfalls,
      },
      warnings,
    },
  };
}

function fits(input: PlanInput): boolean {
  return build(input).ok;
}

/** The smallest value in [low, high] for which `test` holds, assuming it holds from some value on; null if not at `high`. */
function smallestThatFits(low: number, high: number, test: (value: number) => boolean): number | null {
  if (low > high || !test(high)) return null;
  let lo = low;
  let hi = high;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (test(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Ways out of a plan that does not fit, each found by re-running the scheduler, so each one offered
 * is known to fit: more question-bank hours, a higher daily cap, a later exam, a share of the bank.
 */
export function findWaysOut(input: PlanInput): WayOut[] {
  const { settings } = input;
  const h = settings.weeklyHours;
  const ways: WayOut[] = [];
  const withSettings = (patch: Partial<PlanSettings>) => ({ ...input, settings: { ...settings, ...patch } });

  const qbHours = smallestThatFits(h.questionBank + 1, 60, (hours) =>
    fits(withSettings({ weeklyHours: { ...h, questionBank: hours } })),
  );
  if (qbHours !== null)
    ways.push({
      label: `+${qbHours - h.questionBank} h/week of question bank (${qbHours} h) makes it fit`,
      settingsPatch: { weeklyHours: { ...h, questionBank: qbHours } },
    });

  const capNow = dailyCapMinutesOf(settings) / 60;
  if (qbHours === null) {
    // More hours alone do not fit under the cap: the hours needed with the cap at its ceiling, then
    // the lowest cap that carries them.
    const atCeiling = (hours: number, cap: number) =>
      fits(withSettings({ weeklyHours: { ...h, questionBank: hours }, dailyCapHours: cap }));
    const hours = smallestThatFits(h.questionBank + 1, 60, (x) => atCeiling(x, DAILY_STUDY_CEILING_HOURS));
    if (hours !== null) {
      const steps = Math.floor((DAILY_STUDY_CEILING_HOURS - capNow) * 4);
      const k = smallestThatFits(0, steps, (step) => atCeiling(hours, capNow + step / 4));
      if (k !== null)
        ways.push({
          label: `+${hours - h.questionBank} h/week of question bank (${hours} h) with a daily cap of ${capNow + k / 4} h makes it fit`,
          settingsPatch: { weeklyHours: { ...h, questionBank: hours }, dailyCapHours: capNow + k / 4 },
        });
    }
  }
  const capSteps = Math.floor((DAILY_STUDY_CEILING_HOURS - capNow) * 4);
  const capStep = smallestThatFits(1, capSteps, (k) => fits(withSettings({ dailyCapHours: capNow + k / 4 })));
  if (capStep !== null)
    ways.push({
      label: `A daily cap of ${capNow + capStep / 4} h makes it fit`,
      settingsPatch: { dailyCapHours: capNow + capStep / 4 },
    });

  const move = smallestThatFits(1, MAX_EXAM_MOVE_DAYS, (k) => fits({ ...input, examDate: addDays(input.examDate, k) }));
  if (move !== null && fits({ ...input, examDate: addDays(input.examDate, move) })) {
    const examDate = addDays(input.examDate, move);
    ways.push({ label: `Move the exam ${move} days, to ${examDate}`, examDate });
  }

  const total = settings.questionBank.questionsLeft;
  const count = smallestThatFits(0, total, (q) =>
    !fits(withSettings({ questionBank: { ...settings.questionBank, questionsLeft: total - q } })) ? false : true,
  );
  if (count !== null && count > 0 && count < total) {
    const questionsLeft = total - count;
    ways.push({
      label: `Finish ${Math.floor((questionsLeft / total) * 100)} % of the bank (${questionsLeft.toLocaleString('en-US')} questions)`,
      settingsPatch: { questionBank: { ...settings.questionBank, questionsLeft } },
    });
  }
  return ways;
}

/**
 * A dated plan from `startDate` (inclusive) to `examDate`, or PLAN_INFEASIBLE with the numbers and
 * ways out that are known to fit when the question bank cannot.
 *
 * Example: 119 days with no rotations, 3,900 questions in 20-question blocks with 30-minute reviews,
 * defaults otherwise → 195 new blocks finished by the week before the exam, practice exams from the
 * first week to 7 days out, two full-length days, no day over its 6 h 45 min cap.
 */
export function generatePlan(input: PlanInput): Result<Plan> {
  if (daysBetween(input.startDate, input.examDate) < 1) {
    return fail('VALIDATION_FAILED', 'The exam date must be after the plan’s first day.', {
      examDate: 'Choose an exam date after today.',
    });
  }
  const built = build(input);
  if (built.ok) return ok(built.plan);
  const failure = built.failure;
  if (failure.ok || !/questions left need/.test(failure.error.message)) return failure;
  // Only ways out that were tried and fit are offered; with none, say what is left.
  const ways = findWaysOut(input);
  const next =
    ways.length > 0
      ? `Ways out that fit: ${ways.map((w) => w.label).join('; ')}.`
      : 'No change to the hours, the cap or the share of the bank fits: free up days from rotations, or move the exam more than a year.';
  return {
    ok: false,
    error: { ...failure.error, message: `${failure.error.message} ${next}`, details: { waysOut: ways } },
  };
}

/** Same kind, same week (or, for practice exams and full-length days, the same kind). */
function isSameShortfall(a: Shortfall, b: Shortfall): boolean {
  return a.kind === b.kind && a.week === b.week;
}

/** A way out that changes nothing the scheduler reads (free up a shift): advice, not a patch. */
function isAdvice(way: WayOut): boolean {
  return way.settingsPatch === undefined && way.examDate === undefined;
}

/**
 * The plan with every shortfall's ways out tried: each settings patch and exam move is applied and
 * the scheduler re-run, and a way out is kept only when the shortfall it answers is gone from the
 * new plan (same kind, same week). One that does not remove it is resized by search (a higher cap,
 * a lower ask, more forms, fewer full-length days) or dropped; a full-length shortfall also gets
 * the nearest later exam date, a week at a time, that places every day asked for. Advice with no
 * patch stays, and a shortfall left with no way out gets the advice of more free time. The warnings
 * are said again from the checked ways out.
 *
 * Kept apart from generatePlan because each distinct patch is a full re-run: the server runs it
 * once when it stores a plan; the bench measures generation alone.
 */
export function checkWaysOut(input: PlanInput, plan: Plan): Plan {
  if (plan.summary.shortfalls.length === 0) return { ...plan, summary: { ...plan.summary, waysOutChecked: true } };
  const trials = new Map<string, Plan | null>();
  const trial = (way: WayOut): Plan | null => {
    const key = JSON.stringify([way.settingsPatch ?? null, way.examDate ?? null]);
    let result = trials.get(key);
    if (result === undefined) {
      const built = build({
        ...input,
        examDate: way.examDate ?? input.examDate,
        settings: { ...input.settings, ...way.settingsPatch },
      });
      result = built.ok ? built.plan : null;
      trials.set(key, result);
    }
    return result;
  };
  const removes = (shortfall: Shortfall, way: WayOut) => {
    const tried = trial(way);
    return tried !== null && !tried.summary.shortfalls.some((other) => isSameShortfall(other, shortfall));
  };
  const shortfalls = plan.summary.shortfalls.map((shortfall): Shortfall => {
    const kept: WayOut[] = [];
    const keep = (way: WayOut) => {
      if (!kept.some((k) => k.label === way.label)) kept.push(way);
    };
    for (const way of shortfall.waysOut) {
      if (isAdvice(way)) keep(way);
      else if (removes(shortfall, way)) keep(way);
      else {
        // Smallest larger change that removes it (assuming a larger change never undoes it), then confirmed.
        const ladder = largerWays(input.settings, way);
        const k = smallestThatFits(0, ladder.length - 1, (i) => removes(shortfall, ladder[i]!));
        if (k !== null && removes(shortfall, ladder[k]!)) keep(ladder[k]!);
      }
    }
    if (shortfall.kind === 'full-length') {
      const later = (k: number) => addDays(input.examDate, k * FULL_LENGTH_MOVE_STEP_DAYS);
      const moveWay = (k: number): WayOut => ({
        label: `Move the exam ${k * FULL_LENGTH_MOVE_STEP_DAYS} days, to ${later(k)}`,
        examDate: later(k),
      });
      const k = smallestThatFits(1, FULL_LENGTH_MOVE_TRIES, (n) => removes(shortfall, moveWay(n)));
      if (k !== null) kept.unshift(moveWay(k));
    }
    if (kept.length === 0) {
      const missing = (shortfall.askedMinutes ?? 0) - (shortfall.plannedMinutes ?? 0);
      keep(
        shortfall.week === null
          ? { label: 'Free up whole days off from rotations: no change of settings alone makes this fit' }
          : freeHoursWay(missing),
      );
    }
    return { ...shortfall, waysOut: kept };
  });
  const said = describeShortfalls(plan.summary.shortfalls).length;
  const ruleWarnings = plan.warnings.slice(0, plan.warnings.length - said);
  return {
    ...plan,
    summary: { ...plan.summary, shortfalls, waysOutChecked: true },
    warnings: [...ruleWarnings, ...describeShortfalls(shortfalls)],
  };
}
