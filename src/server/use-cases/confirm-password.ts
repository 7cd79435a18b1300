import type { Result } from '#domain/common/result.ts';
import { fail, ok } from '#domain/common/result.ts';
import { verifyPassword } from '../auth/passwords.ts';
import type { Context } from '../context.ts';
import { claimPasswordAttempt } from './sign-in.ts';

/**
 * Checks the password a signed-in user typed to confirm a sensitive action (new password, delete
 * account). Every attempt is counted against the same per-email limit as sign-in before the check
 * (claimPasswordAttempt), so a stolen session cannot be used to guess the password at full speed,
 * not even with parallel requests.
 */
export async function confirmPassword(
  ctx: Context,
  user: { email: string; passwordHash: string },
  password: string,
  field: string,
  wrongMessage: string,
): Promise<Result<null>> {
  const claim = await claimPasswordAttempt(ctx, { email: user.email, ip: null });
  if (!claim.isAllowed) {
    const minutes = Math.max(1, Math.ceil(claim.retryAfterSeconds / 60));
    return {
      ok: false,
      error: {
        code: 'LOGIN_THROTTLED',
        message: `Too many wrong passwords. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again; nothing was changed.`,
        retryAfterSeconds: claim.retryAfterSeconds,
      },
    };
  }
  // A wrong password leaves the attempt counted; a right one takes it back.
  if (!(await verifyPassword(user.passwordHash, password)))
    return fail('INVALID_CREDENTIALS', wrongMessage, { [field]: wrongMessage });
  await ctx.repos.loginFailures.remove(claim.attemptId);
  return ok(null);
}
