import { z } from 'zod';
import { DISCIPLINE_IDS, SYSTEM_IDS } from '#domain/evidence/areas.ts';
import { QUESTION_BANKS } from '#domain/evidence/logging.ts';
import { CONFIDENCE_LEVELS, ENTRY_LIMITS, ERROR_TYPES } from '#domain/journal/entry.ts';
import type { ErrorPattern } from '#domain/journal/patterns.ts';
import type { Adjustment } from '#domain/journal/schedule.ts';
import { text } from './common.ts';

/*
 * Contracts for capability F, the wrong-answer journal. Shapes and lengths are checked here; the
 * domain (validateJournalEntry) checks the rules across fields again on the server.
 */

const optionalText = (what: string, max: number, options: { isMultiline?: boolean } = {}) =>
  text({ error: `Enter ${what} as text.`, ...options })
    .max(max, `Keep ${what} to ${max} characters.`)
    .nullish();

export const journalEntryInputSchema = z.strictObject({
  bank: z.enum(QUESTION_BANKS, { error: 'Choose the bank: UWorld, AMBOSS or other.' }),
  questionId: optionalText('the question id', ENTRY_LIMITS.questionId),
  system: z.enum(SYSTEM_IDS, { error: 'Choose a system from the content outline list.' }).nullish(),
  discipline: z.enum(DISCIPLINE_IDS, { error: 'Choose a discipline from the list.' }).nullish(),
  errorType: z.enum(ERROR_TYPES, {
    error: 'Choose why you missed it: knowledge gap, misread, reasoning, timing or changed a right answer.',
  }),
  keyPoint: text({ error: 'Write the key point as text.' })
    .min(1, 'Write the key point: the one fact that would have got it right.')
    .max(ENTRY_LIMITS.keyPoint, `Keep the key point to ${ENTRY_LIMITS.keyPoint} characters.`),
  wrongOptions: z
    .array(
      z.strictObject({
        option: text({ error: 'Label the option (A, B, C …).' })
          .min(1, 'Label the option as on the question (A, B, C …).')
          .max(ENTRY_LIMITS.optionLabel, 'Label the option as on the question (A, B, C …).'),
        why: text({ error: 'Say why this option is wrong.' })
          .min(1, 'Say in one line why this option is wrong.')
          .max(ENTRY_LIMITS.optionReason, `Keep this to ${ENTRY_LIMITS.optionReason} characters: one line.`),
      }),
      { error: 'List the wrong options as a list.' },
    )
    .max(ENTRY_LIMITS.wrongOptions, `List at most ${ENTRY_LIMITS.wrongOptions} wrong options, one line each.`)
    .default([]),
  teachingPoint: optionalText('the teaching point', ENTRY_LIMITS.teachingPoint, { isMultiline: true }),
  rule: z
    .strictObject({
      when: optionalText('the "when" part', ENTRY_LIMITS.rulePart),
      then: optionalText('the "do" part', ENTRY_LIMITS.rulePart),
      because: optionalText('the "because" part', ENTRY_LIMITS.rulePart),
    })
    .nullish(),
  confidence: z.enum(CONFIDENCE_LEVELS, { error: 'Choose how sure you were: guessed, unsure or sure.' }).nullish(),
  /** The logged block the question came from, when added from one. */
  blockId: text({ error: 'Send the block id as text.' }).max(100, 'That block is not in your log.').nullish(),
});
export type JournalEntryInput = z.input<typeof journalEntryInputSchema>;

/** Several entries at once, from a just-logged block. At most the largest block (BLOCK_LIMITS). */
export const journalEntriesBatchSchema = z.strictObject({
  entries: z
    .array(journalEntryInputSchema, { error: 'Send the entries as a list.' })
    .min(1, 'Add at least one entry.')
    .max(120, 'Add at most 120 entries at once.'),
});

export const reviewInputSchema = z.strictObject({
  entryId: text({ error: 'Send the entry id.' })
    .min(1, 'Send the entry id.')
    .max(100, 'That entry is not in your journal.'),
  rating: z
    .number({ error: 'Rate 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).' })
    .int('Rate 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).')
    .min(1, 'Rate 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).')
    .max(4, 'Rate 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).'),
  /** How long the card was on screen, for sizing the plan's review slot; capped at an hour. */
  durationMs: z
    .number({ error: 'Send the time on the card in milliseconds.' })
    .int('Send the time on the card as whole milliseconds.')
    .min(0, 'Time on the card cannot be negative.')
    .max(3_600_000, 'Time on the card is capped at an hour.')
    .nullish(),
});

/** Entry fields a CSV column can fill. `wrongOptions` reads "A: why; B: why". */
export const CSV_FIELDS = [
  'bank',
  'questionId',
  'system',
  'discipline',
  'errorType',
  'keyPoint',
  'wrongOptions',
  'teachingPoint',
  'ruleWhen',
  'ruleThen',
  'ruleBecause',
  'confidence',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export const MAX_IMPORT_CHARACTERS = 1_000_000;
export const MAX_IMPORT_ROWS = 2_000;

export const importInputSchema = z.strictObject({
  csv: z
    .string({ error: 'Paste or choose the CSV file.' })
    .min(1, 'The CSV file is empty.')
    .max(
      MAX_IMPORT_CHARACTERS,
      `The CSV file is over ${MAX_IMPORT_CHARACTERS.toLocaleString('en-US')} characters; split it.`,
    ),
  /** Entry field → the CSV column header that fills it. */
  mapping: z
    .partialRecord(
      z.enum(CSV_FIELDS, { error: 'Map only the journal fields (bank, keyPoint …).' }),
      z
        .string({ error: 'Name the column as in the header row.' })
        .min(1, 'Name the column as in the header row.')
        .max(200, 'That column name is too long.'),
    )
    .refine((m) => m.bank !== undefined && m.keyPoint !== undefined && m.errorType !== undefined, {
      error: 'Map at least the bank, error type and key point columns.',
    }),
  /** false: only preview; true: add the rows that pass, refuse the rest. */
  commit: z.boolean({ error: 'Say whether to import (true) or only preview (false).' }).default(false),
});

export type JournalEntryView = {
  id: string;
  bank: string;
  questionId: string | null;
  system: string | null;
  discipline: string | null;
  errorType: string;
  keyPoint: string;
  wrongOptions: { option: string; why: string }[];
  teachingPoint: string | null;
  rule: { when: string; then: string; because: string } | null;
  confidence: string | null;
  blockId: string | null;
  due: string;
  reps: number;
  lapses: number;
  createdAt: string;
  updatedAt: string;
};

export type JournalResponse = { entries: JournalEntryView[]; dueToday: number };

/** GET /api/journal/summary: counts and patterns, no entry text (the home screen reads it). */
export type JournalSummaryResponse = {
  entryCount: number;
  dueToday: number;
  backlog: ReviewQueueResponse['forecast']['backlog'];
  /** Error types that keep coming back, each with its rule and the plan change it offers. */
  patterns: ErrorPattern[];
};

export type ReviewQueueResponse = {
  examDate: string | null;
  today: string;
  /** All of today's reviews; `queue` holds the first of them (at most 50), least retained first. */
  dueCount: number;
  queue: (JournalEntryView & { retrievability: number; isDueNow: boolean })[];
  forecast: {
    days: { date: string; count: number }[];
    afterExamCount: number;
    spreadCap: number | null;
    /** Cards due before today (missed days), paced from today at `perDay` a day up to `lastDay`. */
    backlog: { count: number; perDay: number | null; lastDay: string | null };
  };
  canUndo: boolean;
};

export type ReviewResponse = { entryId: string; due: string; adjustment: Adjustment };

export type ImportPreview = {
  rows: number;
  accepted: number;
  refused: { row: number; reasons: Record<string, string> }[];
  ids: string[];
};
