/**
 * The predicted Step 2 CK score (capability D): a weighted mean of the bias-corrected practice
 * exams, an 80 % band, and the probabilities of passing and of reaching the planning target, with
 * the reasoning in words.
 *
 * The model, in one place:
 * - Each exam i gives a corrected score cᵢ (practice-scores.ts) with a form error sᵢ.
 * - Its variance as evidence about exam day is vᵢ = sᵢ² + DRIFT_VARIANCE_PER_DAY × ageᵢ, where ageᵢ
 *   is the days from the practice exam to the exam date: a score moves while the student studies,
 *   by an amount we cannot know, so older evidence says less (a random walk).
 * - Prediction μ = Σ(cᵢ / vᵢ) / Σ(1 / vᵢ): inverse-variance weights, so recent exams and forms that
 *   track the real exam closely count more.
 * - Its variance is 1 / Σ(1 / vᵢ), inflated by the Birge ratio Q / (n − 1) when the exams disagree
 *   more than their errors explain (Q = Σ(cᵢ − μ)² / vᵢ), never deflated.
 * - The real score ~ Normal(μ, σ), σ² = MEASUREMENT_ERROR² + that variance: even perfect knowledge
 *   of the student leaves the exam's own error.
 * - 80 % band μ ± 1.2816 σ, at least ±10 when one exam is all there is.
 *
 * The form errors (correlation studies of practice vs real scores) already contain some exam-day
 * error, so adding the 7-point measurement error on top counts part of it twice: the band errs wide,
 * on purpose, for a student who cannot afford a second fail.
 */
import { daysBetween, isLocalDate, type LocalDate } from '../common/dates.ts';
import { fail, ok, type Result } from '../common/result.ts';
import { passingStandardOn } from '../exam/exam-facts.ts';
import { PRACTICE_FORMS, type PracticeFormId } from '../exam/practice-forms.ts';
import { validatePracticeExam, type PracticeExamInput, type PracticeExamLog } from './logging.ts';
import { computeProbabilityAtLeast, Z_80 } from './normal.ts';
import { THREE_DIGIT_SCORE, selectEvidence, type CorrectedExam, type SkippedExam } from './practice-scores.ts';

/** Step 2 CK standard error of estimate ≈ 7 points: DOMAIN.md §1 "Measurement error" (a Reddit r/medicalschool post; anecdotal). */
export const MEASUREMENT_ERROR_POINTS = 7;

/**
 * An exam taken this many days before the exam date counts half as much as one taken on the day,
 * for a form with a 7-point error: DRIFT_VARIANCE_PER_DAY = 7² / 28 = 1.75 points² a day, so over four
 * weeks a score can drift by about 7 points either way. Why 28 days: the plan spaces practice exams a
 * week apart with the last one 5–10 days before the exam (docs/cli.md, rule 2), so the last three or
 * four exams dominate and a baseline from two months before counts about a third. Dedicated-period
 * gains of a few points a week are commonly reported, but no figure is in DOMAIN.md: this is an
 * assumption, stated to the student.
 */
export const RECENCY_HALF_LIFE_DAYS = 28;
const TYPICAL_FORM_SD_POINTS = 7;
export const DRIFT_VARIANCE_PER_DAY = (TYPICAL_FORM_SD_POINTS * TYPICAL_FORM_SD_POINTS) / RECENCY_HALF_LIFE_DAYS;

/** One form alone gets a band of at least ±10 points (the rule; our model gives ±11.8 or more anyway). */
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

export type EvidencePoint = { scorePoints: number; formSdPoints: number; ageDays: number };

export type CombinedEvidence = {
  meanPoints: number;
  /** SD of the real score around the mean: measurement error and the evidence's own uncertainty. */
  sdPoints: number;
  halfWidthPoints: number;
  /** Each point's share of the weight, summing to 1, in input order. */
  weightShares: number[];
  /** Birge ratio used, ≥ 1: how much more the exams disagree than their errors explain. */
  disagreementFactor: number;
};

/**
 * The core of the model (see the top of this file) on corrected scores, without rounding. At least
 * one point is required.
 *
 * @example combineEvidence([{ scorePoints: 240, formSdPoints: 6, ageDays: 7 }]) →
 *   v = 36 + 1.75 × 7 = 48.25, σ = √(49 + 48.25) = 9.86, half-width 1.2816 × 9.86 = 12.6
 */
export function combineEvidence(points: readonly EvidencePoint[]): CombinedEvidence {
  const variances = points.map((p) => p.formSdPoints ** 2 + DRIFT_VARIANCE_PER_DAY * Math.max(0, p.ageDays));
  const totalWeight = variances.reduce((sum, v) => sum + 1 / v, 0);
  const meanPoints = points.reduce((sum, p, i) => sum + p.scorePoints / variances[i]!, 0) / totalWeight;
  const q = points.reduce((sum, p, i) => sum + (p.scorePoints - meanPoints) ** 2 / variances[i]!, 0);
  const disagreementFactor = points.length > 1 ? Math.max(1, q / (points.length - 1)) : 1;
  const meanVariance = disagreementFactor / totalWeight;
  const sdPoints = Math.sqrt(MEASUREMENT_ERROR_POINTS ** 2 + meanVariance);
  const halfWidthPoints = Math.max(Z_80 * sdPoints, points.length === 1 ? MIN_SINGLE_EXAM_HALF_WIDTH_POINTS : 0);
  return {
    meanPoints,
    sdPoints,
    halfWidthPoints,
    weightShares: variances.map((v) => 1 / v / totalWeight),
    disagreementFactor,
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

function explainExam(exam: WeighedExam, weightPercent: number): string {
  return `${exam.name}, ${exam.date} (${plural(exam.ageDays, 'day')} before the exam): ${exam.note}. Weight ${weightPercent} %.`;
}

function explainBand({
  exams,
  combined,
  halfWidth,
}: {
  exams: readonly WeighedExam[];
  combined: CombinedEvidence;
  halfWidth: number;
}): string[] {
  const lines = [
    `Why the band is ±${halfWidth} points: the real exam itself varies by about ${MEASUREMENT_ERROR_POINTS} points for the same knowledge (a figure from a student forum; USMLE does not publish one we could find), and every practice form misses the real score by several points.`,
  ];
  if (exams.length === 1) {
    lines.push(
      `You have one practice exam, so the band is at least ±${MIN_SINGLE_EXAM_HALF_WIDTH_POINTS} points. A second exam would narrow it.`,
    );
  } else if (combined.disagreementFactor > 1) {
    const scores = exams.map((e) => Math.round(e.correctedScore));
    lines.push(
      `Your exams disagree more than their forms’ error explains (corrected scores from ${Math.min(...scores)} to ${Math.max(...scores)}), so the band is wider. Another exam will show which of them is right.`,
    );
  } else {
    lines.push(
      `Your ${exams.length} exams agree within what their forms’ error explains, which keeps the band narrower.`,
    );
  }
  const latest = exams[exams.length - 1]!;
  if (latest.ageDays > STALE_AFTER_DAYS) {
    lines.push(
      `Your latest practice exam is ${plural(latest.ageDays, 'day')} before the exam date; scores move over that time, so the band is wider. A practice exam 5–10 days before the exam would narrow it.`,
    );
  }
  return lines;
}

function explainPassing({
  passProbability,
  passingScore,
  passingFrom,
}: {
  passProbability: number;
  passingScore: number;
  passingFrom: LocalDate;
}): string[] {
  const line = `Chance of passing (${passingScore} for exams from ${passingFrom}): ${percentOf(passProbability)}.`;
  if (passProbability < 0.5) {
    return [
      line,
      `Your evidence puts you under the passing score today. Sitting now would more likely than not mean a second fail, which costs far more than a few weeks. Move the date and aim the time at your weakest areas; the readiness check proposes how.`,
    ];
  }
  if (passProbability < 0.9) {
    const oneIn = Math.max(2, Math.round(1 / (1 - passProbability)));
    return [
      line,
      `That leaves about a 1-in-${oneIn} risk of a second fail: too close to the line to sit on hope. Treat it as a reason to delay and build margin, not to push through.`,
    ];
  }
  return [line];
}

/**
 * Predicts the Step 2 CK score from practice exams (the model at the top of this file).
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
 *   → predicted 246, band 234–258, passProbability 0.99, targetProbability 0.53
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
  const points = used.map((exam) => ({
    scorePoints: exam.correctedScore,
    formSdPoints: exam.formSdPoints,
    ageDays: daysBetween(exam.date, input.examDate),
  }));
  const combined = combineEvidence(points);
  const exams: WeighedExam[] = used.map((exam, i) => ({
    ...exam,
    ageDays: points[i]!.ageDays,
    weightShare: Math.round(combined.weightShares[i]! * 1000) / 1000,
  }));
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
  const weightPercents = roundShares(combined.weightShares);
  const explanation = [
    `Predicted score for ${input.examDate}: ${predicted}. The real score should land between ${low} and ${high} four times out of five (an 80 % band).`,
    exams.length === 1
      ? 'Made from 1 practice exam, corrected for how its form is known to run against the real exam:'
      : `Made from ${exams.length} practice exams, each corrected for how its form is known to run against the real exam:`,
    ...exams.map((exam, i) => explainExam(exam, weightPercents[i]!)),
    `Recent exams count more: an exam taken ${RECENCY_HALF_LIFE_DAYS} days before the exam date counts half as much as one taken just before it, because a month of study can move a score by about ${TYPICAL_FORM_SD_POINTS} points. Forms that track the real exam closely count more too.`,
    ...explainBand({ exams, combined, halfWidth }),
    ...explainPassing({ passProbability, passingScore: passing.score, passingFrom: passing.from }),
    `Chance of reaching your target of ${input.targetScore}: ${percentOf(targetProbability)}.`,
    'The form corrections come from students’ self-reports (usmlepredictor.com, nbmecalc.com, residencyadvisor.com), not from NBME or USMLE. We never raise a score on them, only lower it. Treat the number as a guide, not a promise.',
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
    exams,
    skipped,
    explanation,
  });
}
