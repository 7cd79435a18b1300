import { fail, ok, type Result } from '#domain/common/result.ts';
import { deleteAccountRequestSchema } from '#shared/contracts/auth.ts';
import type { Actor, Context } from '../context.ts';
import { confirmPassword } from './confirm-password.ts';
import { parseInput } from './parse-input.ts';

/** Deletes every row the user owns and ends all their sessions, after the password is confirmed. */
export async function deleteAccount(ctx: Context, actor: Actor, body: unknown): Promise<Result<null>> {
  const parsed = parseInput(deleteAccountRequestSchema, body);
  if (!parsed.ok) return parsed;
  const user = await ctx.repos.users.findById(actor.userId);
  if (!user) return fail('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  const confirmed = await confirmPassword(
    ctx,
    { email: user.email, passwordHash: user.password_hash },
    parsed.value.password,
    'password',
    'That password is not right, so nothing was deleted.',
  );
  if (!confirmed.ok) return confirmed;
  await ctx.repos.users.delete(actor.userId);
  return ok(null);
}
