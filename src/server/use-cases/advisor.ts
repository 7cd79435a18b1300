/**
 * The advisor's verbs (issue 12): accept an invitation, open the dashboard, export it, open one
 * student's page, keep notes. Every read of a student's data goes through a live link read from the
 * database on this request, and writes a row to that student's access log.
 */
import { summarizeCohort } from '#domain/advisor/cohort.ts';
import { FLAG_LABELS } from '#domain/advisor/flags.ts';
import { invitationProblem, normalizeCode, UNUSABLE_INVITATION_MESSAGE } from '#domain/advisor/invitation.ts';
import { scopesOn, type Scope } from '#domain/advisor/scopes.ts';
import { fail, ok, type Result } from '#domain/common/result.ts';
import { isPredictiveForm, type LoggedFormId } from '#domain/evidence/practice-scores.ts';
import { predictScore } from '#domain/evidence/predictor.ts';
import { formatCsvLine } from '#domain/journal/csv.ts';
import { PLACEMENT_OPTIONS } from '#domain/story/placement.ts';
import {
  acceptInvitationInputSchema,
  noteInputSchema,
  type AdvisorNote,
  type DashboardResponse,
  type StudentPageResponse,
} from '#shared/contracts/advisor.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Actor, Context } from '../context.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { createAdvisorsRepo, readScopesJson, type LiveLink } from '../repositories/advisors.repo.ts';
import { localDateIn } from '../time.ts';
import { buildDashboardRows, dashboardRowsOf, type RowDetail } from './advisor-dashboard.ts';
import { parseInput } from './parse-input.ts';
import { readStored } from './postmortem.ts';

/** The refusal for a student id the advisor has no live link to: the same whether the id exists or not. */
const NO_SUCH_STUDENT = 'No student by that id shares anything with you. They may have revoked access.';

/**
 * A read and its access-log entries, written side by side (one round trip less for the advisor):
 * the answer leaves only once the entries are stored, so no read is ever shown unlogged; when the
 * read itself fails the entries stay, so the log can over-report an opening, never miss one.
 */
async function loggedRead<T>(logged: Promise<void>, read: Promise<T>): Promise<T> {
  const [, value] = await Promise.all([logged, read]);
  return value;
}

/** Access log entries: the view read, and the scopes it showed. */
async function logReads(ctx: Context, advisor: Actor, links: readonly LiveLink[], view: string, extra: Scope[] = []) {
  const at = ctx.now().toISOString();
  await ctx.repos.advisors.logAccess(
    links.map((link) => ({
      id: ctx.newId(),
      studentId: link.studentId,
      advisorId: advisor.userId,
      advisorEmail: advisor.email,
      view,
      scopes: [
        ...new Set([
          ...scopesOn(link.scopes).filter((s) => s === 'scores' || s === 'plan' || s === 'wellbeing'),
          ...extra,
        ]),
      ],
      at,
    })),
  );
}

/**
 * How long the access log keeps a read: 2 years, counted as 731 days so that a leap day never cuts one short (docs/advisors.md, "Access log", says why). Rows
 * older than that are deleted by pruneAccessLog, which the hourly prune runs on every instance.
 */
export const ACCESS_LOG_RETENTION_DAYS = 731;
/**
 * Rows deleted per statement, and statements per run: at most 1,000,000 rows an hour an instance,
 * far above what advisors can add (a 1,000-student dashboard opened every minute adds 60,000), so
 * the backlog never grows; each statement is short, so readers and writers never wait long.
 */
export const ACCESS_LOG_PRUNE = { batchRows: 1000, maxBatches: 1000 } as const;

/**
 * Deletes access-log rows older than ACCESS_LOG_RETENTION_DAYS in batches, each its own short
 * statement with a turn of the event loop between, until a batch comes back short or the run's
 * bound is reached (the next run carries on). Safe on several instances at once: a row two of them
 * pick is deleted once. Returns the rows deleted.
 */
export async function pruneAccessLog(
  ctx: Context,
  bounds: { batchRows: number; maxBatches: number } = ACCESS_LOG_PRUNE,
): Promise<number> {
  const before = new Date(ctx.now().getTime() - ACCESS_LOG_RETENTION_DAYS * 86_400_000).toISOString();
  let deleted = 0;
  for (let batch = 0; batch < bounds.maxBatches; batch++) {
    const n = await ctx.repos.advisors.deleteAccessBefore(before, bounds.batchRows);
    deleted += n;
    if (n < bounds.batchRows) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return deleted;
}

/**
 * Invitation codes that could not be used, allowed per advisor in the window. An honest advisor
 * mistypes a code a few times at most; the 80-bit code already makes guessing hopeless, so the limit
 * is there to stop one account hammering the lookup and to leave a record of the tries. 10 per 15
 * minutes leaves room for a handful of typos and caps a script at 960 tries a day per account (new
 * accounts are limited by SIGN_UP_THROTTLE). The window must stay within ATTEMPT_RETENTION_MS, the
 * age at which prune-expired.ts deletes attempts.
 */
export const INVITATION_THROTTLE = { windowMs: 15 * 60_000, maxFailuresPerAdvisor: 10 } as const;

type InvitationClaim = { isAllowed: true; attemptId: string } | { isAllowed: false; retryAfterSeconds: number };

/**
 * Counts an invitation-code attempt against the advisor's limit BEFORE the code is looked up, the
 * way claimPasswordAttempt (sign-in.ts) counts password attempts: the attempt is inserted (committed
 * on its own), then the advisor's attempts in the window are counted, this one included, so however
 * many arrive together on however many instances, at most the limit are looked up. A refused attempt
 * takes its row back (hammering does not extend the wait); a code that cannot be used leaves its row
 * (a failure, until it ages out); an accepted code takes back only its own row.
 */
async function claimInvitationAttempt(ctx: Context, advisor: Actor): Promise<InvitationClaim> {
  const now = ctx.now();
  const attemptId = ctx.newId();
  await ctx.repos.loginFailures.record({
    id: attemptId,
    email: advisor.email,
    ip: 'invitation',
    now: now.toISOString(),
    kind: 'invitation',
  });
  const since = new Date(now.getTime() - INVITATION_THROTTLE.windowMs).toISOString();
  const recent = await ctx.repos.loginFailures.countInvitationAttemptsSince(advisor.email, since);
  if (recent.count <= INVITATION_THROTTLE.maxFailuresPerAdvisor) return { isAllowed: true, attemptId };
  await ctx.repos.loginFailures.remove(attemptId);
  // Room opens when the oldest counted attempt leaves the window.
  const oldest = recent.oldest ? new Date(recent.oldest).getTime() : now.getTime();
  const retryAfterMs = oldest + INVITATION_THROTTLE.windowMs - now.getTime();
  return { isAllowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/**
 * Links the advisor to the student whose code this is. The code is looked up outside any write
 * transaction; only a code that exists and can be used opens one (on SQLite that takes the
 * database-wide write lock), where claimInvitation re-checks it so of two advisors racing for one
 * code exactly one wins. Text that cannot be a code is refused before anything is counted or read.
 */
export async function acceptInvitation(
  ctx: Context,
  advisor: Actor,
  body: unknown,
): Promise<Result<{ studentId: string; studentEmail: string }>> {
  const parsed = parseInput(acceptInvitationInputSchema, body);
  if (!parsed.ok) return parsed;
  const code = normalizeCode(parsed.value.code);
  const refused = fail('NOT_FOUND', UNUSABLE_INVITATION_MESSAGE, { code: UNUSABLE_INVITATION_MESSAGE });
  if (code === null) return refused;

  const claim = await claimInvitationAttempt(ctx, advisor);
  if (!claim.isAllowed) {
    const minutes = Math.max(1, Math.ceil(claim.retryAfterSeconds / 60));
    const message = `Too many invitation codes that could not be used in the last 15 minutes. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, and check the code with the student: copying their link is the surest way.`;
    return {
      ok: false,
      error: {
        code: 'INVITATION_THROTTLED',
        message,
        fields: { code: message },
        retryAfterSeconds: claim.retryAfterSeconds,
      },
    };
  }

  const now = ctx.now().toISOString();
  const invitation = await ctx.repos.advisors.findInvitationByHash(hashToken(code));
  // Unknown, not a student's, used, cancelled or expired: refused with the one message, still counted.
  if (!invitation || invitation.role !== 'student') return refused;
  const problem = invitationProblem(
    { expiresAt: invitation.expires_at, acceptedAt: invitation.accepted_at, cancelledAt: invitation.cancelled_at },
    now,
  );
  if (problem !== null) return refused;

  const accepted = await inWriteTransaction(ctx.database, async (trx) => {
    const repo = createAdvisorsRepo(trx);
    if (!(await repo.claimInvitation(invitation.id, advisor.userId, now))) return null;
    await repo.insertLinkUnlessLive({
      id: ctx.newId(),
      studentId: invitation.student_id,
      advisorId: advisor.userId,
      invitationId: invitation.id,
      scopes: readScopesJson(invitation.scopes_json),
      now,
    });
    return repo.getLiveLink(advisor.userId, invitation.student_id);
  });
  // Lost the race for the code to another advisor, or it ended meanwhile: the attempt stays counted.
  if (!accepted) return refused;
  await ctx.repos.loginFailures.remove(claim.attemptId);
  return ok({ studentId: accepted.studentId, studentEmail: accepted.studentEmail });
}

export async function getDashboard(ctx: Context, advisor: Actor): Promise<DashboardResponse> {
  const links = await ctx.repos.advisors.listLiveLinksOfAdvisor(advisor.userId);
  const students = await loggedRead(logReads(ctx, advisor, links, 'dashboard'), dashboardRowsOf(ctx, links));
  return {
    today: localDateIn(ctx.now(), advisor.timeZone ?? 'UTC'),
    students,
    cohort: summarizeCohort(
      students.map((s) => ({
        adherence: s.plan?.adherence ?? null,
        isFlagged: s.flags.length > 0,
        flagIds: s.flags.map((f) => f.id),
        verdict: s.scores?.verdict ?? null,
      })),
    ),
  };
}

const DASHBOARD_COLUMNS = [
  'email',
  'linkedSince',
  'stage',
  'examDate',
  'daysToExam',
  'latestPracticeExam',
  'latestPracticeDate',
  'latestScore',
  'targetScore',
  'predicted',
  'predictedLow',
  'predictedHigh',
  'pointsPerWeek',
  'verdict',
  'plannedHours14d',
  'doneHours14d',
  'adherencePercent',
  'flags',
  'sharedScopes',
];

/** The dashboard as CSV, one student a row; a scope not shared leaves its cells empty. */
export async function exportDashboardCsv(ctx: Context, advisor: Actor): Promise<string> {
  const links = await ctx.repos.advisors.listLiveLinksOfAdvisor(advisor.userId);
  const rows = await loggedRead(logReads(ctx, advisor, links, 'dashboard export'), dashboardRowsOf(ctx, links));
  const lines = [formatCsvLine(DASHBOARD_COLUMNS)];
  for (const row of rows) {
    lines.push(
      formatCsvLine([
        row.email,
        row.linkedSince.slice(0, 10),
        row.stage?.title ?? null,
        row.examDate,
        row.daysToExam,
        row.scores?.latest?.name ?? null,
        row.scores?.latest?.date ?? null,
        row.scores?.latest ? Math.round(row.scores.latest.score) : null,
        row.scores?.targetScore ?? null,
        row.scores?.predicted?.score ?? null,
        row.scores?.predicted?.low ?? null,
        row.scores?.predicted?.high ?? null,
        row.scores?.pointsPerWeek ?? null,
        row.scores?.verdict ?? null,
        row.plan?.plannedHours ?? null,
        row.plan?.doneHours ?? null,
        row.plan?.adherence == null ? null : Math.round(row.plan.adherence * 100),
        row.flags.map((f) => `${FLAG_LABELS[f.id]}: ${f.reason}`).join(' | '),
        scopesOn(row.scopes).join(' '),
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The prediction's explanation, computed for this one student (the dashboard leaves it out). */
function explanationOf(d: RowDetail): string[] {
  const target = d.row.scores?.targetScore;
  if (!d.row.examDate || target == null) return [];
  const predicted = predictScore({
    exams: d.exams.filter((e) => isPredictiveForm(e.form as LoggedFormId)),
    examDate: d.row.examDate,
    targetScore: target,
    today: d.today,
  });
  return predicted.ok ? predicted.value.explanation : [];
}

/** One student's read-only page: only the scopes they share, and the advisor's own notes. */
export async function getStudentPage(
  ctx: Context,
  advisor: Actor,
  studentId: string,
): Promise<Result<StudentPageResponse>> {
  const link = await ctx.repos.advisors.getLiveLink(advisor.userId, studentId);
  if (!link) return fail('NOT_FOUND', NO_SUCH_STUDENT);
  const { scopes } = link;
  const logged = logReads(ctx, advisor, [link], 'student page', [
    ...(scopes.journal ? (['journal'] as const) : []),
    ...(scopes.story ? (['story'] as const) : []),
  ]);
  const [[detail], entries, postmortem, storyTexts, placement, notes] = await loggedRead(
    logged,
    Promise.all([
      buildDashboardRows(ctx, [link], { withPlanDays: true }),
      scopes.journal ? ctx.repos.journal.listEntries(studentId) : null,
      scopes.story ? ctx.repos.postmortems.get(studentId) : null,
      scopes.story ? ctx.repos.story.listTexts(studentId) : null,
      scopes.story ? ctx.repos.story.getPlacement(studentId) : null,
      ctx.repos.advisors.listNotes(advisor.userId, studentId),
    ]),
  );
  const d = detail!;
  let story: StudentPageResponse['story'] = null;
  if (scopes.story) {
    const read = postmortem ? readStored(postmortem) : null;
    const textOf = (kind: string) => storyTexts?.find((t) => t.kind === kind)?.text ?? null;
    const option = placement ? PLACEMENT_OPTIONS.find((o) => o.id === placement.choice) : undefined;
    story = {
      causes: read?.ok ? read.value.diagnosis.causes.map((c) => c.name) : [],
      ownWords: read?.ok ? (read.value.answers.ownWords ?? null) : null,
      statement: textOf('statement'),
      interview: textOf('interview'),
      placement: placement ? { title: option?.title ?? placement.choice, note: placement.advisorNote } : null,
    };
  }
  let journal: StudentPageResponse['journal'] = null;
  if (entries) {
    const byErrorType: Record<string, number> = {};
    for (const e of entries) byErrorType[e.errorType] = (byErrorType[e.errorType] ?? 0) + 1;
    journal = {
      total: entries.length,
      byErrorType,
      recentKeyPoints: [...entries]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, 10)
        .map((e) => ({ date: e.createdAt.slice(0, 10), text: e.keyPoint })),
    };
  }
  return ok({
    student: d.row,
    scores: scopes.scores
      ? {
          exams: d.sittings.map((s) => ({ name: s.name, date: s.date, reported: s.reported, score: s.score })),
          headline: d.readiness?.headline ?? null,
          explanation: explanationOf(d),
          reasons: (d.readiness?.reasons ?? []).map((r) => ({ text: r.text, passed: r.passed })),
        }
      : null,
    plan: scopes.plan ? { days: d.planDays, warnings: d.shortfallWarnings } : null,
    wellbeing: scopes.wellbeing
      ? {
          checkIns: d.checkIns.map((c) => ({
            date: c.date,
            sleepHours: c.sleepHours,
            stress: c.stress,
            mood: c.mood,
          })),
        }
      : null,
    journal,
    story,
    notes,
  });
}

export async function addNote(
  ctx: Context,
  advisor: Actor,
  studentId: string,
  body: unknown,
): Promise<Result<AdvisorNote>> {
  const link = await ctx.repos.advisors.getLiveLink(advisor.userId, studentId);
  if (!link) return fail('NOT_FOUND', NO_SUCH_STUDENT);
  const parsed = parseInput(noteInputSchema, body);
  if (!parsed.ok) return parsed;
  const note = { id: ctx.newId(), body: parsed.value.body, createdAt: ctx.now().toISOString() };
  await ctx.repos.advisors.insertNote({
    id: note.id,
    advisorId: advisor.userId,
    studentId,
    body: note.body,
    now: note.createdAt,
  });
  return ok(note);
}

export async function deleteNote(ctx: Context, advisor: Actor, noteId: string): Promise<Result<null>> {
  return (await ctx.repos.advisors.deleteNote(advisor.userId, noteId))
    ? ok(null)
    : fail('NOT_FOUND', 'That note is not among yours. Reload the page.');
}
