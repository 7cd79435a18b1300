/**
 * The size of the plan's daily journal review slot (issue 11, "On the plan"): the journal's
 * forecast of due cards on each day times the minutes a card takes this student.
 */
import type { LocalDate } from '../common/dates.ts';

/**
 * Until the student has OWN_TIMES_NEEDED timed reviews, a card is planned at 1 minute. No source in
 * DOMAIN.md gives a time per card; a journal card is more than a one-line flashcard (a key point,
 * a line per wrong option, a rule to recall) and is rated after one read, so a minute is a planning
 * assumption, stated here and replaced by the student's own times as soon as there are enough.
 */
export const DEFAULT_MINUTES_PER_CARD = 1;
/** Own times replace the default from this many timed reviews. */
export const OWN_TIMES_NEEDED = 10;
/** The student's most recent reviews are the ones counted: pace changes with practice. */
export const OWN_TIMES_COUNTED = 50;
/** A review shown for more than 10 minutes was a card left open, not time spent on it: not counted. */
export const MAX_COUNTED_REVIEW_MS = 10 * 60_000;

/**
 * Minutes per card: the median of the student's last 50 review durations (oldest first in,
 * nulls and open-card outliers left out), in tenths of a minute, or the default with fewer than 10.
 * Example: durations 30 s, 45 s, 60 s … with a median of 48 s give 0.8 minutes a card.
 */
export function minutesPerCard(durationsMs: readonly (number | null)[]): number {
  const usable = durationsMs.filter((d): d is number => d !== null && d > 0 && d <= MAX_COUNTED_REVIEW_MS);
  const recent = usable.slice(-OWN_TIMES_COUNTED);
  if (recent.length < OWN_TIMES_NEEDED) return DEFAULT_MINUTES_PER_CARD;
  const sorted = [...recent].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.max(0.1, Math.round(median / 6_000) / 10);
}

/** The scheduler's `reviewMinutesByDate`: each forecast day's due cards times the minutes a card takes. */
export function reviewMinutesByDate(
  days: readonly { date: LocalDate; count: number }[],
  perCard: number,
): Record<LocalDate, number> {
  const out: Record<LocalDate, number> = {};
  for (const day of days) if (day.count > 0) out[day.date] = Math.ceil(day.count * perCard);
  return out;
}
