import { z } from 'zod';
import type { StoryCheck } from '#domain/story/check.ts';
import type { StoryDraft } from '#domain/story/drafts.ts';
import { INTERVIEW_PROMPT_IDS, type InterviewPrompt } from '#domain/story/interview.ts';
import { PLACEMENT_IDS, type PlacementOption } from '#domain/story/placement.ts';
import type { StorySource, StorySourceId } from '#domain/story/sources.ts';
import { text } from './common.ts';

/*
 * Contracts for telling the story of the fail (issue 14): the student's edited texts, the checker,
 * interview practice attempts and where they chose to put the explanation.
 */

/** Far above a paragraph (5–7 sentences) or a 90-second answer; long enough to paste a whole draft. */
export const STORY_TEXT_MAX_CHARS = 4000;
export const ADVISOR_NOTE_MAX_CHARS = 1000;
/** An attempt's timer: at most 30 minutes. */
export const MAX_ATTEMPT_SECONDS = 1800;

const storyKindSchema = z.enum(['statement', 'interview'], {
  error: 'Choose which text this is: "statement" (the paragraph) or "interview" (the spoken answer).',
});

const storyText = () =>
  text({ error: 'Send the text as text.', isMultiline: true }).max(
    STORY_TEXT_MAX_CHARS,
    `Keep it to ${STORY_TEXT_MAX_CHARS} characters; the paragraph itself should be far shorter.`,
  );

export const storyCheckRequestSchema = z.strictObject({
  kind: storyKindSchema,
  text: storyText(),
});
export type StoryCheckRequest = z.input<typeof storyCheckRequestSchema>;

export const saveStoryTextRequestSchema = z.strictObject({
  kind: storyKindSchema,
  text: storyText().min(1, 'Write or paste your text before saving; to start over, use the draft.'),
});

export const savePlacementRequestSchema = z.strictObject({
  choice: z.enum(PLACEMENT_IDS, {
    error: 'Choose one of the three options: interview only, a statement paragraph, or the ERAS field.',
  }),
  advisorNote: text({ error: 'Write the note as text.', isMultiline: true })
    .max(ADVISOR_NOTE_MAX_CHARS, `Keep the note to ${ADVISOR_NOTE_MAX_CHARS} characters.`)
    .nullish(),
});

export const storyAttemptRequestSchema = z.strictObject({
  promptId: z.enum(INTERVIEW_PROMPT_IDS, { error: 'Choose one of the practice questions.' }),
  text: storyText().min(1, 'Type your answer before saving the attempt.'),
  secondsTaken: z
    .number({ error: 'Send the timer as a whole number of seconds.' })
    .int('Send the timer as a whole number of seconds.')
    .min(0, 'The timer cannot be negative.')
    .max(
      MAX_ATTEMPT_SECONDS,
      `The timer stops at ${MAX_ATTEMPT_SECONDS / 60} minutes; an answer should take 60–90 seconds.`,
    )
    .nullish(),
});

/** GET /api/story?wording=N: another wording of the drafts, 0 being the student's own. */
export const storyQuerySchema = z.strictObject({
  wording: z
    .string({ error: 'Ask for a wording by number.' })
    .regex(/^\d{1,2}$/, 'Ask for a wording from 0 to 99.')
    .optional(),
});

export type SavedStoryText = { text: string; updatedAt: string; check: StoryCheck };
export type StoryAttempt = {
  id: string;
  promptId: string;
  text: string;
  words: number;
  secondsTaken: number | null;
  createdAt: string;
  check: StoryCheck;
};
export type StoryPlacement = { choice: string; advisorNote: string | null; updatedAt: string };

export type StoryResponse = {
  wording: number;
  hasPostmortem: boolean;
  drafts: { statement: StoryDraft; interview: StoryDraft };
  saved: { statement: SavedStoryText | null; interview: SavedStoryText | null };
  placement: StoryPlacement | null;
  attempts: StoryAttempt[];
  prompts: readonly InterviewPrompt[];
  placementOptions: readonly PlacementOption[];
  placementCaveat: string;
  sources: Readonly<Record<StorySourceId, StorySource>>;
  targets: {
    statement: {
      minWords: number;
      maxWords: number;
      minSentences: number | null;
      maxSentences: number | null;
      basis: string;
    };
    interview: {
      minWords: number;
      maxWords: number;
      minSentences: number | null;
      maxSentences: number | null;
      basis: string;
    };
    wordsPerMinute: number;
    wordsPerMinuteBasis: string;
    answerSeconds: { min: number; max: number };
    attemptsKeptPerPrompt: number;
  };
};
