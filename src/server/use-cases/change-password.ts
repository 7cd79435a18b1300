import { fail, ok, type Result } from '#domain/common/result.ts';
import { changePasswordRequestSchema } from '#shared/contracts/auth.ts';
import { COMMON_PASSWORD_MESSAGE, hashPassword, isCommonPassword } from '../auth/passwords.ts';
import type { Actor, Context } from '../context.ts';
import { confirmPassword } from './confirm-password.ts';
import { parseInput } from './parse-input.ts';

/** Changes the password and ends every other session of the user; this one stays signed in. */
export async function changePassword(
  ctx: Context,
  actor: Actor,
  body: unknown,
): Promise<Result<{ endedSessions: number }>> {
  const parsed = parseInput(changePasswordRequestSchema, body);
  if (!parsed.ok) return parsed;
  const user = await ctx.repos.users.findById(actor.userId);
  if (!user) return fail('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  const confirmed = await confirmPassword(
    ctx,
    { email: user.email, passwordHash: user.password_hash },
    parsed.value.currentPassword,
    'currentPassword',
    'That is not your current password.',
  );
  if (!confirmed.ok) return confirmed;
  if (isCommonPassword(parsed.value.newPassword, user.email)) {
    return fail('PASSWORD_REJECTED', COMMON_PASSWORD_MESSAGE, { newPassword: COMMON_PASSWORD_MESSAGE });
  }
  // One transaction: a crash cannot leave old sessions alive under the new password.
  const endedSessions = await ctx.repos.users.updatePassword(
    actor.userId,
    await hashPassword(parsed.value.newPassword),
    ctx.now().toISOString(),
    actor.sessionId,
  );
  return ok({ endedSessions });
}
