/**
 * Calendar dates are `YYYY-MM-DD` strings (a "LocalDate"): a day on the student's own calendar,
 * with no time and no zone. All arithmetic goes through UTC midnight so that daylight-saving
 * changes never shift a day. Nothing here reads the clock: `today` is always passed in.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `value` is a real calendar date written as YYYY-MM-DD (2027-02-30 is not). */
export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/**
 * Date arithmetic runs in tight loops (the scheduler, the predictor for each of an advisor's 1,000
 * students), so both conversions are memoised: a few thousand distinct dates at most, cleared past
 * MEMO_LIMIT so memory stays bounded. Pure functions of their input, so a memo cannot change a result.
 */
const MEMO_LIMIT = 20_000;
const utcMsOf = new Map<string, number>();
const dateOfUtcMs = new Map<number, LocalDate>();

function toUtcMs(date: LocalDate): number {
  const known = utcMsOf.get(date);
  if (known !== undefined) return known;
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (utcMsOf.size >= MEMO_LIMIT) utcMsOf.clear();
  utcMsOf.set(date, ms);
  return ms;
}

function fromUtcMs(ms: number): LocalDate {
  const known = dateOfUtcMs.get(ms);
  if (known !== undefined) return known;
  const date = new Date(ms).toISOString().slice(0, 10);
  if (dateOfUtcMs.size >= MEMO_LIMIT) dateOfUtcMs.clear();
  dateOfUtcMs.set(ms, date);
  return date;
}

/** `date` moved by `days` (negative moves back). addDays('2027-02-27', 2) === '2027-03-01'. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMs(toUtcMs(date) + days * MS_PER_DAY);
}

/** Whole days from `from` to `to`; positive when `to` is later. daysBetween('2027-01-01', '2027-01-31') === 30. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

/** The first date on or after `date` that falls on `weekday` (0 = Sunday). */
export function nextWeekdayOnOrAfter(date: LocalDate, weekday: number): LocalDate {
  return addDays(date, (weekday - dayOfWeek(date) + 7) % 7);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The year, month (1–12) and day of a LocalDate. */
export function partsOf(date: LocalDate): { year: number; month: number; day: number } {
  const ms = toUtcMs(date);
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function makeDate(year: number, month: number, day: number): LocalDate {
  return fromUtcMs(Date.UTC(year, month - 1, day));
}
