/** Adds days to a YYYY-MM-DD date, in calendar days (no time zone involved). */
export function addDays(localDate: string, days: number): string {
  const [year, month, day] = localDate.split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day! + days));
  return date.toISOString().slice(0, 10);
}

/** "Tuesday, December 1, 2026", as the app writes long dates. */
export function longDate(localDate: string, withWeekday = true): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: withWeekday ? 'long' : undefined,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(`${localDate}T00:00:00Z`));
}

/** "Dec 1, 2026". */
export function shortDate(localDate: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(
    new Date(`${localDate}T00:00:00Z`),
  );
}
