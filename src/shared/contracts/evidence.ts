import { z } from 'zod';
import { DISCIPLINE_IDS, SYSTEM_IDS, isAreaId } from '#domain/evidence/areas.ts';
import { BLOCK_LIMITS, BLOCK_MODES, QUESTION_BANKS } from '#domain/evidence/logging.ts';
import { LOGGED_FORM_IDS } from '#domain/evidence/practice-scores.ts';
import { MAX_PRACTICE_EXAMS, type NoPrediction, type ScorePrediction } from '#domain/evidence/predictor.ts';
import { MAX_FULL_LENGTH_DAYS, type DelayProposal, type ReadinessAssessment } from '#domain/evidence/readiness.ts';
import { PRACTICE_FORM_IDS } from '#domain/exam/practice-forms.ts';
import { decimal, localDateSchema, text, textProblem } from './common.ts';

/*
 * Contracts for capability D and E. These check shape and fixed ranges of single fields only. The
 * rules that need today's date (nothing logged in the future) or read several fields (correct ≤
 * questions, a score or a percent by form, each breakdown area once) have one owner, the domain
 * (validateQuestionBlock, validatePracticeExam, predictScore, assessReadiness), which the server and
 * the CLI run after these: its messages are the only ones.
 */

const wholeNumber = (what: string, min: number, max: number, tooHigh: string) =>
  z
    .number({ error: `Enter ${what} as a number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(min, `${what[0]!.toUpperCase()}${what.slice(1)} cannot be below ${min}.`)
    .max(max, tooHigh);

/** A percent correct to one decimal, as score reports print it (68 or 68.5). */
const percentCorrect = decimal({
  error: 'Enter the percent correct as a number.',
  min: 0,
  max: 100,
  perUnit: 10,
  belowMin: 'A percent correct cannot be below 0.',
  aboveMax: 'A percent correct cannot be above 100.',
  offGrid: 'Enter the percent correct with at most one decimal, as on the report (for example 68 or 68.5).',
});

const scoreSchema = z
  .number({ error: 'Enter the score as a number.' })
  .int('Enter the whole 3-digit score, as on the report.')
  .min(1, {
    error: (issue) => `${String(issue.input)} is off the 1–300 scale. Check the report and enter the 3-digit score.`,
  })
  .max(300, {
    error: (issue) => `${String(issue.input)} is off the 1–300 scale. Check the report and enter the 3-digit score.`,
  });

/** A question-bank block as logged from a phone (capability D). */
export const questionBlockInputSchema = z.strictObject({
  bank: z.enum(QUESTION_BANKS, { error: 'Choose the bank: UWorld, AMBOSS or other.' }),
  mode: z.enum(BLOCK_MODES, { error: 'Choose timed or tutor mode.' }),
  questions: wholeNumber(
    'the number of questions',
    1,
    BLOCK_LIMITS.maxQuestions,
    `A block holds at most ${BLOCK_LIMITS.maxQuestions} questions; log a longer session as several blocks.`,
  ),
  correct: wholeNumber(
    'the number correct',
    0,
    BLOCK_LIMITS.maxQuestions,
    'Correct answers cannot exceed the questions in the block.',
  ),
  minutes: wholeNumber(
    'the minutes',
    1,
    BLOCK_LIMITS.maxMinutes,
    `A block cannot run over ${BLOCK_LIMITS.maxMinutes} minutes.`,
  ),
  date: localDateSchema('the date of the block'),
  missedSystems: z
    .array(z.enum(SYSTEM_IDS, { error: 'Choose systems from the content outline list.' }))
    .max(BLOCK_LIMITS.maxQuestions, 'Tag each missed question at most once.')
    .default([]),
  missedDisciplines: z
    .array(z.enum(DISCIPLINE_IDS, { error: 'Choose disciplines from the list.' }))
    .max(BLOCK_LIMITS.maxQuestions, 'Tag each missed question at most once.')
    .default([]),
});
export type QuestionBlockInput = z.input<typeof questionBlockInputSchema>;

const FORM_LIST = 'NBME9 … NBME16, UWSA1, UWSA2, FREE120, AMBOSS_SA';

/** The form as sent, for a message: short text only (String() of a deeply nested array overflows the stack). */
function quotedForm(input: unknown): string {
  return typeof input === 'string' && textProblem(input) === null && input.length <= 40 ? `"${input}"` : 'That';
}

/** A practice exam as the student logs it, including the non-predictive Clinical Mastery Series. */
export const practiceExamInputSchema = z.strictObject({
  form: z.enum(LOGGED_FORM_IDS, {
    error: (issue) =>
      `${quotedForm(issue.input)} is not a practice exam we know. Use one of ${FORM_LIST}, or a Clinical Mastery Series form (CMS_MEDICINE …).`,
  }),
  date: localDateSchema('the date you took it'),
  score: scoreSchema.nullish(),
  percentCorrect: percentCorrect.nullish(),
  breakdown: z
    .array(
      z.strictObject({
        area: z.string().refine(isAreaId, { error: 'Choose a system or discipline from the list.' }),
        percentCorrect,
      }),
    )
    .max(SYSTEM_IDS.length + DISCIPLINE_IDS.length, 'List each system and discipline at most once.')
    .default([]),
});
export type PracticeExamLogInput = z.input<typeof practiceExamInputSchema>;

/** A practice exam sent for a prediction or a readiness check: the twelve predictive forms only. */
export const predictiveExamSchema = z.strictObject({
  form: z.enum(PRACTICE_FORM_IDS, {
    error: (issue) => `${quotedForm(issue.input)} is not a practice exam form we know. Use one of ${FORM_LIST}.`,
  }),
  date: localDateSchema('the date of the practice exam'),
  score: scoreSchema.optional(),
  percentCorrect: percentCorrect.optional(),
});

const targetScoreSchema = z
  .number({ error: 'Enter your target score as a number.' })
  .int('Enter your target as a whole 3-digit score.')
  .min(1, 'The target is a 3-digit score from 1 to 300.')
  .max(300, 'The target is a 3-digit score from 1 to 300.');

const examsSchema = z
  .array(predictiveExamSchema, { error: 'Send the practice exams as a list.' })
  .max(MAX_PRACTICE_EXAMS, `Send at most ${MAX_PRACTICE_EXAMS} practice exams.`);

/** `comeback predict` input (docs/cli.md). */
export const predictInputSchema = z.strictObject({
  examDate: localDateSchema('the exam date'),
  targetScore: targetScoreSchema,
  today: localDateSchema('today').optional(),
  exams: examsSchema,
});
export type PredictInput = z.input<typeof predictInputSchema>;

/** The prediction as `comeback predict` prints it: exactly these keys. */
export const predictOutputSchema = z.strictObject({
  predicted: z.number(),
  low: z.number(),
  high: z.number(),
  level: z.literal(0.8),
  passProbability: z.number().min(0).max(1),
  targetProbability: z.number().min(0).max(1),
  explanation: z.array(z.string()),
  // Added by issue 10 (the trajectory to exam day); the keys above keep their names.
  currentLevel: z.number(),
  trend: z.strictObject({
    source: z.enum(['own', 'prior']),
    ownPointsPerWeek: z.number().nullable(),
    usedPointsPerWeek: z.number(),
    ownShare: z.number().min(0).max(1),
    daysCarried: z.number().int().min(0),
  }),
  neededPointsPerWeek: z.number().min(0),
  warning: z.string().nullable(),
});
export type PredictOutput = z.infer<typeof predictOutputSchema>;

/** `comeback readiness` input (docs/cli.md). `today` defaults to the current date in UTC. */
export const readinessInputSchema = z.strictObject({
  examDate: localDateSchema('the exam date'),
  today: localDateSchema('today').optional(),
  targetScore: targetScoreSchema,
  fullLengthDaysCompleted: wholeNumber(
    'the full-length days completed',
    0,
    MAX_FULL_LENGTH_DAYS,
    `Enter at most ${MAX_FULL_LENGTH_DAYS} full-length days.`,
  ),
  exams: examsSchema,
});
export type ReadinessRequest = z.input<typeof readinessInputSchema>;

/** A wellbeing check-in (capability D, endurance). */
export const wellbeingCheckInInputSchema = z.strictObject({
  date: localDateSchema('the date'),
  // Hours with at most two decimals: all a person types (7, 7.5, 6.75, 6.3), not 5e-324 or 7.123456789.
  sleepHours: decimal({
    error: 'Enter the hours you slept as a number.',
    min: 0,
    max: 24,
    perUnit: 100,
    belowMin: 'Sleep cannot be below 0 hours.',
    aboveMax: 'A day has 24 hours; enter the hours you slept.',
    offGrid: 'Enter the hours you slept with at most two decimals (for example 7, 7.5 or 6.75).',
  }),
  stress: wholeNumber('your stress', 1, 5, 'Choose your stress from 1 to 5.'),
  mood: wholeNumber('your mood', 1, 5, 'Choose your mood from 1 to 5.'),
});
export type WellbeingCheckInInput = z.input<typeof wellbeingCheckInInputSchema>;

/** The school's counselling service, kept in settings and shown in the help prompt. */
export const counsellingServiceSchema = z
  .strictObject({
    name: text({ error: 'Enter the name of the service.' })
      .min(1, 'Enter the name of the service.')
      .max(120, 'Keep the name under 120 characters.'),
    contact: text({ error: 'Enter how to reach it: a phone number, an email or a web address.' })
      .min(1, 'Enter how to reach it: a phone number, an email or a web address.')
      .max(200, 'Keep the contact under 200 characters.'),
  })
  .nullable();

export type PredictionResponse = ScorePrediction | NoPrediction;
export type ReadinessResponse = ReadinessAssessment & {
  delayProposal: DelayProposal | null;
  /**
   * The plan's readiness gate is on (the postmortem's hardReadinessGate, `readinessGate` in the plan
   * settings): a delay proposal is put on the home screen, to accept with one tap (decision 013).
   */
  isGated: boolean;
};
