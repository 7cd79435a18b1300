/**
 * Practice exam results turned into Step 2 CK–scale evidence: each form's known offset corrected,
 * the Free 120 percent converted, and the error each form carries. Figures: docs/calibration-figures.md
 * (copied from DOMAIN.md §2 and CALIBRATION.md §4; all anecdotal: student self-reports).
 *
 * Sign convention (DOMAIN.md, header): a bias of +3 means the practice form comes out 3 points
 * higher than the real exam, so the corrected score is the practice score minus 3.
 *
 * Two scores come out of one exam (decision 012, replacing 005):
 * 1. `correctedScore`, the evidence for the prediction: the offset is centred on the best public
 *    estimate, up or down. Where a source with a large stated sample gives a figure (usmlepredictor.com,
 *    5,039 reports) it is the centre; where only smaller sources speak, the midpoint of their central
 *    claims. The spread between the sources' central claims becomes `offsetSdPoints`, added to the
 *    form's error, so disagreement widens the band instead of being ignored (CALIBRATION.md §4).
 * 2. `ruleScore`, for the readiness rule's thresholds: the score as reported, lowered for a form
 *    known to run high, never raised. A rule that says "proceed" must not rest on an upward
 *    correction taken from self-reports.
 */
import { compareDates, type LocalDate } from '../common/dates.ts';
import { PRACTICE_FORM_IDS, PRACTICE_FORMS, type PracticeFormId } from '../exam/practice-forms.ts';
import { formatReadingDate } from './reading-dates.ts';

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

/** A figure that depends on the score: points at the given scores, linear between, flat outside. */
type ScoreKnots = readonly (readonly [score: number, points: number])[];

export type FormCorrection = {
  /** Best public estimate of the offset, + means the form over-predicts. */
  bias: ScoreKnots;
  /**
   * SD, in points, of the real score around a practice score whose offset is known. Where
   * usmlepredictor.com gives a correlation r, this is 15 × √(1 − r²): 15 is the recent Step 2 CK SD
   * (docs/calibration-figures.md F5, DOMAIN.md §1 "Recent mean (SD)"; widely reported).
   */
  formSdPoints: number;
  /**
   * How far apart the sources' central claims are, as an SD on the offset itself (half the spread).
   * One number per form, not per score: a weight that changed with the score would let a higher
   * score lower the prediction.
   */
  offsetSdPoints: number;
  /** Said to the student: what was applied and why. */
  note: string;
};

const NO_BIAS: ScoreKnots = [[0, 0]];
const flat = (points: number): ScoreKnots => [[0, points]];

const NBME_OLDER: FormCorrection = {
  bias: NO_BIAS,
  // docs/calibration-figures.md F8: residencyadvisor.com says forms 9–13 run "0 to −5" with an unclear
  // sign; usmlepredictor.com calls NBME forms neutral. Centre 0, the 0-to-5 spread as an SD of 2.5.
  // No correlation published for 9–12: 8, a point wider than Form 13's 7.1.
  formSdPoints: 8,
  offsetSdPoints: 2.5,
  note: 'kept as reported: sources disagree by up to 5 points on NBME forms 9–13, which widens the band',
};
const NBME_NEWER: FormCorrection = {
  bias: NO_BIAS,
  // No offset figure for forms 15 and 16 (docs/calibration-figures.md F8): treated like the older forms.
  formSdPoints: 8,
  offsetSdPoints: 2.5,
  note: 'kept as reported: no offset has been published for this form, so it counts with a wider error',
};

export const FORM_CORRECTIONS: Readonly<Record<PracticeFormId, FormCorrection>> = {
  NBME9: NBME_OLDER,
  NBME10: NBME_OLDER,
  NBME11: NBME_OLDER,
  NBME12: NBME_OLDER,
  // F8: usmlepredictor.com (5,039 reports): Form 13 r = 0.88, no bias → 15 × √(1 − 0.88²) = 7.1.
  // residencyadvisor.com's 0 to −5 (midpoint −2.5) is half a spread of 1.25 from it.
  NBME13: {
    bias: NO_BIAS,
    formSdPoints: 7,
    offsetSdPoints: 1.25,
    note: 'kept as reported: the largest self-report set (usmlepredictor.com, 5,039 reports) finds no offset on Form 13',
  },
  // F8: usmlepredictor.com: Form 14 r = 0.92, no bias → 15 × √(1 − 0.92²) = 5.9 → 6. One source: the
  // smallest offset doubt we allow, 1 point.
  NBME14: {
    bias: NO_BIAS,
    formSdPoints: 6,
    offsetSdPoints: 1,
    note: 'kept as reported: the largest self-report set (usmlepredictor.com, 5,039 reports) finds no offset on Form 14, the closest tracker',
  },
  NBME15: NBME_NEWER,
  NBME16: NBME_NEWER,
  // UWSA 1 (F8), no usmlepredictor figure. Central claims: residencyadvisor.com +5.5 (the middle of
  // +3 to +8, at any score); nbmecalc.com +10 above 240 (middle of +8 to +12), 0 at 210–225 (within
  // ±3), −3 below 210 (2–4 low). Centre = midpoint of the two: +1.25 below 210, +2.75 at 210–225,
  // +7.75 from 240; offset SD = half their distance (4.25, 2.75, 2.25): 2.75, the middle one.
  UWSA1: {
    bias: [
      [205, 1.25],
      [210, 2.75],
      [225, 2.75],
      [240, 7.75],
    ],
    formSdPoints: 8,
    offsetSdPoints: 2.75,
    note: 'UWSA 1 runs high, more for strong scores: about 8 points from 240, about 3 at 210–225 (the middle of nbmecalc.com and residencyadvisor.com, which disagree)',
  },
  // UWSA 2 (F8): usmlepredictor.com r = 0.89, about +3 (5,039 reports) is the centre at every score.
  // residencyadvisor.com 0 to +5 (middle 2.5) agrees within 0.5; nbmecalc.com +5 to +8 above 240
  // (middle 6.5) is 3.5 away → offset SD 1.75. 15 × √(1 − 0.89²) = 6.8 → 7.
  UWSA2: {
    bias: flat(3),
    formSdPoints: 7,
    offsetSdPoints: 1.75,
    note: 'UWSA 2 runs about 3 points high (usmlepredictor.com, 5,039 reports)',
  },
  // Free 120 (F9): converted by the nbmecalc.com table (below), which already maps to the real score.
  // usmlepredictor.com: r = 0.85, ±8–10 (15 × √(1 − 0.85²) = 7.9); nbmecalc: ±8; residencyadvisor ±5.
  // We take 9, the middle of usmlepredictor's ±8–10; the table is the only conversion, so no offset SD.
  FREE120: {
    bias: NO_BIAS,
    formSdPoints: 9,
    offsetSdPoints: 0,
    note: 'converted from percent correct with the nbmecalc.com table',
  },
  // AMBOSS SA (F10): scaled by percentile matching, not on real outcomes; no offset figure. No
  // correction, and the widest error of the 3-digit forms, 10, which already carries the doubt.
  AMBOSS_SA: {
    bias: NO_BIAS,
    formSdPoints: 10,
    offsetSdPoints: 0,
    note: 'kept as reported: no offset has been published for the AMBOSS self-assessment, so it counts with a wide error',
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
 * 60, 1 per percent above 85) and count the result with a wider error in the band: 12 instead of 9.
 */
export const FREE120_EXTRAPOLATED_SD_POINTS = 12;

function interpolate(knots: ScoreKnots | readonly (readonly [number, number])[], x: number): number {
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
  /** On the 3-digit scale before the offset correction (the Free 120 after conversion). */
  scaledScore: number;
  /** Points subtracted for the form's best-estimate offset (negative when a form runs low). */
  biasPoints: number;
  /** scaledScore − biasPoints: the evidence the prediction uses. */
  correctedScore: number;
  /** For the readiness rule: as reported, lowered for a form known to run high, never raised. */
  ruleScore: number;
  formSdPoints: number;
  /** SD of the offset itself: how far apart the sources are for this form. */
  offsetSdPoints: number;
  /**
   * Extra error of a Free 120 percent outside the conversion table (√(12² − 9²)); it widens the band
   * but never changes the weights, so a higher percent can never lower the prediction.
   */
  extrapolationSdPoints: number;
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
      ruleScore: score,
      formSdPoints: correction.formSdPoints,
      offsetSdPoints: 0,
      extrapolationSdPoints: isExtrapolated
        ? Math.sqrt(FREE120_EXTRAPOLATED_SD_POINTS ** 2 - correction.formSdPoints ** 2)
        : 0,
      note: isExtrapolated
        ? `${percent} % correct is outside the 60–85 % the nbmecalc.com conversion table covers, so its ${formatPoints(score)} is an extrapolation and counts with a wider error`
        : `${percent} % correct converts to ${formatPoints(score)} by the nbmecalc.com table of student reports (N≈340; ${describeFree120Neighbours(percent)})`,
    };
  }
  const scaledScore = exam.score ?? 0;
  const bias = interpolate(correction.bias, scaledScore);
  const correctedScore = clampScore(scaledScore - bias);
  const biasPoints = scaledScore - correctedScore;
  return {
    form: exam.form,
    name,
    date: exam.date,
    reported: String(scaledScore),
    scaledScore,
    biasPoints,
    correctedScore,
    ruleScore: clampScore(scaledScore - Math.max(0, bias)),
    formSdPoints: correction.formSdPoints,
    extrapolationSdPoints: 0,
    offsetSdPoints: correction.offsetSdPoints,
    note:
      biasPoints !== 0
        ? `${scaledScore} → ${formatPoints(correctedScore)}: ${correction.note}`
        : `${scaledScore}, ${correction.note}`,
  };
}

/** A sitting's score on the 3-digit scale, for ordering same-day sittings (Mastery scores sort last). */
function sortScore(exam: PracticeResult): number {
  if (!isPredictiveForm(exam.form)) return Number.POSITIVE_INFINITY;
  return exam.form === 'FREE120' ? convertFree120Percent(exam.percentCorrect ?? 0).score : (exam.score ?? 0);
}

/**
 * Sittings oldest first; on one day the lower score first, then the form code: a total order that
 * does not depend on the input order (the readiness rule's tie rule, the lower sitting counting).
 *
 * @example orderSittings([{ form: 'NBME13', date: 'd', score: 250 }, { form: 'NBME13', date: 'd', score: 222 }])
 *   → the 222 first
 */
export function orderSittings<T extends PracticeResult>(exams: readonly T[]): T[] {
  return [...exams].sort(
    (a, b) =>
      compareDates(a.date, b.date) || sortScore(a) - sortScore(b) || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0),
  );
}

/**
 * The practice exams that count as evidence, oldest first, and those left out with the reason:
 * Clinical Mastery Series forms (NBME warns they do not predict Step 2 CK, DOMAIN.md §2) and repeat
 * sittings of a form already taken (the questions are familiar, so a retake overstates; the first
 * sitting counts). Exams on the same day are ordered lower score first, then by form, so the order
 * the input lists them in never matters: of two same-day sittings of one form, the lower counts.
 *
 * @example selectEvidence([{ form: 'NBME13', date: '2027-01-10', score: 236 },
 *   { form: 'CMS_MEDICINE', date: '2027-01-12', score: 21 }]) → 1 used, 1 skipped
 */
export function selectEvidence(exams: readonly PracticeResult[]): { used: CorrectedExam[]; skipped: SkippedExam[] } {
  const ordered = orderSittings(exams);
  const seen = new Set<PracticeFormId>();
  const used: CorrectedExam[] = [];
  const skipped: SkippedExam[] = [];
  for (const exam of ordered) {
    const { form } = exam;
    if (!isPredictiveForm(form)) {
      skipped.push({
        form,
        date: exam.date,
        reason: `${nameForm(form)} (${formatReadingDate(exam.date)}) is not used: NBME warns that Clinical Mastery Series scores do not predict Step 2 CK.`,
      });
    } else if (seen.has(form)) {
      skipped.push({
        form,
        date: exam.date,
        reason: `${nameForm(form)} on ${formatReadingDate(exam.date)} is a repeat sitting: its questions were familiar, so only your first sitting counts.`,
      });
    } else {
      seen.add(form);
      used.push(correctPracticeExam({ ...exam, form }));
    }
  }
  return { used, skipped };
}
