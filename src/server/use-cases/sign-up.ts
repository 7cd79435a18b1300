import { fail, ok, type Result } from '#domain/common/result.ts';
import { signUpRequestSchema, type User } from '#shared/contracts/auth.ts';
import { COMMON_PASSWORD_MESSAGE, hashPassword, isCommonPassword } from '../auth/passwords.ts';
import type { Context } from '../context.ts';
import { parseInput } from './parse-input.ts';
import { startSession } from './start-session.ts';

export async function signUp(
  ctx: Context,
  body: unknown,
  userAgent: string | null,
): Promise<Result<{ user: User; token: string }>> {
  const parsed = parseInput(signUpRequestSchema, body);
  if (!parsed.ok) return parsed;
  const { email, password, role } = parsed.value;
  if (isCommonPassword(password, email)) {
    return fail('PASSWORD_REJECTED', COMMON_PASSWORD_MESSAGE, { password: COMMON_PASSWORD_MESSAGE });
  }
  const id = ctx.newId();
  const now = ctx.now().toISOString();
  const isInserted = await ctx.repos.users.insert({ id, email, passwordHash: await hashPassword(password), role, now });
  if (!isInserted) {
    const message = 'An account with this email already exists. Sign in instead, or use another address.';
    return fail('EMAIL_TAKEN', message, { email: message });
  }
  const token = await startSession(ctx, id, userAgent);
  return ok({ user: { id, email, role, createdAt: now }, token });
}
