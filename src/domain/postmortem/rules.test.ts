import { describe, expect, it } from 'vitest';
import { checkPostmortemRules, classifyPracticeScore } from './rules.ts';
import { answersWith, makeCleanAnswers } from './test-fixtures.ts';

describe('reading a practice score against the Step 1 passing standard of 196', () => {
  it.each([
    [188, 'under'],
    [195, 'under'],
    [196, 'at-the-line'],
    [205, 'at-the-line'],
    [206, 'above'],
  ] as const)('reads %i as %s', (value, verdict) => {
    expect(classifyPracticeScore({ scale: 'three-digit', value })).toBe(verdict);
  });

  it('leaves a percent score to the student’s own reading', () => {
    expect(classifyPracticeScore({ scale: 'percent', value: 58 })).toBeNull();
  });
});

describe('answer consistency', () => {
  it('accepts answers that hold together', () => {
    expect(checkPostmortemRules(makeCleanAnswers())).toEqual({});
  });

  it.each([
    [
      'a yes on health problems without detail',
      answersWith({ wellbeing: { hadProblems: true, detail: '  ', isSupportInPlace: false } }),
      'wellbeing.detail',
    ],
    [
      'a yes on health problems without saying whether support is in place',
      answersWith({ wellbeing: { hadProblems: true, detail: 'Depression.', isSupportInPlace: null } }),
      'wellbeing.isSupportInPlace',
    ],
    [
      'panic without saying what happened',
      answersWith({ examDay: { hadPanic: true, detail: null } }),
      'examDay.detail',
    ],
    [
      'behind on content without naming subjects',
      answersWith({ dedicated: { startedBehind: true, behindAreas: [] } }),
      'dedicated.behindAreas',
    ],
    [
      'subjects named while saying "not behind"',
      answersWith({ dedicated: { startedBehind: false, behindAreas: ['renal-urinary'] } }),
      'dedicated.behindAreas',
    ],
    [
      'a subject named twice',
      answersWith({ dedicated: { startedBehind: true, behindAreas: ['renal-urinary', 'renal-urinary'] } }),
      'dedicated.behindAreas',
    ],
    ['a bank share over 100', answersWith({ questionBank: { percentDone: 120 } }), 'questionBank.percentDone'],
    ['a negative bank share', answersWith({ questionBank: { percentDone: -5 } }), 'questionBank.percentDone'],
    [
      'a fractional content share',
      answersWith({ questionBank: { contentSharePercent: 33.3 } }),
      'questionBank.contentSharePercent',
    ],
    [
      'more scores than exams taken',
      answersWith({
        practiceExams: {
          examsTaken: 1,
          lastScores: [
            { scale: 'three-digit', value: 200 },
            { scale: 'three-digit', value: 190 },
          ],
          verdict: 'at-the-line',
        },
      }),
      'practiceExams.lastScores',
    ],
    [
      'more than 3 scores',
      answersWith({
        practiceExams: {
          examsTaken: 6,
          lastScores: [1, 2, 3, 4].map(() => ({ scale: 'percent' as const, value: 60 })),
        },
      }),
      'practiceExams.lastScores',
    ],
    [
      'exams taken but no score',
      answersWith({ practiceExams: { examsTaken: 2, lastScores: [] } }),
      'practiceExams.lastScores',
    ],
    ['an absurd number of exams', answersWith({ practiceExams: { examsTaken: 31 } }), 'practiceExams.examsTaken'],
    [
      'a 3-digit score above 300',
      answersWith({ practiceExams: { lastScores: [{ scale: 'three-digit', value: 310 }] } }),
      'practiceExams.lastScores.0.value',
    ],
    [
      'a 3-digit score with decimals',
      answersWith({ practiceExams: { lastScores: [{ scale: 'three-digit', value: 210.5 }] } }),
      'practiceExams.lastScores.0.value',
    ],
    [
      'a percent over 100',
      answersWith({ practiceExams: { lastScores: [{ scale: 'percent', value: 104 }] } }),
      'practiceExams.lastScores.0.value',
    ],
    [
      'no verdict although exams were taken',
      answersWith({ practiceExams: { verdict: null } }),
      'practiceExams.verdict',
    ],
    ['no answer on keeping the date', answersWith({ practiceExams: { satAnyway: null } }), 'practiceExams.satAnyway'],
    [
      'the date kept without a reason',
      answersWith({ practiceExams: { satAnyway: true, reasons: [] } }),
      'practiceExams.reasons',
    ],
    [
      'reasons given while saying the date did not stay',
      answersWith({ practiceExams: { satAnyway: false, reasons: ['peers'] } }),
      'practiceExams.reasons',
    ],
    [
      'a reason picked twice',
      answersWith({ practiceExams: { satAnyway: true, reasons: ['peers', 'peers'] } }),
      'practiceExams.reasons',
    ],
    [
      '“something else” without saying what',
      answersWith({ practiceExams: { satAnyway: true, reasons: ['other'], detail: null } }),
      'practiceExams.detail',
    ],
    [
      'no exams taken but the date "kept against the scores"',
      answersWith({
        practiceExams: { examsTaken: 0, lastScores: [], verdict: null, satAnyway: true, reasons: ['peers'] },
      }),
      'practiceExams.satAnyway',
    ],
    ['sleep over 14 hours', answersWith({ wellbeing: { sleepHoursPerNight: 15 } }), 'wellbeing.sleepHoursPerNight'],
    [
      'sleep in quarter hours',
      answersWith({ wellbeing: { sleepHoursPerNight: 6.25 } }),
      'wellbeing.sleepHoursPerNight',
    ],
    ['zero blocks on the exam', answersWith({ examDay: { blockCount: 0 } }), 'examDay.blockCount'],
    [
      'more blocks out of time than blocks',
      answersWith({ examDay: { blockCount: 7, blocksOutOfTime: 8 } }),
      'examDay.blocksOutOfTime',
    ],
    ['no weakest area', answersWith({ weakestAreas: [] }), 'weakestAreas'],
    [
      'seven weakest areas',
      answersWith({
        weakestAreas: ['immune', 'skin', 'endocrine', 'respiratory', 'cardiovascular', 'multisystem', 'renal-urinary'],
      }),
      'weakestAreas',
    ],
    ['a weakest area twice', answersWith({ weakestAreas: ['immune', 'immune'] }), 'weakestAreas'],
    ['own words too short', answersWith({ ownWords: 'dunno' }), 'ownWords'],
    ['own words too long', answersWith({ ownWords: 'x'.repeat(3001) }), 'ownWords'],
    ['a report quote too long', answersWith({ scoreReport: { wording: 'x'.repeat(301) } }), 'scoreReport.wording'],
    ['a detail too long', answersWith({ questionBank: { detail: 'x'.repeat(1001) } }), 'questionBank.detail'],
  ])('flags %s on its field', (_label, answers, field) => {
    // Given answers with one inconsistency
    // When the rules run
    const problems = checkPostmortemRules(answers);
    // Then the field carries a message that says what to fix
    expect(Object.keys(problems)).toContain(field);
    expect(problems[field]!.length).toBeGreaterThan(15);
  });

  it('asks for the verdict that a 3-digit score already shows', () => {
    // Given a last score of 188 but a verdict of "comfortably above"
    const problems = checkPostmortemRules(
      answersWith({ practiceExams: { lastScores: [{ scale: 'three-digit', value: 188 }], verdict: 'above' } }),
    );
    // Then the message names the score and the passing standard
    expect(problems['practiceExams.verdict']).toContain('188');
    expect(problems['practiceExams.verdict']).toContain('196');
  });

  it('accepts any verdict for a percent score', () => {
    expect(
      checkPostmortemRules(
        answersWith({ practiceExams: { lastScores: [{ scale: 'percent', value: 72 }], verdict: 'under' } }),
      ),
    ).toEqual({});
  });

  it('accepts no practice exams at all, with nothing else asked', () => {
    const answers = answersWith({ practiceExams: { examsTaken: 0, lastScores: [], verdict: null, satAnyway: null } });
    expect(checkPostmortemRules(answers)).toEqual({});
  });
});
