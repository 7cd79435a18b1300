import {
  MAX_COUNTED_REVIEW_MS,
  minutesPerCard,
  OWN_TIMES_COUNTED,
  reviewMinutesByDate,
} from '#domain/plan/journal-slot.ts';
import type { Actor, Repos } from '../context.ts';
import { forecastFor, loadReviewSchedule } from './load-review-schedule.ts';

/**
 * Minutes of journal review due on each day to the exam, for the plan's review slot: the journal's
 * forecast (a backlog paced over the next days, the final weeks spread) times this student's minutes per card.
 * Empty without journal entries. Read in the caller's transaction.
 */
export async function journalReviewMinutes(
  repos: Repos,
  actor: Actor,
  now: Date,
): Promise<Record<string, number> | undefined> {
  const cards = await repos.journal.listCards(actor.userId);
  if (cards.length === 0) return undefined;
  const [schedule, durations] = await Promise.all([
    loadReviewSchedule(repos, actor, now),
    repos.journal.recentReviewDurations(actor.userId, OWN_TIMES_COUNTED, MAX_COUNTED_REVIEW_MS),
  ]);
  const { forecast } = forecastFor(cards, schedule);
  return reviewMinutesByDate(forecast.days, minutesPerCard(durations));
}
