import { fail, ok, type Result } from '#domain/common/result.ts';
import { checkProfileRules } from '#domain/risk/profile.ts';
import { profileInputSchema, type ProfileResponse } from '#shared/contracts/profile.ts';
import type { Actor, Context } from '../context.ts';
import { localDateIn } from '../time.ts';
import { toProfileResponse } from './get-profile.ts';
import { parseInput } from './parse-input.ts';

/** Validates and saves the student's profile; a rejected profile changes nothing. */
export async function saveProfile(ctx: Context, actor: Actor, body: unknown): Promise<Result<ProfileResponse>> {
  const parsed = parseInput(profileInputSchema, body);
  if (!parsed.ok) return parsed;
  const today = localDateIn(ctx.now(), parsed.value.timeZone);
  const problems = checkProfileRules(parsed.value, today);
  if (Object.keys(problems).length > 0) {
    return fail('VALIDATION_FAILED', 'Some fields need fixing before this can be saved.', problems);
  }
  const stored = await ctx.repos.profiles.save(actor.userId, parsed.value, ctx.now().toISOString());
  return ok(toProfileResponse(ctx, stored, stored.timeZone));
}
