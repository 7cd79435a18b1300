import { fail, ok, type Result } from '#domain/common/result.ts';
import { signInRequestSchema, type User } from '#shared/contracts/auth.ts';
import { decoyPasswordHash, verifyPassword } from '../auth/passwords.ts';
import type { Context } from '../context.ts';
import { parseInput } from './parse-input.ts';
import { startSession } from './start-session.ts';

/**
 * Password checks allowed per email (sign-ins and confirmations together), and sign-ins per network
 * address, within the window.
 */
export const THROTTLE = { windowMs: 15 * 60_000, maxPerEmail: 5, maxPerIp: 50 } as const;

export type AttemptClaim = { isAllowed: true; attemptId: string } | { isAllowed: false; retryAfterSeconds: number };

/**
 * Counts a password attempt against the throttle BEFORE the password is checked, atomically without
 * locks: the attempt is first inserted (committed on its own), then the attempts in the window are
 * counted, this one included. Only an attempt that counts at most the limit may check the password.
 * The k-th attempt to commit sees at least k rows, so however many arrive together, on however many
 * app instances, at most the limit are checked.
 *
 * What stays and what goes: a refused attempt takes its own row back (hammering does not extend the
 * lockout); a wrong password leaves its row (a failure, until it ages out of the window); a right one
 * takes back only its own row. A success does NOT clear earlier failures: clearing them would hand
 * an attacker's parallel burst fresh room, so they age out like any other (at most 15 minutes).
 * `ip` null: confirmations, limited per email only (the address limit is for sign-in).
 */
export async function claimPasswordAttempt(
  ctx: Context,
  attempt: { email: string; ip: string | null },
): Promise<AttemptClaim> {
  const now = ctx.now();
  const attemptId = ctx.newId();
  await ctx.repos.loginFailures.record({
    id: attemptId,
    email: attempt.email,
    ip: attempt.ip ?? 'confirmation',
    now: now.toISOString(),
  });
  const since = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  const counts = await ctx.repos.loginFailures.countSince(attempt.email, attempt.ip, since);
  const isOverEmail = counts.byEmail.count > THROTTLE.maxPerEmail;
  if (!isOverEmail && counts.byIp.count <= THROTTLE.maxPerIp) return { isAllowed: true, attemptId };
  await ctx.repos.loginFailures.remove(attemptId);
  // Room opens when the oldest counted attempt leaves the window.
  const oldest = (isOverEmail ? counts.byEmail.oldest : counts.byIp.oldest) ?? now.toISOString();
  const retryAfterMs = new Date(oldest).getTime() + THROTTLE.windowMs - now.getTime();
  return { isAllowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

export async function signIn(
  ctx: Context,
  body: unknown,
  client: { ip: string; userAgent: string | null },
): Promise<Result<{ user: User; token: string }>> {
  const parsed = parseInput(signInRequestSchema, body);
  if (!parsed.ok) return parsed;
  const { email, password } = parsed.value;

  const claim = await claimPasswordAttempt(ctx, { email, ip: client.ip });
  if (!claim.isAllowed) {
    const minutes = Math.max(1, Math.ceil(claim.retryAfterSeconds / 60));
    return {
      ok: false,
      error: {
        code: 'LOGIN_THROTTLED',
        message: `Too many failed attempts. For your account's safety, wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, or reset your password with your school's help.`,
        retryAfterSeconds: claim.retryAfterSeconds,
      },
    };
  }

  // The hash and its version are read in one row: the session is stamped with the version of the
  // hash verified here, so if a password change commits meanwhile, the new session is born dead.
  const user = await ctx.repos.users.findByEmail(email);
  const isValid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  if (!user || !isValid) {
    return fail('INVALID_CREDENTIALS', 'That email and password do not match an account. Check both and try again.');
  }
  await ctx.repos.loginFailures.remove(claim.attemptId);
  const token = await startSession(ctx, {
    userId: user.id,
    passwordVersion: user.password_version,
    userAgent: client.userAgent,
  });
  return ok({ user: { id: user.id, email: user.email, role: user.role, createdAt: user.created_at }, token });
}
