/**
 * Shared test data for the postmortem tests: a set of answers that shows no cause at all, and
 * helpers to change one section of it. Not used by application code.
 */
import type { CauseId, Diagnosis } from './causes.ts';
import type { PostmortemAnswers } from './questionnaire.ts';

/** Answers that hold together and point to no cause: every probe answered "it went fine". */
export function makeCleanAnswers(): PostmortemAnswers {
  return {
    scoreReport: { distance: 'moderate', wording: null },
    weakestAreas: ['cardiovascular'],
    dedicated: { schedule: 'followed', startedBehind: false, behindAreas: [], detail: null },
    questionBank: {
      percentDone: 100,
      reviewHabit: 'always',
      blockMode: 'timed',
      contentSharePercent: 30,
      detail: null,
    },
    practiceExams: {
      examsTaken: 4,
      lastScores: [{ scale: 'three-digit', value: 215 }],
      verdict: 'above',
      satAnyway: false,
      reasons: [],
      detail: null,
    },
    wellbeing: { hadProblems: false, detail: null, isSupportInPlace: null, sleepHoursPerNight: 7.5 },
    examDay: { blockCount: 7, blocksOutOfTime: 0, hadPanic: false, detail: null },
    ownWords: 'I am honestly not sure yet; my practice numbers looked fine to me at the time.',
  };
}

export type AnswerOverrides = {
  [K in keyof PostmortemAnswers]?: PostmortemAnswers[K] extends readonly unknown[] | string
    ? PostmortemAnswers[K]
    : Partial<PostmortemAnswers[K]>;
};

/** Clean answers with some sections changed: `answersWith({ examDay: { hadPanic: true, detail: '…' } })`. */
export function answersWith(overrides: AnswerOverrides): PostmortemAnswers {
  const clean = makeCleanAnswers();
  return {
    scoreReport: { ...clean.scoreReport, ...overrides.scoreReport },
    weakestAreas: overrides.weakestAreas ?? clean.weakestAreas,
    dedicated: { ...clean.dedicated, ...overrides.dedicated },
    questionBank: { ...clean.questionBank, ...overrides.questionBank },
    practiceExams: { ...clean.practiceExams, ...overrides.practiceExams },
    wellbeing: { ...clean.wellbeing, ...overrides.wellbeing },
    examDay: { ...clean.examDay, ...overrides.examDay },
    ownWords: overrides.ownWords ?? clean.ownWords,
  };
}

/** A diagnosis naming exactly these causes, for countermeasure tests that start from the causes. */
export function diagnosisWith(
  causes: readonly CauseId[],
  facts: Partial<Pick<Diagnosis, 'isSupportInPlace' | 'hadPanic' | 'blocksOutOfTime'>> = {},
): Diagnosis {
  return {
    causes: causes.map((id, index) => ({
      id,
      name: id,
      explanation: '',
      evidence: [],
      weight: 3,
      strength: 'strong',
      priority: index + 1,
    })),
    distance: 'moderate',
    weakestAreas: [],
    isSupportInPlace: facts.isSupportInPlace ?? null,
    hadPanic: facts.hadPanic ?? false,
    blocksOutOfTime: facts.blocksOutOfTime ?? 0,
    summary: '',
  };
}
