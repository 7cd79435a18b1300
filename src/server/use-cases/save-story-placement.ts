import { ok, type Result } from '#domain/common/result.ts';
import { savePlacementRequestSchema, type StoryPlacement } from '#shared/contracts/story.ts';
import type { Actor, Context } from '../context.ts';
import { parseInput } from './parse-input.ts';

/** Saves where the student chose to put the explanation, with an optional note for their advisor. */
export async function saveStoryPlacement(ctx: Context, actor: Actor, body: unknown): Promise<Result<StoryPlacement>> {
  const parsed = parseInput(savePlacementRequestSchema, body);
  if (!parsed.ok) return parsed;
  const advisorNote = parsed.value.advisorNote ? parsed.value.advisorNote : null;
  const now = ctx.now().toISOString();
  await ctx.repos.story.savePlacement(actor.userId, parsed.value.choice, advisorNote, now);
  return ok({ choice: parsed.value.choice, advisorNote, updatedAt: now });
}
