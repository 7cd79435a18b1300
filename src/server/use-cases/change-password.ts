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
  // One transaction, and only if the password is still the one just verified: the version goes up,
  // so every session made under the old password ends, including one a racing sign-in opens after
  // the commit (sessions.repo.ts findActive); this session moves to the new version.
  const changed = await ctx.repos.users.updatePassword({
    userId: actor.userId,
    passwordHash: await hashPassword(parsed.value.newPassword),
    expectedVersion: user.password_version,
    now: ctx.now().toISOString(),
    keepSessionId: actor.sessionId,
  });
  if (changed === 'session-ended') return fail('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  if (changed === 'password-changed') {
    // Another change committed between the check and this one: what was typed is no longer current.
    const message = 'Your password was changed a moment ago, so that is no longer your current password.';
    return fail('INVALID_CREDENTIALS', message, { currentPassword: message });
  }
  return ok(changed);
}
