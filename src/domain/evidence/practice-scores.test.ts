import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRACTICE_FORM_IDS } from '../exam/practice-forms.ts';
import {
  CLINICAL_MASTERY_FORM_IDS,
  convertFree120Percent,
  correctPracticeExam,
  countFormItems,
  FORM_CORRECTIONS,
  isPredictiveForm,
  LOGGED_FORM_IDS,
  nameForm,
  reportingOf,
  selectEvidence,
} from './practice-scores.ts';

describe('Free 120 conversion (nbmecalc.com table)', () => {
  it.each([
    [60, 225],
    [65, 235],
    [70, 245],
    [72, 247.8],
    [74, 250.6],
    [75, 252],
    [80, 260],
    [85, 265],
  ])('converts %i %% correct to %d', (percent, score) => {
    expect(convertFree120Percent(percent)).toEqual({ score: expect.closeTo(score, 9), isExtrapolated: false });
  });

  it('extends the end slopes outside 60–85 % and flags it: 50 % → 205, 90 % → 270, 0 % → 105, 100 % → 280', () => {
    expect(convertFree120Percent(50)).toEqual({ score: 205, isExtrapolated: true });
    expect(convertFree120Percent(90)).toEqual({ score: 270, isExtrapolated: true });
    expect(convertFree120Percent(0).score).toBe(105);
    expect(convertFree120Percent(100).score).toBe(280);
  });

  it('never lowers the score when the percent goes up', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(convertFree120Percent(hi).score).toBeGreaterThanOrEqual(convertFree120Percent(lo).score);
        },
      ),
    );
  });

  it('counts an extrapolated Free 120 with a wider error in the band (12 instead of 9), not in the weights', () => {
    expect(correctPracticeExam({ form: 'FREE120', date: '2027-01-01', percentCorrect: 55 })).toMatchObject({
      correctedScore: 215,
      formSdPoints: 9,
      extrapolationSdPoints: expect.closeTo(Math.sqrt(12 ** 2 - 9 ** 2), 9),
      note: expect.stringMatching(/outside the 60–85 %/),
    });
    expect(correctPracticeExam({ form: 'FREE120', date: '2027-01-01', percentCorrect: 70 })).toMatchObject({
      correctedScore: 245,
      formSdPoints: 9,
      note: expect.stringMatching(/70 % → 245\)/),
    });
  });
});

describe('form corrections', () => {
  it('lowers UWSA 2 by 3 points at every score (usmlepredictor.com)', () => {
    expect(correctPracticeExam({ form: 'UWSA2', date: '2027-01-01', score: 251 })).toMatchObject({
      reported: '251',
      biasPoints: 3,
      correctedScore: 248,
      note: '251 → 248: UWSA 2 runs about 3 points high (usmlepredictor.com, 5,039 reports)',
    });
    expect(correctPracticeExam({ form: 'UWSA2', date: '2027-01-01', score: 2 }).correctedScore).toBe(1);
  });

  it.each([
    [200, 1.25, 198.75],
    [210, 2.75, 207.25],
    [225, 2.75, 222.25],
    [231, 4.75, 226.25],
    [240, 7.75, 232.25],
    [262, 7.75, 254.25],
  ])(
    'lowers UWSA 1 of %i by %d to %d (midpoint of nbmecalc.com and residencyadvisor.com)',
    (score, bias, corrected) => {
      expect(correctPracticeExam({ form: 'UWSA1', date: '2027-01-01', score })).toMatchObject({
        biasPoints: bias,
        correctedScore: corrected,
        ruleScore: corrected,
        offsetSdPoints: 2.75,
      });
    },
  );

  it('keeps every NBME form and the AMBOSS self-assessment as reported, with the sources’ doubt as an SD', () => {
    for (const form of ['NBME9', 'NBME12', 'NBME13', 'NBME14', 'NBME16', 'AMBOSS_SA'] as const) {
      expect(correctPracticeExam({ form, date: '2027-01-01', score: 231 }).correctedScore).toBe(231);
    }
    expect(FORM_CORRECTIONS.NBME9.offsetSdPoints).toBe(2.5);
    expect(FORM_CORRECTIONS.NBME14.offsetSdPoints).toBe(1);
  });

  it('never raises the score the readiness rule reads, for any form and score', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRACTICE_FORM_IDS.filter((f) => f !== 'FREE120')),
        fc.integer({ min: 1, max: 300 }),
        (form, score) => {
          const exam = correctPracticeExam({ form, date: '2027-01-01', score });
          expect(exam.ruleScore).toBeLessThanOrEqual(score);
          expect(exam.ruleScore).toBeLessThanOrEqual(Math.max(exam.correctedScore, score));
        },
      ),
    );
  });

  it('keeps the corrected score non-decreasing in the reported score', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRACTICE_FORM_IDS.filter((f) => f !== 'FREE120')),
        fc.integer({ min: 1, max: 299 }),
        (form, score) => {
          const lower = correctPracticeExam({ form, date: '2027-01-01', score });
          const higher = correctPracticeExam({ form, date: '2027-01-01', score: score + 1 });
          expect(higher.correctedScore).toBeGreaterThanOrEqual(lower.correctedScore);
          expect(higher.ruleScore).toBeGreaterThanOrEqual(lower.ruleScore);
        },
      ),
    );
  });

  it('gives the closest-tracking form the smallest error: NBME 14 (6) < NBME 13 (7) < AMBOSS (10)', () => {
    expect(FORM_CORRECTIONS.NBME14.formSdPoints).toBe(6);
    expect(FORM_CORRECTIONS.NBME13.formSdPoints).toBe(7);
    expect(FORM_CORRECTIONS.AMBOSS_SA.formSdPoints).toBe(10);
  });
});

describe('forms that may be logged', () => {
  it('adds the eight Clinical Mastery Series forms, never predictive, scored on their own scale', () => {
    expect(LOGGED_FORM_IDS).toHaveLength(PRACTICE_FORM_IDS.length + 8);
    for (const id of CLINICAL_MASTERY_FORM_IDS) {
      expect(isPredictiveForm(id)).toBe(false);
      expect(reportingOf(id)).toBe('mastery');
      expect(countFormItems(id)).toBe(50);
    }
    expect(nameForm('CMS_OBGYN')).toBe('NBME Clinical Mastery Series: Obstetrics and Gynecology');
    expect(reportingOf('FREE120')).toBe('percent');
    expect(countFormItems('FREE120')).toBe(120);
    expect(countFormItems('NBME13')).toBe(160);
  });

  it('orders the evidence by date and, on one day, lower score first (never by input order)', () => {
    const { used } = selectEvidence([
      { form: 'UWSA2', date: '2027-02-01', score: 251 },
      { form: 'NBME13', date: '2027-01-10', score: 236 },
      { form: 'NBME14', date: '2027-02-01', score: 240 },
    ]);
    expect(used.map((e) => e.form)).toEqual(['NBME13', 'NBME14', 'UWSA2']);
  });
});
