/** Formats a local date (YYYY-MM-DD) as "Friday, 20 August 2027" without shifting it across time zones. */
export function formatLongDate(localDate: string, options?: { withWeekday?: boolean }): string {
  const [year, month, day] = localDate.split('-').map(Number);
  if (!year || !month || !day) return localDate;
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: options?.withWeekday === false ? undefined : 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(date);
}

/** "Aug 20, 2027": compact, for dense places. */
export function formatShortDate(localDate: string): string {
  const [year, month, day] = localDate.split('-').map(Number);
  if (!year || !month || !day) return localDate;
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}
