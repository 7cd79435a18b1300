import { fail, ok, type Result } from '#domain/common/result.ts';
import { counsellingServiceSchema } from '#shared/contracts/evidence.ts';
import type { Actor, Context } from '../context.ts';
import { parseInput } from './parse-input.ts';

export async function setCounselling(ctx: Context, actor: Actor, body: unknown): Promise<Result<null>> {
  const parsed = parseInput(counsellingServiceSchema, body);
  if (!parsed.ok) return parsed;
  const isSaved = await ctx.repos.evidence.setCounselling(actor.userId, parsed.value);
  return isSaved
    ? ok(null)
    : fail('PROFILE_MISSING', 'Set up your profile first; the counselling service is saved with it.');
}
