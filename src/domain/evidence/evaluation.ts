/**
 * Measuring the predictor on real pairs of (dated practice exams, real score), as CALIBRATION.md §6
 * asks (docs/calibration-figures.md F11): bias (mean signed error, + = predicted too high), mean
 * absolute error, RMSE and the share of real scores inside the 80 % band, beside two naive baselines
 * on the same rows: the latest NBME as reported, and the mean of the last two exams.
 */
import { compareDates, type LocalDate } from '../common/dates.ts';
import type { PracticeExamInput } from './logging.ts';
import { predictScore } from './predictor.ts';
import {
  convertFree120Percent,
  isLoggedFormId,
  isPredictiveForm,
  orderSittings,
  type PracticeResult,
} from './practice-scores.ts';

export type OutcomePair = { examDate: LocalDate; realScore: number; exams: readonly PracticeExamInput[] };

export type ErrorSummary = {
  n: number;
  bias: number | null;
  mae: number | null;
  rmse: number | null;
  /** Share of real scores inside the 80 % band; null for a baseline, which has no band. */
  coverage80: number | null;
};

export type Evaluation = {
  n: number;
  /** Rows left out, with why (no predictive exam, bad input). */
  skipped: { row: number; reason: string }[];
  predictor: ErrorSummary;
  baselines: { latestNbmeAsReported: ErrorSummary; meanOfLastTwo: ErrorSummary };
};

function summarize(errors: readonly number[], inside: readonly boolean[] | null): ErrorSummary {
  const n = errors.length;
  if (n === 0) return { n, bias: null, mae: null, rmse: null, coverage80: null };
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n,
    bias: round(errors.reduce((s, e) => s + e, 0) / n),
    mae: round(errors.reduce((s, e) => s + Math.abs(e), 0) / n),
    rmse: round(Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / n)),
    coverage80: inside === null ? null : round(inside.filter(Boolean).length / n),
  };
}

/** The reported score on the 3-digit scale (the Free 120 converted by its table), no offset removed. */
function reportedScore(exam: PracticeResult): number {
  return exam.form === 'FREE120' ? convertFree120Percent(exam.percentCorrect ?? 0).score : (exam.score ?? 0);
}

/**
 * Runs the predictor and the baselines on every pair. The target score does not change the
 * prediction, so any valid one is used.
 *
 * @example evaluatePredictor([{ examDate: '2027-03-01', realScore: 250, exams: [{ form: 'NBME14',
 *   date: '2027-02-22', score: 240 }] }]) → predictor error 242 − 250 = −8, inside 230–255
 */
export function evaluatePredictor(pairs: readonly OutcomePair[]): Evaluation {
  const errors: number[] = [];
  const inside: boolean[] = [];
  const nbmeErrors: number[] = [];
  const lastTwoErrors: number[] = [];
  const skipped: Evaluation['skipped'] = [];
  pairs.forEach((pair, row) => {
    const result = predictScore({ exams: pair.exams, examDate: pair.examDate, targetScore: 240 });
    if (!result.ok) {
      skipped.push({ row, reason: Object.values(result.error.fields ?? {}).join(' ') || result.error.message });
      return;
    }
    if (result.value.status !== 'predicted') {
      skipped.push({ row, reason: 'no predictive practice exam' });
      return;
    }
    const p = result.value;
    errors.push(p.predicted - pair.realScore);
    inside.push(pair.realScore >= p.low && pair.realScore <= p.high);
    const valid = pair.exams.flatMap((e): PracticeResult[] =>
      isLoggedFormId(e.form) && isPredictiveForm(e.form) ? [{ ...e, form: e.form }] : [],
    );
    const sittings = orderSittings(valid).sort((a, b) => compareDates(a.date, b.date));
    const nbmes = sittings.filter((e) => e.form.startsWith('NBME'));
    if (nbmes.length > 0) nbmeErrors.push(reportedScore(nbmes[nbmes.length - 1]!) - pair.realScore);
    const lastTwo = sittings.slice(-2);
    lastTwoErrors.push(lastTwo.reduce((s, e) => s + reportedScore(e), 0) / lastTwo.length - pair.realScore);
  });
  return {
    n: errors.length,
    skipped,
    predictor: summarize(errors, inside),
    baselines: {
      latestNbmeAsReported: summarize(nbmeErrors, null),
      meanOfLastTwo: summarize(lastTwoErrors, null),
    },
  };
}
