/**
 * The protected time and dated exceptions that fall on one date, with the student's own labels
 * ("24-hour call", "Night float"), so a calendar day can say why it holds less study. The
 * scheduler reads the same rows (scheduler/free-time.ts); this only names them.
 */
import { addDays, dayOfWeek, type LocalDate } from '../common/dates.ts';
import { minutesOf, type DateException, type PlanSettings, type TimeOfDay } from './settings.ts';

export type BusyTime = {
  label: string;
  kind: 'protected' | DateException['kind'];
  /** Null for a whole day. */
  start: TimeOfDay | null;
  end: TimeOfDay | null;
  /** The row began the day before and runs into this date (a night shift, a 24-hour call). */
  isFromDayBefore: boolean;
};

const DEFAULT_LABELS: Readonly<Record<BusyTime['kind'], string>> = {
  protected: 'Protected time',
  call: 'Call',
  blocked: 'Blocked',
  break: 'Break',
};

/** A timed row that ends on the next day: the end is not after the start (19:00–07:00, 07:00–07:00). */
function crossesMidnight(start: TimeOfDay | null, end: TimeOfDay | null): boolean {
  return start !== null && end !== null && minutesOf(end) <= minutesOf(start);
}

function rowsStartingOn(settings: Pick<PlanSettings, 'protectedTime' | 'exceptions'>, date: LocalDate) {
  const weekday = dayOfWeek(date);
  return [
    ...settings.protectedTime
      .filter((slot) => slot.weekday === weekday)
      .map((slot) => ({ label: slot.label, kind: 'protected' as const, start: slot.start, end: slot.end })),
    ...settings.exceptions
      .filter((e) => e.date === date)
      .map((e) => ({ label: e.label, kind: e.kind, start: e.start, end: e.end })),
  ];
}

/**
 * Every protected slot and exception on `date`, earliest first: those that start on it, and those
 * from the day before that run past midnight into it. A row with no label gets its kind's name.
 *
 * @example busyTimeOn({ protectedTime: [], exceptions: [{ date: '2026-12-05', kind: 'call',
 *   start: '07:00', end: '07:00', label: '24-hour call' }] }, '2026-12-06')
 *   → [{ label: '24-hour call', kind: 'call', start: '07:00', end: '07:00', isFromDayBefore: true }]
 */
export function busyTimeOn(settings: Pick<PlanSettings, 'protectedTime' | 'exceptions'>, date: LocalDate): BusyTime[] {
  const named = (row: Omit<BusyTime, 'isFromDayBefore'>, isFromDayBefore: boolean): BusyTime => ({
    ...row,
    label: row.label.trim() || DEFAULT_LABELS[row.kind],
    isFromDayBefore,
  });
  const carried = rowsStartingOn(settings, addDays(date, -1))
    .filter((row) => crossesMidnight(row.start, row.end))
    .map((row) => named(row, true));
  const own = rowsStartingOn(settings, date)
    .map((row) => named(row, false))
    .sort((a, b) => (a.start === null ? -1 : b.start === null ? 1 : minutesOf(a.start) - minutesOf(b.start)));
  return [...carried, ...own];
}

/**
 * One row in words: "24-hour call, 07:00 to 07:00 the next morning", "Rotation, 07:00 to 17:00",
 * "Night float until 07:00, from the night before", "Blocked, all day".
 */
export function describeBusyTime(busy: BusyTime): string {
  if (busy.start === null || busy.end === null) return `${busy.label}, all day`;
  if (busy.isFromDayBefore) return `${busy.label} until ${busy.end}, from the day before`;
  const nextDay = crossesMidnight(busy.start, busy.end) ? ' the next day' : '';
  return `${busy.label}, ${busy.start} to ${busy.end}${nextDay}`;
}
