import { addDays, dayOfWeek, partsOf, type LocalDate } from '#domain/common/dates.ts';

/** Weeks start on Monday in every plan view and on the printed week. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** The seven dates of the week holding `date`, Monday first. */
export function weekDates(date: LocalDate): LocalDate[] {
  const monday = mondayOf(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/**
 * The month view's weeks: MONTH_VIEW_WEEKS whole weeks from the Monday of `date`, so the week in
 * hand and the four after it are always on one screen (the first four weeks of a plan at a glance).
 */
export const MONTH_VIEW_WEEKS = 5;
/** Next and previous in the month view move four weeks, keeping one week in common for context. */
export const MONTH_VIEW_STEP_DAYS = 28;

export function monthViewWeeks(date: LocalDate): LocalDate[][] {
  const start = mondayOf(date);
  return Array.from({ length: MONTH_VIEW_WEEKS }, (_, week) =>
    Array.from({ length: 7 }, (_, day) => addDays(start, week * 7 + day)),
  );
}

export function isSameMonth(a: LocalDate, b: LocalDate): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

function format(date: LocalDate, options: Intl.DateTimeFormatOptions): string {
  const { year, month, day } = partsOf(date);
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', ...options }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** "Nov 23 – Dec 27, 2026": the month view's span. */
export function formatMonthViewRange(date: LocalDate): string {
  const weeks = monthViewWeeks(date);
  return formatSpan(weeks[0]![0]!, weeks[weeks.length - 1]![6]!);
}

/** "Dec 1": a cell's label where a month begins. */
export function formatMonthShort(date: LocalDate): string {
  return format(date, { month: 'short' });
}

/** "Mon" */
export function formatWeekdayShort(date: LocalDate): string {
  return format(date, { weekday: 'short' });
}

/** "Monday" */
export function formatWeekday(date: LocalDate): string {
  return format(date, { weekday: 'long' });
}

/** "Mon, Nov 30" */
export function formatDayShort(date: LocalDate): string {
  return format(date, { weekday: 'short', month: 'short', day: 'numeric' });
}

/** "Nov 30" */
export function formatMonthDay(date: LocalDate): string {
  return format(date, { month: 'short', day: 'numeric' });
}

/** "Nov 30 – Dec 6, 2026", or "Dec 7 – 13, 2026" within one month. */
export function formatWeekRange(date: LocalDate): string {
  const days = weekDates(date);
  return formatSpan(days[0]!, days[6]!);
}

function formatSpan(first: LocalDate, last: LocalDate): string {
  const year = partsOf(last).year;
  if (isSameMonth(first, last)) return `${formatMonthDay(first)} – ${partsOf(last).day}, ${year}`;
  const firstYear = partsOf(first).year;
  return firstYear === year
    ? `${formatMonthDay(first)} – ${formatMonthDay(last)}, ${year}`
    : `${formatMonthDay(first)}, ${firstYear} – ${formatMonthDay(last)}, ${year}`;
}

/** "1 h 45 min", "45 min", "3 h". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * "6 h 45 min" for fractional hours (6.75), to the minute: the one way a day's hours are said, so
 * "6.9 a day" never sits next to "6 h 45" on a screen.
 */
export function formatHoursAndMinutes(hours: number): string {
  return formatMinutes(Math.round(hours * 60));
}

/** "about 27 h" for the summary's hours, which are fractional. */
export function formatHours(hours: number): string {
  return `${Math.round(hours)} h`;
}
