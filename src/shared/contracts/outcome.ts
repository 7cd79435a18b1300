import { z } from 'zod';
import type { ExamOutcome, OutcomeComparison, PredictionSnapshot } from '#domain/evidence/outcome.ts';
import { localDateSchema } from './common.ts';

/*
 * Journey stage 9 (`/api/outcome`). The contract checks each field on its own; the rules that read
 * the exam date, today or several fields (a result not before the exam, pass/fail consistent with the
 * score) belong to the domain (validateExamOutcome), whose messages are the only ones.
 */

/** What sharing means, said once for the form, the export and the docs. */
export const SHARE_WITH_SCHOOL_TEXT =
  'Let my school use this score to check how accurate Comeback’s predictions are. It gets only numbers and dates: your real score, your practice exam scores and when you took them, never your name or email. Off unless you turn it on; turn it off any time and your score is left out of the next check.';

/** PUT /api/outcome: the real result, as on the score report. */
export const examOutcomeInputSchema = z.strictObject({
  score: z
    .number({ error: 'Enter the 3-digit Step 2 CK score from your report, a whole number from 1 to 300.' })
    .int('Enter the 3-digit Step 2 CK score from your report, a whole number from 1 to 300.')
    .min(1, 'Enter the 3-digit Step 2 CK score from your report, a whole number from 1 to 300.')
    .max(300, 'Enter the 3-digit Step 2 CK score from your report, a whole number from 1 to 300.'),
  passed: z.boolean({ error: 'Choose pass or fail, as your score report says.' }),
  resultDate: localDateSchema('the day your result came out'),
  shareWithSchool: z.boolean({ error: 'Choose whether your school may use this score.' }).default(false),
});
export type ExamOutcomeRequest = z.input<typeof examOutcomeInputSchema>;

/** GET and PUT /api/outcome. */
export type OutcomeResponse = {
  today: string;
  /** The exam date on the profile; null before there is one. */
  examDate: string | null;
  /** True from exam day on: a result can be recorded. */
  canRecord: boolean;
  /** The passing score for the exam date (218 from 1 July 2025). */
  passingScore: number | null;
  outcome:
    | (ExamOutcome & {
        /** The exam date the result is for (the profile's, when it was recorded). */
        examDate: string;
        /** The prediction made on the eve of the exam; null when no practice exam came before it. */
        snapshot: PredictionSnapshot | null;
        comparison: OutcomeComparison | null;
        updatedAt: string;
      })
    | null;
};
