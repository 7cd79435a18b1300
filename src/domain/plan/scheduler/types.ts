import type { LocalDate } from '../../common/dates.ts';
import type { PracticeFormId } from '../../exam/practice-forms.ts';
import type { PlanSettings } from '../settings.ts';

export type PlanItemKind =
  | 'qbank-block'
  | 'qbank-review'
  | 'second-pass-block'
  | 'practice-exam'
  | 'deep-review'
  | 'full-length'
  | 'content-review'
  | 'journal-review'
  | 'rest'
  | 'exam';

export type PlanItem = {
  /** Unique within a plan: date, kind and position (identity.ts gives lasting ids). */
  id: string;
  date: LocalDate;
  kind: PlanItemKind;
  title: string;
  start: string;
  end: string;
  minutes: number;
  /** Questions in a block, when it is one. */
  questions?: number;
  form?: PracticeFormId;
};

export type DayKind =
  | 'practice-exam'
  | 'deep-review'
  | 'full-length'
  | 'timed-blocks'
  | 'tutor-blocks'
  | 'content'
  | 'rest'
  | 'light'
  | 'blocked'
  | 'exam';

export type PlanDay = { date: LocalDate; kind: DayKind; freeMinutes: number; items: PlanItem[] };

/** What kept a week (or the period) from what was asked. */
export type ShortfallCause =
  'rotation hours' | 'call' | 'sleep' | 'the cap' | 'the weekly total' | 'too few forms' | 'too few days';

export type ShortfallKind = 'question-bank' | 'content-review' | 'practice-exams' | 'full-length';

/** A concrete, sized change the student can apply in one step: a settings patch or a new exam date. */
export type WayOut = { label: string; settingsPatch?: Partial<PlanSettings>; examDate?: LocalDate };

/**
 * One shortfall against what the settings ask. Weekly kinds (question bank, content review) carry
 * the week number (1 = the plan's first 7 days) and minutes; period-wide kinds (practice exams,
 * full-length days) carry `week: null` and counts.
 */
export type Shortfall = {
  week: number | null;
  /**
   * Weekly kinds: the week's first and last dates, so the sentence can name them ("week 2 (Dec 1–7)");
   * absent on plans stored before they were kept.
   */
  firstDate?: LocalDate;
  lastDate?: LocalDate;
  kind: ShortfallKind;
  plannedMinutes?: number;
  askedMinutes?: number;
  planned?: number;
  asked?: number;
  /** Practice exams: the longest stretch in days without one, when it is over the cadence. */
  maxGapDays?: number;
  cause: ShortfallCause;
  waysOut: WayOut[];
};

export type Plan = {
  startDate: LocalDate;
  examDate: LocalDate;
  days: PlanDay[];
  summary: {
    blocksNeeded: number;
    questionsScheduled: number;
    questionBankFinishDate: LocalDate | null;
    practiceExamDates: { form: PracticeFormId; date: LocalDate }[];
    fullLengthDates: LocalDate[];
    hoursByKind: Record<PlanItemKind, number>;
    /** The daily study cap the plan was made with, in minutes (settings or the default). */
    dailyCapMinutes: number;
    /** Every shortfall against the settings, with its cause and ways out; also said in `warnings`. */
    shortfalls: Shortfall[];
    /**
     * True once every way out that changes a setting or the exam date was tried by re-running the
     * scheduler and kept only when it removes its shortfall (`checkWaysOut`); absent on plans made
     * before that check, whose ways out are arithmetic estimates.
     */
    waysOutChecked?: boolean;
  };
  warnings: string[];
};

export type PlanInput = {
  startDate: LocalDate;
  examDate: LocalDate;
  settings: PlanSettings;
  /** Items that must stay exactly where they are (work already done on or after `startDate`). */
  fixedItems?: PlanItem[];
  /** Deep reviews still owed for practice exams already sat (the day after each). */
  pendingReviews?: { date: LocalDate; form: PracticeFormId | undefined; minutes: number }[];
  /** Dates of practice exams already sat: the exams still ahead keep their spacing from these. */
  takenExamDates?: LocalDate[];
  /** New questions done before `startDate`: misses from them can fill second-pass blocks from day one. */
  questionsDoneBefore?: number;
  /**
   * Minutes of wrong-answer journal review due on each date (the journal's forecast of due cards
   * times the student's minutes per card): a daily review slot inside the cap (journal-review.ts).
   */
  reviewMinutesByDate?: Readonly<Record<LocalDate, number>>;
};

export type Interval = { start: number; end: number };

/** A day while the plan is being made: its free time, its limits and what is on it. */
export type WorkDay = PlanDay & {
  index: number;
  free: Interval[];
  /** Study already on the day (block + review pairs count as one unit), for breaks. */
  units: Interval[];
  studyMinutes: number;
  /** Most study minutes for ordinary study (blocks, reading, reviews). */
  capMinutes: number;
  special: boolean;
  /** A shift of LONG_SHIFT_MINUTES or more touches this date. */
  isLongShiftDay: boolean;
  /** The day after an overnight shift or one of POST_CALL_SHIFT_MINUTES or more. */
  isPostCall: boolean;
  /** Protected or shift minutes on this date (rotation or call), and whether any is a call. */
  busyMinutes: number;
  hasCall: boolean;
};

/** What a week was asked for and given, kept while the plan is made, for the shortfalls. */
export type WeekLedger = {
  /** 1 = the plan's first 7 days. */
  week: number;
  days: WorkDay[];
  /** The weekly study total (question bank + practice exams + content review), pro rata. */
  totalMinutes: number;
  askedQbankMinutes: number;
  askedContentMinutes: number;
  qbankMinutes: number;
  contentMinutes: number;
  /** Why the question bank got less than asked, when it did. */
  qbankLimit: 'room' | 'total' | 'misses' | null;
  contentLimit: 'room' | 'total' | null;
};
