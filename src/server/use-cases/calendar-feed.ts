import { ok, type Result } from '#domain/common/result.ts';
import { calendarReminderRequestSchema, type CalendarReminder } from '#shared/contracts/calendar-feed.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { buildCalendar } from '../calendar/ics.ts';
import type { Actor, Context } from '../context.ts';
import { parseInput } from './parse-input.ts';

/** Creates a new private feed token, revoking the previous one. The token is shown only now. */
export async function rotateCalendarFeed(ctx: Context, actor: Actor): Promise<{ token: string; createdAt: string }> {
  const token = newToken();
  const now = ctx.now().toISOString();
  await ctx.repos.calendarFeeds.rotate(actor.userId, { id: ctx.newId(), tokenHash: hashToken(token), now });
  return { token, createdAt: now };
}

export async function revokeCalendarFeed(ctx: Context, actor: Actor): Promise<void> {
  await ctx.repos.calendarFeeds.revoke(actor.userId, ctx.now().toISOString());
}

/** The calendar file of a user's plan (all of it, past included, so history stays in the calendar). */
export async function calendarFor(ctx: Context, userId: string): Promise<string> {
  const [profile, plan, items, reminder] = await Promise.all([
    ctx.repos.profiles.get(userId),
    ctx.repos.plans.get(userId),
    ctx.repos.plans.listItems(userId),
    ctx.repos.calendarFeeds.getReminder(userId),
  ]);
  return buildCalendar({
    items,
    timeZone: profile?.timeZone ?? 'UTC',
    // Unique per student, stable across refreshes and hostnames, and not the account id itself.
    uidDomain: `${hashToken(`calendar-uid:${userId}`).slice(0, 16).toLowerCase()}.comeback`,
    stamp: new Date(plan?.updatedAt ?? ctx.now()),
    reminder,
  });
}

/** The calendar behind a feed token, or null when the token is unknown or revoked. */
export async function readCalendarFeed(ctx: Context, token: string): Promise<string | null> {
  const owner = await ctx.repos.calendarFeeds.findOwner(hashToken(token));
  if (!owner) return null;
  const now = ctx.now();
  // Note when the feed was last read, at most hourly, so the student can see it is in use.
  if (!owner.lastReadAt || now.getTime() - new Date(owner.lastReadAt).getTime() > 3_600_000) {
    await ctx.repos.calendarFeeds.markRead(owner.feedId, now.toISOString());
  }
  return calendarFor(ctx, owner.userId);
}

/** Sets the reminder every calendar event carries (off by default); feeds pick it up on their next refresh. */
export async function setCalendarReminder(
  ctx: Context,
  actor: Actor,
  body: unknown,
): Promise<Result<{ reminder: CalendarReminder }>> {
  const parsed = parseInput(calendarReminderRequestSchema, body);
  if (!parsed.ok) return parsed;
  await ctx.repos.calendarFeeds.setReminder(actor.userId, parsed.value.reminder, ctx.now().toISOString());
  return ok({ reminder: parsed.value.reminder });
}
