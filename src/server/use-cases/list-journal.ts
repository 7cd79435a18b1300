import { toQueueCard } from '#domain/journal/queue.ts';
import type { JournalResponse } from '#shared/contracts/journal.ts';
import type { Actor, Context } from '../context.ts';
import { forecastFor, loadReviewSchedule, toEntryView } from './load-review-schedule.ts';

/** Every entry, newest first, and how many reviews today holds. */
export async function listJournal(ctx: Context, actor: Actor): Promise<JournalResponse> {
  const [entries, schedule] = await Promise.all([
    ctx.repos.journal.listEntries(actor.userId),
    loadReviewSchedule(ctx.repos, actor, ctx.now()),
  ]);
  const { queue } = forecastFor(
    entries.map((e) => toQueueCard(e.id, e.card)),
    schedule,
  );
  return { entries: entries.map(toEntryView), dueToday: queue.length };
}
