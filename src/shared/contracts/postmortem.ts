import { z } from 'zod';
import type { Diagnosis } from '#domain/postmortem/causes.ts';
import type { Countermeasures } from '#domain/postmortem/countermeasures.ts';
import {
  BLOCK_MODES,
  CONTENT_CATEGORY_IDS,
  DISTANCES,
  KEPT_DATE_REASONS,
  POSTMORTEM_LIMITS,
  PRACTICE_VERDICTS,
  REVIEW_HABITS,
  SCHEDULE_HABITS,
  SCORE_SCALES,
  type ContentCategory,
  type PostmortemAnswers,
  type Section,
} from '#domain/postmortem/questionnaire.ts';
import { checkPostmortemRules } from '#domain/postmortem/rules.ts';
import { decimal, text } from './common.ts';

const L = POSTMORTEM_LIMITS;

/** Optional free text: trimmed, empty becomes null. */
const optionalText = (max: number) =>
  text({ error: 'Enter text here, or leave it empty.', isMultiline: true })
    .max(max, `Keep this under ${max} characters; the essentials are enough.`)
    .nullish()
    .transform((value) => (value ? value : null));

/** A section of the questionnaire; a missing section names itself. */
const section = <T extends z.core.$ZodLooseShape>(title: string, shape: T) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'invalid_type' ? `Answer the questions on ${title}.` : undefined),
  });

const yesNo = (question: string) => z.boolean({ error: `Answer yes or no: ${question}` });

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${what} as a number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(min, `Enter ${what} from ${min} to ${max}.`)
    .max(max, `Enter ${what} from ${min} to ${max}.`);

const categories = (what: string, max: number) =>
  z
    .array(z.enum(CONTENT_CATEGORY_IDS, { error: 'Choose areas from the list.' }), {
      error: `Choose ${what} from the list.`,
    })
    .max(max, `Choose at most ${max} areas.`);

const practiceScoreSchema = z.strictObject({
  scale: z.enum(SCORE_SCALES, { error: 'Say whether this is a 3-digit score or a percent correct.' }),
  value: decimal({
    error: 'Enter the score as a number.',
    min: 0,
    max: L.maxThreeDigitScore,
    perUnit: 10,
    belowMin: 'A score cannot be negative.',
    aboveMax: `Enter the score as reported: at most ${L.maxThreeDigitScore}.`,
    offGrid: 'Enter the score as reported, with at most one decimal.',
  }),
});

/** The postmortem as the student submits it (capability B). Cross-field rules come from the domain. */
export const postmortemAnswersSchema = z
  .strictObject({
    scoreReport: section('what your score report said', {
      distance: z.enum(DISTANCES, { error: 'Choose how far from passing your score report placed you.' }),
      wording: optionalText(L.wordingMaxChars),
    }),
    weakestAreas: categories('your weakest areas', L.maxWeakestAreas).min(
      1,
      'Choose at least one area: your score report’s performance profile shows where you were lowest.',
    ),
    dedicated: section('how dedicated was organised', {
      schedule: z.enum(SCHEDULE_HABITS, { error: 'Choose whether you studied from a written, dated schedule.' }),
      startedBehind: yesNo('were you behind on content when dedicated began?'),
      behindAreas: categories('the subjects you were behind on', CONTENT_CATEGORY_IDS.length).default([]),
      detail: optionalText(L.detailMaxChars),
    }),
    questionBank: section('the question bank', {
      percentDone: wholeNumber('the share of the bank you completed', 0, 100),
      reviewHabit: z.enum(REVIEW_HABITS, {
        error: 'Choose how often you read every explanation: always, sometimes or rarely.',
      }),
      blockMode: z.enum(BLOCK_MODES, { error: 'Choose how you did your blocks: timed, mixed or tutor mode.' }),
      contentSharePercent: wholeNumber('the share of hours spent on content', 0, 100),
      detail: optionalText(L.detailMaxChars),
    }),
    practiceExams: section('practice exams', {
      examsTaken: wholeNumber('the number of practice exams you finished', 0, L.maxPracticeExams),
      lastScores: z
        .array(practiceScoreSchema, { error: 'List your last practice scores.' })
        .max(L.maxLastScores, `Enter your last ${L.maxLastScores} scores at most, most recent first.`)
        .default([]),
      verdict: z
        .enum(PRACTICE_VERDICTS, { error: 'Choose where your last practice scores put you against the passing line.' })
        .nullish()
        .transform((v) => v ?? null),
      satAnyway: yesNo('did the date stay although the scores said you were not ready?')
        .nullish()
        .transform((v) => v ?? null),
      reasons: z
        .array(z.enum(KEPT_DATE_REASONS, { error: 'Choose reasons from the list.' }), {
          error: 'Choose the reasons from the list.',
        })
        .max(KEPT_DATE_REASONS.length, 'Each reason can be picked once.')
        .default([]),
      detail: optionalText(L.detailMaxChars),
    }),
    wellbeing: section('health, family and sleep', {
      hadProblems: yesNo('were you dealing with a problem that was not being addressed?'),
      detail: optionalText(L.detailMaxChars),
      isSupportInPlace: yesNo('is support in place now?')
        .nullish()
        .transform((v) => v ?? null),
      sleepHoursPerNight: decimal({
        error: 'Enter your hours of sleep as a number.',
        min: 0,
        max: L.maxSleepHours,
        perUnit: 100,
        belowMin: 'Hours of sleep cannot be negative.',
        aboveMax: `Enter at most ${L.maxSleepHours} hours.`,
        offGrid: 'Enter your hours of sleep with at most two decimals (for example 6, 6.5 or 6.75).',
      }),
    }),
    examDay: section('exam day', {
      blockCount: wholeNumber('the number of blocks on your exam', 1, L.maxBlocks),
      blocksOutOfTime: wholeNumber('the blocks where time ran out', 0, L.maxBlocks),
      hadPanic: yesNo('did you panic or blank during the exam?'),
      detail: optionalText(L.detailMaxChars),
    }),
    ownWords: text({ error: 'Write, in your own words, why you think Step 1 went wrong.', isMultiline: true })
      .min(L.ownWordsMinChars, 'Write at least a sentence: what happened, in your own words.')
      .max(L.ownWordsMaxChars, `Keep this under ${L.ownWordsMaxChars} characters.`),
  })
  .superRefine((answers, ctx) => {
    for (const [path, message] of Object.entries(checkPostmortemRules(answers))) {
      ctx.addIssue({ code: 'custom', path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message });
    }
  }) satisfies z.ZodType<PostmortemAnswers, unknown>;

export type PostmortemAnswersInput = z.input<typeof postmortemAnswersSchema>;

/** The causes named from a set of answers, and the plan settings they change. */
export type PostmortemResult = {
  answers: PostmortemAnswers;
  diagnosis: Diagnosis;
  countermeasures: Countermeasures;
};

/** The saved postmortem, or null before the student has completed one. */
export type PostmortemResponse = {
  postmortem: (PostmortemResult & { updatedAt: string }) | null;
  /** Set when answers are stored but can no longer be read: what to tell the student. */
  unreadable?: { message: string; updatedAt: string };
};

/** The questionnaire as the web renders it. */
export type PostmortemQuestionnaireResponse = {
  sections: readonly Section[];
  contentCategories: readonly ContentCategory[];
};

/** PUT /api/postmortem/support-prompt: the student says the support is lined up. */
export const confirmSupportRequestSchema = z.strictObject({
  isDone: z.literal(true, { error: 'Send isDone: true once your support is lined up.' }),
});

/**
 * GET /api/postmortem/support-prompt: the postmortem's support prompt (countermeasure
 * supportPromptNow). `isAsked` while the postmortem asks for it and the student has not confirmed;
 * `actions` are the postmortem's own words for what to do, with where to turn in a crisis.
 */
export type SupportPromptResponse = {
  isAsked: boolean;
  confirmedAt: string | null;
  actions: { text: string; href?: string }[];
};
