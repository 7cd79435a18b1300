import { describe, expect, it } from 'vitest';
import { compareOutcome, practiceExamsOnRecord, snapshotPrediction, validateExamOutcome } from './outcome.ts';
import { predictScore } from './predictor.ts';

const EXAM = '2027-03-01';
const AFTER = '2027-03-25';
const valid = { score: 240, passed: true, resultDate: '2027-03-24', shareWithSchool: false };

function fieldsOf(result: ReturnType<typeof validateExamOutcome>) {
  expect(result.ok).toBe(false);
  return result.ok ? {} : (result.error.fields ?? {});
}

describe('validateExamOutcome', () => {
  it('keeps a result dated between the exam and today, consent off as sent', () => {
    expect(validateExamOutcome(valid, { examDate: EXAM, today: AFTER })).toEqual({ ok: true, value: valid });
  });

  it('refuses a result dated before the exam', () => {
    expect(
      fieldsOf(validateExamOutcome({ ...valid, resultDate: '2027-02-27' }, { examDate: EXAM, today: AFTER })),
    ).toEqual({
      resultDate:
        'Saturday 27 February is before your exam on Monday 1 March: a result cannot come out before the test. Check the date on your score report.',
    });
  });

  it('refuses a result dated on the exam day itself: scores come out weeks later', () => {
    expect(fieldsOf(validateExamOutcome({ ...valid, resultDate: EXAM }, { examDate: EXAM, today: AFTER }))).toEqual({
      resultDate:
        'Monday 1 March is your exam day: a result comes out weeks after the test, not on the day. Enter the date on your score report.',
    });
    expect(validateExamOutcome({ ...valid, resultDate: '2027-03-02' }, { examDate: EXAM, today: AFTER }).ok).toBe(true);
  });

  it('refuses a result dated after today, and any result until the day after exam day', () => {
    expect(
      fieldsOf(validateExamOutcome({ ...valid, resultDate: '2027-03-26' }, { examDate: EXAM, today: AFTER })),
    ).toEqual({ resultDate: 'Friday 26 March is after today. Enter the day the result came out.' });
    for (const today of ['2027-02-28', EXAM]) {
      expect(fieldsOf(validateExamOutcome({ ...valid, resultDate: today }, { examDate: EXAM, today }))).toEqual({
        resultDate:
          'Your exam is on Monday 1 March. Recording opens the day after it: come back once the result is out (usually on a Wednesday 3–4 weeks after the test).',
      });
    }
    expect(
      validateExamOutcome({ ...valid, resultDate: '2027-03-02' }, { examDate: EXAM, today: '2027-03-02' }).ok,
    ).toBe(true);
  });

  it.each([0, 301, 240.5, Number.NaN])('refuses a score of %s', (score) => {
    expect(fieldsOf(validateExamOutcome({ ...valid, score }, { examDate: EXAM, today: AFTER }))).toEqual({
      score: 'Enter the 3-digit Step 2 CK score from your report, a whole number from 1 to 300.',
    });
  });

  it('refuses a pass under the passing score and a fail at or above it (218 from 1 July 2025)', () => {
    expect(fieldsOf(validateExamOutcome({ ...valid, score: 217 }, { examDate: EXAM, today: AFTER })).passed).toBe(
      'The passing score for your exam date is 218, so 217 is a fail. Check the score and the result on your report.',
    );
    expect(
      fieldsOf(validateExamOutcome({ ...valid, score: 218, passed: false }, { examDate: EXAM, today: AFTER })).passed,
    ).toMatch(/so 218 is a pass/);
    expect(validateExamOutcome({ ...valid, score: 217, passed: false }, { examDate: EXAM, today: AFTER }).ok).toBe(
      true,
    );
  });
});

describe('snapshotPrediction', () => {
  // Exam day 1 March 2027 began at 06:00Z in Chicago.
  const examDayStartsAt = '2027-03-01T06:00:00.000Z';
  const exams = [
    { form: 'NBME13', date: '2027-01-20', score: 230, createdAt: '2027-01-20T20:00:00.000Z' },
    { form: 'NBME14', date: '2027-02-05', score: 238, createdAt: '2027-02-06T01:00:00.000Z' },
    { form: 'UWSA2', date: '2027-02-21', score: 249, createdAt: '2027-03-01T05:59:59.999Z' },
  ];
  const at = { examDate: EXAM, examDayStartsAt, targetScore: 240 };

  it('is the prediction made on the eve of the exam from the exams dated before it', () => {
    const snapshot = snapshotPrediction({ exams, ...at });
    const direct = predictScore({ exams, examDate: EXAM, targetScore: 240, today: '2027-02-28' });
    expect(direct.ok && direct.value.status === 'predicted').toBe(true);
    if (!direct.ok || direct.value.status !== 'predicted') return;
    expect(snapshot).toEqual({
      predicted: direct.value.predicted,
      low: direct.value.low,
      high: direct.value.high,
      madeOn: '2027-02-28',
      examsUsed: 3,
    });
  });

  it('leaves out an exam dated on or after exam day, and is null with no exam before it', () => {
    const withLate = snapshotPrediction({
      exams: [...exams, { form: 'NBME15', date: '2027-03-01', score: 200, createdAt: '2027-02-20T12:00:00.000Z' }],
      ...at,
    });
    expect(withLate).toEqual(snapshotPrediction({ exams, ...at }));
    expect(
      snapshotPrediction({
        exams: [{ form: 'NBME15', date: '2027-03-02', score: 240, createdAt: '2027-03-02T12:00:00.000Z' }],
        ...at,
      }),
    ).toBeNull();
  });

  it('leaves out an exam typed in from the start of exam day on, however early its date (back-dated)', () => {
    const backDated = [
      { form: 'NBME15', date: '2027-02-27', score: 280, createdAt: examDayStartsAt },
      { form: 'NBME16', date: '2027-02-28', score: 285, createdAt: '2027-03-14T15:00:00.000Z' },
    ];
    const withBackDated = snapshotPrediction({ exams: [...exams, ...backDated], ...at });
    expect(withBackDated).toEqual(snapshotPrediction({ exams, ...at }));
    expect(withBackDated?.examsUsed).toBe(3);
    expect(snapshotPrediction({ exams: backDated, ...at })).toBeNull();
    expect(practiceExamsOnRecord({ exams: [...backDated, ...exams], ...at })).toEqual(exams);
  });
});

describe('compareOutcome', () => {
  const snapshot = { predicted: 244, low: 233, high: 255, madeOn: '2027-02-28', examsUsed: 4 };

  it('says inside the band, and by how much the score differs', () => {
    expect(compareOutcome({ score: 251, snapshot, today: AFTER })).toEqual({
      pointsFromPrediction: 7,
      isInsideBand: true,
      pointsOutsideBand: 0,
      sentences: [
        'Your real score, 251, is 7 points above the 244 Comeback predicted on Sunday 28 February, the eve of your exam, from 4 practice exams.',
        'It landed inside the 80 % range of 233–255, where about four real scores in five should fall.',
      ],
    });
  });

  it('says outside the band, on which side and by how many points', () => {
    const below = compareOutcome({ score: 229, snapshot, today: AFTER });
    expect(below).toMatchObject({ pointsFromPrediction: -15, isInsideBand: false, pointsOutsideBand: 4 });
    expect(below.sentences[0]).toMatch(/^Your real score, 229, is 15 points below the 244/);
    expect(below.sentences[1]).toMatch(/^It landed outside the 80 % range of 233–255, 4 points below its bottom\./);
    const above = compareOutcome({ score: 256, snapshot, today: AFTER });
    expect(above).toMatchObject({ pointsFromPrediction: 12, isInsideBand: false, pointsOutsideBand: 1 });
    expect(above.sentences[1]).toMatch(/1 point above its top/);
  });

  it('counts a score on the band edge as inside', () => {
    expect(compareOutcome({ score: 233, snapshot }).isInsideBand).toBe(true);
    expect(compareOutcome({ score: 255, snapshot }).isInsideBand).toBe(true);
    expect(compareOutcome({ score: 244, snapshot }).sentences[0]).toMatch(/is exactly the 244/);
  });
});
