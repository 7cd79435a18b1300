import { detectPatterns } from '#domain/journal/patterns.ts';
import { localDateOf } from '#domain/journal/zone.ts';
import { remainingWork } from '#domain/plan/replan.ts';
import type { PlanSettings } from '#domain/plan/settings.ts';
import type { JournalSummaryResponse } from '#shared/contracts/journal.ts';
import type { Actor, Context } from '../context.ts';
import { forecastFor, loadReviewSchedule } from './load-review-schedule.ts';

/**
 * The journal in a few numbers (home screen, journal page): entries, today's reviews, the backlog's
 * pacing, and the error patterns with the plan change each one offers. Reads no entry's text.
 */
export async function getJournalSummary(ctx: Context, actor: Actor): Promise<JournalSummaryResponse> {
  const [cards, signals, schedule, plan] = await Promise.all([
    ctx.repos.journal.listCards(actor.userId),
    ctx.repos.journal.listMissSignals(actor.userId),
    loadReviewSchedule(ctx.repos, actor, ctx.now()),
    ctx.repos.plans.get(actor.userId),
  ]);
  const { forecast, queue } = forecastFor(cards, schedule);
  let ahead: PlanSettings | null = null;
  if (plan) {
    // The work still ahead, as a re-plan reads it (replan.ts): what was done since the plan began,
    // or ticked off after it was saved, is subtracted, so a patch changes only what it names.
    const items = await ctx.repos.plans.listItems(actor.userId);
    ahead = remainingWork(
      plan.settings,
      items.filter((item) => item.date >= plan.startDate || (item.statusAt != null && item.statusAt > plan.updatedAt)),
    );
  }
  return {
    entryCount: cards.length,
    dueToday: queue.length,
    backlog: forecast.backlog,
    patterns: detectPatterns({
      entries: signals.map((s) => ({
        errorType: s.errorType,
        date: localDateOf(Date.parse(s.createdAt), schedule.timeZone),
      })),
      today: schedule.today,
      ahead,
    }),
  };
}
