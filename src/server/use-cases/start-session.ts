import { hashToken, newToken } from '../auth/tokens.ts';
import type { Context } from '../context.ts';

/**
 * Opens a session for a user; returns the token for the cookie (only its hash is stored). The
 * session carries the password version it was opened under: it lives only while that is current.
 */
export async function startSession(
  ctx: Context,
  owner: { userId: string; passwordVersion: number; userAgent: string | null },
): Promise<string> {
  const token = newToken();
  const now = ctx.now();
  await ctx.repos.sessions.insert({
    id: ctx.newId(),
    userId: owner.userId,
    passwordVersion: owner.passwordVersion,
    tokenHash: hashToken(token),
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + ctx.config.session.absoluteMs).toISOString(),
    userAgent: owner.userAgent ? owner.userAgent.slice(0, 200) : null,
  });
  return token;
}
