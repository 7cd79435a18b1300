/**
 * The readiness decision (capability E), the seed's rule made exact (PRODUCT.md E), on a timeline
 * (decision 012, replacing 005):
 *
 * - Before the decision window (more than DECISION_WINDOW_DAYS to the exam) the answer is **on track**
 *   or **off track**: the predicted exam-day score (predictor.ts) against the target, with the trend
 *   in points a week. Never "delay" there, except when even the top of the 80 % band falls short of the
 *   passing line plus NEAR_PASSING_POINTS: then no trend the evidence allows reaches a safe score.
 * - Inside the window, the rule, every condition evaluated and reported:
 *   1. latest-near-target: the latest sitting is recent and at most 5 points under the target → else delay;
 *   2. two-at-target: the last two recent sittings are first sittings and both reach the target → else delay;
 *   3. clear-of-passing-line: EVERY sitting in the last 28 days is at least 10 points above the
 *      passing score, and there is one → else not ready;
 *   4. full-length-day: at least one completed → else not ready;
 *   5. prediction-safe: the predicted chance of passing is at least SAFE_PASS_PROBABILITY and the
 *      band's low end is at or above the passing score → else not ready. So the predictor's warning
 *      and the verdict never contradict each other.
 *   Not ready wins over delay; proceed needs all five. A proceed holds until a date (`holdsUntil`):
 *   the day the older of its two at-target exams leaves the recent window, or the exam; any new
 *   practice exam re-runs the rule (the verdict is computed from the log, never stored).
 *
 * The thresholds read `ruleScore` (practice-scores.ts): as reported, lowered for a form known to run
 * high, never raised. Sittings are ordered by date, and on one day the LOWER sitting counts as the
 * later one, so the input order never matters and a tie never helps. Repeat sittings never count
 * toward the target, but they count for the latest score and for the passing line.
 */
import { addDays, compareDates, daysBetween, isLocalDate, type LocalDate } from '../common/dates.ts';
import { fail, ok, type Result } from '../common/result.ts';
import { examFormatOn, passingStandardOn, scoreReleaseWindow } from '../exam/exam-facts.ts';
import { validatePracticeExam, type PracticeExamInput, type PracticeExamLog } from './logging.ts';
import {
  PRIOR_GAIN_POINTS_PER_WEEK,
  SAFE_PASS_PROBABILITY,
  TREND_HORIZON_DAYS,
  predictScore,
  type ScorePrediction,
} from './predictor.ts';
import {
  convertFree120Percent,
  correctPracticeExam,
  isPredictiveForm,
  selectEvidence,
  type SkippedExam,
} from './practice-scores.ts';
import { formatReadingDate } from './reading-dates.ts';

export { SAFE_PASS_PROBABILITY };

/**
 * The go / delay decision is made in the last 21 days (the issue's figure). The plan places the last
 * practice exam 5–10 days before the exam and spaces them weekly (docs/cli.md, plan rule 2), so the
 * window holds the two or three exams the rule reads; earlier, a verdict would judge a score that is
 * still expected to move (docs/calibration-figures.md F6).
 */
export const DECISION_WINDOW_DAYS = 21;
/**
 * "Recent" = taken in the last 28 days: four weeks hold the last three or four weekly exams, and it
 * matches the predictor's 28-day half-life.
 */
export const RECENT_WINDOW_DAYS = 28;
/**
 * "Near the target" = at most 5 points under it: one practice score misses the real one by about 6–7
 * points for the best-tracking forms (docs/calibration-figures.md F1, usmlepredictor.com; vendor).
 */
export const NEAR_TARGET_POINTS = 5;
/**
 * "Near the passing line" = less than 10 points above the passing score (218 from 2025-07-01, F3). One
 * exam alone carries a band of at least ±10 points (predictor.ts), so a score within 10 has the line
 * inside its own band.
 */
export const NEAR_PASSING_POINTS = 10;
/** "Consistently at or above target" = the last two recent sittings both reach it. */
export const MIN_EXAMS_AT_TARGET = 2;
/** At least one full-length simulation day, as the rule says; the plan schedules two by default. */
export const MIN_FULL_LENGTH_DAYS = 1;
export const MAX_FULL_LENGTH_DAYS = 50;

export type ReadinessVerdict = 'on-track' | 'off-track' | 'proceed' | 'delay' | 'not-ready';
export type ReadinessRuleId =
  | 'trajectory'
  | 'latest-near-target'
  | 'two-at-target'
  | 'clear-of-passing-line'
  | 'full-length-day'
  | 'prediction-safe';
export type ReadinessReason = { rule: ReadinessRuleId; passed: boolean; text: string };

export type ReadinessInput = {
  exams: readonly PracticeExamInput[];
  targetScore: number;
  fullLengthDaysCompleted: number;
  examDate: string;
  today: string;
};

export type RecentExam = {
  form: string;
  name: string;
  date: LocalDate;
  reported: string;
  /** The score the rule reads: as reported, lowered for a form known to run high, never raised. */
  score: number;
  /** False for a repeat sitting of a form already taken (familiar questions). */
  isFirstSitting: boolean;
};

export type Trajectory = {
  predicted: number;
  low: number;
  high: number;
  passProbability: number;
  currentLevel: number;
  /** The trend the prediction carries, points a week. */
  pointsPerWeek: number;
  /** What reaching the target by the exam date takes from here, points a week. */
  neededPointsPerWeek: number;
};

export type ReadinessAssessment = {
  verdict: ReadinessVerdict;
  /** 'tracking' before the decision window (on / off track), 'deciding' inside it. */
  phase: 'tracking' | 'deciding';
  /** One or two sentences for the top of the page. */
  headline: string;
  reasons: ReadinessReason[];
  passingScore: number;
  targetScore: number;
  daysToExam: number;
  decisionWindowDays: number;
  /** The first day of the decision window. */
  decisionOpensOn: LocalDate;
  /** For a proceed: the last day it holds without a new practice exam. Null otherwise. */
  holdsUntil: LocalDate | null;
  /** Every sitting of the last 28 days, oldest first, as the rule read them. */
  recentExams: RecentExam[];
  /** Points the latest sitting is under the target (0 when at or above); null with no exam. */
  pointsShort: number | null;
  trajectory: Trajectory | null;
  skipped: SkippedExam[];
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function perWeek(points: number): string {
  const rounded = Math.round(Math.abs(points) * 10) / 10;
  return `${rounded} point${rounded === 1 ? '' : 's'} a week`;
}

/** "UWorld Self-Assessment 2 (Monday 1 February): 251 → 248 after its known offset". */
function describeExam(exam: RecentExam, today: LocalDate): string {
  const base = `${exam.name} (${formatReadingDate(exam.date, today)}): ${exam.reported}`;
  const repeat = exam.isFirstSitting ? '' : ', a repeat sitting';
  if (exam.reported === String(exam.score)) return `${base}${repeat}`;
  return exam.form === 'FREE120'
    ? `${base} ≈ ${exam.score}${repeat}`
    : `${base} → ${exam.score} after its known offset${repeat}`;
}

function validateReadinessInput(input: ReadinessInput): Result<PracticeExamLog[]> {
  const problems: Record<string, string> = {};
  const hasDates = isLocalDate(input.examDate) && isLocalDate(input.today);
  if (!isLocalDate(input.examDate)) problems.examDate = 'Enter your exam date as YYYY-MM-DD, like 2027-03-01.';
  if (!isLocalDate(input.today)) problems.today = 'Enter today as YYYY-MM-DD.';
  if (hasDates && compareDates(input.examDate, input.today) < 0) {
    problems.examDate = `Your exam date (${formatReadingDate(input.examDate)}) is before today (${formatReadingDate(input.today)}). Enter the date you are booked for now.`;
  }
  if (!Number.isInteger(input.targetScore) || input.targetScore < 1 || input.targetScore > 300) {
    problems.targetScore = 'Enter your target as a whole 3-digit score from 1 to 300.';
  } else if (isLocalDate(input.examDate)) {
    const passing = passingStandardOn(input.examDate).score;
    if (input.targetScore < passing) {
      problems.targetScore = `A target of ${input.targetScore} is below the passing score of ${passing}: the rule would call a fail "ready". Aim at least at ${passing + NEAR_PASSING_POINTS}.`;
    }
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

/**
 * Every predictive sitting on the rule's scale, oldest first; on one day the higher first, so the
 * lower is the "later" one (the tie rule), then by form code. Input order never matters.
 */
function orderRuleSittings(logs: readonly PracticeExamLog[]): RecentExam[] {
  const seen = new Set<string>();
  const firstSittings = new Set<PracticeExamLog>(
    selectEvidenceFirstSittings(logs).filter((exam) => {
      if (seen.has(exam.form)) return false;
      seen.add(exam.form);
      return true;
    }),
  );
  return logs
    .flatMap((exam) => (isPredictiveForm(exam.form) ? [{ exam, form: exam.form }] : []))
    .map(({ exam, form }) => {
      const corrected = correctPracticeExam({ ...exam, form });
      return {
        exam,
        recent: {
          form,
          name: corrected.name,
          date: exam.date,
          reported: corrected.reported,
          score: Math.round(corrected.ruleScore),
          isFirstSitting: firstSittings.has(exam),
        } satisfies RecentExam,
        exact: corrected.ruleScore,
      };
    })
    .sort(
      (a, b) =>
        compareDates(a.recent.date, b.recent.date) ||
        b.exact - a.exact ||
        (a.recent.form < b.recent.form ? 1 : a.recent.form > b.recent.form ? -1 : 0) ||
        // Two identical sittings: the first sitting before the repeat, whatever the input order.
        Number(b.recent.isFirstSitting) - Number(a.recent.isFirstSitting),
    )
    .map(({ recent }) => recent);
}

/** Sittings in the evidence's order (lower first on a day), so the first sitting of a tie is the lower. */
function selectEvidenceFirstSittings(logs: readonly PracticeExamLog[]): PracticeExamLog[] {
  const score = (e: PracticeExamLog) =>
    e.form === 'FREE120' ? convertFree120Percent(e.percentCorrect ?? 0).score : (e.score ?? 0);
  return logs
    .filter((e) => isPredictiveForm(e.form))
    .slice()
    .sort(
      (a, b) => compareDates(a.date, b.date) || score(a) - score(b) || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0),
    );
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
      text: `Your latest practice exam was ${plural(daysBetween(latest.date, today), 'day')} ago, more than ${RECENT_WINDOW_DAYS}: too old to show where you are now (${describeExam(latest, today)}). Take a practice exam now.`,
    };
  }
  const gap = target - latest.score;
  if (gap <= 0) {
    return {
      rule,
      passed: true,
      text: `Your latest practice exam is at or above your target of ${target}: ${describeExam(latest, today)}.`,
    };
  }
  if (gap <= NEAR_TARGET_POINTS) {
    return {
      rule,
      passed: true,
      text: `Your latest practice exam is ${plural(gap, 'point')} under your target of ${target}, which counts as near it (within ${NEAR_TARGET_POINTS}): ${describeExam(latest, today)}.`,
    };
  }
  return {
    rule,
    passed: false,
    text: `Your latest practice exam is ${plural(gap, 'point')} under your target of ${target}; near the target means within ${NEAR_TARGET_POINTS} points: ${describeExam(latest, today)}.`,
  };
}

function checkTwoAtTarget(recent: readonly RecentExam[], target: number, today: LocalDate): ReadinessReason {
  const rule = 'two-at-target';
  const lastTwo = recent.slice(-MIN_EXAMS_AT_TARGET);
  if (lastTwo.length < MIN_EXAMS_AT_TARGET) {
    return {
      rule,
      passed: false,
      text: `${lastTwo.length === 0 ? 'You have no practice exam' : 'You have only one practice exam'} in the last ${RECENT_WINDOW_DAYS} days; two in a row need to reach your target of ${target}.`,
    };
  }
  const listed = lastTwo.map((e) => describeExam(e, today)).join('; ');
  const reaching = lastTwo.filter((e) => e.score >= target && e.isFirstSitting).length;
  if (reaching === MIN_EXAMS_AT_TARGET) {
    return {
      rule,
      passed: true,
      text: `Your last two practice exams both reach your target of ${target} (${listed}).`,
    };
  }
  const hasRepeat = lastTwo.some((e) => !e.isFirstSitting && e.score >= target);
  return {
    rule,
    passed: false,
    text: `${reaching === 0 ? 'Neither of your last two practice exams reaches' : 'Only one of your last two practice exams reaches'} your target of ${target} (${listed}).${hasRepeat ? ' A repeat sitting does not count toward the target: its questions were familiar.' : ''} Two in a row need to.`,
  };
}

function checkPassingLine(recent: readonly RecentExam[], passing: number, today: LocalDate): ReadinessReason {
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
    const every =
      recent.length === 1
        ? `Your one practice exam of the last ${RECENT_WINDOW_DAYS} days is`
        : recent.length === 2
          ? `Both your practice exams of the last ${RECENT_WINDOW_DAYS} days are`
          : `All ${recent.length} of your practice exams of the last ${RECENT_WINDOW_DAYS} days are`;
    return {
      rule,
      passed: true,
      text: `${every} at least ${NEAR_PASSING_POINTS} points above the passing score of ${passing} (lowest: ${lowest}).`,
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
    text: `${describeExam(worst, today)} is ${position}. Every exam of the last ${RECENT_WINDOW_DAYS} days counts here, and anything under ${line} is too close: one practice score can miss the real one by that much.`,
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

function checkPrediction(prediction: ScorePrediction | null, passing: number): ReadinessReason {
  const rule = 'prediction-safe';
  const threshold = `${Math.round(SAFE_PASS_PROBABILITY * 100)} %`;
  if (prediction === null) {
    return {
      rule,
      passed: false,
      text: 'There is no prediction without a practice exam, so no chance of passing to check.',
    };
  }
  const chance = `${Math.round(prediction.passProbability * 100)} %`;
  if (prediction.passProbability < SAFE_PASS_PROBABILITY) {
    return {
      rule,
      passed: false,
      text: `The predicted chance of passing is ${chance}, under the ${threshold} this rule asks for: too close to a second fail.`,
    };
  }
  if (prediction.low < passing) {
    return {
      rule,
      passed: false,
      text: `The low end of the predicted band (${prediction.low}) is under the passing score of ${passing}.`,
    };
  }
  return {
    rule,
    passed: true,
    text: `The predicted chance of passing is ${chance} (at least ${threshold}), and the whole band (${prediction.low}–${prediction.high}) is above the passing score of ${passing}.`,
  };
}

function toTrajectory(prediction: ScorePrediction): Trajectory {
  return {
    predicted: prediction.predicted,
    low: prediction.low,
    high: prediction.high,
    passProbability: prediction.passProbability,
    currentLevel: prediction.currentLevel,
    pointsPerWeek: prediction.trend.usedPointsPerWeek,
    neededPointsPerWeek: prediction.neededPointsPerWeek,
  };
}

function decideVerdict(reasons: readonly ReadinessReason[]): ReadinessVerdict {
  const failed = new Set(reasons.filter((r) => !r.passed).map((r) => r.rule));
  if (failed.has('clear-of-passing-line') || failed.has('full-length-day') || failed.has('prediction-safe')) {
    return 'not-ready';
  }
  if (failed.has('latest-near-target') || failed.has('two-at-target')) return 'delay';
  return 'proceed';
}

function assessTrack({
  prediction,
  input,
  passing,
  decisionOpensOn,
}: {
  prediction: ScorePrediction | null;
  input: ReadinessInput;
  passing: number;
  decisionOpensOn: LocalDate;
}): { verdict: ReadinessVerdict; reason: ReadinessReason; headline: string } {
  const opens = formatReadingDate(decisionOpensOn, input.today);
  const examDay = formatReadingDate(input.examDate, input.today);
  const target = input.targetScore;
  if (prediction === null) {
    return {
      verdict: 'off-track',
      reason: {
        rule: 'trajectory',
        passed: false,
        text: `No practice exam yet, so there is no trajectory to judge. Take a baseline exam: it shows where you start, and the weekly exams after it show the trend.`,
      },
      headline: `Not enough evidence yet to say you are on track for ${target}. The go / delay decision comes from ${opens}; until then your practice exams build the trajectory it will read.`,
    };
  }
  // A trend is carried TREND_HORIZON_DAYS at most, then held: said, or a rise faster than the
  // rate needed would read as if it must reach the target (a walk found "2.3 a week" beside
  // "takes about 1.7 a week" and "short of your target").
  const isTrendCapped = prediction.trend.daysCarried >= TREND_HORIZON_DAYS;
  const trend = `${prediction.trend.usedPointsPerWeek < 0 ? 'a fall of ' : ''}${perWeek(prediction.trend.usedPointsPerWeek)}${isTrendCapped ? ` for ${TREND_HORIZON_DAYS / 7} weeks after your latest exam, then held level` : ''}`;
  const band = `${prediction.predicted} (80 % band ${prediction.low}–${prediction.high})`;
  if (prediction.high < passing + NEAR_PASSING_POINTS) {
    return {
      verdict: 'delay',
      reason: {
        rule: 'trajectory',
        passed: false,
        text: `Even the top of your predicted band for ${examDay} (${prediction.high}) is under ${passing + NEAR_PASSING_POINTS}, ${NEAR_PASSING_POINTS} points above the passing score: at ${trend}, no trend your exams allow reaches a safe score by then.`,
      },
      headline: `Delay: even on a good trajectory your evidence does not reach a safe score by ${examDay}. Moving the date now, before the last weeks, costs less than a second fail.`,
    };
  }
  const isNearTarget = prediction.predicted >= target - NEAR_TARGET_POINTS;
  const isSafe = prediction.passProbability >= SAFE_PASS_PROBABILITY;
  const isOnTrack = isNearTarget && isSafe;
  const needed = prediction.neededPointsPerWeek;
  const chance = `${Math.round(prediction.passProbability * 100)} %`;
  const safe = `${Math.round(SAFE_PASS_PROBABILITY * 100)} %`;
  // Near the target yet off track: the chance of passing is what holds it back, and the words say
  // so (a score "short of" a target it equals once rounded would contradict itself).
  const unsafe =
    isNearTarget && !isSafe ? ` Being on track also needs a ${safe} chance of passing; yours is ${chance}.` : '';
  const text = `Predicted for ${examDay}: ${band}, now about ${prediction.currentLevel}, carried forward at ${trend}.${needed > 0 ? ` Reaching ${target} takes about ${perWeek(needed)} every week from here to the exam.` : ` You are at or above your target of ${target} already.`}${unsafe}`;
  const offTrack = isNearTarget
    ? `Off track for now: your predicted exam-day score is ${band}, ${prediction.predicted < target ? `just short of your target of ${target}${needed > 0 ? ` (reaching it takes about ${perWeek(needed)})` : ''}` : `at your target of ${target} or above it`}, but your chance of passing is ${chance}, under the ${safe} this check asks for: the band still reaches too close to the passing score.`
    : `Off track for now: your predicted exam-day score is ${band}, short of your target of ${target}${needed > 0 ? `; reaching it takes about ${perWeek(needed)}` : ''}.`;
  return {
    verdict: isOnTrack ? 'on-track' : 'off-track',
    reason: { rule: 'trajectory', passed: isOnTrack, text },
    headline: isOnTrack
      ? `On track: your predicted exam-day score is ${band}, within ${NEAR_TARGET_POINTS} points of your target of ${target} or above it. The go / delay decision comes from ${opens}.`
      : `${offTrack} There is time to change that: the go / delay decision comes from ${opens}.`,
  };
}

function writeHeadline({
  verdict,
  reasons,
  examDate,
  target,
  holdsUntil,
  today,
}: {
  verdict: ReadinessVerdict;
  reasons: readonly ReadinessReason[];
  examDate: LocalDate;
  target: number;
  holdsUntil: LocalDate | null;
  today: LocalDate;
}): string {
  const examDay = formatReadingDate(examDate, today);
  if (verdict === 'proceed') {
    const until =
      holdsUntil !== null && holdsUntil !== examDate
        ? ` It holds until ${formatReadingDate(holdsUntil, today)}; each new practice exam checks it again.`
        : ' Each new practice exam checks it again.';
    return `Proceed with your exam on ${examDay}: every condition of the rule holds on your own numbers.${until} This is what your evidence shows, not a guarantee.`;
  }
  if (verdict === 'delay') {
    return `Delay: your practice scores are not yet consistently at your target of ${target}. A focused 2–4 week extension aimed at your weakest areas gives you a better exam than sitting on hope.`;
  }
  const failed = new Set(reasons.filter((r) => !r.passed).map((r) => r.rule));
  const why =
    failed.has('clear-of-passing-line') || failed.has('prediction-safe')
      ? 'nothing yet shows your score is safely clear of the passing line, and a second fail costs far more than a later date'
      : 'you have not yet rehearsed the full exam day';
  return `Not ready for ${examDay} yet: ${why}. This is about the evidence, not about you; the reasons below say exactly what would change the verdict.`;
}

/**
 * Applies the readiness rule (top of this file) to the student's own numbers.
 *
 * Input: practice exams as logged (validated here; Clinical Mastery Series left out), the planning
 * target (refused below the passing score), full-length days completed, the exam date and today.
 *
 * @example 60 days out, exams rising to 250, target 245 → 'on-track', never 'delay'
 * @example 7 days out, UWSA2 251 (→ 248) and Free 120 74 % (→ 251) in the last 28 days, one full-length
 *   day → 'proceed' holding until the UWSA2 leaves the window; the same with 0 full-length days → 'not-ready'
 */
export function assessReadiness(input: ReadinessInput): Result<ReadinessAssessment> {
  const validated = validateReadinessInput(input);
  if (!validated.ok) return validated;
  const { skipped } = selectEvidence(validated.value);
  const passing = passingStandardOn(input.examDate).score;
  const daysToExam = daysBetween(input.today, input.examDate);
  const decisionOpensOn = addDays(input.examDate, -DECISION_WINDOW_DAYS);
  const predicted = predictScore({
    exams: validated.value.filter((e) => isPredictiveForm(e.form)),
    examDate: input.examDate,
    targetScore: input.targetScore,
    today: input.today,
  });
  const prediction = predicted.ok && predicted.value.status === 'predicted' ? predicted.value : null;
  const isRecent = (e: RecentExam) => daysBetween(e.date, input.today) <= RECENT_WINDOW_DAYS;
  const sittings = orderRuleSittings(validated.value);
  const recent = sittings.filter(isRecent);
  const latest = sittings[sittings.length - 1];
  const base = {
    passingScore: passing,
    targetScore: input.targetScore,
    daysToExam,
    decisionWindowDays: DECISION_WINDOW_DAYS,
    decisionOpensOn,
    recentExams: recent,
    pointsShort: latest === undefined ? null : Math.max(0, input.targetScore - latest.score),
    trajectory: prediction === null ? null : toTrajectory(prediction),
    skipped,
  };
  if (daysToExam > DECISION_WINDOW_DAYS) {
    const track = assessTrack({ prediction, input, passing, decisionOpensOn });
    return ok({
      ...base,
      verdict: track.verdict,
      phase: 'tracking',
      headline: track.headline,
      reasons: [track.reason],
      holdsUntil: null,
    });
  }
  const reasons: ReadinessReason[] = [
    checkLatest({
      latest,
      isLatestRecent: latest !== undefined && isRecent(latest),
      today: input.today,
      target: input.targetScore,
    }),
    checkTwoAtTarget(recent, input.targetScore, input.today),
    checkPassingLine(recent, passing, input.today),
    checkFullLength(input.fullLengthDaysCompleted, input.examDate),
    checkPrediction(prediction, passing),
  ];
  const verdict = decideVerdict(reasons);
  let holdsUntil: LocalDate | null = null;
  if (verdict === 'proceed') {
    const olderOfTwo = recent[recent.length - MIN_EXAMS_AT_TARGET]!;
    const stale = addDays(olderOfTwo.date, RECENT_WINDOW_DAYS);
    holdsUntil = compareDates(stale, input.examDate) < 0 ? stale : input.examDate;
  }
  return ok({
    ...base,
    verdict,
    phase: 'deciding',
    headline: writeHeadline({
      verdict,
      reasons,
      examDate: input.examDate,
      target: input.targetScore,
      holdsUntil,
      today: input.today,
    }),
    reasons,
    holdsUntil,
  });
}

/** PRODUCT.md E: "a concrete 2–4 week focused extension". */
export const DELAY_WEEKS = { min: 2, max: 4 } as const;
/**
 * Weeks by how far the latest score is under the target, at the prior's typical rise
 * (PRIOR_GAIN_POINTS_PER_WEEK, 2.3 points a week, predictor.ts; docs/calibration-figures.md F6):
 * the weeks that rise needs, between 2 and 4. Unknown → 4. Two weeks is the shortest extension that
 * holds a focused week plus a practice exam 5–10 days before the new date; four is the product's ceiling.
 */
export const DELAY_POINTS_PER_WEEK = PRIOR_GAIN_POINTS_PER_WEEK;
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
  const weeks = Math.ceil(Math.max(0, pointsShort) / DELAY_POINTS_PER_WEEK);
  return Math.min(DELAY_WEEKS.max, Math.max(DELAY_WEEKS.min, weeks));
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
  const day = (date: LocalDate) => formatReadingDate(date, input.today);
  const expectedGain = Math.round(weeks * DELAY_POINTS_PER_WEEK);
  const short = input.pointsShort ?? 0;
  const text = [
    `Move your exam from ${day(input.examDate)} to ${day(newExamDate)}: ${plural(weeks, 'week')} more.`,
    short > 0
      ? expectedGain >= short
        ? `At the typical rise of about ${DELAY_POINTS_PER_WEEK} points a week, ${plural(weeks, 'week')} would cover the ${plural(short, 'point')} between your latest score and your target: an expectation, not a promise.`
        : `At the typical rise of about ${DELAY_POINTS_PER_WEEK} points a week, ${plural(weeks, 'week')} would add about ${plural(expectedGain, 'point')}, less than the ${plural(short, 'point')} to your target: the extension buys margin over the passing line, not the whole gap. Talk with your advisor about the date and the target.`
      : `The extension is for margin over the passing line: scores typically rise about ${DELAY_POINTS_PER_WEEK} points a week while you keep studying.`,
    focusAreas.length > 0
      ? `Aim the extra time at what costs you most: ${listWords(focusAreas)}. Do timed blocks on these most days, with random blocks in between so the rest stays fresh.`
      : 'Tag the systems and disciplines you miss in each block, so the extension can aim at what costs you most; until then, use the weakest areas on your practice exam reports.',
    'Sit one more practice exam about a week before the new date, review it the next day, and run the readiness check again on it.',
  ];
  if (isReleaseBeforeReview) {
    text.push(
      `Your score would likely come out between ${day(scoreRelease.earliest)} and ${day(scoreRelease.latest)}, before programs start reviewing on ${day(input.reviewStartDate)}, so on the usual release times the delay should not cost you the early review. Rescheduling may still carry a fee and pushes back what comes after the exam.`,
    );
  } else {
    text.push(
      `Your score would likely come out between ${day(scoreRelease.earliest)} and ${day(scoreRelease.latest)}, up to ${plural(daysAfterReviewStart, 'day')} after programs start reviewing on ${day(input.reviewStartDate)}. Programs that read early will see your application without it.`,
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
