/** An instant (UTC ISO) in the reader's own zone and locale: "Dec 1, 2026, 9:05 AM". */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The view an access-log row names, in words. */
export const VIEW_LABELS: Readonly<Record<string, string>> = {
  dashboard: 'Dashboard',
  'dashboard export': 'Dashboard download (CSV)',
  'student page': 'Your page',
};
