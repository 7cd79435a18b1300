import { isLocalDate } from '#domain/common/dates.ts';
import { fail, ok, type Result } from '#domain/common/result.ts';
import { checkExamDate, checkProfileRules } from '#domain/risk/profile.ts';
import { isTimeZone } from '#shared/contracts/common.ts';
import { profileInputSchema, type ProfileResponse } from '#shared/contracts/profile.ts';
import type { Actor, Context } from '../context.ts';
import { localDateIn } from '../time.ts';
import { toProfileResponse } from './get-profile.ts';
import { parseInput } from './parse-input.ts';
import { replayJournalSchedule } from './replay-journal-schedule.ts';

/** Validates and saves the student's profile; a rejected profile changes nothing. */
export async function saveProfile(ctx: Context, actor: Actor, body: unknown): Promise<Result<ProfileResponse>> {
  const parsed = parseInput(profileInputSchema, body);
  if (!parsed.ok) return withDateProblem(ctx, parsed, body);
  const today = localDateIn(ctx.now(), parsed.value.timeZone);
  const problems = checkProfileRules(parsed.value, today);
  if (Object.keys(problems).length > 0) {
    return fail('VALIDATION_FAILED', 'Some fields need fixing before this can be saved.', problems);
  }
  const before = await ctx.repos.profiles.get(actor.userId);
  const stored = await ctx.repos.profiles.save(actor.userId, parsed.value, ctx.now().toISOString());
  // The journal's due dates are aimed at the exam day in the student's zone: replay them when either moves.
  if (before?.examDate !== stored.examDate || before.timeZone !== stored.timeZone) {
    await replayJournalSchedule(ctx, { ...actor, timeZone: stored.timeZone });
  }
  return ok(toProfileResponse(ctx, stored, stored.timeZone));
}

/**
 * When other fields are wrong too, still say at once that the exam date has passed, so the student
 * fixes everything in one round instead of two.
 */
function withDateProblem(ctx: Context, failure: Result<never>, body: unknown): Result<never> {
  if (failure.ok || typeof body !== 'object' || body === null) return failure;
  const { examDate, timeZone } = body as { examDate?: unknown; timeZone?: unknown };
  const fields = failure.error.fields ?? {};
  if (typeof examDate !== 'string' || !isLocalDate(examDate) || fields.examDate) return failure;
  const zone = typeof timeZone === 'string' && isTimeZone(timeZone) ? timeZone : 'UTC';
  const message = checkExamDate(examDate, localDateIn(ctx.now(), zone));
  if (!message) return failure;
  return { ok: false, error: { ...failure.error, fields: { ...fields, examDate: message } } };
}
