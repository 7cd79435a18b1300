import type { Actor, Context } from '../context.ts';

/** Bumped whenever the shape of the export changes, so that readers can tell versions apart. */
export const EXPORT_SCHEMA_VERSION = 2;

/**
 * Everything the user owns, as one JSON document: account, profile, postmortem, plan and its items,
 * logs, check-ins and calendar-feed history. Password hashes and token hashes are credentials, not
 * data the user owns, and are left out.
 */
export async function exportData(ctx: Context, actor: Actor) {
  const { userId } = actor;
  const [
    user,
    profile,
    sessions,
    postmortem,
    plan,
    planItems,
    blocks,
    practiceExams,
    checkIns,
    fullLengthDays,
    counselling,
    feeds,
  ] = await Promise.all([
    ctx.repos.users.findById(userId),
    ctx.repos.profiles.get(userId),
    ctx.repos.sessions.listForUser(userId),
    ctx.repos.postmortems.get(userId),
    ctx.repos.plans.get(userId),
    ctx.repos.plans.listItems(userId),
    ctx.repos.evidence.listBlocks(userId),
    ctx.repos.evidence.listPracticeExams(userId),
    ctx.repos.evidence.listCheckIns(userId),
    ctx.repos.evidence.listFullLengthDates(userId),
    ctx.repos.evidence.getCounselling(userId),
    ctx.repos.calendarFeeds.listForUser(userId),
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
    profile: profile ? { ...profile, counsellingService: counselling } : null,
    postmortem: postmortem
      ? { answers: postmortem.answers, createdAt: postmortem.createdAt, updatedAt: postmortem.updatedAt }
      : null,
    plan: plan ? { ...plan, items: planItems } : null,
    questionBlocks: blocks,
    practiceExams,
    fullLengthDays,
    wellbeingCheckIns: checkIns,
    calendarFeeds: feeds.map((f) => ({ createdAt: f.created_at, revokedAt: f.revoked_at, lastReadAt: f.last_read_at })),
    sessions: sessions.map((s) => ({
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      device: s.user_agent,
      isCurrent: s.id === actor.sessionId,
    })),
  };
}
