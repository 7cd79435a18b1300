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
import { buildDashboardRows, type RowDetail } from './advisor-dashboard.ts';
import { parseInput } from './parse-input.ts';
import { readStored } from './postmortem.ts';

/** The refusal for a student id the advisor has no live link to: the same whether the id exists or not. */
const NO_SUCH_STUDENT = 'No student by that id shares anything with you. They may have revoked access.';

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
  const now = ctx.now().toISOString();
  const accepted = await inWriteTransaction(ctx.database, async (trx) => {
    const repo = createAdvisorsRepo(trx);
    const invitation = await repo.findInvitationByHash(hashToken(code));
    if (!invitation || invitation.role !== 'student') return null;
    const problem = invitationProblem(
      { expiresAt: invitation.expires_at, acceptedAt: invitation.accepted_at, cancelledAt: invitation.cancelled_at },
      now,
    );
    if (problem !== null) return null;
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
  if (!accepted) return refused;
  return ok({ studentId: accepted.studentId, studentEmail: accepted.studentEmail });
}

export async function getDashboard(ctx: Context, advisor: Actor): Promise<DashboardResponse> {
  const links = await ctx.repos.advisors.listLiveLinksOfAdvisor(advisor.userId);
  const details = await buildDashboardRows(ctx, links);
  await logReads(ctx, advisor, links, 'dashboard');
  const students = details.map((d) => d.row);
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
  const details = await buildDashboardRows(ctx, links);
  await logReads(ctx, advisor, links, 'dashboard export');
  const lines = [formatCsvLine(DASHBOARD_COLUMNS)];
  for (const { row } of details) {
    lines.push(
      formatCsvLine([
        row.email,
        row.linkedSince.slice(0, 10),
        row.stage?.title ?? null,
        row.examDate,
        row.daysToExam,
        row.scores?.latest?.name ?? null,
        row.scores?.latest?.date ?? null,
        row.scores?.latest?.score ?? null,
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
  const [detail] = await buildDashboardRows(ctx, [link], { withPlanDays: true });
  const { scopes } = link;
  const [entries, postmortem, notes] = await Promise.all([
    scopes.journal ? ctx.repos.journal.listEntries(studentId) : null,
    scopes.story ? ctx.repos.postmortems.get(studentId) : null,
    ctx.repos.advisors.listNotes(advisor.userId, studentId),
  ]);
  await logReads(ctx, advisor, [link], 'student page', [
    ...(scopes.journal ? (['journal'] as const) : []),
    ...(scopes.story ? (['story'] as const) : []),
  ]);
  const d = detail!;
  let story: StudentPageResponse['story'] = null;
  if (scopes.story) {
    const read = postmortem ? readStored(postmortem) : null;
    story = read?.ok
      ? {
          causes: read.value.diagnosis.causes.map((c) => c.name),
          ownWords: read.value.answers.ownWords ?? null,
        }
      : { causes: [], ownWords: null };
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
