import type { Result } from '#domain/common/result.ts';
import { fail, ok } from '#domain/common/result.ts';
import { verifyPassword } from '../auth/passwords.ts';
import type { Context } from '../context.ts';
import { THROTTLE } from './sign-in.ts';

/**
 * Checks the password a signed-in user typed to confirm a sensitive action (new password, delete
 * account). Wrong guesses count against the same limit as sign-in, so a stolen session cannot be
 * used to guess the password at full speed.
 */
export async function confirmPassword(
  ctx: Context,
  user: { email: string; passwordHash: string },
  password: string,
  field: string,
  wrongMessage: string,
): Promise<Result<null>> {
  const now = ctx.now();
  const since = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  const failures = await ctx.repos.loginFailures.countSince(user.email, 'confirmation', since);
  if (failures.byEmail.count >= THROTTLE.maxPerEmail) {
    return fail('LOGIN_THROTTLED', 'Too many wrong passwords. Wait 15 minutes and try again; nothing was changed.');
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await ctx.repos.loginFailures.record({
      id: ctx.newId(),
      email: user.email,
      ip: 'confirmation',
      now: now.toISOString(),
    });
    return fail('INVALID_CREDENTIALS', wrongMessage, { [field]: wrongMessage });
  }
  return ok(null);
}
