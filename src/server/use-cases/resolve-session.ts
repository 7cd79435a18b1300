import { hashToken } from '../auth/tokens.ts';
import type { Actor, Context } from '../context.ts';

/** Refresh last-seen at most this often, so that reads do not each cost a disk write. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

/** The actor behind a session token, or null when the token is unknown or expired. */
export async function resolveSession(ctx: Context, token: string): Promise<Actor | null> {
  const now = ctx.now();
  const idleSince = new Date(now.getTime() - ctx.config.session.idleMs).toISOString();
  const found = await ctx.repos.sessions.findActive(hashToken(token), now.toISOString(), idleSince);
  if (!found) return null;
  if (now.getTime() - new Date(found.session.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await ctx.repos.sessions.touch(found.session.id, now.toISOString());
  }
  return {
    userId: found.user.id,
    email: found.user.email,
    role: found.user.role,
    sessionId: found.session.id,
    createdAt: found.user.created_at,
    timeZone: found.timeZone,
  };
}
