import { fail, ok, type Result } from '#domain/common/result.ts';
import { deleteAccountRequestSchema } from '#shared/contracts/auth.ts';
import { verifyPassword } from '../auth/passwords.ts';
import type { Actor, Context } from '../context.ts';
import { parseInput } from './parse-input.ts';

/** Deletes every row the user owns and ends all their sessions, after the password is confirmed. */
export async function deleteAccount(ctx: Context, actor: Actor, body: unknown): Promise<Result<null>> {
  const parsed = parseInput(deleteAccountRequestSchema, body);
  if (!parsed.ok) return parsed;
  const user = await ctx.repos.users.findById(actor.userId);
  if (!user) return fail('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  if (!(await verifyPassword(user.password_hash, parsed.value.password))) {
    const message = 'That password is not right, so nothing was deleted.';
    return fail('INVALID_CREDENTIALS', message, { password: message });
  }
  await ctx.repos.users.delete(actor.userId);
  return ok(null);
}
