/**
 * Practice exam results turned into Step 2 CK–scale evidence: each form's known bias corrected, the
 * Free 120 percent converted, and the error each form carries. All bias figures are from DOMAIN.md §2
 * and are anecdotal (student self-reports); the choices between disagreeing sources are explained
 * beside each form.
 *
 * Sign convention (DOMAIN.md, header): a bias of +3 means the practice form comes out 3 points
 * higher than the real exam, so the corrected score is the practice score minus 3.
 *
 * Two rules decide between sources:
 * 1. The source with the largest stated sample wins: usmlepredictor.com (5,039 reports) over
 *    nbmecalc.com (N≈480 for the UWSAs, N≈340 for the Free 120) over residencyadvisor.com (N not
 *    stated).
 * 2. No correction ever moves a score up. Where a source says a form under-predicts (NBME 9–13:
 *    0 to −5, residencyadvisor.com; both UWSAs 2–4 low below 210, nbmecalc.com) we keep the score
 *    as reported and let the form's error carry the doubt. A wrong upward correction would tell a
 *    student near the passing line that they are safer than they are, the one mistake this product
 *    must not make (PRODUCT.md E); a wrong downward one costs at most a delay.
 */
import { compareDates, type LocalDate } from '../common/dates.ts';
import { PRACTICE_FORM_IDS, PRACTICE_FORMS, type PracticeFormId } from '../exam/practice-forms.ts';

/**
 * NBME Clinical Science Mastery Series forms, one discipline each (DOMAIN.md §2, nbme.org Mastery
 * Series page, 2019; official). They may be logged, but NBME warns against using them to predict
 * scores, so they never feed the prediction or the readiness rule.
 */
export const CLINICAL_MASTERY_FORM_IDS = [
  'CMS_MEDICINE',
  'CMS_SURGERY',
  'CMS_PEDIATRICS',
  'CMS_OBGYN',
  'CMS_PSYCHIATRY',
  'CMS_NEUROLOGY',
  'CMS_EMERGENCY_MEDICINE',
  'CMS_FAMILY_MEDICINE',
] as const;
export type ClinicalMasteryFormId = (typeof CLINICAL_MASTERY_FORM_IDS)[number];

const CLINICAL_MASTERY_NAMES: Readonly<Record<ClinicalMasteryFormId, string>> = {
  CMS_MEDICINE: 'NBME Clinical Mastery Series: Medicine',
  CMS_SURGERY: 'NBME Clinical Mastery Series: Surgery',
  CMS_PEDIATRICS: 'NBME Clinical Mastery Series: Pediatrics',
  CMS_OBGYN: 'NBME Clinical Mastery Series: Obstetrics and Gynecology',
  CMS_PSYCHIATRY: 'NBME Clinical Mastery Series: Psychiatry',
  CMS_NEUROLOGY: 'NBME Clinical Mastery Series: Neurology',
  CMS_EMERGENCY_MEDICINE: 'NBME Clinical Mastery Series: Emergency Medicine',
  CMS_FAMILY_MEDICINE: 'NBME Clinical Mastery Series: Family Medicine',
};

/** Every form a student can log: the predictive practice exams and the Clinical Mastery Series. */
export type LoggedFormId = PracticeFormId | ClinicalMasteryFormId;
export const LOGGED_FORM_IDS: readonly [LoggedFormId, ...LoggedFormId[]] = [
  ...PRACTICE_FORM_IDS,
  ...CLINICAL_MASTERY_FORM_IDS,
];

/** 3-digit scale, 1–300 (DOMAIN.md §1 "Scale", usmle.org; official). */
export const THREE_DIGIT_SCORE = { min: 1, max: 300 } as const;
/**
 * Clinical Mastery Series scaled score: mean 20, SD 3 (DOMAIN.md §2, nbme.org sample report;
 * official). 1–40 spans more than six SDs either side, so anything outside is a typo.
 */
export const CLINICAL_MASTERY_SCORE = { min: 1, max: 40 } as const;

const LOGGED_FORM_ID_SET = new Set<string>(LOGGED_FORM_IDS);
const PRACTICE_FORM_ID_SET = new Set<string>(PRACTICE_FORM_IDS);

/** @example isLoggedFormId('CMS_MEDICINE') === true; isLoggedFormId('NBME20') === false */
export function isLoggedFormId(value: string): value is LoggedFormId {
  return LOGGED_FORM_ID_SET.has(value);
}

/**
 * True for the forms that feed the prediction; false for the Clinical Mastery Series.
 *
 * @example isPredictiveForm('UWSA2') === true; isPredictiveForm('CMS_SURGERY') === false
 */
export function isPredictiveForm(id: LoggedFormId): id is PracticeFormId {
  return PRACTICE_FORM_ID_SET.has(id);
}

/** @example nameForm('UWSA2') === 'UWorld Self-Assessment 2' */
export function nameForm(id: LoggedFormId): string {
  return isPredictiveForm(id) ? PRACTICE_FORMS[id].name : CLINICAL_MASTERY_NAMES[id];
}

/**
 * Whether a form reports a 3-digit score, a percent correct (Free 120) or a Mastery scaled score.
 *
 * @example reportingOf('FREE120') === 'percent'
 */
export function reportingOf(id: LoggedFormId): 'score' | 'percent' | 'mastery' {
  return isPredictiveForm(id) ? PRACTICE_FORMS[id].reports : 'mastery';
}

/**
 * Items on a practice form, used to estimate misses from a percent-correct breakdown: its blocks
 * × 40 items (PRACTICE_FORMS blocks; DOMAIN.md §2: Free 120 is 3 × 40, AMBOSS 4 × 40; the NBME and
 * UWSA counts are planning assumptions there). A Mastery form has 50 items (DOMAIN.md §2).
 *
 * @example countFormItems('NBME13') === 160; countFormItems('FREE120') === 120
 */
export function countFormItems(id: LoggedFormId): number {
  return isPredictiveForm(id) ? PRACTICE_FORMS[id].blocks * 40 : 50;
}

/** A bias that depends on the score: points at the given scores, linear between, flat outside. */
type BiasKnots = readonly (readonly [score: number, biasPoints: number])[];

export type FormCorrection = {
  /** + means the form over-predicts. */
  bias: BiasKnots;
  /**
   * SD, in points, of the real score around the corrected practice score. Where usmlepredictor.com
   * gives a correlation r, this is 15 × √(1 − r²): 15 is the recent Step 2 CK SD (DOMAIN.md §1,
   * "Recent mean (SD)", 249 (~15), quantaprep.com 2026; widely reported).
   */
  formSdPoints: number;
  /** Said to the student: what was applied and why. */
  note: string;
};

const NO_BIAS: BiasKnots = [[0, 0]];

const NBME_OLDER: FormCorrection = {
  bias: NO_BIAS,
  // residencyadvisor.com (2026-01-05, N not stated; anecdotal): forms 9–13 run 0 to 5 points low.
  // Not applied (rule 2). No correlation published for 9–12: 8, a point wider than Form 13's 7.1.
  formSdPoints: 8,
  note: 'kept as reported: one source says NBME forms 9–13 can run up to 5 points low, but we never raise a score on a self-reported figure',
};
const NBME_NEWER: FormCorrection = {
  bias: NO_BIAS,
  // No bias figure in DOMAIN.md §2 for forms 15 and 16; treated like the older forms.
  formSdPoints: 8,
  note: 'kept as reported: no bias figure has been published for this form',
};

export const FORM_CORRECTIONS: Readonly<Record<PracticeFormId, FormCorrection>> = {
  NBME9: NBME_OLDER,
  NBME10: NBME_OLDER,
  NBME11: NBME_OLDER,
  NBME12: NBME_OLDER,
  // usmlepredictor.com (5,039 reports, 2022–2026-03; anecdotal): Form 13 r = 0.88, no bias →
  // 15 × √(1 − 0.88²) = 7.1. Chosen over residencyadvisor.com's 0 to −5 by rule 1.
  NBME13: {
    bias: NO_BIAS,
    formSdPoints: 7,
    note: 'kept as reported: the largest self-report set (usmlepredictor.com, 5,039 reports) finds no bias on Form 13',
  },
  // usmlepredictor.com: Form 14 r = 0.92, no bias, ±5–7 → 15 × √(1 − 0.92²) = 5.9 → 6.
  NBME14: {
    bias: NO_BIAS,
    formSdPoints: 6,
    note: 'kept as reported: the largest self-report set (usmlepredictor.com, 5,039 reports) finds no bias on Form 14, the closest tracker',
  },
  NBME15: NBME_NEWER,
  NBME16: NBME_NEWER,
  // UWSA1, sources disagree: residencyadvisor.com +3 to +8 (N not stated); nbmecalc.com (N≈480)
  // +8 to +12 above 240, within ±3 at 210–225, 2–4 low below 210. No usmlepredictor figure, so
  // nbmecalc wins (rule 1), and it is the only source that says how the bias changes with the score:
  // 0 up to 225 (the ±3 zone, and rule 2 below 210), +10 (the midpoint of +8 to +12) from 240,
  // linear between. SD 8: the sources span +3 to +12.
  UWSA1: {
    bias: [
      [225, 0],
      [240, 10],
    ],
    formSdPoints: 8,
    note: 'UWSA 1 runs high for strong scores: about 10 points above 240, none at 225 or below (nbmecalc.com self-reports, N≈480)',
  },
  // UWSA2, sources disagree: usmlepredictor.com r = 0.89, about +3 (5,039 reports); residencyadvisor
  // 0 to +5; nbmecalc +5 to +8 above 240. usmlepredictor wins (rule 1): +3 at every score.
  // SD 15 × √(1 − 0.89²) = 6.8 → 7.
  UWSA2: {
    bias: [[0, 3]],
    formSdPoints: 7,
    note: 'UWSA 2 runs about 3 points high (usmlepredictor.com, 5,039 reports)',
  },
  // Free 120: converted by the nbmecalc.com table (below), which already maps to the real score,
  // so no further bias. usmlepredictor.com: r = 0.85, ±8–10 (15 × √(1 − 0.85²) = 7.9); nbmecalc: ±8.
  // We take 9, the middle of usmlepredictor's ±8–10, the wider of the two sources.
  FREE120: {
    bias: NO_BIAS,
    formSdPoints: 9,
    note: 'converted from percent correct with the nbmecalc.com table',
  },
  // AMBOSS SA: calibrated on takers within 2 weeks of their real exam (blog.amboss.com, 2023;
  // official), but its bias against real scores was not found (DOMAIN.md §2; open question 6).
  // No correction, and the widest error of the 3-digit forms: 10.
  AMBOSS_SA: {
    bias: NO_BIAS,
    formSdPoints: 10,
    note: 'kept as reported: no bias figure has been published for the AMBOSS self-assessment, so it counts with a wide error',
  },
};

/**
 * Free 120 percent correct → Step 2 CK score, DOMAIN.md §2 "Common conversion" (nbmecalc.com,
 * N≈340, ±8; anecdotal): 60 % → 225, 65 % → 235, 70 % → 245, 75 % → 252, 80 % → 260, 85 %+ → 265+.
 */
export const FREE120_TABLE: readonly (readonly [percent: number, score: number])[] = [
  [60, 225],
  [65, 235],
  [70, 245],
  [75, 252],
  [80, 260],
  [85, 265],
];
/**
 * Outside 60–85 % the table says nothing, so we extend its end slopes (2 points per percent below
 * 60, 1 per percent above 85) and count the result with a wider error: 12 instead of 9.
 */
export const FREE120_EXTRAPOLATED_SD_POINTS = 12;

function interpolate(knots: readonly (readonly [number, number])[], x: number): number {
  const first = knots[0]!;
  const last = knots[knots.length - 1]!;
  if (knots.length === 1 || x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < knots.length; i += 1) {
    const [x1, y1] = knots[i]!;
    const [x0, y0] = knots[i - 1]!;
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return last[1];
}

function clampScore(score: number): number {
  return Math.min(THREE_DIGIT_SCORE.max, Math.max(THREE_DIGIT_SCORE.min, score));
}

/**
 * The Step 2 CK score a Free 120 percent correct converts to: linear between the nbmecalc.com table's
 * points, the end slopes extended outside 60–85 %, kept within 1–300.
 *
 * @example convertFree120Percent(74) → { score: 250.6, isExtrapolated: false } (70 % → 245, 75 % → 252)
 */
export function convertFree120Percent(percent: number): { score: number; isExtrapolated: boolean } {
  const [low, next] = [FREE120_TABLE[0]!, FREE120_TABLE[1]!];
  const [beforeLast, high] = [FREE120_TABLE[FREE120_TABLE.length - 2]!, FREE120_TABLE[FREE120_TABLE.length - 1]!];
  if (percent < low[0]) {
    const slope = (next[1] - low[1]) / (next[0] - low[0]);
    return { score: clampScore(low[1] - slope * (low[0] - percent)), isExtrapolated: true };
  }
  if (percent > high[0]) {
    const slope = (high[1] - beforeLast[1]) / (high[0] - beforeLast[0]);
    return { score: clampScore(high[1] + slope * (percent - high[0])), isExtrapolated: true };
  }
  return { score: interpolate(FREE120_TABLE, percent), isExtrapolated: false };
}

/** A practice exam as logged or sent: a 3-digit score, or a percent correct for the Free 120. */
export type PracticeResult = {
  form: LoggedFormId;
  date: LocalDate;
  score?: number | null;
  percentCorrect?: number | null;
};

/** One predictive practice exam on the Step 2 CK scale, ready to weigh. */
export type CorrectedExam = {
  form: PracticeFormId;
  name: string;
  date: LocalDate;
  /** What the student saw: "236" or "74 % correct". */
  reported: string;
  /** On the 3-digit scale before the bias correction (the Free 120 after conversion). */
  scaledScore: number;
  /** Points subtracted for the form's known over-prediction (never negative). */
  biasPoints: number;
  /** scaledScore − biasPoints: the evidence used. */
  correctedScore: number;
  formSdPoints: number;
  /** Plain words for the explanation: how the reported number became the corrected one. */
  note: string;
};

/** An exam left out of the evidence, and why, in words. */
export type SkippedExam = { form: LoggedFormId; date: LocalDate; reason: string };

/** The table points around a percent, in words: "70 % → 245, 75 % → 252". */
function describeFree120Neighbours(percent: number): string {
  const upper = FREE120_TABLE.findIndex(([p]) => p >= percent);
  const points =
    FREE120_TABLE[upper]![0] === percent ? [FREE120_TABLE[upper]!] : FREE120_TABLE.slice(upper - 1, upper + 1);
  return points.map(([p, score]) => `${p} % → ${score}`).join(', ');
}

function formatPoints(value: number): string {
  return String(Math.round(value));
}

/**
 * One predictive practice exam corrected for its form's bias (the rules at the top of this file).
 * Assumes the result was validated (validatePracticeExam): a 3-digit score 1–300, or a Free 120
 * percent 0–100.
 *
 * @example correctPracticeExam({ form: 'UWSA2', date: '2027-02-01', score: 251 }).correctedScore === 248
 */
export function correctPracticeExam(exam: PracticeResult & { form: PracticeFormId }): CorrectedExam {
  const correction = FORM_CORRECTIONS[exam.form];
  const name = nameForm(exam.form);
  if (exam.form === 'FREE120') {
    const percent = exam.percentCorrect ?? 0;
    const { score, isExtrapolated } = convertFree120Percent(percent);
    return {
      form: exam.form,
      name,
      date: exam.date,
      reported: `${percent} % correct`,
      scaledScore: score,
      biasPoints: 0,
      correctedScore: score,
      formSdPoints: isExtrapolated ? FREE120_EXTRAPOLATED_SD_POINTS : correction.formSdPoints,
      note: isExtrapolated
        ? `${percent} % correct is outside the 60–85 % the nbmecalc.com conversion table covers, so its ${formatPoints(score)} is an extrapolation and counts with a wider error`
        : `${percent} % correct converts to ${formatPoints(score)} by the nbmecalc.com table of student reports (N≈340; ${describeFree120Neighbours(percent)})`,
    };
  }
  const scaledScore = exam.score ?? 0;
  const correctedScore = clampScore(scaledScore - Math.max(0, interpolate(correction.bias, scaledScore)));
  const biasPoints = scaledScore - correctedScore;
  return {
    form: exam.form,
    name,
    date: exam.date,
    reported: String(scaledScore),
    scaledScore,
    biasPoints,
    correctedScore,
    formSdPoints: correction.formSdPoints,
    note:
      biasPoints > 0
        ? `${scaledScore} → ${formatPoints(correctedScore)}: ${correction.note}`
        : `${scaledScore}, ${correction.note}`,
  };
}

/**
 * The practice exams that count as evidence, oldest first, and those left out with the reason:
 * Clinical Mastery Series forms (NBME warns they do not predict Step 2 CK, DOMAIN.md §2) and repeat
 * sittings of a form already taken (the questions are familiar, so a retake overstates; the first
 * sitting counts).
 *
 * @example selectEvidence([{ form: 'NBME13', date: '2027-01-10', score: 236 },
 *   { form: 'CMS_MEDICINE', date: '2027-01-12', score: 21 }]) → 1 used, 1 skipped
 */
export function selectEvidence(exams: readonly PracticeResult[]): { used: CorrectedExam[]; skipped: SkippedExam[] } {
  const ordered = exams
    .map((exam, index) => ({ exam, index }))
    .sort((a, b) => compareDates(a.exam.date, b.exam.date) || a.index - b.index)
    .map(({ exam }) => exam);
  const seen = new Set<PracticeFormId>();
  const used: CorrectedExam[] = [];
  const skipped: SkippedExam[] = [];
  for (const exam of ordered) {
    const { form } = exam;
    if (!isPredictiveForm(form)) {
      skipped.push({
        form,
        date: exam.date,
        reason: `${nameForm(form)} (${exam.date}) is not used: NBME warns that Clinical Mastery Series scores do not predict Step 2 CK.`,
      });
    } else if (seen.has(form)) {
      skipped.push({
        form,
        date: exam.date,
        reason: `${nameForm(form)} on ${exam.date} is a repeat sitting: its questions were familiar, so only your first sitting counts.`,
      });
    } else {
      seen.add(form);
      used.push(correctPracticeExam({ ...exam, form }));
    }
  }
  return { used, skipped };
}
