/**
 * Shared test data for the story tests: three postmortems whose causes differ. Not used by
 * application code.
 */
import { DEFAULT_PLAN_SETTINGS } from '../plan/settings.ts';
import { diagnoseCauses } from '../postmortem/causes.ts';
import { applyCountermeasures } from '../postmortem/countermeasures.ts';
import type { PostmortemAnswers } from '../postmortem/questionnaire.ts';
import { answersWith } from '../postmortem/test-fixtures.ts';
import type { StoryInput } from './drafts.ts';

export function postmortemFrom(answers: PostmortemAnswers): NonNullable<StoryInput['postmortem']> {
  const diagnosis = diagnoseCauses(answers);
  if (!diagnosis.ok) throw new Error(diagnosis.error.message);
  return {
    answers,
    diagnosis: diagnosis.value,
    countermeasures: applyCountermeasures(DEFAULT_PLAN_SETTINGS, diagnosis.value),
  };
}

/** Three students whose Step 1 went wrong for different reasons. */
export const POSTMORTEMS = {
  denial: answersWith({
    practiceExams: {
      examsTaken: 2,
      lastScores: [{ scale: 'three-digit', value: 188 }],
      verdict: 'under',
      satAnyway: true,
      reasons: ['booked-date'],
    },
    questionBank: { percentDone: 80, reviewHabit: 'sometimes' },
  }),
  timing: answersWith({
    examDay: {
      blockCount: 7,
      blocksOutOfTime: 3,
      hadPanic: true,
      detail: 'In block 4 my mind went blank for ten minutes.',
    },
    questionBank: { blockMode: 'tutor' },
  }),
  wellbeing: answersWith({
    wellbeing: { hadProblems: true, detail: 'my father was ill', isSupportInPlace: true, sleepHoursPerNight: 5 },
    dedicated: {
      schedule: 'none',
      startedBehind: true,
      behindAreas: ['renal-urinary', 'cardiovascular'],
      detail: null,
    },
  }),
} satisfies Record<string, PostmortemAnswers>;
