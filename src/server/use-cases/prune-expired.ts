import type { Context } from '../context.ts';
import { deleteExpiredIdempotencyKeys } from '../idempotency.ts';
import { pruneAccessLog } from './advisor.ts';
import { ATTEMPT_RETENTION_MS } from './sign-up.ts';

/**
 * Removes ended sessions, throttled attempts older than the longest throttle window, old records
 * of re-planned-away items and access-log rows past their retention. Safe on any instance.
 */
export async function pruneExpired(ctx: Context): Promise<void> {
  const now = ctx.now();
  const idleSince = new Date(now.getTime() - ctx.config.session.idleMs).toISOString();
  await ctx.repos.sessions.deleteExpired(now.toISOString(), idleSince);
  await ctx.repos.loginFailures.deleteBefore(new Date(now.getTime() - ATTEMPT_RETENTION_MS).toISOString());
  // A tick on an item a re-plan took out a month ago comes from a page nobody has open any more.
  await ctx.repos.plans.deleteRemovalsBefore(new Date(now.getTime() - REMOVAL_RETENTION_MS).toISOString());
  // Idempotency keys past their 7 days: a replay after that is treated as a new write.
  await deleteExpiredIdempotencyKeys(ctx.database.db, now);
  // Advisors' reads older than the access log's retention (2 years), in bounded batches.
  await pruneAccessLog(ctx);
}

/** How long the ids of items a re-plan removed are remembered (a late tick on one answers 409). */
const REMOVAL_RETENTION_MS = 30 * 86_400_000;
