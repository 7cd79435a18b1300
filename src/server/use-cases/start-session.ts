import { hashToken, newToken } from '../auth/tokens.ts';
import type { Context } from '../context.ts';

/** Opens a session for a user; returns the token for the cookie (only its hash is stored). */
export async function startSession(ctx: Context, userId: string, userAgent: string | null): Promise<string> {
  const token = newToken();
  const now = ctx.now();
  await ctx.repos.sessions.insert({
    id: ctx.newId(),
    userId,
    tokenHash: hashToken(token),
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + ctx.config.session.absoluteMs).toISOString(),
    userAgent: userAgent ? userAgent.slice(0, 200) : null,
  });
  return token;
}
