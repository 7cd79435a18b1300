import { PRACTICE_FORMS } from '#domain/exam/practice-forms.ts';
import type { SettingChange } from '#domain/postmortem/countermeasures.ts';
import { isTickable } from '#domain/plan/item-rules.ts';
import type { DayKind, PlanItemKind } from '#domain/plan/scheduler.ts';
import type { PlanItemView } from '#shared/contracts/plan.ts';

/** What a day is for, as the calendar names it. */
export const DAY_KIND_LABELS: Readonly<Record<DayKind, string>> = {
  'practice-exam': 'Practice exam',
  'deep-review': 'Deep review',
  'full-length': 'Full-length day',
  'timed-blocks': 'Timed blocks',
  'tutor-blocks': 'Tutor blocks',
  content: 'Content review',
  rest: 'Rest',
  light: 'Light day',
  blocked: 'Blocked',
  exam: 'Exam day',
};

/** The same, short enough for a month cell on a phone. */
export const DAY_KIND_SHORT: Readonly<Record<DayKind, string>> = {
  'practice-exam': 'Practice',
  'deep-review': 'Review',
  'full-length': 'Full day',
  'timed-blocks': 'Blocks',
  'tutor-blocks': 'Tutor',
  content: 'Content',
  rest: 'Rest',
  light: 'Light',
  blocked: 'Blocked',
  exam: 'EXAM',
};

/** The legend, in the order a student meets the kinds. */
export const LEGEND_KINDS: readonly DayKind[] = [
  'timed-blocks',
  'practice-exam',
  'deep-review',
  'full-length',
  'content',
  'rest',
  'light',
  'blocked',
  'exam',
];

export const ITEM_KIND_LABELS: Readonly<Record<PlanItemKind, string>> = {
  'qbank-block': 'New questions',
  'qbank-review': 'Block review',
  'second-pass-block': 'Second pass',
  'practice-exam': 'Practice exam',
  'deep-review': 'Deep review',
  'full-length': 'Full-length simulation',
  'content-review': 'Content review',
  'journal-review': 'Journal review',
  rest: 'Rest',
  exam: 'Step 2 CK',
};

export function formName(form: string | undefined): string {
  if (!form) return '';
  return form in PRACTICE_FORMS ? PRACTICE_FORMS[form as keyof typeof PRACTICE_FORMS].name : form;
}

/** A title short enough for a week column: "New questions · 40", "Practice exam · UWorld Self-Assessment 1". */
export function shortItemTitle(item: PlanItemView): string {
  const label = ITEM_KIND_LABELS[item.kind] ?? item.title;
  if (item.questions) return `${label} · ${item.questions}\u00a0q`;
  if (item.form && (item.kind === 'practice-exam' || item.kind === 'deep-review'))
    return `${label} · ${formName(item.form)}`;
  return label;
}

/** Items a student ticks off: the domain's rule, which the server enforces (rest and the exam take none). */
export function isMarkable(item: PlanItemView): boolean {
  return isTickable(item);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export function weekdayName(weekday: number): string {
  return WEEKDAYS[weekday] ?? 'no fixed day';
}

export const WEEKDAY_OPTIONS = [1, 2, 3, 4, 5, 6, 0].map((value) => ({ value, label: WEEKDAYS[value]! }));

const FLAG_LABELS: Readonly<Record<string, string>> = {
  'flags.hardReadinessGate': 'A hard readiness gate on your exam date',
  'flags.timedOnly': 'Timed blocks only, no tutor mode',
  'flags.fixedDailyBlocks': 'The same fixed blocks every study day',
  'flags.protectedSleep': 'Your sleep window is protected',
  'flags.supportPromptNow': 'A prompt to line up support, starting now',
};

function hours(value: unknown): string {
  return `${String(value)} ${value === 1 ? 'hour' : 'hours'} a week`;
}

/**
 * One postmortem change in words, as "what it is now" and "what it was":
 * `practiceExamEveryDays 10 → 7` reads "Practice exam every 7 days" (was "10 days").
 */
export function describeChange(change: Pick<SettingChange, 'setting' | 'from' | 'to'>): {
  label: string;
  was: string | null;
} {
  const { setting, from, to } = change;
  const flag = FLAG_LABELS[setting];
  if (flag) return { label: flag, was: null };
  switch (setting) {
    case 'weeklyHours.questionBank':
      return { label: `Question bank: ${hours(to)}`, was: String(from) };
    case 'weeklyHours.practiceExams':
      return { label: `Practice exams: ${hours(to)}`, was: String(from) };
    case 'weeklyHours.contentReview':
      return { label: `Content review: ${hours(to)}`, was: String(from) };
    case 'weeklyHours.rest':
      return { label: `Rest: ${hours(to)}`, was: String(from) };
    case 'sleep.start':
      return { label: `Bedtime ${String(to)}`, was: String(from) };
    case 'sleep.end':
      return { label: `Wake-up ${String(to)}`, was: String(from) };
    case 'questionBank.reviewMinutesPerBlock':
      return { label: `Review after each block: ${String(to)} minutes`, was: String(from) };
    case 'questionBank.mode':
      return { label: `Blocks in ${String(to)} mode`, was: `${String(from)} mode` };
    case 'questionBank.blockFormat':
      return { label: `Blocks of ${String(to)}`, was: String(from) };
    case 'practiceExamEveryDays':
      return { label: `Practice exam every ${String(to)} days`, was: String(from) };
    case 'fullLengthDays':
      return { label: `Full-length simulation days: ${String(to)}`, was: String(from) };
    case 'restWeekday':
      return {
        label: `Rest day: ${weekdayName(Number(to))}`,
        was: typeof from === 'number' && from >= 0 && from <= 6 ? weekdayName(from) : 'none',
      };
    default:
      return { label: `${setting}: ${String(to)}`, was: from === undefined ? null : String(from) };
  }
}
