/**
 * The predicted Step 2 CK score ON EXAM DAY (capability D), with an 80 % band and the chances of
 * passing and of reaching the planning target, and the reasoning in words. Decision 012 (replacing
 * 005); every figure from docs/calibration-figures.md (Fn below), copied there from CALIBRATION.md and
 * DOMAIN.md with their sources.
 *
 * The model, in one place. Each practice exam i gives a corrected score cᵢ (practice-scores.ts: the
 * form's offset centred on the best public estimate) taken τᵢ days before the latest exam, with a
 * variance vᵢ = formSdᵢ² + offsetSdᵢ² + DRIFT_VARIANCE_PER_DAY × τᵢ (older exams say less about the
 * level now, around the trend). D = days from the latest exam to the exam date; the trend is carried
 * for at most TREND_HORIZON_DAYS of them (D_h).
 * 1. Trend b, points a day. The prior b₀ = PRIOR_GAIN_POINTS_PER_WEEK / 7 with SD
 *    PRIOR_GAIN_SD_POINTS_PER_WEEK / 7 (F6: scores move while the student studies). With at least
 *    MIN_EXAMS_FOR_TREND exams spanning MIN_TREND_SPAN_DAYS, the student's own weighted least-squares
 *    slope b̂ (variance 1 / Σ(τᵢ − τ̄)²/vᵢ) is blended in: b = λ b̂ + (1 − λ) b₀ with the Bayes weight
 *    λ = τ_b² / (τ_b² + Var b̂), capped so that no exam's weight in the prediction turns negative
 *    (a higher score never lowers the prediction). Fewer exams: b = b₀.
 * 2. Level a at the latest exam: the inverse-variance mean of cᵢ + b τᵢ with a weak population prior
 *    N(POPULATION_PRIOR.mean, POPULATION_PRIOR.sd²) (F4: regression toward the mean, the population
 *    mean of students who failed Step 1 unknown).
 * 3. Exam-day score S = a + b D_h. Var S = Birge × Var a + K² Var b + MEASUREMENT_ERROR² +
 *    DRIFT_VARIANCE_PER_DAY × (D − D_h), with K = the weighted mean of τᵢ + D_h (how far the trend is
 *    carried), Var b = λ² Var b̂ + (1 − λ)² τ_b², Birge = max(1, Q / dof) when the exams disagree with
 *    the trend more than their errors explain. The band widens with the days to go.
 * 4. 80 % band S ± 1.2816 σ, at least ±10 with one exam; probabilities from the same normal model.
 *
 * The centre is linear in the corrected scores with non-negative weights, so it is monotonic in each
 * exam's score (a property test checks it).
 */
import { daysBetween, isLocalDate, type LocalDate } from '../common/dates.ts';
import { fail, ok, type Result } from '../common/result.ts';
import { passingStandardOn } from '../exam/exam-facts.ts';
import { PRACTICE_FORMS, type PracticeFormId } from '../exam/practice-forms.ts';
import { validatePracticeExam, type PracticeExamInput, type PracticeExamLog } from './logging.ts';
import { computeProbabilityAtLeast, Z_80 } from './normal.ts';
import { THREE_DIGIT_SCORE, selectEvidence, type CorrectedExam, type SkippedExam } from './practice-scores.ts';
import { formatReadingDate } from './reading-dates.ts';

/**
 * Step 2 CK's own error on the day, counted once on top of the forms' errors: 7 points (F2, DOMAIN.md
 * §1 "Measurement error", a Reddit post; the norm tables give about 6). With one form of error 7 this
 * gives σ ≈ 10 and a band of about ±13, what the peer-reviewed R² 0.56 implies (F1).
 */
export const MEASUREMENT_ERROR_POINTS = 7;

/**
 * Random movement of the level around the trend, points² a day: 7² / 28 = 1.75, so an exam taken 28
 * days before the latest counts half as much as the latest for a form of error 7, and beyond the trend
 * horizon the exam-day score can drift about 7 points a month either way. An assumption (no published
 * figure), stated to the student.
 */
export const RECENCY_HALF_LIFE_DAYS = 28;
const TYPICAL_FORM_SD_POINTS = 7;
export const DRIFT_VARIANCE_PER_DAY = (TYPICAL_FORM_SD_POINTS * TYPICAL_FORM_SD_POINTS) / RECENCY_HALF_LIFE_DAYS;

/**
 * The expected rise while a student keeps studying, points a week. F6: the Step 1 curve (Bigach et al.
 * 2021, peer) real ≈ 292 − (292 − practice) × 0.9875^days gives (292 − 240) × −ln 0.9875 × 7 = 4.6 points
 * a week at 240; no curve is published for Step 2 CK and its timing studies point both ways (F7), so
 * the prior takes half of it, 2.3, with an SD of 3 (a student may stall or rise twice as fast).
 */
export const STEP1_CURVE = { ceiling: 292, dailyRetention: 0.9875, referenceScore: 240 } as const;
export const PRIOR_GAIN_SHARE_OF_STEP1 = 0.5;
export const PRIOR_GAIN_POINTS_PER_WEEK =
  Math.round(
    PRIOR_GAIN_SHARE_OF_STEP1 *
      (STEP1_CURVE.ceiling - STEP1_CURVE.referenceScore) *
      -Math.log(STEP1_CURVE.dailyRetention) *
      7 *
      10,
  ) / 10;
export const PRIOR_GAIN_SD_POINTS_PER_WEEK = 3;
/**
 * A trend is carried at most 6 weeks: the length of a dedicated period in the plan's defaults is not a
 * published figure, and a straight line carried further would promise gains no study has measured.
 * Beyond it only the random drift widens the band.
 */
export const TREND_HORIZON_DAYS = 42;
/** A student's own slope needs at least 3 exams (the issue's rule) spread over at least 2 weeks. */
export const MIN_EXAMS_FOR_TREND = 3;
export const MIN_TREND_SPAN_DAYS = 14;
/**
 * The weak population prior on the level (F4, F5): first-time takers average 249–251 (SD 15); students
 * who failed Step 1 score lower by an unpublished amount, so the centre is 240 and the SD 20, wider than
 * the population's: one exam outweighs it about seven to one.
 */
export const POPULATION_PRIOR = { mean: 240, sd: 20 } as const;

/** One form alone gets a band of at least ±10 points. */
export const MIN_SINGLE_EXAM_HALF_WIDTH_POINTS = 10;
export const PREDICTION_LEVEL = 0.8;
/**
 * Probabilities are shown between 1 % and 99 %: the model rests on anecdotal figures, and no number
 * from it justifies telling a student that a pass is certain or impossible.
 */
export const PROBABILITY_RANGE = { min: 0.01, max: 0.99 } as const;
/** The latest exam is "old" for the explanation past the plan's 5–10-day window before the exam. */
export const STALE_AFTER_DAYS = 10;
export const MAX_PRACTICE_EXAMS = 100;
/** Below this chance of passing the readiness rule never says proceed (readiness.ts); said here too. */
export const SAFE_PASS_PROBABILITY = 0.95;

export type EvidencePoint = {
  scorePoints: number;
  /** Form error and offset doubt together, points. */
  formSdPoints: number;
  /** Days before the latest exam (0 for the latest). */
  daysBeforeLatest: number;
  /** Error that widens the band but not the weights (a Free 120 outside its table), points. */
  bandOnlySdPoints?: number;
};

export type TrendEstimate = {
  /** 'own' when the student's series moved the slope, 'prior' otherwise. */
  source: 'own' | 'prior';
  /** The student's own slope, points a week; null with fewer than 3 exams over 2 weeks. */
  ownPointsPerWeek: number | null;
  /** The slope carried to the exam date, points a week. */
  usedPointsPerWeek: number;
  /** λ: the share of the own slope in the one carried (0 with the prior alone). */
  ownShare: number;
  /** Days the trend is carried: from the latest exam to the exam date, at most TREND_HORIZON_DAYS. */
  daysCarried: number;
};

export type CombinedEvidence = {
  /** The exam-day score, unrounded. */
  meanPoints: number;
  /** The level at the latest exam's date. */
  levelPoints: number;
  sdPoints: number;
  halfWidthPoints: number;
  /** Each point's weight in meanPoints (non-negative; with the prior's they sum to 1), input order. */
  weightShares: number[];
  /** Birge ratio used, ≥ 1. */
  disagreementFactor: number;
  trend: TrendEstimate;
};

/**
 * The core of the model (top of this file), on corrected scores, without rounding. At least one point.
 *
 * @example combineEvidence({ points: [{ scorePoints: 240, formSdPoints: 6, daysBeforeLatest: 0 }],
 *   daysToExam: 7 }) → level (240/36 + 240/400)/(1/36 + 1/400) = 240, exam day 240 + 2.3 = 242.3,
 *   σ² = 33.0 + 7² × (3/7)² + 49 = 91.0, σ = 9.54, half-width 12.2
 */
export function combineEvidence({
  points,
  daysToExam,
}: {
  points: readonly EvidencePoint[];
  daysToExam: number;
}): CombinedEvidence {
  const variances = points.map((p) => p.formSdPoints ** 2 + DRIFT_VARIANCE_PER_DAY * Math.max(0, p.daysBeforeLatest));
  const weights = variances.map((v) => 1 / v);
  const dataWeight = weights.reduce((sum, w) => sum + w, 0);
  const priorWeight = 1 / POPULATION_PRIOR.sd ** 2;
  const totalWeight = dataWeight + priorWeight;
  const shares = weights.map((w) => w / totalWeight);
  const daysCarried = Math.min(Math.max(0, daysToExam), TREND_HORIZON_DAYS);
  const meanAge = points.reduce((sum, p, i) => sum + shares[i]! * p.daysBeforeLatest, 0);
  const lever = meanAge + daysCarried;

  const priorSlope = PRIOR_GAIN_POINTS_PER_WEEK / 7;
  const priorSlopeVariance = (PRIOR_GAIN_SD_POINTS_PER_WEEK / 7) ** 2;
  const ages = points.map((p) => p.daysBeforeLatest);
  const span = Math.max(...ages) - Math.min(...ages);
  let ownSlope: number | null = null;
  let ownShare = 0;
  let ownSlopeVariance = 0;
  // Each exam's coefficient in the own slope (time runs opposite to the age).
  let slopeCoefficients = points.map(() => 0);
  if (points.length >= MIN_EXAMS_FOR_TREND && span >= MIN_TREND_SPAN_DAYS) {
    const meanAgeData = ages.reduce((sum, t, i) => sum + weights[i]! * t, 0) / dataWeight;
    const spread = ages.reduce((sum, t, i) => sum + weights[i]! * (t - meanAgeData) ** 2, 0);
    slopeCoefficients = ages.map((t, i) => (-weights[i]! * (t - meanAgeData)) / spread);
    ownSlope = points.reduce((sum, p, i) => sum + slopeCoefficients[i]! * p.scorePoints, 0);
    ownSlopeVariance = 1 / spread;
    const bayesShare = priorSlopeVariance / (priorSlopeVariance + ownSlopeVariance);
    // Cap: the weight of exam i in the prediction is shareᵢ + λ × slopeCoefficientᵢ × lever ≥ 0.
    const cap = points.reduce((limit, _p, i) => {
      const c = slopeCoefficients[i]!;
      return c < 0 && lever > 0 ? Math.min(limit, shares[i]! / (-c * lever)) : limit;
    }, 1);
    ownShare = Math.max(0, Math.min(bayesShare, cap));
  }
  const slope = ownSlope === null ? priorSlope : ownShare * ownSlope + (1 - ownShare) * priorSlope;
  const slopeVariance = ownShare ** 2 * ownSlopeVariance + (1 - ownShare) ** 2 * priorSlopeVariance;

  const levelPoints =
    points.reduce((sum, p, i) => sum + shares[i]! * (p.scorePoints + slope * p.daysBeforeLatest), 0) +
    (priorWeight / totalWeight) * POPULATION_PRIOR.mean;
  const meanPoints = levelPoints + slope * daysCarried;

  const q = points.reduce(
    (sum, p, i) => sum + weights[i]! * (p.scorePoints + slope * p.daysBeforeLatest - levelPoints) ** 2,
    0,
  );
  const dof = points.length - (ownShare > 0 ? 2 : 1);
  const disagreementFactor = dof > 0 ? Math.max(1, q / dof) : 1;
  const bandOnly = points.reduce((sum, p, i) => sum + (shares[i]! * (p.bandOnlySdPoints ?? 0)) ** 2, 0);
  const variance =
    disagreementFactor / totalWeight +
    bandOnly +
    lever ** 2 * slopeVariance +
    MEASUREMENT_ERROR_POINTS ** 2 +
    DRIFT_VARIANCE_PER_DAY * Math.max(0, daysToExam - daysCarried);
  const sdPoints = Math.sqrt(variance);
  const halfWidthPoints = Math.max(Z_80 * sdPoints, points.length === 1 ? MIN_SINGLE_EXAM_HALF_WIDTH_POINTS : 0);
  return {
    meanPoints,
    levelPoints,
    sdPoints,
    halfWidthPoints,
    weightShares: shares.map((share, i) => share + ownShare * slopeCoefficients[i]! * lever),
    disagreementFactor,
    trend: {
      source: ownShare > 0 ? 'own' : 'prior',
      ownPointsPerWeek: ownSlope === null ? null : Math.round(ownSlope * 70) / 10,
      usedPointsPerWeek: Math.round(slope * 70) / 10,
      ownShare: Math.round(ownShare * 100) / 100,
      daysCarried,
    },
  };
}

export type PredictInput = {
  exams: readonly PracticeExamInput[];
  examDate: string;
  targetScore: number;
  /** The student's local date; when given, exams after it are refused. */
  today?: string;
  /** Forms the student owns (plan settings), to say which to take first when there is none. */
  formsOwned?: readonly PracticeFormId[];
};

export type WeighedExam = CorrectedExam & { ageDays: number; weightShare: number };

export type ScorePrediction = {
  status: 'predicted';
  /** The exam-day score, rounded. */
  predicted: number;
  low: number;
  high: number;
  level: typeof PREDICTION_LEVEL;
  passProbability: number;
  targetProbability: number;
  passingScore: number;
  targetScore: number;
  /** SD of the normal model, points, one decimal. */
  sdPoints: number;
  /** The estimated level at the latest exam's date, rounded: where the student is now. */
  currentLevel: number;
  latestExamDate: LocalDate;
  /** Days from the latest exam to the exam date. */
  daysFromLatestToExam: number;
  trend: TrendEstimate;
  /**
   * Points a week from the current level to the target by the exam date (0 when already there);
   * counted from today when given, else from the latest exam.
   */
  neededPointsPerWeek: number;
  /** The pass-risk sentence when the chance of passing is under SAFE_PASS_PROBABILITY; else null. */
  warning: string | null;
  exams: WeighedExam[];
  skipped: SkippedExam[];
  explanation: string[];
};

export type NoPrediction = {
  status: 'no-evidence';
  /** The practice exam to take first, when the forms owned are known. */
  suggestedForm: PracticeFormId | null;
  skipped: SkippedExam[];
  explanation: string[];
};

function clampScore(value: number): number {
  return Math.min(THREE_DIGIT_SCORE.max, Math.max(THREE_DIGIT_SCORE.min, value));
}

function shownProbability(p: number): number {
  return Math.round(Math.min(PROBABILITY_RANGE.max, Math.max(PROBABILITY_RANGE.min, p)) * 100) / 100;
}

function percentOf(p: number): string {
  return `${Math.round(p * 100)} %`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Validates the request; returns the practice exams as logged or the fields to fix. */
function validatePredictInput(input: PredictInput): Result<PracticeExamLog[]> {
  const problems: Record<string, string> = {};
  const hasExamDate = isLocalDate(input.examDate);
  if (!hasExamDate) problems.examDate = 'Enter your exam date as YYYY-MM-DD, like 2027-03-01.';
  if (!Number.isInteger(input.targetScore) || input.targetScore < 1 || input.targetScore > 300) {
    problems.targetScore = 'Enter your target as a whole 3-digit score from 1 to 300.';
  }
  const hasToday = input.today === undefined || isLocalDate(input.today);
  if (!hasToday) problems.today = 'Enter today as YYYY-MM-DD.';
  if (input.exams.length > MAX_PRACTICE_EXAMS) {
    problems.exams = `Send at most ${MAX_PRACTICE_EXAMS} practice exams.`;
  }
  const logs: PracticeExamLog[] = [];
  input.exams.slice(0, MAX_PRACTICE_EXAMS).forEach((exam, index) => {
    const checked = validatePracticeExam(exam, hasToday ? input.today : undefined);
    if (!checked.ok) {
      for (const [field, message] of Object.entries(checked.error.fields ?? {})) {
        problems[`exams.${index}.${field}`] = message;
      }
      return;
    }
    if (hasExamDate && daysBetween(checked.value.date, input.examDate) < 0) {
      problems[`exams.${index}.date`] =
        `${checked.value.date} is after your exam date (${input.examDate}). A practice exam taken after the exam cannot predict it; check the date.`;
      return;
    }
    logs.push(checked.value);
  });
  if (Object.keys(problems).length > 0) {
    return fail('VALIDATION_FAILED', 'Some details of the prediction request need fixing.', problems);
  }
  return ok(logs);
}

function suggestFirstForm(formsOwned: readonly PracticeFormId[] | undefined): PracticeFormId | null {
  const owned = [...(formsOwned ?? [])].sort((a, b) => PRACTICE_FORMS[a].order - PRACTICE_FORMS[b].order);
  return owned[0] ?? null;
}

function explainNoEvidence(suggestedForm: PracticeFormId | null, skipped: readonly SkippedExam[]): string[] {
  const first =
    suggestedForm === null
      ? 'Take an NBME CCSSA form first: it is NBME’s own self-assessment, reported on the Step 2 CK scale. Sit it timed, in one go, like the real day.'
      : `Take ${PRACTICE_FORMS[suggestedForm].name} first, timed and in one sitting like the real day: it is the earliest of your forms in the plan’s order.`;
  return [
    'No practice exam yet, so there is no prediction: a number without evidence would only be a guess.',
    first,
    'Keep UWSA 2 and the Free 120 for the last weeks before the exam: they track the real exam most closely.',
    ...skipped.map((s) => s.reason),
  ];
}

/** Whole percents that add up to 100 (largest remainder), so the weights shown never sum to 101 %. */
function roundShares(shares: readonly number[]): number[] {
  const raw = shares.map((s) => s * 100);
  const floors = raw.map(Math.floor);
  let left = 100 - floors.reduce((sum, f) => sum + f, 0);
  const order = raw.map((r, i) => ({ i, rest: r - floors[i]! })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}

function explainExam(exam: WeighedExam, weightPercent: number, today: LocalDate | undefined): string {
  return `${exam.name}, ${formatReadingDate(exam.date, today)} (${plural(exam.ageDays, 'day')} before the exam): ${exam.note}. Weight ${weightPercent} %.`;
}

function perWeek(points: number): string {
  const rounded = Math.round(Math.abs(points) * 10) / 10;
  return `${rounded} point${rounded === 1 ? '' : 's'} a week`;
}

/** The trend in words: what the series did and how much of it the prediction carries. */
export function explainTrend({ trend, examCount }: { trend: TrendEstimate; examCount: number }): string {
  const carried =
    trend.daysCarried >= TREND_HORIZON_DAYS
      ? `for the first ${TREND_HORIZON_DAYS / 7} weeks after your latest exam, then held level to the exam (a trend is carried ${TREND_HORIZON_DAYS / 7} weeks at most)`
      : `for the ${plural(trend.daysCarried, 'day')} from your latest exam to the exam`;
  const typical = `the typical rise of about ${perWeek(PRIOR_GAIN_POINTS_PER_WEEK)} while a student keeps studying (half the rate one Step 1 study measured; none is published for Step 2 CK)`;
  if (trend.ownPointsPerWeek === null) {
    return `${examCount < MIN_EXAMS_FOR_TREND ? `With ${examCount === 1 ? 'one practice exam' : 'two practice exams'} there is no trend of your own yet` : `Your exams span less than ${MIN_TREND_SPAN_DAYS} days, too short for a trend of your own`}: the prediction assumes ${typical}, ${carried}.`;
  }
  const own = trend.ownPointsPerWeek;
  const moved =
    Math.abs(own) < 0.5
      ? `Your ${examCount} practice exams stayed about level (${own >= 0 ? '+' : '−'}${perWeek(own)})`
      : `Your ${examCount} practice exams ${own > 0 ? 'rose' : 'fell'} about ${perWeek(own)}`;
  const share = Math.round(trend.ownShare * 100);
  const used = trend.usedPointsPerWeek;
  const usedWords = `${used < 0 ? 'a fall of ' : ''}${perWeek(used)}`;
  if (share === 0) {
    return `${moved}. A few exams over a few weeks cannot tell a trend from their own noise, so the prediction keeps ${typical}, ${carried}.`;
  }
  return `${moved}; the prediction assumes about ${share} % of that continues, blended with ${typical}: ${usedWords}, ${carried}.`;
}

function explainBand({
  exams,
  combined,
  halfWidth,
  today,
}: {
  exams: readonly WeighedExam[];
  combined: CombinedEvidence;
  halfWidth: number;
  today: LocalDate | undefined;
}): string[] {
  const lines = [
    `Why the band is ±${halfWidth} points: the real exam itself varies by about ${MEASUREMENT_ERROR_POINTS} points for the same knowledge, every practice form misses the real score by several points (more where the published offsets disagree), and no one knows exactly how much you will gain before the exam.`,
  ];
  if (exams.length === 1) {
    lines.push(
      `You have one practice exam, so the band is at least ±${MIN_SINGLE_EXAM_HALF_WIDTH_POINTS} points. A second exam would narrow it.`,
    );
  } else if (combined.disagreementFactor > 1) {
    const scores = exams.map((e) => Math.round(e.correctedScore));
    lines.push(
      `Your exams disagree more than their forms’ error and your trend explain (corrected scores from ${Math.min(...scores)} to ${Math.max(...scores)}), so the band is wider. Another exam will show which of them is right.`,
    );
  } else {
    lines.push(`Your ${exams.length} exams agree within what their forms’ error explains.`);
  }
  const latest = exams[exams.length - 1]!;
  if (latest.ageDays > STALE_AFTER_DAYS) {
    lines.push(
      `Your latest practice exam (${formatReadingDate(latest.date, today)}) is ${plural(latest.ageDays, 'day')} before the exam date; the more days to go, the wider the band. A practice exam 5–10 days before the exam would narrow it.`,
    );
  }
  return lines;
}

function explainPassing({
  passProbability,
  passingScore,
  passingFrom,
  today,
}: {
  passProbability: number;
  passingScore: number;
  passingFrom: LocalDate;
  today: LocalDate | undefined;
}): { lines: string[]; warning: string | null } {
  const line = `Chance of passing (${passingScore} for exams from ${formatReadingDate(passingFrom, today)}): ${percentOf(passProbability)}.`;
  if (passProbability < 0.5) {
    const warning = `Your evidence puts you under the passing score on exam day: sitting with these numbers would more likely than not mean a second fail. The readiness check says what would change that.`;
    return { lines: [line, warning], warning };
  }
  if (passProbability < SAFE_PASS_PROBABILITY) {
    // The risk as the same kind of figure as the chance beside it: "1 in 3" rounded 38 % down.
    const warning = `That leaves about a ${percentOf(1 - passProbability)} risk of a second fail: too close to the line to sit on hope. The readiness check never says proceed below a ${percentOf(SAFE_PASS_PROBABILITY)} chance of passing.`;
    return { lines: [line, warning], warning };
  }
  return { lines: [line], warning: null };
}

/**
 * Predicts the Step 2 CK score on the exam date from dated practice exams (the model at the top of
 * this file).
 *
 * Input: the practice exams (3-digit score, or percent correct for the Free 120), the exam date, the
 * planning target and, optionally, today and the forms owned. Refuses bad input with
 * VALIDATION_FAILED and per-field messages (`exams.0.score`). With no predictive exam it returns
 * `status: 'no-evidence'` and says which exam to take first. Clinical Mastery Series forms and repeat
 * sittings of a form never count. Probabilities: P(score ≥ passing score on the exam date,
 * passingStandardOn → 218) and P(score ≥ target), shown as 0.01–0.99.
 *
 * @example predictScore({ examDate: '2027-03-01', targetScore: 245, exams: [
 *   { form: 'NBME13', date: '2027-01-10', score: 236 }, { form: 'UWSA2', date: '2027-02-01', score: 251 },
 *   { form: 'FREE120', date: '2027-02-20', percentCorrect: 74 }] })
 *   → predicted 251 (level 248 on 20 February, +2.3 points a week for 9 days), band 238–265
 */
export function predictScore(input: PredictInput): Result<ScorePrediction | NoPrediction> {
  const validated = validatePredictInput(input);
  if (!validated.ok) return validated;
  const { used, skipped } = selectEvidence(validated.value);
  if (used.length === 0) {
    const suggestedForm = suggestFirstForm(input.formsOwned);
    return ok({
      status: 'no-evidence',
      suggestedForm,
      skipped,
      explanation: explainNoEvidence(suggestedForm, skipped),
    });
  }
  const today = input.today;
  const latestDate = used[used.length - 1]!.date;
  const daysFromLatestToExam = daysBetween(latestDate, input.examDate);
  const points = used.map((exam) => ({
    scorePoints: exam.correctedScore,
    formSdPoints: Math.sqrt(exam.formSdPoints ** 2 + exam.offsetSdPoints ** 2),
    daysBeforeLatest: daysBetween(exam.date, latestDate),
    bandOnlySdPoints: exam.extrapolationSdPoints,
  }));
  const combined = combineEvidence({ points, daysToExam: daysFromLatestToExam });
  const exams: WeighedExam[] = used.map((exam) => ({
    ...exam,
    ageDays: daysBetween(exam.date, input.examDate),
    weightShare: 0,
  }));
  const weightPercents = roundShares(normalizeShares(combined.weightShares));
  exams.forEach((exam, i) => {
    exam.weightShare = Math.round(normalizeShares(combined.weightShares)[i]! * 1000) / 1000;
  });
  const mean = clampScore(combined.meanPoints);
  const predicted = Math.round(mean);
  const low = clampScore(Math.floor(mean - combined.halfWidthPoints));
  const high = clampScore(Math.ceil(mean + combined.halfWidthPoints));
  // Probabilities use the SD the band implies, so the ±10 floor for one exam widens them too.
  const sd = combined.halfWidthPoints / Z_80;
  const passing = passingStandardOn(input.examDate);
  const passProbability = shownProbability(computeProbabilityAtLeast({ threshold: passing.score, mean, sd }));
  const targetProbability = shownProbability(computeProbabilityAtLeast({ threshold: input.targetScore, mean, sd }));
  const halfWidth = Math.round(combined.halfWidthPoints);
  const currentLevel = Math.round(clampScore(combined.levelPoints));
  const fromDate = today !== undefined && daysBetween(latestDate, today) > 0 ? today : latestDate;
  const weeksLeft = Math.max(1, daysBetween(fromDate, input.examDate)) / 7;
  const neededPointsPerWeek = Math.max(
    0,
    Math.round(((input.targetScore - combined.levelPoints) / weeksLeft) * 10) / 10,
  );
  const passingLines = explainPassing({
    passProbability,
    passingScore: passing.score,
    passingFrom: passing.from,
    today,
  });
  const examDay = formatReadingDate(input.examDate, today);
  const explanation = [
    `Predicted score on exam day, ${examDay}: ${predicted}. The real score should land between ${low} and ${high} four times out of five (an 80 % band).`,
    `Where you are now: about ${currentLevel} on ${formatReadingDate(latestDate, today)}, your latest practice exam.`,
    explainTrend({ trend: combined.trend, examCount: exams.length }),
    exams.length === 1
      ? 'Made from 1 practice exam, corrected for how its form is known to run against the real exam:'
      : `Made from ${exams.length} practice exams, each corrected for how its form is known to run against the real exam:`,
    ...exams.map((exam, i) => explainExam(exam, weightPercents[i]!, today)),
    `Recent exams count more: an exam taken ${RECENCY_HALF_LIFE_DAYS} days before your latest counts about half as much. Forms that track the real exam closely count more too. A weak starting guess of ${POPULATION_PRIOR.mean} (students in your position average less than the ${POPULATION_PRIOR.mean + 9}–251 of all first-time takers) pulls a single unusual score slightly toward the middle.`,
    ...explainBand({ exams, combined, halfWidth, today }),
    ...passingLines.lines,
    `Chance of reaching your target of ${input.targetScore}: ${percentOf(targetProbability)}.`,
    ...(neededPointsPerWeek > 0
      ? [
          `To reach ${input.targetScore} by ${examDay} you would need about ${perWeek(neededPointsPerWeek)} from where you are now${neededPointsPerWeek > combined.trend.usedPointsPerWeek ? `, while the prediction assumes ${combined.trend.usedPointsPerWeek < 0 ? 'a fall of ' : ''}${perWeek(combined.trend.usedPointsPerWeek)}` : ''}.`,
        ]
      : []),
    'The form offsets come from students’ self-reports (usmlepredictor.com, nbmecalc.com, residencyadvisor.com), not from NBME or USMLE; where they disagree the band is wider. Treat the number as a guide, not a promise.',
    ...skipped.map((s) => s.reason),
  ];
  return ok({
    status: 'predicted',
    predicted,
    low,
    high,
    level: PREDICTION_LEVEL,
    passProbability,
    targetProbability,
    passingScore: passing.score,
    targetScore: input.targetScore,
    sdPoints: Math.round(sd * 10) / 10,
    currentLevel,
    latestExamDate: latestDate,
    daysFromLatestToExam,
    trend: combined.trend,
    neededPointsPerWeek,
    warning: passingLines.warning,
    exams,
    skipped,
    explanation,
  });
}

/** The exams' weights as shares of the data's part (the prior's share left out), summing to 1. */
function normalizeShares(shares: readonly number[]): number[] {
  const total = shares.reduce((sum, s) => sum + s, 0);
  return shares.map((s) => (total > 0 ? s / total : 1 / shares.length));
}
