/**
 * The student's side of advisors (issue 12): invite, see who has access, change scopes, revoke,
 * cancel an invitation, read and download the access log. Every call is scoped to the student.
 */
import { randomInt } from 'node:crypto';
import { CODE_ALPHABET, CODE_LENGTH, formatCode, invitationExpiry } from '#domain/advisor/invitation.ts';
import { DEFAULT_SCOPES, type Scopes } from '#domain/advisor/scopes.ts';
import { fail, ok, type Result } from '#domain/common/result.ts';
import { formatCsvLine } from '#domain/journal/csv.ts';
import {
  createInvitationInputSchema,
  updateScopesInputSchema,
  type AccessLogResponse,
  type CreatedInvitation,
  type SharingResponse,
} from '#shared/contracts/advisor.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Actor, Context } from '../context.ts';
import { parseInput } from './parse-input.ts';

/** Pending invitations one student may hold at once: enough for a few advisors, not a flood. */
export const MAX_PENDING_INVITATIONS = 10;

/** Access log rows the page shows; the download has them all. */
export const ACCESS_LOG_PAGE_ROWS = 200;

function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export async function createInvitation(
  ctx: Context,
  student: Actor,
  body: unknown,
): Promise<Result<CreatedInvitation>> {
  const parsed = parseInput(createInvitationInputSchema, body);
  if (!parsed.ok) return parsed;
  const now = ctx.now().toISOString();
  const pending = await ctx.repos.advisors.listPendingInvitations(student.userId, now);
  if (pending.length >= MAX_PENDING_INVITATIONS) {
    return fail(
      'VALIDATION_FAILED',
      `You have ${pending.length} invitations nobody has used yet. Cancel one you no longer need, then make a new one.`,
    );
  }
  const scopes: Scopes = { ...DEFAULT_SCOPES, ...parsed.value.scopes };
  const code = newCode();
  const id = ctx.newId();
  const expiresAt = invitationExpiry(now);
  await ctx.repos.advisors.insertInvitation({
    id,
    studentId: student.userId,
    codeHash: hashToken(code),
    scopes,
    createdAt: now,
    expiresAt,
  });
  const shown = formatCode(code);
  return ok({ id, code: shown, path: `/advisor/accept#code=${shown}`, expiresAt, scopes });
}

export async function getSharing(ctx: Context, student: Actor): Promise<SharingResponse> {
  const now = ctx.now().toISOString();
  const [links, invitations] = await Promise.all([
    ctx.repos.advisors.listLinksOfStudent(student.userId),
    ctx.repos.advisors.listPendingInvitations(student.userId, now),
  ]);
  return {
    links: links.filter((l) => l.revokedAt === null).map(({ revokedAt: _r, ...link }) => link),
    invitations,
    revoked: links
      .filter((l) => l.revokedAt !== null)
      .map((l) => ({ id: l.id, advisorEmail: l.advisorEmail, createdAt: l.createdAt, revokedAt: l.revokedAt! })),
  };
}

const NO_SUCH_LINK = 'That advisor does not have access any more, or never had. Reload the page.';

export async function cancelInvitation(ctx: Context, student: Actor, id: string): Promise<Result<null>> {
  return (await ctx.repos.advisors.cancelInvitation(student.userId, id, ctx.now().toISOString()))
    ? ok(null)
    : fail('NOT_FOUND', 'That invitation is used, cancelled or not yours. Reload the page.');
}

export async function updateScopes(
  ctx: Context,
  student: Actor,
  linkId: string,
  body: unknown,
): Promise<Result<SharingResponse>> {
  const parsed = parseInput(updateScopesInputSchema, body);
  if (!parsed.ok) return parsed;
  const isUpdated = await ctx.repos.advisors.updateScopes(
    student.userId,
    linkId,
    parsed.value.scopes,
    ctx.now().toISOString(),
  );
  return isUpdated ? ok(await getSharing(ctx, student)) : fail('NOT_FOUND', NO_SUCH_LINK);
}

export async function revokeLink(ctx: Context, student: Actor, linkId: string): Promise<Result<null>> {
  return (await ctx.repos.advisors.revokeLink(student.userId, linkId, ctx.now().toISOString()))
    ? ok(null)
    : fail('NOT_FOUND', NO_SUCH_LINK);
}

export async function getAccessLog(ctx: Context, student: Actor): Promise<AccessLogResponse> {
  const [entries, total] = await Promise.all([
    ctx.repos.advisors.listAccess(student.userId, ACCESS_LOG_PAGE_ROWS),
    ctx.repos.advisors.countAccess(student.userId),
  ]);
  return { entries, total, shown: entries.length };
}

export async function exportAccessLogCsv(ctx: Context, student: Actor): Promise<string> {
  const entries = await ctx.repos.advisors.listAccess(student.userId);
  const lines = [formatCsvLine(['accessedAt', 'advisor', 'view', 'scopes'])];
  for (const e of entries) lines.push(formatCsvLine([e.accessedAt, e.advisorEmail, e.view, e.scopes.join(' ')]));
  return `${lines.join('\r\n')}\r\n`;
}
