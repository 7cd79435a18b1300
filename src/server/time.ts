import type { LocalDate } from '#domain/common/dates.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date at `instant` in `timeZone` (an IANA name), as YYYY-MM-DD. */
export function localDateIn(instant: Date, timeZone: string): LocalDate {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    // Zone names arrive in any letter case from a header: keep the cache bounded.
    if (formatters.size > 1000) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/**
 * The UTC instant of a wall-clock time (`HH:MM`, "24:00" allowed) on a date in a time zone.
 * Works across daylight-saving changes: it finds the zone's offset at that moment and corrects once
 * more where the offset itself changes between the guess and the answer.
 */
export function zonedTimeToUtc(date: LocalDate, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const wallAsUtc = midnight + (h * 60 + m) * 60_000;
  // Most days have one offset all day: look it up once per date (a calendar has hundreds of events).
  const steady = steadyOffset(midnight, timeZone);
  if (steady !== null) return new Date(wallAsUtc - steady);
  let instant = wallAsUtc - offsetMs(new Date(wallAsUtc), timeZone);
  instant = wallAsUtc - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

const steadyOffsets = new Map<string, number | null>();

/** The zone's offset on a date when it does not change during that day; null on a transition day. */
function steadyOffset(midnightAsUtc: number, timeZone: string): number | null {
  const key = `${timeZone}|${midnightAsUtc}`;
  const cached = steadyOffsets.get(key);
  if (cached !== undefined) return cached;
  // Offsets sampled a day apart around the date: equal means no change in between.
  const before = offsetMs(new Date(midnightAsUtc - 14 * 3_600_000), timeZone);
  const after = offsetMs(new Date(midnightAsUtc + 38 * 3_600_000), timeZone);
  const value = before === after ? before : null;
  if (steadyOffsets.size > 50_000) steadyOffsets.clear();
  steadyOffsets.set(key, value);
  return value;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetMs(instant: Date, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (offsetFormatters.size > 1000) offsetFormatters.clear();
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}
