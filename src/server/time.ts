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
 * Times that do not exist or occur twice on a daylight-saving day follow RFC 5545 §3.3.5 (what a
 * calendar app does with the same DTSTART;TZID): a time in a gap (02:30 when clocks spring from
 * 02:00 to 03:00) is read with the offset from before the gap, so it lands as far after the jump as
 * it was after its start (03:30); a time in an overlap (01:30 when clocks fall back from 02:00 to
 * 01:00) is the first of its two occurrences.
 */
export function zonedTimeToUtc(date: LocalDate, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const wallAsUtc = midnight + (h * 60 + m) * 60_000;
  // Most days have one offset all day: look it up once per date (a calendar has hundreds of events).
  const steady = steadyOffset(midnight, timeZone);
  if (steady !== null) return new Date(wallAsUtc - steady);
  // A transition day. The offsets a day either side of the wall time are the ones before and after
  // the change (zones change at most once within a day). A candidate instant is real when the zone
  // has that offset at that instant.
  const offsetBefore = offsetMs(new Date(wallAsUtc - 86_400_000), timeZone);
  const offsetAfter = offsetMs(new Date(wallAsUtc + 86_400_000), timeZone);
  const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].filter(
    (instant, index) => offsetMs(new Date(instant), timeZone) === (index === 0 ? offsetBefore : offsetAfter),
  );
  // Both real: an overlap, take the first occurrence. Neither: a gap, use the offset from before it.
  return new Date(candidates.length > 0 ? Math.min(...candidates) : wallAsUtc - offsetBefore);
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
