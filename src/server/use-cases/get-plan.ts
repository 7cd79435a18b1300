import { compareDates, type LocalDate } from '#domain/common/dates.ts';
import { groupIntoDays } from '#domain/plan/days.ts';
import { missedItems } from '#domain/plan/replan.ts';
import type { PlanResponse } from '#shared/contracts/plan.ts';
import type { Actor, Context, Repos } from '../context.ts';
import { localDateIn } from '../time.ts';

/**
 * The student's plan: its summary and the days in [from, to] (all of it by default), with statuses.
 * `repos` lets a write read it inside its own transaction (a re-flow stores it under its idempotency key).
 */
export async function getPlan(
  ctx: Context,
  actor: Actor,
  range: { from?: LocalDate; to?: LocalDate },
  repos: Repos = ctx.repos,
): Promise<PlanResponse> {
  const [plan, profile] = await Promise.all([repos.plans.get(actor.userId), repos.profiles.get(actor.userId)]);
  const today = localDateIn(ctx.now(), profile?.timeZone ?? 'UTC');
  if (!plan) return { plan: null, days: [], today, missed: { count: 0, since: null } };
  const items = await repos.plans.listItems(actor.userId);
  // From the earliest item or the plan's first day, whichever comes first: a first day whose work
  // was all spread over later days is still a day of the plan.
  const firstItem = items[0]?.date;
  const firstDate = firstItem && compareDates(firstItem, plan.startDate) < 0 ? firstItem : plan.startDate;
  const from = range.from && compareDates(range.from, firstDate) > 0 ? range.from : firstDate;
  const to = range.to && compareDates(range.to, plan.examDate) < 0 ? range.to : plan.examDate;
  const missed = missedItems(items, today).filter((item) => compareDates(item.date, plan.startDate) >= 0);
  const days =
    compareDates(from, to) <= 0
      ? groupIntoDays({
          items: items.filter((i) => i.date >= from && i.date <= to),
          from,
          to,
          settings: plan.settings,
          examDate: plan.examDate,
        })
      : [];
  return {
    plan: {
      startDate: plan.startDate,
      examDate: plan.examDate,
      settings: plan.settings,
      summary: plan.summary,
      warnings: plan.warnings,
      updatedAt: plan.updatedAt,
      isExamDateChanged: profile !== undefined && profile.examDate !== plan.examDate,
    },
    days: days.map((day) => ({
      ...day,
      items: day.items.map(({ statusAt: _statusAt, sequence: _sequence, changedAt: _changedAt, ...item }) => item),
    })),
    today,
    missed: { count: missed.length, since: missed[0]?.date ?? null },
  };
}
