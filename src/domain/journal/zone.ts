/**
 * Local days of instants in an IANA time zone. Pure: the zone rules come from Intl, never the clock.
 * A review is due at an instant; the student sees and counts it on a day of their own calendar.
 */
import { addDays, type LocalDate } from '../common/dates.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `instantMs` in `timeZone`. @example localDateOf(Date.parse('2027-01-10T03:00:00Z'), 'America/Chicago') === '2027-01-09' */
export function localDateOf(instantMs: number, timeZone: string): LocalDate {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (formatters.size > 1000) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter.format(instantMs);
}

/**
 * The first instant of `date` in `timeZone` (local midnight, or the first instant after a gap).
 * Found by search from UTC midnight: a zone is at most 14 hours off UTC.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // The answer lies in [utcMidnight - 14 h, utcMidnight + 14 h]: binary search on "local date ≥ date".
  let low = utcMidnight - 15 * 3_600_000;
  let high = utcMidnight + 15 * 3_600_000;
  while (high - low > 60_000) {
    const mid = Math.floor((low + high) / 2);
    if (localDateOf(mid, timeZone) >= date) high = mid;
    else low = mid;
  }
  // Minute precision is enough for zones (all offsets are whole minutes); settle on the exact minute.
  const minute = Math.floor(high / 60_000) * 60_000;
  return localDateOf(minute, timeZone) >= date ? minute : minute + 60_000;
}

/**
 * The first instants of consecutive local dates. A day usually starts 24 hours after the one before:
 * that guess is checked with two lookups, and only a daylight-saving day is searched.
 */
export function startsOfLocalDays(dates: readonly LocalDate[], timeZone: string): number[] {
  const starts: number[] = [];
  for (const date of dates) {
    const previous = starts.at(-1);
    const guess = previous === undefined ? null : previous + 86_400_000;
    const isStart =
      guess !== null && localDateOf(guess, timeZone) === date && localDateOf(guess - 60_000, timeZone) < date;
    starts.push(isStart ? guess : startOfLocalDay(date, timeZone));
  }
  return starts;
}

/** The local dates from `from` to `to`, both included; empty when `to` is before `from`. */
export function datesFrom(from: LocalDate, to: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}
