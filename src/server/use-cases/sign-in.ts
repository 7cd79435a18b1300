import { fail, ok, type Result } from '#domain/common/result.ts';
import { signInRequestSchema, type User } from '#shared/contracts/auth.ts';
import { decoyPasswordHash, verifyPassword } from '../auth/passwords.ts';
import type { Context } from '../context.ts';
import { parseInput } from './parse-input.ts';
import { startSession } from './start-session.ts';

/** Failed sign-ins allowed per email, and per network address, within the window. */
export const THROTTLE = { windowMs: 15 * 60_000, maxPerEmail: 5, maxPerIp: 50 } as const;

export async function signIn(
  ctx: Context,
  body: unknown,
  client: { ip: string; userAgent: string | null },
): Promise<Result<{ user: User; token: string }>> {
  const parsed = parseInput(signInRequestSchema, body);
  if (!parsed.ok) return parsed;
  const { email, password } = parsed.value;
  const now = ctx.now();
  const since = new Date(now.getTime() - THROTTLE.windowMs).toISOString();

  const failures = await ctx.repos.loginFailures.countSince(email, client.ip, since);
  const blocking =
    failures.byEmail.count >= THROTTLE.maxPerEmail
      ? failures.byEmail.oldest
      : failures.byIp.count >= THROTTLE.maxPerIp
        ? failures.byIp.oldest
        : null;
  if (blocking) {
    const retryAfterMs = new Date(blocking).getTime() + THROTTLE.windowMs - now.getTime();
    const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
    return {
      ok: false,
      error: {
        code: 'LOGIN_THROTTLED',
        message: `Too many failed attempts. For your account's safety, wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, or reset your password with your school's help.`,
        retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
      },
    };
  }

  const user = await ctx.repos.users.findByEmail(email);
  const isValid = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  if (!user || !isValid) {
    await ctx.repos.loginFailures.record({ id: ctx.newId(), email, ip: client.ip, now: now.toISOString() });
    return fail('INVALID_CREDENTIALS', 'That email and password do not match an account. Check both and try again.');
  }
  await ctx.repos.loginFailures.clearForEmail(email);
  const token = await startSession(ctx, user.id, client.userAgent);
  return ok({ user: { id: user.id, email: user.email, role: user.role, createdAt: user.created_at }, token });
}
