import { answersWith } from '#domain/postmortem/test-fixtures.ts';
import type { PostmortemAnswers } from '#domain/postmortem/questionnaire.ts';

/** Answers that point to real causes: a bank done without review, ignored practice scores, panic. */
export function buildPostmortemAnswers(): PostmortemAnswers {
  return answersWith({
    questionBank: { percentDone: 45, reviewHabit: 'rarely', detail: 'I rushed blocks to keep the percentage up.' },
    practiceExams: {
      examsTaken: 2,
      lastScores: [{ scale: 'three-digit', value: 188 }],
      verdict: 'under',
      satAnyway: true,
      reasons: ['booked-date'],
      detail: 'The date was booked and moving it felt like failing.',
    },
    examDay: {
      blockCount: 7,
      blocksOutOfTime: 3,
      hadPanic: true,
      detail: 'I blanked in block 4 and guessed the last 12 questions.',
    },
    ownWords: 'I ran out of time in three blocks and my last NBME was 188, under the pass line, and I sat anyway.',
  });
}
