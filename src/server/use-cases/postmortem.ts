import { ok, type Result } from '#domain/common/result.ts';
import { diagnoseCauses } from '#domain/postmortem/causes.ts';
import {
  applyCountermeasures,
  NO_COUNTERMEASURE_FLAGS,
  type Countermeasures,
} from '#domain/postmortem/countermeasures.ts';
import type { PostmortemAnswers } from '#domain/postmortem/questionnaire.ts';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from '#domain/plan/settings.ts';
import {
  postmortemAnswersSchema,
  type PostmortemResponse,
  type PostmortemResult,
} from '#shared/contracts/postmortem.ts';
import type { Actor, Context } from '../context.ts';
import { parseInput } from './parse-input.ts';

function resultFor(answers: PostmortemAnswers, base: PlanSettings): Result<PostmortemResult> {
  const diagnosis = diagnoseCauses(answers);
  if (!diagnosis.ok) return diagnosis;
  return ok({ answers, diagnosis: diagnosis.value, countermeasures: applyCountermeasures(base, diagnosis.value) });
}

export async function getPostmortem(ctx: Context, actor: Actor): Promise<PostmortemResponse> {
  const stored = await ctx.repos.postmortems.get(actor.userId);
  if (!stored) return { postmortem: null };
  // Stored answers passed validation when saved; they are re-read through the contract all the same.
  const parsed = postmortemAnswersSchema.safeParse(stored.answers);
  if (!parsed.success) return { postmortem: null };
  const result = resultFor(parsed.data, DEFAULT_PLAN_SETTINGS);
  return { postmortem: result.ok ? { ...result.value, updatedAt: stored.updatedAt } : null };
}

/** Validates, diagnoses and saves the postmortem; refused answers change nothing. */
export async function savePostmortem(ctx: Context, actor: Actor, body: unknown): Promise<Result<PostmortemResponse>> {
  const parsed = parseInput(postmortemAnswersSchema, body);
  if (!parsed.ok) return parsed;
  const result = resultFor(parsed.value, DEFAULT_PLAN_SETTINGS);
  if (!result.ok) return result;
  const now = ctx.now().toISOString();
  await ctx.repos.postmortems.save(actor.userId, parsed.value, now);
  return ok({ postmortem: { ...result.value, updatedAt: now } });
}

/**
 * What a new plan starts from: the seed's defaults, changed by the postmortem's countermeasures
 * (each change listed, so the student can see which cause changed which setting).
 */
export async function planDefaults(ctx: Context, actor: Actor): Promise<Countermeasures & { hasPostmortem: boolean }> {
  const { postmortem } = await getPostmortem(ctx, actor);
  if (!postmortem) {
    return {
      settings: DEFAULT_PLAN_SETTINGS,
      flags: NO_COUNTERMEASURE_FLAGS,
      changes: [],
      actions: [],
      hasPostmortem: false,
    };
  }
  const { settings, flags } = postmortem.countermeasures;
  // The one flag the scheduler reads directly becomes a setting the student can see and change.
  return {
    ...postmortem.countermeasures,
    settings: { ...settings, fixedDailyBlocks: flags.fixedDailyBlocks },
    hasPostmortem: true,
  };
}
