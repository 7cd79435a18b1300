/**
 * The readiness decision (capability E), the seed's rule made exact (PRODUCT.md E):
 *
 *   take the most recent practice exams;
 *   1. if the latest is not at or near the target → delay;
 *   2. if fewer than two recent exams are consistently at or above target → delay;
 *   3. if any recent exam sits near the passing line → not ready;
 *   4. if no full-length day has been completed → not ready;
 *   otherwise → proceed with the scheduled date.
 *
 * Every rule is evaluated and reported, pass or fail, with its numbers.
 *
 * Precedence when several fail: **not ready wins over delay.** Rules 3 and 4 are about the risk of a
 * second fail on the day (a score close to the line; an exam day never rehearsed); rules 1 and 2 are
 * about reaching the target. A student close to the line must hear the stronger warning, and a
 * student below target and close to the line is both. "Proceed" needs all four.
 *
 * Scores are the practice scores corrected as for the prediction (practice-scores.ts: known
 * over-prediction removed, the Free 120 converted), rounded to whole points. Clinical Mastery Series
 * forms and repeat sittings never count.
 */
import { addDays, compareDates, daysBetween, isLocalDate, type LocalDate } from '../common/dates.ts';
import { fail, ok, type Result } from '../common/result.ts';
import { examFormatOn, passingStandardOn, scoreReleaseWindow } from '../exam/exam-facts.ts';
import { validatePracticeExam, type PracticeExamInput, type PracticeExamLog } from './logging.ts';
import {
  correctPracticeExam,
  isPredictiveForm,
  selectEvidence,
  type CorrectedExam,
  type SkippedExam,
} from './practice-scores.ts';

/**
 * "Recent" = taken in the last 28 days. The plan spaces practice exams about a week apart (docs/cli.md,
 * plan rule 2), so four weeks hold the last three or four; and it matches the predictor's 28-day
 * half-life: past it, a score says less about today than the student's newer work.
 */
export const RECENT_WINDOW_DAYS = 28;
/**
 * "The most recent practice exams" = the last 3 recent ones. Three is the two that rule 2 needs at
 * target plus the one before them, so a near-pass followed by two good scores still blocks "proceed"
 * until one more exam confirms the trend.
 */
export const RECENT_EXAM_COUNT = 3;
/**
 * "Near the target" = at most 5 points under it. One practice score misses the real one by about 6–7
 * points for the best-tracking forms (DOMAIN.md §2, usmlepredictor.com: Form 14 ±5–7; anecdotal), so 5
 * points is within the noise of a single exam; more than that is a real gap.
 */
export const NEAR_TARGET_POINTS = 5;
/**
 * "Near the passing line" = less than 10 points above the passing score (218 from 2025-07-01,
 * DOMAIN.md §1). One exam alone carries a band of at least ±10 points (predictor.ts), so a score
 * within 10 has the passing line inside its own band: the real exam could fall under it. It is also
 * the margin the Step 1 postmortem calls "at the line" (AT_THE_LINE_MARGIN_POINTS).
 */
export const NEAR_PASSING_POINTS = 10;
/** "Consistently at or above target" = the last two recent exams both reach it, one after the other. */
export const MIN_EXAMS_AT_TARGET = 2;
/** At least one full-length simulation day, as the rule says; the plan schedules two by default. */
export const MIN_FULL_LENGTH_DAYS = 1;
export const MAX_FULL_LENGTH_DAYS = 50;

export type ReadinessVerdict = 'proceed' | 'delay' | 'not-ready';
export type ReadinessRuleId = 'latest-near-target' | 'two-at-target' | 'clear-of-passing-line' | 'full-length-day';
export type ReadinessReason = { rule: ReadinessRuleId; passed: boolean; text: string };

export type ReadinessInput = {
  exams: readonly PracticeExamInput[];
  targetScore: number;
  fullLengthDaysCompleted: number;
  examDate: string;
  today: string;
};

export type RecentExam = { form: string; name: string; date: LocalDate; reported: string; score: number };

export type ReadinessAssessment = {
  verdict: ReadinessVerdict;
  /** One or two sentences for the top of the page. */
  headline: string;
  reasons: ReadinessReason[];
  passingScore: number;
  targetScore: number;
  /** The last (up to) 3 exams of the last 28 days, oldest first, as the rule read them. */
  recentExams: RecentExam[];
  /** Points the latest exam is under the target (0 when at or above); null with no exam. */
  pointsShort: number | null;
  skipped: SkippedExam[];
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function toRecent(exam: CorrectedExam): RecentExam {
  return {
    form: exam.form,
    name: exam.name,
    date: exam.date,
    reported: exam.reported,
    score: Math.round(exam.correctedScore),
  };
}

/** "UWorld Self-Assessment 2 (2027-02-01): 251 → 248 after its known bias". */
function describeExam(exam: RecentExam): string {
  const base = `${exam.name} (${exam.date}): ${exam.reported}`;
  if (exam.reported === String(exam.score)) return base;
  return exam.form === 'FREE120' ? `${base} ≈ ${exam.score}` : `${base} → ${exam.score} after its known bias`;
}

function validateReadinessInput(input: ReadinessInput): Result<PracticeExamLog[]> {
  const problems: Record<string, string> = {};
  const hasDates = isLocalDate(input.examDate) && isLocalDate(input.today);
  if (!isLocalDate(input.examDate)) problems.examDate = 'Enter your exam date as YYYY-MM-DD, like 2027-03-01.';
  if (!isLocalDate(input.today)) problems.today = 'Enter today as YYYY-MM-DD.';
  if (hasDates && compareDates(input.examDate, input.today) < 0) {
    problems.examDate = `Your exam date (${input.examDate}) is before today (${input.today}). Enter the date you are booked for now.`;
  }
  if (!Number.isInteger(input.targetScore) || input.targetScore < 1 || input.targetScore > 300) {
    problems.targetScore = 'Enter your target as a whole 3-digit score from 1 to 300.';
  }
  if (
    !Number.isInteger(input.fullLengthDaysCompleted) ||
    input.fullLengthDaysCompleted < 0 ||
    input.fullLengthDaysCompleted > MAX_FULL_LENGTH_DAYS
  ) {
    problems.fullLengthDaysCompleted = `Enter the full-length days you have completed as a whole number from 0 to ${MAX_FULL_LENGTH_DAYS}.`;
  }
  const logs: PracticeExamLog[] = [];
  input.exams.forEach((exam, index) => {
    const checked = validatePracticeExam(exam, isLocalDate(input.today) ? input.today : undefined);
    if (checked.ok) logs.push(checked.value);
    else {
      for (const [field, message] of Object.entries(checked.error.fields ?? {})) {
        problems[`exams.${index}.${field}`] = message;
      }
    }
  });
  if (Object.keys(problems).length > 0) {
    return fail('VALIDATION_FAILED', 'Some details of the readiness check need fixing.', problems);
  }
  return ok(logs);
}

function checkLatest({
  latest,
  isLatestRecent,
  today,
  target,
}: {
  latest: RecentExam | undefined;
  isLatestRecent: boolean;
  today: LocalDate;
  target: number;
}): ReadinessReason {
  const rule = 'latest-near-target';
  if (latest === undefined) {
    return {
      rule,
      passed: false,
      text: `You have no practice exam logged yet, so nothing shows your score is near your target of ${target}. Take one first.`,
    };
  }
  if (!isLatestRecent) {
    return {
      rule,
      passed: false,
      text: `Your latest practice exam was ${plural(daysBetween(latest.date, today), 'day')} ago, more than ${RECENT_WINDOW_DAYS}: too old to show where you are now (${describeExam(latest)}). Take a practice exam now.`,
    };
  }
  const gap = target - latest.score;
  if (gap <= 0) {
    return {
      rule,
      passed: true,
      text: `Your latest practice exam is at or above your target of ${target}: ${describeExam(latest)}.`,
    };
  }
  if (gap <= NEAR_TARGET_POINTS) {
    return {
      rule,
      passed: true,
      text: `Your latest practice exam is ${plural(gap, 'point')} under your target of ${target}, which counts as near it (within ${NEAR_TARGET_POINTS}): ${describeExam(latest)}.`,
    };
  }
  return {
    rule,
    passed: false,
    text: `Your latest practice exam is ${plural(gap, 'point')} under your target of ${target}; near the target means within ${NEAR_TARGET_POINTS} points: ${describeExam(latest)}.`,
  };
}

function checkTwoAtTarget(recent: readonly RecentExam[], target: number): ReadinessReason {
  const rule = 'two-at-target';
  const lastTwo = recent.slice(-MIN_EXAMS_AT_TARGET);
  if (lastTwo.length < MIN_EXAMS_AT_TARGET) {
    return {
      rule,
      passed: false,
      text: `${lastTwo.length === 0 ? 'No practice exam' : 'Only one practice exam'} in the last ${RECENT_WINDOW_DAYS} days. Your last two practice exams need to both reach your target of ${target}, one after the other.`,
    };
  }
  const listed = lastTwo.map(describeExam).join('; ');
  if (lastTwo.every((e) => e.score >= target)) {
    return {
      rule,
      passed: true,
      text: `Your last two practice exams both reach your target of ${target} (${listed}).`,
    };
  }
  const under = lastTwo.filter((e) => e.score < target).length;
  return {
    rule,
    passed: false,
    text: `${under === 2 ? 'Neither of your last two practice exams reaches' : 'Only one of your last two practice exams reaches'} your target of ${target} (${listed}). Both need to, one after the other.`,
  };
}

function checkPassingLine(recent: readonly RecentExam[], passing: number): ReadinessReason {
  const rule = 'clear-of-passing-line';
  const line = passing + NEAR_PASSING_POINTS;
  if (recent.length === 0) {
    return {
      rule,
      passed: false,
      text: `No practice exam in the last ${RECENT_WINDOW_DAYS} days shows you clear of the passing score of ${passing}. Scores need to be at least ${line}.`,
    };
  }
  const close = recent.filter((e) => e.score < line);
  if (close.length === 0) {
    const lowest = Math.min(...recent.map((e) => e.score));
    return {
      rule,
      passed: true,
      text: `Your ${plural(recent.length, 'recent practice exam')} ${recent.length === 1 ? 'is' : recent.length === 2 ? 'are both' : 'are all'} at least ${NEAR_PASSING_POINTS} points above the passing score of ${passing} (lowest: ${lowest}).`,
    };
  }
  const worst = close.reduce((a, b) => (b.score < a.score ? b : a));
  const position =
    worst.score < passing
      ? `under the passing score of ${passing}`
      : `within ${NEAR_PASSING_POINTS} points of the passing score of ${passing}`;
  return {
    rule,
    passed: false,
    text: `${describeExam(worst)} is ${position}. Anything under ${line} is too close: one practice score can miss the real one by that much, so a second fail is a real risk.`,
  };
}

function checkFullLength(completed: number, examDate: LocalDate): ReadinessReason {
  const rule = 'full-length-day';
  if (completed >= MIN_FULL_LENGTH_DAYS) {
    return {
      rule,
      passed: true,
      text: `You have completed ${plural(completed, 'full-length day')}: you have held your focus for a whole exam day before.`,
    };
  }
  const format = examFormatOn(examDate);
  return {
    rule,
    passed: false,
    text: `You have not completed a full-length day yet. Sit one timed before the exam, shaped like the real ${format.dayHours}-hour day (${format.blocks} blocks of ${format.blockMinutes} minutes), so exam day is not the first time.`,
  };
}

function decideVerdict(reasons: readonly ReadinessReason[]): ReadinessVerdict {
  const failed = new Set(reasons.filter((r) => !r.passed).map((r) => r.rule));
  if (failed.has('clear-of-passing-line') || failed.has('full-length-day')) return 'not-ready';
  if (failed.has('latest-near-target') || failed.has('two-at-target')) return 'delay';
  return 'proceed';
}

function writeHeadline({
  verdict,
  reasons,
  examDate,
  target,
}: {
  verdict: ReadinessVerdict;
  reasons: readonly ReadinessReason[];
  examDate: LocalDate;
  target: number;
}): string {
  if (verdict === 'proceed') {
    return `Proceed with your exam on ${examDate}: every condition of the rule holds on your own numbers. This is what your evidence shows, not a guarantee; keep your routine and your sleep steady to the day.`;
  }
  if (verdict === 'delay') {
    return `Delay: your practice scores are not yet consistently at your target of ${target}. A focused 2–4 week extension aimed at your weakest areas gives you a better exam than sitting on hope.`;
  }
  const isNearLine = reasons.some((r) => r.rule === 'clear-of-passing-line' && !r.passed);
  const why = isNearLine
    ? 'nothing yet shows your score is safely clear of the passing line, and a second fail costs far more than a later date'
    : 'you have not yet rehearsed the full exam day';
  return `Not ready for ${examDate} yet: ${why}. This is about the evidence, not about you; the reasons below say exactly what would change the verdict.`;
}

/**
 * Applies the readiness rule (top of this file) to the student's own numbers.
 *
 * Input: practice exams as logged (validated here; Clinical Mastery Series and repeat sittings are
 * left out), the planning target, full-length days completed, the exam date and today (the student's
 * local date; exams after it are refused, and an exam date before it too).
 *
 * @example latest UWSA2 251 (→ 248) and Free 120 74 % (→ 251) within 28 days, target 245, one
 *   full-length day → 'proceed'; the same with 0 full-length days → 'not-ready'
 */
export function assessReadiness(input: ReadinessInput): Result<ReadinessAssessment> {
  const validated = validateReadinessInput(input);
  if (!validated.ok) return validated;
  const { used, skipped } = selectEvidence(validated.value);
  const passing = passingStandardOn(input.examDate).score;
  const isRecent = (e: RecentExam) => daysBetween(e.date, input.today) <= RECENT_WINDOW_DAYS;
  const recent = used.map(toRecent).filter(isRecent).slice(-RECENT_EXAM_COUNT);
  // Repeat sittings never help ("at target" reads first sittings only), but they can only make the
  // verdict stricter: a low repeat is still the latest score, and still a score near the line.
  const sittings = validated.value
    .map((exam, index) => ({ exam, index }))
    .sort((a, b) => compareDates(a.exam.date, b.exam.date) || a.index - b.index)
    .flatMap(({ exam }) =>
      isPredictiveForm(exam.form) ? [toRecent(correctPracticeExam({ ...exam, form: exam.form }))] : [],
    );
  const latest = sittings[sittings.length - 1];
  const isLatestRecent = latest !== undefined && isRecent(latest);
  const reasons: ReadinessReason[] = [
    checkLatest({ latest, isLatestRecent, today: input.today, target: input.targetScore }),
    checkTwoAtTarget(recent, input.targetScore),
    checkPassingLine(sittings.filter(isRecent).slice(-RECENT_EXAM_COUNT), passing),
    checkFullLength(input.fullLengthDaysCompleted, input.examDate),
  ];
  const verdict = decideVerdict(reasons);
  return ok({
    verdict,
    headline: writeHeadline({ verdict, reasons, examDate: input.examDate, target: input.targetScore }),
    reasons,
    passingScore: passing,
    targetScore: input.targetScore,
    recentExams: recent,
    pointsShort: latest === undefined ? null : Math.max(0, input.targetScore - latest.score),
    skipped,
  });
}

/** PRODUCT.md E: "a concrete 2–4 week focused extension". */
export const DELAY_WEEKS = { min: 2, max: 4 } as const;
/**
 * Weeks by how far the latest score is under the target: up to NEAR_TARGET_POINTS (5) → 2 weeks, up
 * to 10 → 3, more or unknown → 4. Two weeks is the shortest extension that holds a focused week plus a
 * practice exam 5–10 days before the new date with its review day (the plan's rule); four is the
 * product's ceiling. One more week per 5 points is a planning assumption: DOMAIN.md has no figure for
 * points gained per week.
 */
export const DELAY_POINTS_PER_WEEK = 5;
export const DELAY_FOCUS_AREAS = 3;

export type DelayProposalInput = {
  today: LocalDate;
  examDate: LocalDate;
  /** Weakest first, as rankWeakAreas returns them; only the names are used. */
  weakAreas: readonly { name: string }[];
  /** The date programs start reviewing applications (from the profile). */
  reviewStartDate: LocalDate;
  /** From assessReadiness: points the latest exam is under the target; null or absent when unknown. */
  pointsShort?: number | null;
};

export type DelayProposal = {
  weeks: number;
  originalExamDate: LocalDate;
  newExamDate: LocalDate;
  focusAreas: string[];
  scoreRelease: { earliest: LocalDate; latest: LocalDate };
  reviewStartDate: LocalDate;
  isReleaseBeforeReview: boolean;
  /** Days the latest likely release falls after review starts; 0 when before. */
  daysAfterReviewStart: number;
  text: string[];
};

function chooseDelayWeeks(pointsShort: number | null | undefined): number {
  if (pointsShort === null || pointsShort === undefined) return DELAY_WEEKS.max;
  const extra = Math.ceil(Math.max(0, pointsShort) / DELAY_POINTS_PER_WEEK) - 1;
  return Math.min(DELAY_WEEKS.max, Math.max(DELAY_WEEKS.min, DELAY_WEEKS.min + extra));
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * A concrete 2–4 week extension: the new exam date, the weakest areas to aim it at, and where the new
 * date's score release (scoreReleaseWindow: 3–4 weeks after the test, on a Wednesday) falls against
 * the date programs start reviewing. The extension starts from the current exam date, or from today
 * if that has passed. Dates are assumed valid (they come from the saved profile).
 *
 * @example proposeDelay({ today: '2027-02-22', examDate: '2027-03-01', pointsShort: 9,
 *   weakAreas: [{ name: 'Cardiovascular system' }], reviewStartDate: '2027-09-22' })
 *   → 3 weeks, newExamDate '2027-03-22', release 2027-04-14 to 2027-04-21, before review
 */
export function proposeDelay(input: DelayProposalInput): DelayProposal {
  const weeks = chooseDelayWeeks(input.pointsShort);
  const base = compareDates(input.examDate, input.today) >= 0 ? input.examDate : input.today;
  const newExamDate = addDays(base, weeks * 7);
  const scoreRelease = scoreReleaseWindow(newExamDate);
  const isReleaseBeforeReview = compareDates(scoreRelease.latest, input.reviewStartDate) <= 0;
  const daysAfterReviewStart = isReleaseBeforeReview ? 0 : daysBetween(input.reviewStartDate, scoreRelease.latest);
  const focusAreas = input.weakAreas.slice(0, DELAY_FOCUS_AREAS).map((a) => a.name);
  const original = scoreReleaseWindow(input.examDate);
  const wasBeforeReview = compareDates(original.latest, input.reviewStartDate) <= 0;
  const text = [
    `Move your exam from ${input.examDate} to ${newExamDate}: ${plural(weeks, 'week')} more${input.pointsShort ? `, for the ${plural(input.pointsShort, 'point')} between your latest score and your target` : ''}.`,
    focusAreas.length > 0
      ? `Aim the extra time at what costs you most: ${listWords(focusAreas)}. Do timed blocks on these most days, with random blocks in between so the rest stays fresh.`
      : 'Tag the systems and disciplines you miss in each block, so the extension can aim at what costs you most; until then, use the weakest areas on your practice exam reports.',
    'Sit one more practice exam about a week before the new date, review it the next day, and run the readiness check again on it.',
  ];
  if (isReleaseBeforeReview) {
    text.push(
      `Your score would likely come out between ${scoreRelease.earliest} and ${scoreRelease.latest}, before programs start reviewing on ${input.reviewStartDate}: the delay costs you nothing on the application timeline.`,
    );
  } else {
    text.push(
      `Your score would likely come out between ${scoreRelease.earliest} and ${scoreRelease.latest}, up to ${plural(daysAfterReviewStart, 'day')} after programs start reviewing on ${input.reviewStartDate}. Programs that read early will see your application without it.`,
      wasBeforeReview
        ? 'With your current date it would arrive in time, so this is the real cost of the delay. It is still smaller than the cost of a second fail: a strong score a little late is worth far more than a failing one on time. Talk it through with your advisor.'
        : 'Your current date would not arrive in time either, so the delay changes little here; a strong score is what programs will weigh.',
    );
  }
  return {
    weeks,
    originalExamDate: input.examDate,
    newExamDate,
    focusAreas,
    scoreRelease,
    reviewStartDate: input.reviewStartDate,
    isReleaseBeforeReview,
    daysAfterReviewStart,
    text,
  };
}
