import type { LocalDate } from '../common/dates.ts';
import type { PracticeFormId } from '../exam/practice-forms.ts';

/** Hours per week by kind of work. Defaults from the seed article's table (PRODUCT.md C). */
export type WeeklyHours = { questionBank: number; practiceExams: number; contentReview: number; rest: number };
export const DEFAULT_WEEKLY_HOURS: WeeklyHours = { questionBank: 25, practiceExams: 5, contentReview: 10, rest: 8 };

/** "HH:MM", 24-hour clock, local to the student. */
export type TimeOfDay = string;

/** Hours the student cannot study on a weekday, every week (rotation, work). 0 = Sunday. */
export type ProtectedSlot = { weekday: number; start: TimeOfDay; end: TimeOfDay; label: string };

/**
 * A dated exception: a blocked day or a part of one (a shift, a call night), or a planned break
 * (a day off that counts as rest). Without times the whole day is taken.
 */
export type DateException = {
  date: LocalDate;
  kind: 'blocked' | 'call' | 'break';
  start: TimeOfDay | null;
  end: TimeOfDay | null;
  label: string;
};

/**
 * Practice block shapes: 40 questions in 60 minutes (the pre-May-2026 exam block) or 20 in 30
 * (the current exam block); both 90 s a question (DOMAIN.md §1 and §4).
 */
export type BlockFormat = '40-in-60' | '20-in-30';
export const BLOCK_FORMATS: Readonly<Record<BlockFormat, { questions: number; minutes: number }>> = {
  '40-in-60': { questions: 40, minutes: 60 },
  '20-in-30': { questions: 20, minutes: 30 },
};

/**
 * The question-bank settings with a new block format, the review time following it when it was the
 * old block's length (the default: about as much review as test time, DOMAIN.md §4); a review time
 * the student chose stays. Example: 40-in-60 with 60-minute reviews → 20-in-30 with 30; with 75 → 75.
 */
export function withBlockFormat(bank: QuestionBankSettings, format: BlockFormat): QuestionBankSettings {
  const isDefaultReview = bank.reviewMinutesPerBlock === BLOCK_FORMATS[bank.blockFormat].minutes;
  return {
    ...bank,
    blockFormat: format,
    reviewMinutesPerBlock: isDefaultReview ? BLOCK_FORMATS[format].minutes : bank.reviewMinutesPerBlock,
  };
}

export type QuestionBankSettings = {
  questionsLeft: number;
  blockFormat: BlockFormat;
  /** Review after each block; by default as long as the block (DOMAIN.md §4: "about as much review time as test time"). */
  reviewMinutesPerBlock: number;
  mode: 'timed' | 'tutor';
};

export type PlanSettings = {
  weeklyHours: WeeklyHours;
  /** Never used for study. May cross midnight (23:00 → 07:00). */
  sleep: { start: TimeOfDay; end: TimeOfDay };
  protectedTime: ProtectedSlot[];
  exceptions: DateException[];
  questionBank: QuestionBankSettings;
  /** The practice exams the student owns and has not taken yet. */
  practiceExams: PracticeFormId[];
  /** Days between practice exams at the least; the postmortem can tighten it. */
  practiceExamEveryDays: number;
  /** Timed full-length simulation days. */
  fullLengthDays: number;
  /** The weekday that carries the weekly rest. 0 = Sunday. */
  restWeekday: number;
  /**
   * The same number of question blocks on every study day (a written, fixed routine: the
   * postmortem's answer to "poor structure"), instead of more on days with more free time.
   */
  fixedDailyBlocks?: boolean;
  /**
   * The readiness gate (the postmortem's answer to practice scores explained away): when the
   * readiness check says delay inside the decision window, the delay it proposes is put in front of
   * the student on the home screen, to accept with one tap (docs/decisions/013-countermeasures-act.md).
   */
  readinessGate?: boolean;
  /**
   * Most study hours in a day (blocks, reviews, reading). Absent: the weekly study hours spread
   * over the days that can take study (`defaultDailyCapHours`). Never above DAILY_STUDY_CEILING_HOURS.
   */
  dailyCapHours?: number;
};

/**
 * No plan asks for more than 10 study hours in a day, whatever the settings (issue 9: "a hard
 * ceiling such as 10 study hours a day"; the seed: the weekly hours do not mean studying 16 hours a day).
 */
export const DAILY_STUDY_CEILING_HOURS = 10;

/** Study weekly hours: question bank, practice exams and content review (rest is not study). */
export function weeklyStudyHours(settings: Pick<PlanSettings, 'weeklyHours'>): number {
  const h = settings.weeklyHours;
  return h.questionBank + h.practiceExams + h.contentReview;
}

/**
 * The default daily cap: the weekly study hours spread over the weekdays that can take study (all
 * seven, less the rest weekday when there is weekly rest, less weekdays whose protected hours
 * leave under an hour awake), rounded up to the quarter hour, between 1 hour and the ceiling.
 * The seed's 25 + 5 + 10 hours over 6 days: 6 h 45 min.
 */
export function defaultDailyCapHours(settings: PlanSettings): number {
  const awake = 24 * 60 - sleepHours(settings.sleep) * 60;
  let days = 0;
  for (let weekday = 0; weekday < 7; weekday++) {
    if (weekday === settings.restWeekday && settings.weeklyHours.rest > 0) continue;
    const busy = settings.protectedTime
      .filter((slot) => slot.weekday === weekday)
      .reduce((sum, slot) => {
        const start = minutesOf(slot.start);
        const end = minutesOf(slot.end);
        return sum + (end > start ? end - start : end + 1440 - start);
      }, 0);
    if (awake - busy >= 60) days += 1;
  }
  const hours = weeklyStudyHours(settings) / Math.max(1, days);
  return Math.min(DAILY_STUDY_CEILING_HOURS, Math.max(1, Math.ceil(hours * 4) / 4));
}

/** The cap in force, in minutes: the setting (within the ceiling) or the default. */
export function dailyCapMinutesOf(settings: PlanSettings): number {
  const hours = settings.dailyCapHours ?? defaultDailyCapHours(settings);
  return Math.round(Math.min(DAILY_STUDY_CEILING_HOURS, Math.max(0, hours)) * 60);
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = {
  weeklyHours: DEFAULT_WEEKLY_HOURS,
  sleep: { start: '23:00', end: '07:00' },
  protectedTime: [],
  exceptions: [],
  // The current exam's block (DOMAIN.md §1: 30-minute blocks of 18–20 items from 2026-05-07), with
  // as much review as test time (DOMAIN.md §4). The older 40 in 60 stays selectable.
  questionBank: { questionsLeft: 3900, blockFormat: '20-in-30', reviewMinutesPerBlock: 30, mode: 'timed' },
  practiceExams: ['NBME13', 'NBME14', 'NBME15', 'UWSA1', 'UWSA2', 'FREE120'],
  practiceExamEveryDays: 7,
  fullLengthDays: 2,
  restWeekday: 0,
};

/** Minutes since midnight for "HH:MM" ("24:00" is allowed as an end). */
export function minutesOf(time: TimeOfDay): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`Not a HH:MM time: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function isTimeOfDay(value: string): boolean {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return false;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return (h < 24 && m < 60) || (h === 24 && m === 0);
}

export function timeOf(minutes: number): TimeOfDay {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Hours of sleep in the window: 23:00 → 07:00 is 8. */
export function sleepHours(sleep: { start: TimeOfDay; end: TimeOfDay }): number {
  const start = minutesOf(sleep.start);
  const end = minutesOf(sleep.end);
  return ((end - start + 1440) % 1440) / 60;
}
