import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nameBank,
  summarizeQuestionBlocks,
  validatePracticeExam,
  validateQuestionBlock,
  type QuestionBlock,
  type QuestionBlockInput,
} from './logging.ts';
import { checkFullLengthDate } from './logging.ts';

const TODAY = '2027-01-10';

function block(overrides: Partial<QuestionBlockInput> = {}): QuestionBlockInput {
  return { bank: 'uworld', mode: 'timed', questions: 40, correct: 28, minutes: 60, date: TODAY, ...overrides };
}

function fieldsOf(result: { ok: boolean; error?: { code: string; fields?: Record<string, string> } }) {
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe('VALIDATION_FAILED');
  return result.error?.fields ?? {};
}

describe('logging a question-bank block', () => {
  it('keeps a valid block with its missed systems and disciplines', () => {
    const result = validateQuestionBlock(
      block({ missedSystems: ['cardiovascular', 'cardiovascular', 'renal-urinary'], missedDisciplines: ['medicine'] }),
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        bank: 'uworld',
        mode: 'timed',
        questions: 40,
        correct: 28,
        minutes: 60,
        date: TODAY,
        missedSystems: ['cardiovascular', 'cardiovascular', 'renal-urinary'],
        missedDisciplines: ['medicine'],
      },
    });
  });

  it('refuses 45 correct out of 40', () => {
    expect(fieldsOf(validateQuestionBlock(block({ correct: 45 }), TODAY)).correct).toBe(
      'You answered 45 correctly out of 40 questions. Correct answers cannot exceed the questions in the block.',
    );
  });

  it('does not blame the tags when the counts themselves are wrong', () => {
    const fields = fieldsOf(validateQuestionBlock(block({ correct: 45, missedSystems: ['skin'] }), TODAY));
    expect(Object.keys(fields)).toEqual(['correct']);
  });

  it('refuses a block dated after today', () => {
    expect(fieldsOf(validateQuestionBlock(block({ date: '2027-01-11' }), TODAY)).date).toMatch(
      /2027-01-11 is after today \(2027-01-10\)/,
    );
  });

  it.each([
    ['no questions', { questions: 0 }, 'questions', /from 1 to 120/],
    ['a fractional count', { correct: 2.5 }, 'correct', /whole number/],
    ['40 questions in 5 minutes', { minutes: 5 }, 'minutes', /under 15 seconds a question/],
    ['40 questions in 500 minutes', { minutes: 500 }, 'minutes', /more than 10 minutes a question/],
    ['0 minutes', { minutes: 0 }, 'minutes', /from 1 to 600/],
    ['an unknown bank', { bank: 'kaplan-ish' }, 'bank', /UWorld, AMBOSS or other/],
    ['an unknown mode', { mode: 'relaxed' }, 'mode', /timed or tutor/],
    ['a date that does not exist', { date: '2027-02-30' }, 'date', /YYYY-MM-DD/],
    ['a date three years back', { date: '2024-01-01' }, 'date', /more than two years ago/],
    ['an unknown system', { missedSystems: ['spleen'] }, 'missedSystems', /"spleen" is not one of the 18 systems/],
    ['an unknown discipline', { missedDisciplines: ['dermatology'] }, 'missedDisciplines', /"dermatology" is not one/],
    [
      'more tags than misses',
      { correct: 39, missedSystems: ['skin', 'skin'] },
      'missedSystems',
      /tagged 2 missed questions but missed 1/,
    ],
  ] as const)('refuses %s', (_name, overrides, field, message) => {
    expect(fieldsOf(validateQuestionBlock(block(overrides), TODAY))[field]).toMatch(message);
  });

  it('allows a short single-question block up to an hour', () => {
    expect(validateQuestionBlock(block({ questions: 1, correct: 0, minutes: 45 }), TODAY).ok).toBe(true);
  });

  it('never accepts more correct answers than questions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 200 }), (questions, correct) => {
        const result = validateQuestionBlock(block({ questions, correct, minutes: 60 }), TODAY);
        if (correct > questions) expect(result.ok).toBe(false);
      }),
    );
  });
});

describe('logging a practice exam', () => {
  it('keeps an NBME score and an optional breakdown', () => {
    const result = validatePracticeExam(
      {
        form: 'NBME13',
        date: '2027-01-09',
        score: 236,
        breakdown: [
          { area: 'cardiovascular', percentCorrect: 62 },
          { area: 'medicine', percentCorrect: 70 },
        ],
      },
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        form: 'NBME13',
        date: '2027-01-09',
        score: 236,
        percentCorrect: null,
        isPredictive: true,
        breakdown: [
          { area: 'cardiovascular', percentCorrect: 62 },
          { area: 'medicine', percentCorrect: 70 },
        ],
      },
    });
  });

  it('refuses a score of 400', () => {
    expect(fieldsOf(validatePracticeExam({ form: 'NBME13', date: TODAY, score: 400 }, TODAY)).score).toBe(
      'Scores on NBME CCSSA Form 13 run from 1 to 300; 400 is off the scale. Check the report and enter the whole 3-digit score.',
    );
  });

  it('refuses a practice exam dated in the future', () => {
    expect(fieldsOf(validatePracticeExam({ form: 'UWSA2', date: '2027-02-01', score: 251 }, TODAY)).date).toBe(
      '2027-02-01 is after today (2027-01-10). Log this practice exam once you have taken it.',
    );
  });

  it('refuses an unknown form', () => {
    expect(fieldsOf(validatePracticeExam({ form: 'NBME20', date: TODAY, score: 236 }, TODAY)).form).toMatch(
      /^"NBME20" is not a practice exam we know\. Use one of NBME9 … NBME16, UWSA1, UWSA2, FREE120, AMBOSS_SA/,
    );
  });

  it.each([
    ['a Free 120 with a 3-digit score', { form: 'FREE120', score: 240 }, 'score', /reports a percent correct/],
    ['a Free 120 without a percent', { form: 'FREE120' }, 'percentCorrect', /Enter the percent correct/],
    ['a Free 120 at 104 %', { form: 'FREE120', percentCorrect: 104 }, 'percentCorrect', /from 0 to 100; 104/],
    ['a UWSA with a percent', { form: 'UWSA1', percentCorrect: 70 }, 'percentCorrect', /reports a score/],
    ['a UWSA without a score', { form: 'UWSA1' }, 'score', /Enter the 3-digit score/],
    ['a fractional score', { form: 'AMBOSS_SA', score: 231.5 }, 'score', /whole 3-digit score/],
    ['a Mastery score of 72', { form: 'CMS_MEDICINE', score: 72 }, 'score', /scaled scores run from 1 to 40/],
    ['a Mastery form without a score', { form: 'CMS_MEDICINE' }, 'score', /scaled score from your .*\(mean 20/],
  ] as const)('refuses %s', (_name, exam, field, message) => {
    expect(fieldsOf(validatePracticeExam({ date: TODAY, ...exam }, TODAY))[field]).toMatch(message);
  });

  it('refuses an unknown, repeated or impossible breakdown line', () => {
    const fields = fieldsOf(
      validatePracticeExam(
        {
          form: 'NBME14',
          date: TODAY,
          score: 240,
          breakdown: [
            { area: 'spleen', percentCorrect: 50 },
            { area: 'skin', percentCorrect: 50 },
            { area: 'skin', percentCorrect: 60 },
            { area: 'psychiatry', percentCorrect: 140 },
          ],
        },
        TODAY,
      ),
    );
    expect(fields).toEqual({
      'breakdown.0.area': expect.stringMatching(/"spleen" is not a system or discipline/),
      'breakdown.2.area': 'This area is listed twice. Keep one line per area.',
      'breakdown.3.percentCorrect': 'Enter the percent correct for this area, from 0 to 100.',
    });
  });

  it('keeps a Free 120 percent and a Clinical Mastery Series score, the latter flagged not predictive', () => {
    expect(validatePracticeExam({ form: 'FREE120', date: TODAY, percentCorrect: 74 }, TODAY)).toMatchObject({
      ok: true,
      value: { score: null, percentCorrect: 74, isPredictive: true },
    });
    expect(validatePracticeExam({ form: 'CMS_PSYCHIATRY', date: TODAY, score: 22 }, TODAY)).toMatchObject({
      ok: true,
      value: { score: 22, isPredictive: false },
    });
  });

  it('skips the future-date check when there is no today', () => {
    expect(validatePracticeExam({ form: 'NBME13', date: '2030-01-01', score: 236 }).ok).toBe(true);
  });
});

describe('running statistics of the blocks', () => {
  function logged(overrides: Partial<QuestionBlockInput>): QuestionBlock {
    const result = validateQuestionBlock(block(overrides), TODAY);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  }
  const blocks = [
    logged({ date: '2026-12-01', correct: 20 }), // 40 days ago: outside both windows
    logged({ date: '2026-12-31', correct: 26, mode: 'tutor' }), // 10 days ago: the 30-day window only
    logged({ date: TODAY, correct: 30 }), // today: both windows
    logged({ bank: 'amboss', date: '2027-01-04', questions: 20, correct: 15, minutes: 30 }),
  ];

  it('gives completion and % correct overall and over 7 and 30 days', () => {
    // UWorld: 120 of 3,900 done = 3.1 %; 76 / 120 = 63.3 % overall; last 7 days 30 / 40 = 75 %;
    // last 30 days (from 2026-12-12) 56 / 80 = 70 %. AMBOSS has no default size.
    const stats = summarizeQuestionBlocks({ blocks, today: TODAY });
    const [uworld, amboss] = stats.banks;
    expect(uworld).toMatchObject({
      bank: 'uworld',
      name: 'UWorld',
      questionsDone: 120,
      bankSize: 3900,
      overall: { questions: 120, correct: 76, percentCorrect: 63.3 },
      last7Days: { questions: 40, correct: 30, percentCorrect: 75 },
      last30Days: { questions: 80, correct: 56, percentCorrect: 70 },
    });
    expect(uworld!.completion).toBeCloseTo(120 / 3900, 9);
    expect(amboss).toMatchObject({ bankSize: null, completion: null, last7Days: { percentCorrect: 75 } });
    expect(stats.overall).toEqual({ questions: 140, correct: 91, percentCorrect: 65 });
    expect(stats.last7Days).toEqual({ questions: 60, correct: 45, percentCorrect: 75 });
    expect(stats).toMatchObject({ timedBlocks: 3, tutorBlocks: 1 });
  });

  it('caps completion at 100 % and says null when a period has no questions', () => {
    const stats = summarizeQuestionBlocks({ blocks, today: '2027-03-01', bankSizes: { uworld: 100, amboss: 0 } });
    expect(stats.banks[0]).toMatchObject({ completion: 1, last7Days: { questions: 0, percentCorrect: null } });
    expect(stats.banks[1]!.bankSize).toBeNull();
    expect(nameBank('other')).toBe('Other bank');
  });
});

describe('full-length day date', () => {
  it('is accepted on or before today and refused after it', () => {
    expect(checkFullLengthDate('2027-02-20', '2027-02-20')).toBeNull();
    expect(checkFullLengthDate('2027-02-21', '2027-02-20')).toMatch(/after today \(2027-02-20\)/);
  });
});
