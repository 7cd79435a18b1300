import { z } from 'zod';
import { PRACTICE_FORM_IDS } from '#domain/exam/practice-forms.ts';
import type { ItemStatus } from '#domain/plan/replan.ts';
import type { Plan, PlanDay, PlanItem } from '#domain/plan/scheduler.ts';
import {
  DAILY_STUDY_CEILING_HOURS,
  isTimeOfDay,
  minutesOf,
  sleepHours,
  type PlanSettings,
} from '#domain/plan/settings.ts';
import { decimal, localDateSchema, text } from './common.ts';

/**
 * The largest question bank we accept. UWorld's Step 2 CK bank is about 3,900 questions
 * (DOMAIN.md §4); 10,000 leaves room for two banks and still catches a typo like 100,000.
 */
export const MAX_QUESTIONS_LEFT = 10_000;
export const MAX_WEEKLY_HOURS = 100;

/** Weekly hours, to the quarter hour: the planner works in minutes, and quarters add up exactly. */
const hours = (what: string, max: number) =>
  decimal({
    error: `Enter ${what} as a number of hours.`,
    min: 0,
    max,
    perUnit: 4,
    belowMin: `${what[0]!.toUpperCase()}${what.slice(1)} cannot be negative.`,
    aboveMax: `${what[0]!.toUpperCase()}${what.slice(1)} above ${max} hours a week cannot be kept up.`,
    offGrid: `Enter ${what} to the quarter hour (for example 12, 12.25 or 12.5).`,
  });

const timeOfDay = (what: string) =>
  z
    .string({ error: `Enter ${what} as HH:MM.` })
    .refine(isTimeOfDay, { error: `Enter ${what} as a 24-hour time, like 07:30.` });

const weekday = z
  .number({ error: 'Choose a weekday.' })
  .int('Choose a weekday.')
  .min(0, 'Choose a weekday.')
  .max(6, 'Choose a weekday.');

const planSettingsObject = z.strictObject({
  weeklyHours: z.strictObject({
    questionBank: hours('question-bank time', 60),
    practiceExams: hours('practice-exam time', 20),
    contentReview: hours('content review', 40),
    rest: hours('rest', 40),
  }),
  sleep: z
    .strictObject({ start: timeOfDay('the time you go to sleep'), end: timeOfDay('the time you wake up') })
    .refine((s) => !isTimeOfDay(s.start) || !isTimeOfDay(s.end) || (sleepHours(s) >= 4 && sleepHours(s) <= 14), {
      error: 'Your sleep window must be between 4 and 14 hours. Sleep is protected time: we never plan into it.',
    }),
  protectedTime: z
    .array(
      z
        .strictObject({
          weekday,
          start: timeOfDay('the start'),
          end: timeOfDay('the end'),
          label: text({ error: 'Say what this time is for (e.g. “Rotation”).' })
            .min(1, 'Say what this time is for (e.g. “Rotation”).')
            .max(60, 'Keep the label under 60 characters.'),
        })
        .refine((p) => !isTimeOfDay(p.start) || !isTimeOfDay(p.end) || minutesOf(p.start) !== minutesOf(p.end), {
          error: 'Start and end are the same time. Enter the hours you are busy.',
        }),
      { error: 'List your protected hours.' },
    )
    .max(50, 'That is more protected slots than a week holds; merge some.'),
  exceptions: z
    .array(
      z
        .strictObject({
          date: localDateSchema('the date'),
          kind: z.enum(['blocked', 'call', 'break'], { error: 'Choose blocked, call night or planned break.' }),
          start: timeOfDay('the start')
            .nullish()
            .transform((v) => v ?? null),
          end: timeOfDay('the end')
            .nullish()
            .transform((v) => v ?? null),
          label: text({ error: 'Enter the label as text, or leave it empty.' })
            .max(60, 'Keep the label under 60 characters.')
            .default(''),
        })
        .refine((e) => (e.start === null) === (e.end === null), {
          error: 'Give both a start and an end time, or neither for the whole day.',
        }),
    )
    .max(400, 'That is more dated exceptions than a year holds.'),
  questionBank: z.strictObject({
    questionsLeft: z
      .number({ error: 'Enter how many questions you have left.' })
      .int('Enter a whole number of questions.')
      .min(0, 'Questions left cannot be negative.')
      .max(
        MAX_QUESTIONS_LEFT,
        `No Step 2 CK bank has that many questions (UWorld has about 3,900). Enter at most ${MAX_QUESTIONS_LEFT.toLocaleString('en-US')}.`,
      ),
    blockFormat: z.enum(['40-in-60', '20-in-30'], { error: 'Choose 40 questions in 60 minutes or 20 in 30.' }),
    reviewMinutesPerBlock: z
      .number({ error: 'Enter review minutes per block.' })
      .int('Enter whole minutes.')
      .min(0, 'Review time cannot be negative.')
      .max(240, 'Keep review under 4 hours a block.'),
    mode: z.enum(['timed', 'tutor'], { error: 'Choose timed or tutor mode.' }),
  }),
  practiceExams: z
    .array(z.enum(PRACTICE_FORM_IDS, { error: 'Choose practice exams from the list.' }))
    .max(PRACTICE_FORM_IDS.length)
    .refine((forms) => new Set(forms).size === forms.length, { error: 'Each practice exam can be listed once.' }),
  practiceExamEveryDays: z
    .number({ error: 'Enter a number of days.' })
    .int('Enter whole days.')
    .min(3, 'Leave at least 3 days between practice exams, for review.')
    .max(30, 'At most 30 days between practice exams.'),
  fullLengthDays: z
    .number({ error: 'Enter a number of days.' })
    .int('Enter whole days.')
    .min(0, 'Cannot be negative.')
    .max(6, 'At most 6 full-length days.'),
  restWeekday: weekday,
  fixedDailyBlocks: z.boolean({ error: 'Choose whether every study day has the same blocks.' }).optional(),
  readinessGate: z.boolean({ error: 'Choose whether the readiness check may move your exam date.' }).optional(),
  dailyCapHours: decimal({
    error: 'Enter the most study hours in a day as a number.',
    min: 1,
    max: DAILY_STUDY_CEILING_HOURS,
    perUnit: 4,
    belowMin: 'Allow at least 1 study hour a day.',
    aboveMax: `At most ${DAILY_STUDY_CEILING_HOURS} study hours a day: more is not kept up, and the plan never asks for it.`,
    offGrid: 'Enter the daily hours to the quarter hour (for example 6, 6.5 or 6.75).',
  }).optional(),
});

export const planSettingsSchema = planSettingsObject.refine(
  (s) =>
    s.weeklyHours.questionBank + s.weeklyHours.practiceExams + s.weeklyHours.contentReview + s.weeklyHours.rest <=
    MAX_WEEKLY_HOURS,
  {
    error: `Those hours add up to more than ${MAX_WEEKLY_HOURS} a week. Nobody can keep that up; lower some.`,
    path: ['weeklyHours'],
  },
) satisfies z.ZodType<PlanSettings, unknown>;

/**
 * PUT /api/plan: `settings` states the work ahead as the student sees it now; `settingsPatch` (a
 * shortfall's way out, applied in one tap) changes only the fields it names, on the work still ahead
 * once what was done is subtracted; neither re-flows the stored plan from today.
 */
export const savePlanRequestSchema = z
  .strictObject({
    settings: planSettingsSchema.optional(),
    settingsPatch: planSettingsObject.partial().optional(),
  })
  .refine((body) => !(body.settings && body.settingsPatch), {
    error: 'Send either the settings or a change to them, not both.',
    path: ['settingsPatch'],
  });

/** POST /api/plan/push-back: no body fields. */
export const pushBackRequestSchema = z.strictObject({});

/** POST /api/plan/spread-missed: how many days, from today, take the missed work. */
export const spreadMissedRequestSchema = z.strictObject({
  days: z
    .number({ error: 'Choose how many days to spread over, from 1 to 7.' })
    .int('Choose a whole number of days, from 1 to 7.')
    .min(1, 'Spread over at least 1 day.')
    .max(7, 'Spread over at most 7 days; for more, re-plan from today.'),
});

export const markItemRequestSchema = z.strictObject({
  status: z.enum(['done', 'skipped'], { error: 'Mark the item done or skipped, or send null to clear it.' }).nullable(),
});

export type PlanItemView = PlanItem & { status: ItemStatus | null };
/** A stored day: its items and kind (free time is known only while the plan is being made). */
export type PlanDayView = Omit<PlanDay, 'items' | 'freeMinutes'> & { items: PlanItemView[] };

export type PlanResponse = {
  plan: {
    startDate: string;
    examDate: string;
    settings: PlanSettings;
    /** Plans stored before shortfalls and the daily cap existed lack those two fields. */
    summary: Omit<Plan['summary'], 'shortfalls' | 'dailyCapMinutes'> &
      Partial<Pick<Plan['summary'], 'shortfalls' | 'dailyCapMinutes'>>;
    warnings: string[];
    updatedAt: string;
    /** True when the profile's exam date differs from the plan's: re-plan to follow it. */
    isExamDateChanged: boolean;
  } | null;
  days: PlanDayView[];
  today: string;
  missed: { count: number; since: string | null };
};

/** A re-flow's outcome: how many items moved, and what could not be placed, said in a sentence. */
export type ReflowResponse = PlanResponse & {
  reflow: { moved: number; removed: number; notPlaced: number; message: string };
};
