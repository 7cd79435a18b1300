import type { Context } from '../context.ts';
import { THROTTLE } from './sign-in.ts';

/** Removes ended sessions and sign-in failures older than the throttle window. Safe on any instance. */
export async function pruneExpired(ctx: Context): Promise<void> {
  const now = ctx.now();
  const idleSince = new Date(now.getTime() - ctx.config.session.idleMs).toISOString();
  await ctx.repos.sessions.deleteExpired(now.toISOString(), idleSince);
  await ctx.repos.loginFailures.deleteBefore(new Date(now.getTime() - THROTTLE.windowMs).toISOString());
}
