import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.ts';
import { PRACTICE_FORM_IDS, type PracticeFormId } from '../exam/practice-forms.ts';
import type { PracticeExamInput } from './logging.ts';
import { computeProbabilityAtLeast, Z_80 } from './normal.ts';
import {
  combineEvidence,
  DRIFT_VARIANCE_PER_DAY,
  MIN_SINGLE_EXAM_HALF_WIDTH_POINTS,
  predictScore,
  type EvidencePoint,
  type NoPrediction,
  type PredictInput,
  type ScorePrediction,
} from './predictor.ts';

const EXAM_DATE = '2027-03-01';

function predicted(input: Partial<PredictInput> & { exams: PredictInput['exams'] }): ScorePrediction {
  const result = predictScore({ examDate: EXAM_DATE, targetScore: 245, ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  if (result.value.status !== 'predicted') throw new Error('no prediction');
  return result.value;
}

function noPrediction(input: Partial<PredictInput> & { exams: PredictInput['exams'] }): NoPrediction {
  const result = predictScore({ examDate: EXAM_DATE, targetScore: 245, ...input });
  if (!result.ok || result.value.status !== 'no-evidence') throw new Error('expected no prediction');
  return result.value;
}

function refusal(input: Partial<PredictInput> & { exams: PredictInput['exams'] }): Record<string, string> {
  const result = predictScore({ examDate: EXAM_DATE, targetScore: 245, ...input });
  if (result.ok) throw new Error('expected a refusal');
  expect(result.error.code).toBe('VALIDATION_FAILED');
  return result.error.fields ?? {};
}

describe('the normal model', () => {
  it('gives P(score ≥ 218) ≈ 0.885 for a mean of 230 and an SD of 10 (z = −1.2)', () => {
    expect(computeProbabilityAtLeast({ threshold: 218, mean: 230, sd: 10 })).toBeCloseTo(0.8849, 3);
    expect(computeProbabilityAtLeast({ threshold: 230, mean: 230, sd: 10 })).toBeCloseTo(0.5, 6);
    expect(computeProbabilityAtLeast({ threshold: 250, mean: 230, sd: 10 })).toBeCloseTo(0.0228, 3);
  });

  it('uses z = 1.2816 for the 80 % band', () => {
    expect(computeProbabilityAtLeast({ threshold: Z_80, mean: 0, sd: 1 })).toBeCloseTo(0.1, 4);
  });
});

describe('predictScore: worked examples', () => {
  it('predicts the CLI example: NBME 13 236, UWSA 2 251 → 248, Free 120 74 % → 250.6 ⇒ 246, band 234–258', () => {
    // Given three exams 50, 28 and 9 days before the exam
    // v = 7² + 1.75 × 50 = 136.5; 7² + 1.75 × 28 = 98; 9² + 1.75 × 9 = 96.75
    // μ = (236/136.5 + 248/98 + 250.6/96.75) / (1/136.5 + 1/98 + 1/96.75) = 245.8
    // σ = √(49 + 1/Σw) = √(49 + 35.9) = 9.2; half-width 1.2816 × 9.2 = 11.8
    const result = predicted({
      exams: [
        { form: 'NBME13', date: '2027-01-10', score: 236 },
        { form: 'UWSA2', date: '2027-02-01', score: 251 },
        { form: 'FREE120', date: '2027-02-20', percentCorrect: 74 },
      ],
    });
    expect(result).toMatchObject({ predicted: 246, low: 234, high: 258, level: 0.8, passProbability: 0.99 });
    expect(result.targetProbability).toBeCloseTo(0.54, 2);
    expect(result.exams.map((e) => e.correctedScore)).toEqual([236, 248, 250.6]);
    expect(result.explanation.join('\n')).toMatch(/UWSA 2 runs about 3 points high/);
    expect(result.explanation.join('\n')).toMatch(/74 % correct converts to 251 .*70 % → 245, 75 % → 252/);
    expect(result.explanation.join('\n')).toMatch(/Weight 26 %[\s\S]*Weight 37 %[\s\S]*Weight 37 %/);
  });

  it('gives a single NBME 14 of 240 a week out a band of 227–253 and a 31 % chance of 245', () => {
    // v = 6² + 1.75 × 7 = 48.25; σ = √(49 + 48.25) = 9.86; half-width 12.6
    const result = predicted({ exams: [{ form: 'NBME14', date: '2027-02-22', score: 240 }] });
    expect(result).toMatchObject({ predicted: 240, low: 227, high: 253, passProbability: 0.99 });
    expect(result.targetProbability).toBe(0.31);
    expect(result.explanation.join('\n')).toMatch(/one practice exam, so the band is at least ±10 points/);
  });

  it('widens the band for conflicting forms: NBME 13 215 vs UWSA 2 251 ⇒ 233 ± 23, pass 80 %', () => {
    // Corrected 215 and 248 with variances 73.5 and 61.25 give μ = 233.0; Q = 8.0 > n − 1 = 1, so the
    // variance of the mean (33.4) is multiplied by 8.0: σ = √(49 + 267) = 17.9
    const result = predicted({
      exams: [
        { form: 'NBME13', date: '2027-02-15', score: 215 },
        { form: 'UWSA2', date: '2027-02-22', score: 251 },
      ],
    });
    expect(result).toMatchObject({
      predicted: 233,
      low: 210,
      high: 256,
      passProbability: 0.8,
      targetProbability: 0.25,
    });
    const text = result.explanation.join('\n');
    expect(text).toMatch(/disagree more than their forms’ error explains \(corrected scores from 215 to 248\)/);
    expect(text).toMatch(/1-in-5 risk of a second fail/);
  });

  it('widens the band for an old form: the same NBME 14 of 240 taken 90 days out ⇒ 220–260', () => {
    // v = 36 + 1.75 × 90 = 193.5; σ = √(49 + 193.5) = 15.6; half-width 20
    const result = predicted({ exams: [{ form: 'NBME14', date: '2026-12-01', score: 240 }] });
    expect(result).toMatchObject({ predicted: 240, low: 220, high: 260, passProbability: 0.92 });
    expect(result.explanation.join('\n')).toMatch(/90 days before the exam date; scores move over that time/);
  });

  it('predicts from a Free 120 alone: 74 % ⇒ 251, band 235–267', () => {
    // 74 % → 245 + (252 − 245) × 4/5 = 250.6; v = 9² + 1.75 × 9 = 96.75; σ = √145.75 = 12.1
    const result = predicted({ exams: [{ form: 'FREE120', date: '2027-02-20', percentCorrect: 74 }] });
    expect(result).toMatchObject({
      predicted: 251,
      low: 235,
      high: 267,
      passProbability: 0.99,
      targetProbability: 0.68,
    });
  });

  it('says plainly when the prediction is under the passing line', () => {
    const result = predicted({ exams: [{ form: 'NBME14', date: '2027-02-22', score: 212 }] });
    expect(result.passProbability).toBe(0.27);
    expect(result.explanation.join('\n')).toMatch(/under the passing score today/);
  });

  it('never shows certainty: a 290 gives 0.99, not 1, and a 150 gives 0.01, not 0', () => {
    expect(predicted({ exams: [{ form: 'NBME14', date: '2027-02-22', score: 290 }] }).passProbability).toBe(0.99);
    expect(predicted({ exams: [{ form: 'NBME14', date: '2027-02-22', score: 150 }] }).passProbability).toBe(0.01);
  });

  it('lowers UWSA 1 by 10 above 240 but never raises it below 225', () => {
    const high = predicted({ exams: [{ form: 'UWSA1', date: '2027-02-22', score: 255 }] });
    expect(high.exams[0]).toMatchObject({ scaledScore: 255, biasPoints: 10, correctedScore: 245 });
    const low = predicted({ exams: [{ form: 'UWSA1', date: '2027-02-22', score: 205 }] });
    expect(low.exams[0]).toMatchObject({ biasPoints: 0, correctedScore: 205 });
  });
});

describe('predictScore: what never counts', () => {
  it('leaves out the Clinical Mastery Series and says why', () => {
    const result = predicted({
      exams: [
        { form: 'NBME14', date: '2027-02-22', score: 240 },
        { form: 'CMS_MEDICINE', date: '2027-02-10', score: 23 },
      ],
    });
    expect(result.exams.map((e) => e.form)).toEqual(['NBME14']);
    expect(result.explanation.join('\n')).toMatch(/Clinical Mastery Series scores do not predict Step 2 CK/);
  });

  it('counts only the first sitting of a form taken twice', () => {
    const result = predicted({
      exams: [
        { form: 'NBME14', date: '2027-02-22', score: 262 },
        { form: 'NBME14', date: '2027-01-22', score: 231 },
      ],
    });
    expect(result.exams).toHaveLength(1);
    expect(result.exams[0]).toMatchObject({ date: '2027-01-22', correctedScore: 231 });
    expect(result.skipped[0]!.reason).toMatch(/repeat sitting/);
  });
});

describe('predictScore: no evidence, no prediction', () => {
  it('says to take an NBME form first when there is no exam', () => {
    const result = noPrediction({ exams: [] });
    expect(result.suggestedForm).toBeNull();
    expect(result.explanation[0]).toMatch(/No practice exam yet, so there is no prediction/);
    expect(result.explanation[1]).toMatch(/Take an NBME CCSSA form first/);
  });

  it('suggests the earliest owned form in the plan’s order', () => {
    const result = noPrediction({ exams: [], formsOwned: ['UWSA2', 'FREE120', 'NBME15', 'NBME13'] });
    expect(result.suggestedForm).toBe('NBME13');
    expect(result.explanation[1]).toMatch(/Take NBME CCSSA Form 13 first/);
  });

  it('gives no prediction from Clinical Mastery Series scores alone', () => {
    const result = noPrediction({ exams: [{ form: 'CMS_SURGERY', date: '2027-02-01', score: 21 }] });
    expect(result.skipped).toHaveLength(1);
    expect(result.explanation.at(-1)).toMatch(/not used/);
  });
});

describe('predictScore: bad input is refused with what to fix', () => {
  it('refuses a score of 400', () => {
    expect(refusal({ exams: [{ form: 'NBME13', date: '2027-01-10', score: 400 }] })['exams.0.score']).toMatch(
      /run from 1 to 300; 400 is off the scale/,
    );
  });

  it('refuses an exam dated after today when today is given', () => {
    const fields = refusal({ today: '2027-01-01', exams: [{ form: 'NBME13', date: '2027-01-10', score: 236 }] });
    expect(fields['exams.0.date']).toMatch(/2027-01-10 is after today \(2027-01-01\)/);
  });

  it('refuses a practice exam after the exam date', () => {
    const fields = refusal({ exams: [{ form: 'NBME13', date: '2027-03-05', score: 236 }] });
    expect(fields['exams.0.date']).toMatch(/after your exam date/);
  });

  it('refuses an unknown form, a bad exam date, a bad target and a bad today', () => {
    const fields = refusal({
      examDate: '2027-02-30',
      targetScore: 400,
      today: 'soon',
      exams: [{ form: 'NBME99', date: '2027-01-10', score: 236 }],
    });
    expect(Object.keys(fields).sort()).toEqual(['examDate', 'exams.0.form', 'targetScore', 'today']);
    expect(fields['exams.0.form']).toMatch(/"NBME99" is not a practice exam we know/);
  });

  it('refuses more than 100 exams', () => {
    const exams = Array.from({ length: 101 }, () => ({ form: 'NBME13', date: '2027-01-10', score: 236 }));
    expect(refusal({ exams }).exams).toMatch(/at most 100/);
  });
});

const FORMS_3_DIGIT = PRACTICE_FORM_IDS.filter((f) => f !== 'FREE120');
const examArb: fc.Arbitrary<PracticeExamInput> = fc.oneof(
  fc.record({
    form: fc.constantFrom<PracticeFormId>(...FORMS_3_DIGIT),
    date: fc.integer({ min: 0, max: 120 }).map((d) => addDays(EXAM_DATE, -d)),
    score: fc.integer({ min: 150, max: 285 }),
  }),
  fc.record({
    form: fc.constant<PracticeFormId>('FREE120'),
    date: fc.integer({ min: 0, max: 120 }).map((d) => addDays(EXAM_DATE, -d)),
    percentCorrect: fc.integer({ min: 30, max: 95 }),
  }),
);
const pointArb: fc.Arbitrary<EvidencePoint> = fc.record({
  scorePoints: fc.double({ min: 150, max: 290, noNaN: true }),
  formSdPoints: fc.constantFrom(6, 7, 8, 9, 10, 12),
  ageDays: fc.integer({ min: 0, max: 180 }),
});

describe('predictScore: properties', () => {
  it('keeps the prediction inside its band, with probabilities in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(examArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 200, max: 270 }),
        (exams, targetScore) => {
          const result = predicted({ exams, targetScore });
          expect(result.low).toBeLessThanOrEqual(result.predicted);
          expect(result.predicted).toBeLessThanOrEqual(result.high);
          for (const p of [result.passProbability, result.targetProbability]) {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
          }
          if (targetScore >= 218) expect(result.passProbability).toBeGreaterThanOrEqual(result.targetProbability);
        },
      ),
    );
  });

  it('gives one form alone a band of at least ±10 points', () => {
    fc.assert(
      fc.property(examArb, (exam) => {
        const result = predicted({ exams: [exam] });
        expect(result.predicted - result.low).toBeGreaterThanOrEqual(MIN_SINGLE_EXAM_HALF_WIDTH_POINTS);
        expect(result.high - result.predicted).toBeGreaterThanOrEqual(MIN_SINGLE_EXAM_HALF_WIDTH_POINTS);
      }),
    );
  });

  it('never predicts lower when one score goes up', () => {
    fc.assert(
      fc.property(
        fc.array(pointArb, { minLength: 1, maxLength: 6 }),
        fc.nat({ max: 5 }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (points, pick, raise) => {
          const i = pick % points.length;
          const raised = points.map((p, j) => (j === i ? { ...p, scorePoints: p.scorePoints + raise } : p));
          expect(combineEvidence(raised).meanPoints).toBeGreaterThanOrEqual(combineEvidence(points).meanPoints - 1e-9);
        },
      ),
    );
  });

  it('never widens the band when the scores move closer together', () => {
    fc.assert(
      fc.property(
        fc.array(pointArb, { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (points, shrink) => {
          const before = combineEvidence(points);
          const closer = points.map((p) => ({
            ...p,
            scorePoints: before.meanPoints + shrink * (p.scorePoints - before.meanPoints),
          }));
          expect(combineEvidence(closer).halfWidthPoints).toBeLessThanOrEqual(before.halfWidthPoints + 1e-9);
        },
      ),
    );
  });

  it('never widens the band when a new exam agrees with the prediction', () => {
    fc.assert(
      fc.property(
        fc.array(pointArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(6, 7, 8, 9, 10, 12),
        fc.integer({ min: 0, max: 60 }),
        (points, formSdPoints, ageDays) => {
          const before = combineEvidence(points);
          const after = combineEvidence([...points, { scorePoints: before.meanPoints, formSdPoints, ageDays }]);
          expect(after.halfWidthPoints).toBeLessThanOrEqual(before.halfWidthPoints + 1e-9);
          expect(after.meanPoints).toBeCloseTo(before.meanPoints, 6);
        },
      ),
    );
  });

  it('gives older evidence less weight and a wider band', () => {
    fc.assert(
      fc.property(pointArb, fc.integer({ min: 1, max: 120 }), (point, extraDays) => {
        const fresh = combineEvidence([point]);
        const older = combineEvidence([{ ...point, ageDays: point.ageDays + extraDays }]);
        expect(older.halfWidthPoints).toBeGreaterThanOrEqual(fresh.halfWidthPoints);
        const pair = combineEvidence([point, { ...point, ageDays: point.ageDays + extraDays }]);
        expect(pair.weightShares[0]!).toBeGreaterThan(pair.weightShares[1]!);
      }),
    );
  });

  it('weighs one exam 28 days older half as much for a 7-point form', () => {
    const pair = combineEvidence([
      { scorePoints: 240, formSdPoints: 7, ageDays: 0 },
      { scorePoints: 240, formSdPoints: 7, ageDays: 28 },
    ]);
    expect(pair.weightShares[1]! / pair.weightShares[0]!).toBeCloseTo(0.5, 9);
    expect(DRIFT_VARIANCE_PER_DAY).toBe(1.75);
  });
});
