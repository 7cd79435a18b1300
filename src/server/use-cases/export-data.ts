import { ok, type Result } from '#domain/common/result.ts';
import type { Actor, Context } from '../context.ts';

/**
 * An export reads every table the user owns; 50 parallel exports by one student once held every
 * other user up for 8–9 s. So each account gets one export at a time and EXPORTS_PER_WINDOW per
 * window, far above what a person downloading their data needs.
 */
export const EXPORTS_PER_WINDOW = 10;
export const EXPORT_WINDOW_MS = 10 * 60_000;
/** Retry-After while another export of the same account is still being prepared. */
const RUNNING_RETRY_AFTER_SECONDS = 5;

type ExportThrottle = { running: Set<string>; startedAtMs: Map<string, number[]> };

/**
 * Kept per app instance (per Context), in memory: with several instances a student can reach each
 * one's limit (docs/errors.md says so). Starts older than the window are dropped as they are read,
 * and accounts with none left are swept, so the map stays as small as the set of recent exporters.
 */
const throttles = new WeakMap<Context, ExportThrottle>();

function throttleOf(ctx: Context): ExportThrottle {
  let throttle = throttles.get(ctx);
  if (!throttle) {
    throttle = { running: new Set(), startedAtMs: new Map() };
    throttles.set(ctx, throttle);
  }
  return throttle;
}

/** Past this many accounts in the map, accounts whose window is empty are dropped. */
const SWEEP_ABOVE_ACCOUNTS = 1_000;

function sweep(throttle: ExportThrottle, nowMs: number) {
  for (const [userId, starts] of throttle.startedAtMs) {
    if (starts.every((startedMs) => nowMs - startedMs >= EXPORT_WINDOW_MS)) throttle.startedAtMs.delete(userId);
  }
}

/** `exportData` within the per-account limits: EXPORT_THROTTLED (429, with Retry-After) past them. */
export async function exportDataThrottled(
  ctx: Context,
  actor: Actor,
): Promise<Result<Awaited<ReturnType<typeof exportData>>>> {
  const throttle = throttleOf(ctx);
  const nowMs = ctx.now().getTime();
  const { userId } = actor;
  if (throttle.running.has(userId)) {
    return {
      ok: false,
      error: {
        code: 'EXPORT_THROTTLED',
        message: 'Your export is still being prepared. Wait for that download to finish, then try again.',
        retryAfterSeconds: RUNNING_RETRY_AFTER_SECONDS,
      },
    };
  }
  const recent = (throttle.startedAtMs.get(userId) ?? []).filter((startedMs) => nowMs - startedMs < EXPORT_WINDOW_MS);
  if (recent.length >= EXPORTS_PER_WINDOW) {
    const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + EXPORT_WINDOW_MS - nowMs) / 1000));
    throttle.startedAtMs.set(userId, recent);
    return {
      ok: false,
      error: {
        code: 'EXPORT_THROTTLED',
        message: `You have downloaded your data ${EXPORTS_PER_WINDOW} times in the last ${EXPORT_WINDOW_MS / 60_000} minutes. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds > 60 ? 's' : ''}.`,
        retryAfterSeconds,
      },
    };
  }
  recent.push(nowMs);
  throttle.startedAtMs.set(userId, recent);
  if (throttle.startedAtMs.size > SWEEP_ABOVE_ACCOUNTS) sweep(throttle, nowMs);
  throttle.running.add(userId);
  try {
    return ok(await exportData(ctx, actor));
  } catch (error) {
    // An export that failed (the database away) gave the student nothing: it does not count.
    recent.splice(recent.lastIndexOf(nowMs), 1);
    throw error;
  } finally {
    throttle.running.delete(userId);
  }
}

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
