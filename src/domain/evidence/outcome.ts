/**
 * Journey stage 9: the real Step 2 CK result, and how the app's last prediction before the exam
 * compared with it. Figures: docs/calibration-figures.md (F3 passing score, F11 how to judge a
 * predictor, F12 score release); the 1–300 scale is DOMAIN.md §1 ("Scale").
 */
import { addDays, compareDates, isLocalDate, type LocalDate } from '../common/dates.ts';
import { fail, ok, type Result } from '../common/result.ts';
import { passingStandardOn } from '../exam/exam-facts.ts';
import type { PracticeExamInput } from './logging.ts';
import { THREE_DIGIT_SCORE } from './practice-scores.ts';
import { predictScore } from './predictor.ts';
import { formatReadingDate } from './reading-dates.ts';

export type ExamOutcomeInput = {
  score: number;
  passed: boolean;
  /** The day the result came out (scores are released on Wednesdays, 3–4 weeks after the test: F12). */
  resultDate: string;
  /** The student lets the school's `evaluate` run use this score beside their practice exams. Off by default. */
  shareWithSchool: boolean;
};

export type ExamOutcome = {
  score: number;
  passed: boolean;
  resultDate: LocalDate;
  shareWithSchool: boolean;
};

/**
 * Checks a real result before it is kept. The exam date is the one the result is for; `today` the
 * student's local date.
 *
 * Rules: a whole score on the 1–300 scale; pass or fail as the report says, and consistent with the
 * score (the passing score on the exam date, F3); a result date after the exam date (a score comes
 * out weeks after the test, F12) and not after today. Recording opens the day after exam day: until
 * then there is nothing to record, and the result-date message says when it opens.
 *
 * @example validateExamOutcome({ score: 240, passed: true, resultDate: '2027-02-20', shareWithSchool: false },
 *   { examDate: '2027-03-01', today: '2027-03-25' })
 *   → VALIDATION_FAILED, fields.resultDate: "Saturday 20 February is before your exam on Monday 1 March: …"
 */
export function validateExamOutcome(
  input: ExamOutcomeInput,
  { examDate, today }: { examDate: LocalDate; today: LocalDate },
): Result<ExamOutcome> {
  const problems: Record<string, string> = {};
  const examDay = formatReadingDate(examDate, today);
  const { min, max } = THREE_DIGIT_SCORE;
  const isScoreValid = Number.isInteger(input.score) && input.score >= min && input.score <= max;
  if (!isScoreValid) {
    problems.score = `Enter the 3-digit Step 2 CK score from your report, a whole number from ${min} to ${max}.`;
  }
  if (compareDates(today, examDate) <= 0) {
    problems.resultDate = `Your exam is on ${examDay}. Recording opens the day after it: come back once the result is out (usually on a Wednesday 3–4 weeks after the test).`;
  } else if (!isLocalDate(input.resultDate)) {
    problems.resultDate = 'Enter the day your result came out as YYYY-MM-DD, like 2027-03-24.';
  } else if (compareDates(input.resultDate, examDate) < 0) {
    problems.resultDate = `${formatReadingDate(input.resultDate, today)} is before your exam on ${examDay}: a result cannot come out before the test. Check the date on your score report.`;
  } else if (compareDates(input.resultDate, examDate) === 0) {
    problems.resultDate = `${examDay} is your exam day: a result comes out weeks after the test, not on the day. Enter the date on your score report.`;
  } else if (compareDates(input.resultDate, today) > 0) {
    problems.resultDate = `${formatReadingDate(input.resultDate, today)} is after today. Enter the day the result came out.`;
  }
  if (isScoreValid) {
    const passing = passingStandardOn(examDate).score;
    const isPassingScore = input.score >= passing;
    if (input.passed !== isPassingScore) {
      problems.passed = input.passed
        ? `The passing score for your exam date is ${passing}, so ${input.score} is a fail. Check the score and the result on your report.`
        : `The passing score for your exam date is ${passing}, so ${input.score} is a pass. Check the score and the result on your report.`;
    }
  }
  if (Object.keys(problems).length > 0) {
    return fail('VALIDATION_FAILED', 'Some details of your result need fixing.', problems);
  }
  return ok({
    score: input.score,
    passed: input.passed,
    resultDate: input.resultDate,
    shareWithSchool: input.shareWithSchool,
  });
}

/** The app's last prediction before the exam, kept with the result so later edits cannot change it. */
export type PredictionSnapshot = {
  predicted: number;
  low: number;
  high: number;
  /** The eve of the exam: the last day a prediction was made for it. */
  madeOn: LocalDate;
  /** Practice exams the prediction read (every predictive exam dated before the exam and logged before exam day). */
  examsUsed: number;
};

/** A practice exam as stored: its typed date, and when its row was created (an ISO instant). */
export type LoggedPracticeExam = PracticeExamInput & { createdAt: string };

/**
 * The practice exams that were on record before exam day: dated before the exam and logged (row
 * created) before `examDayStartsAt`, the instant exam day began in the student's time zone. An exam
 * typed in after the exam with an earlier date (back-dated) was not there when the last prediction
 * was made, so it is left out; so is one with an unreadable creation time.
 *
 * @example practiceExamsOnRecord({ exams: [{ form: 'NBME13', date: '2027-02-20', score: 236,
 *   createdAt: '2027-03-05T10:00:00.000Z' }], examDate: '2027-03-01', examDayStartsAt: '2027-03-01T06:00:00.000Z' }) → []
 */
export function practiceExamsOnRecord<T extends LoggedPracticeExam>({
  exams,
  examDate,
  examDayStartsAt,
}: {
  exams: readonly T[];
  examDate: LocalDate;
  examDayStartsAt: string;
}): T[] {
  const cutoff = Date.parse(examDayStartsAt);
  return exams.filter(
    (e) => isLocalDate(e.date) && compareDates(e.date, examDate) < 0 && Date.parse(e.createdAt) < cutoff,
  );
}

/**
 * The prediction the app made on the eve of the exam, from the practice exams on record then: dated
 * before the exam and logged before exam day began (`practiceExamsOnRecord`); null when there was
 * none to predict from.
 *
 * @example snapshotPrediction({ exams: [{ form: 'NBME13', date: '2027-02-20', score: 236, createdAt: '2027-02-20T18:00:00.000Z' }],
 *   examDate: '2027-03-01', examDayStartsAt: '2027-03-01T06:00:00.000Z', targetScore: 240 })
 *   → { predicted: …, low: …, high: …, madeOn: '2027-02-28', examsUsed: 1 }
 */
export function snapshotPrediction({
  exams,
  examDate,
  examDayStartsAt,
  targetScore,
}: {
  exams: readonly LoggedPracticeExam[];
  examDate: LocalDate;
  examDayStartsAt: string;
  targetScore: number;
}): PredictionSnapshot | null {
  const madeOn = addDays(examDate, -1);
  const before = practiceExamsOnRecord({ exams, examDate, examDayStartsAt });
  const predicted = predictScore({ exams: before, examDate, targetScore, today: madeOn });
  if (!predicted.ok || predicted.value.status !== 'predicted') return null;
  const { predicted: point, low, high } = predicted.value;
  return { predicted: point, low, high, madeOn, examsUsed: before.length };
}

export type OutcomeComparison = {
  /** Real − predicted: positive when the real score came out higher. */
  pointsFromPrediction: number;
  isInsideBand: boolean;
  /** How far outside the 80 % band the real score fell (0 inside it). */
  pointsOutsideBand: number;
  sentences: string[];
};

function points(n: number): string {
  return `${n} point${n === 1 ? '' : 's'}`;
}

/**
 * How the real score compares with the stored prediction: the difference, inside or outside the 80 %
 * band and by how much, in plain sentences. An 80 % band should miss about one real score in five
 * (F11), so one miss says little about the predictor; many students' pairs do (`comeback evaluate`).
 *
 * @example compareOutcome({ score: 251, snapshot: { predicted: 244, low: 233, high: 255, madeOn: '2027-02-28', examsUsed: 4 } })
 *   → { pointsFromPrediction: 7, isInsideBand: true, pointsOutsideBand: 0, … }
 */
export function compareOutcome({
  score,
  snapshot,
  today,
}: {
  score: number;
  snapshot: PredictionSnapshot;
  today?: LocalDate;
}): OutcomeComparison {
  const difference = score - snapshot.predicted;
  const outside = score < snapshot.low ? snapshot.low - score : score > snapshot.high ? score - snapshot.high : 0;
  const made = `on ${formatReadingDate(snapshot.madeOn, today)}, the eve of your exam, from ${snapshot.examsUsed} practice exam${snapshot.examsUsed === 1 ? '' : 's'}`;
  const first =
    difference === 0
      ? `Your real score, ${score}, is exactly the ${snapshot.predicted} Comeback predicted ${made}.`
      : `Your real score, ${score}, is ${points(Math.abs(difference))} ${difference > 0 ? 'above' : 'below'} the ${snapshot.predicted} Comeback predicted ${made}.`;
  const second =
    outside === 0
      ? `It landed inside the 80 % range of ${snapshot.low}–${snapshot.high}, where about four real scores in five should fall.`
      : `It landed outside the 80 % range of ${snapshot.low}–${snapshot.high}, ${points(outside)} ${score > snapshot.high ? 'above its top' : 'below its bottom'}. About one real score in five falls outside that range; if it happens to many students, the predictor needs re-fitting.`;
  return {
    pointsFromPrediction: difference,
    isInsideBand: outside === 0,
    pointsOutsideBand: outside,
    sentences: [first, second],
  };
}
