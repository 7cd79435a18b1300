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

describe('predictScore: worked examples (exam-day score, decision 012)', () => {
  it('carries a single NBME 14 of 240 a week out forward by the prior rise: 242, band 230–255', () => {
    // v = 6² + 1² (offset doubt) = 37; level = (240/37 + 240/400)/(1/37 + 1/400) = 240;
    // exam day = 240 + 2.3 × 7/7 = 242.3; σ² = 1/(1/37 + 1/400) + 7² × (3/7)² + 7² = 33.9 + 9 + 49 → σ 9.6
    const result = predicted({ exams: [{ form: 'NBME14', date: '2027-02-22', score: 240 }] });
    expect(result).toMatchObject({ predicted: 242, low: 230, high: 255, currentLevel: 240, sdPoints: 9.6 });
    expect(result.trend).toMatchObject({ source: 'prior', usedPointsPerWeek: 2.3, daysCarried: 7 });
    expect(result.targetProbability).toBe(0.39);
    expect(result.neededPointsPerWeek).toBe(5);
    expect(result.explanation.join('\n')).toMatch(/one practice exam there is no trend of your own yet/);
  });

  it('follows a rising series 230, 240, 250 a week apart: 252, above the latest, and says so', () => {
    const result = predicted({
      exams: [
        { form: 'NBME11', date: '2027-02-01', score: 230 },
        { form: 'NBME12', date: '2027-02-08', score: 240 },
        { form: 'NBME13', date: '2027-02-15', score: 250 },
      ],
    });
    expect(result).toMatchObject({ predicted: 252, low: 237, high: 267 });
    expect(result.trend).toMatchObject({ source: 'own', ownPointsPerWeek: 10, usedPointsPerWeek: 3.8 });
    expect(result.explanation.join('\n')).toMatch(
      /Your 3 practice exams rose about 10 points a week; the prediction assumes about 19 % of that continues/,
    );
  });

  it('follows a falling series 255, 254, 236: 243, under the old 248, and says the exams fell', () => {
    const result = predicted({
      exams: [
        { form: 'NBME11', date: '2027-02-01', score: 255 },
        { form: 'NBME12', date: '2027-02-08', score: 254 },
        { form: 'NBME13', date: '2027-02-21', score: 236 },
      ],
    });
    expect(result.predicted).toBe(243);
    expect(result.trend).toMatchObject({ ownPointsPerWeek: -7.3, usedPointsPerWeek: -1.1 });
    expect(result.explanation.join('\n')).toMatch(/fell about 7.3 points a week[^\n]*a fall of 1.1 points a week/);
  });

  it('widens the band for a single old exam: NBME 14 of 240 taken 90 days out ⇒ 254, band 225–283', () => {
    // The rise is carried 42 days at most (2.3 × 6 = 13.8); the 48 days beyond add 1.75 × 48 = 84 points².
    const result = predicted({ exams: [{ form: 'NBME14', date: '2026-12-01', score: 240 }] });
    expect(result).toMatchObject({ predicted: 254, low: 225, high: 283, sdPoints: 22.2 });
    expect(result.trend.daysCarried).toBe(42);
    expect(result.explanation.join('\n')).toMatch(/90 days before the exam date; the more days to go, the wider/);
  });

  it('predicts from a Free 120 alone: 74 % ⇒ 250.6 today, 252 on exam day, band 237–267', () => {
    const result = predicted({ exams: [{ form: 'FREE120', date: '2027-02-20', percentCorrect: 74 }] });
    expect(result).toMatchObject({ predicted: 252, low: 237, high: 267, passProbability: 0.99 });
    expect(result.exams[0]!.correctedScore).toBeCloseTo(250.6, 9);
  });

  it('widens the band for conflicting forms: NBME 13 215 vs UWSA 2 251 ⇒ 237, band 215–259, with a warning', () => {
    const result = predicted({
      exams: [
        { form: 'NBME13', date: '2027-02-15', score: 215 },
        { form: 'UWSA2', date: '2027-02-22', score: 251 },
      ],
    });
    expect(result).toMatchObject({ predicted: 237, low: 215, high: 259, passProbability: 0.87 });
    expect(result.warning).toMatch(/about a 13 % risk of a second fail[\s\S]*never says proceed below a 95 %/);
    expect(result.explanation.join('\n')).toMatch(/corrected scores from 215 to 248/);
  });

  it('counts the lower of two same-day sittings of one form, whatever the input order', () => {
    const a = predicted({
      exams: [
        { form: 'NBME13', date: '2027-02-15', score: 250 },
        { form: 'NBME13', date: '2027-02-15', score: 222 },
      ],
    });
    const b = predicted({
      exams: [
        { form: 'NBME13', date: '2027-02-15', score: 222 },
        { form: 'NBME13', date: '2027-02-15', score: 250 },
      ],
    });
    expect(a).toEqual(b);
    expect(a.exams[0]!.correctedScore).toBe(222);
    expect(a.predicted).toBe(229);
  });

  it('is wider far from the exam than inside the window for the same score', () => {
    const far = predicted({
      examDate: '2027-03-01',
      today: '2026-11-10',
      exams: [{ form: 'NBME13', date: '2026-11-10', score: 225 }],
    });
    const inside = predicted({
      examDate: '2027-03-01',
      today: '2027-02-20',
      exams: [{ form: 'NBME13', date: '2027-02-20', score: 225 }],
    });
    expect(far).toMatchObject({ predicted: 240, low: 210, high: 271 });
    expect(inside).toMatchObject({ predicted: 230, low: 216, high: 244 });
    expect(far.explanation.join('\n')).toMatch(
      /To reach 245 by Monday 1 March 2027 you would need about 1.2 points a week/,
    );
  });

  it('writes dates as the student reads them, never ISO, in its sentences', () => {
    const result = predicted({
      today: '2027-02-22',
      exams: [{ form: 'NBME14', date: '2027-02-22', score: 240 }],
    });
    const text = result.explanation.join('\n');
    expect(text).toMatch(/exam day, Monday 1 March: 242/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
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
  daysBeforeLatest: fc.integer({ min: 0, max: 180 }),
});
const daysArb = fc.integer({ min: 0, max: 200 });

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
        // Unless the top of the 1–300 scale cuts it.
        if (result.high < 300) {
          expect(result.high - result.predicted).toBeGreaterThanOrEqual(MIN_SINGLE_EXAM_HALF_WIDTH_POINTS);
        }
      }),
    );
  });

  it('never predicts lower when one exam’s score goes up (the model, any dates and forms)', () => {
    fc.assert(
      fc.property(
        fc.array(pointArb, { minLength: 1, maxLength: 8 }),
        daysArb,
        fc.nat({ max: 7 }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (points, daysToExam, pick, raise) => {
          const i = pick % points.length;
          const raised = points.map((p, j) => (j === i ? { ...p, scorePoints: p.scorePoints + raise } : p));
          expect(combineEvidence({ points: raised, daysToExam }).meanPoints).toBeGreaterThanOrEqual(
            combineEvidence({ points, daysToExam }).meanPoints - 1e-9,
          );
        },
      ),
    );
  });

  it('never predicts lower when one reported score goes up (predictScore, rounded)', () => {
    fc.assert(
      fc.property(
        fc.array(examArb, { minLength: 1, maxLength: 6 }),
        fc.nat({ max: 5 }),
        fc.integer({ min: 1, max: 15 }),
        (exams, pick, raise) => {
          const i = pick % exams.length;
          const raised = exams.map((e, j) =>
            j !== i
              ? e
              : e.form === 'FREE120'
                ? { ...e, percentCorrect: Math.min(100, (e.percentCorrect ?? 0) + raise) }
                : { ...e, score: Math.min(300, (e.score ?? 0) + raise) },
          );
          expect(predicted({ exams: raised }).predicted).toBeGreaterThanOrEqual(predicted({ exams }).predicted);
        },
      ),
    );
  });

  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(fc.array(examArb, { minLength: 1, maxLength: 6 }), fc.nat(), (exams, seed) => {
        const shuffled = [...exams].sort(
          (a, b) => ((exams.indexOf(a) * 7919 + seed) % 13) - ((exams.indexOf(b) * 7919 + seed) % 13),
        );
        const a = predicted({ exams });
        const b = predicted({ exams: shuffled });
        expect([b.predicted, b.low, b.high]).toEqual([a.predicted, a.low, a.high]);
      }),
    );
  });

  it('widens the band as the days to go grow, for the same evidence', () => {
    fc.assert(
      fc.property(
        fc.array(pointArb, { minLength: 1, maxLength: 6 }),
        daysArb,
        fc.integer({ min: 1, max: 100 }),
        (points, days, more) => {
          expect(combineEvidence({ points, daysToExam: days + more }).halfWidthPoints).toBeGreaterThanOrEqual(
            combineEvidence({ points, daysToExam: days }).halfWidthPoints - 1e-9,
          );
        },
      ),
    );
  });

  it('gives older evidence less weight than the latest when both agree', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 180, max: 280, noNaN: true }),
        fc.integer({ min: 1, max: 120 }),
        (score, extraDays) => {
          const pair = combineEvidence({
            points: [
              { scorePoints: score, formSdPoints: 7, daysBeforeLatest: extraDays },
              { scorePoints: score, formSdPoints: 7, daysBeforeLatest: 0 },
            ],
            daysToExam: 7,
          });
          expect(pair.weightShares[0]!).toBeLessThan(pair.weightShares[1]!);
        },
      ),
    );
  });

  it('weighs one exam 28 days older than the latest half as much for a 7-point form', () => {
    const pair = combineEvidence({
      points: [
        { scorePoints: 240, formSdPoints: 7, daysBeforeLatest: 28 },
        { scorePoints: 240, formSdPoints: 7, daysBeforeLatest: 0 },
      ],
      daysToExam: 7,
    });
    expect(pair.weightShares[0]! / pair.weightShares[1]!).toBeCloseTo(0.5, 9);
    expect(DRIFT_VARIANCE_PER_DAY).toBe(1.75);
  });
});
