import { ok, type Result } from '#domain/common/result.ts';
import type { Actor, Context } from '../context.ts';
import { createExportRunsRepo } from '../repositories/export-runs.repo.ts';

/**
 * An export reads every table the user owns; 50 parallel exports by one student once held every
 * other user up for 8–9 s. So each account gets one export at a time and EXPORTS_PER_WINDOW per
 * window, far above what a person downloading their data needs. Counted in the database
 * (export_runs), so the limits hold across app instances.
 */
export const EXPORTS_PER_WINDOW = 10;
export const EXPORT_WINDOW_MS = 10 * 60_000;
/** Retry-After while another export of the same account is still being prepared. */
const RUNNING_RETRY_AFTER_SECONDS = 5;
/**
 * A run unfinished after this is taken as dead (its instance stopped mid-export) and no longer
 * blocks the account; an export takes well under a second.
 */
const RUN_STALE_MS = 2 * 60_000;

/** Bumped whenever the shape of the export changes, so that readers can tell versions apart. */
export const EXPORT_SCHEMA_VERSION = 2;

/**
 * Everything the user owns, as one JSON document: account, profile, postmortem, plan and its items,
 * logs, check-ins, the real exam result, calendar-feed history, and the advisors shared with and their reads. Password hashes and token hashes are credentials, not
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
    journalEntries,
    journalReviews,
    examOutcome,
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
    ctx.repos.journal.listEntries(userId),
    ctx.repos.journal.listReviews(userId),
    ctx.repos.outcomes.get(userId),
  ]);
  // The story of the fail (issue 14): the student's own texts, where they chose to put it, their
  // practice answers. The drafts are computed from the rest of the export, so they are not stored.
  const [storyTexts, storyPlacement, storyAttempts, calendarReminder, advisorLinks, advisorAccessLog] =
    await Promise.all([
      ctx.repos.story.listTexts(userId),
      ctx.repos.story.getPlacement(userId),
      ctx.repos.story.listAttempts(userId),
      ctx.repos.calendarFeeds.getReminder(userId),
      ctx.repos.advisors.listLinksOfStudent(userId),
      ctx.repos.advisors.listAccess(userId),
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
      ? {
          answers: postmortem.answers,
          createdAt: postmortem.createdAt,
          updatedAt: postmortem.updatedAt,
          supportConfirmedAt: postmortem.supportConfirmedAt,
        }
      : null,
    plan: plan ? { ...plan, items: planItems } : null,
    questionBlocks: blocks,
    practiceExams,
    fullLengthDays,
    wellbeingCheckIns: checkIns,
    // The wrong-answer journal, with every rating (enough to replay the schedule); an addition, so
    // readers of version 2 are unaffected.
    journal: { entries: journalEntries, reviews: journalReviews },
    // An addition, so readers of version 2 are unaffected.
    story: { texts: storyTexts, placement: storyPlacement ?? null, practiceAttempts: storyAttempts },
    // Journey stage 9: the real result, the prediction stored beside it, and the consent to share
    // it with the school (`shareWithSchool`); null before a result is recorded. An addition.
    examOutcome: examOutcome ?? null,
    calendarFeeds: feeds.map((f) => ({ createdAt: f.created_at, revokedAt: f.revoked_at, lastReadAt: f.last_read_at })),
    // Additions: the reminder chosen for calendar events, and who the student shared with, with
    // what scopes, and every time an advisor opened their data.
    calendarReminder,
    sharing: { advisorLinks, accessLog: advisorAccessLog },
    sessions: sessions.map((s) => ({
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      device: s.user_agent,
      isCurrent: s.id === actor.sessionId,
    })),
  };
}

type ExportDocument = Awaited<ReturnType<typeof exportData>>;

/**
 * Accounts with an export running on this instance, per app (Context): a burst on one instance is
 * refused without a query. The database count below is what holds across instances.
 */
const runningHere = new WeakMap<Context, Set<string>>();

const stillPrepared = (): Result<never> => ({
  ok: false,
  error: {
    code: 'EXPORT_THROTTLED',
    message: 'Your export is still being prepared. Wait for that download to finish, then try again.',
    retryAfterSeconds: RUNNING_RETRY_AFTER_SECONDS,
  },
});

/** `exportData` within the per-account limits: EXPORT_THROTTLED (429, with Retry-After) past them. */
export async function exportDataThrottled(ctx: Context, actor: Actor): Promise<Result<ExportDocument>> {
  let running = runningHere.get(ctx);
  if (!running) runningHere.set(ctx, (running = new Set()));
  if (running.has(actor.userId)) return stillPrepared();
  running.add(actor.userId);
  try {
    return await exportWithinLimits(ctx, actor);
  } finally {
    running.delete(actor.userId);
  }
}

async function exportWithinLimits(ctx: Context, actor: Actor): Promise<Result<ExportDocument>> {
  const runs = createExportRunsRepo(ctx.database.db);
  const nowMs = ctx.now().getTime();
  const run = { id: ctx.newId(), userId: actor.userId, now: new Date(nowMs).toISOString() };
  const seen = await runs.start({
    ...run,
    windowStart: new Date(nowMs - EXPORT_WINDOW_MS).toISOString(),
    staleBefore: new Date(nowMs - RUN_STALE_MS).toISOString(),
  });
  if (seen.isEarlierRunning) {
    await runs.remove(run.id);
    return stillPrepared();
  }
  if (seen.recentCount > EXPORTS_PER_WINDOW) {
    await runs.remove(run.id);
    const oldestMs = seen.oldestStartedAt ? new Date(seen.oldestStartedAt).getTime() : nowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((oldestMs + EXPORT_WINDOW_MS - nowMs) / 1000));
    const minutes = Math.ceil(retryAfterSeconds / 60);
    return {
      ok: false,
      error: {
        code: 'EXPORT_THROTTLED',
        message:
          `You have downloaded your data ${EXPORTS_PER_WINDOW} times in the last ${EXPORT_WINDOW_MS / 60_000} ` +
          `minutes. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        retryAfterSeconds,
      },
    };
  }
  let document: ExportDocument;
  try {
    document = await exportData(ctx, actor);
  } catch (error) {
    // An export that failed (the database away) gave the student nothing: it does not count.
    await runs.remove(run.id).catch(() => undefined);
    throw error;
  }
  await runs.finish(run.id, ctx.now().toISOString());
  return ok(document);
}
