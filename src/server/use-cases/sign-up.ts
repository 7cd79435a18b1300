import { fail, ok, type Result } from '#domain/common/result.ts';
import { signUpRequestSchema, type User } from '#shared/contracts/auth.ts';
import { COMMON_PASSWORD_MESSAGE, hashPassword, isCommonPassword } from '../auth/passwords.ts';
import type { Context } from '../context.ts';
import { FIRST_PASSWORD_VERSION } from '../repositories/users.repo.ts';
import { THROTTLE } from './sign-in.ts';
import { parseInput } from './parse-input.ts';
import { startSession } from './start-session.ts';

/**
 * Sign-ups per network address within the window. Each costs an argon2 hash (about 48 ms of a core,
 * passwords.ts): 1,000 parallel sign-ups from one address held a real user's sign-in up for 8 s on
 * 2 cores (issue 8). 20 an hour caps what one address can burn at about a second of hashing an hour
 * and leaves room for a group signing up together behind one address; an operator whose classes
 * sign up behind one NAT address raises it with SIGN_UPS_PER_ADDRESS_PER_HOUR (config.ts).
 */
export const SIGN_UP_THROTTLE = { windowMs: 60 * 60_000, maxPerIp: 20 } as const;

/** How long throttled attempts are kept: the longest window of any throttle (prune-expired.ts). */
export const ATTEMPT_RETENTION_MS = Math.max(THROTTLE.windowMs, SIGN_UP_THROTTLE.windowMs);

export async function signUp(
  ctx: Context,
  body: unknown,
  client: { ip: string; userAgent: string | null },
): Promise<Result<{ user: User; token: string }>> {
  const parsed = parseInput(signUpRequestSchema, body);
  if (!parsed.ok) return parsed;
  const { email, password, role } = parsed.value;
  if (isCommonPassword(password, email)) {
    return fail('PASSWORD_REJECTED', COMMON_PASSWORD_MESSAGE, { password: COMMON_PASSWORD_MESSAGE });
  }

  // Counted before the hash, the same way as password attempts (claimPasswordAttempt in sign-in.ts):
  // insert first, then count this one included. A sign-up that went on to hash stays counted, whether
  // it created the account or found the email taken; a refused one takes its row back.
  const now = ctx.now();
  const attemptId = ctx.newId();
  await ctx.repos.loginFailures.record({
    id: attemptId,
    email: '',
    ip: client.ip,
    now: now.toISOString(),
    kind: 'sign-up',
  });
  const since = new Date(now.getTime() - SIGN_UP_THROTTLE.windowMs).toISOString();
  const recent = await ctx.repos.loginFailures.countSignUpsSince(client.ip, since);
  if (recent.count > (ctx.config.signUpsPerAddressPerHour ?? SIGN_UP_THROTTLE.maxPerIp)) {
    await ctx.repos.loginFailures.remove(attemptId);
    const oldest = recent.oldest ? new Date(recent.oldest).getTime() : now.getTime();
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest + SIGN_UP_THROTTLE.windowMs - now.getTime()) / 1000));
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return {
      ok: false,
      error: {
        code: 'SIGN_UP_THROTTLED',
        message: `Too many new accounts were made from your network in the last hour. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
        retryAfterSeconds,
      },
    };
  }

  const id = ctx.newId();
  const isInserted = await ctx.repos.users.insert({
    id,
    email,
    passwordHash: await hashPassword(password),
    role,
    now: now.toISOString(),
  });
  if (!isInserted) {
    const message = 'An account with this email already exists. Sign in instead, or use another address.';
    return fail('EMAIL_TAKEN', message, { email: message });
  }
  const token = await startSession(ctx, {
    userId: id,
    passwordVersion: FIRST_PASSWORD_VERSION,
    userAgent: client.userAgent,
  });
  return ok({ user: { id, email, role, createdAt: now.toISOString() }, token });
}
