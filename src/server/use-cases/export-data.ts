import type { Actor, Context } from '../context.ts';

/** Bumped whenever the shape of the export changes, so that readers can tell versions apart. */
export const EXPORT_SCHEMA_VERSION = 1;

/** Everything the user owns, as one JSON document. Password hashes and token hashes are not data the user owns. */
export async function exportData(ctx: Context, actor: Actor) {
  const [user, profile, sessions] = await Promise.all([
    ctx.repos.users.findById(actor.userId),
    ctx.repos.profiles.get(actor.userId),
    ctx.repos.sessions.listForUser(actor.userId),
  ]);
  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: ctx.now().toISOString(),
    account: user
      ? {
          id: user.id,
          email: user.email,
          role: user.role,
          createdAt: user.created_at,
          passwordChangedAt: user.password_changed_at,
        }
      : null,
    profile: profile ?? null,
    sessions: sessions.map((s) => ({
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      device: s.user_agent,
      isCurrent: s.id === actor.sessionId,
    })),
  };
}
