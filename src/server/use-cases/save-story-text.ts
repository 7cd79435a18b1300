import { ok, type Result } from '#domain/common/result.ts';
import { checkStory } from '#domain/story/check.ts';
import { saveStoryTextRequestSchema, type SavedStoryText } from '#shared/contracts/story.ts';
import type { Actor, Context } from '../context.ts';
import { parseInput } from './parse-input.ts';

/** Saves the student's edit of the statement paragraph or the interview answer, and checks it. */
export async function saveStoryText(ctx: Context, actor: Actor, body: unknown): Promise<Result<SavedStoryText>> {
  const parsed = parseInput(saveStoryTextRequestSchema, body);
  if (!parsed.ok) return parsed;
  const { kind, text } = parsed.value;
  const now = ctx.now().toISOString();
  await ctx.repos.story.saveText(actor.userId, kind, text, now);
  return ok({ text, updatedAt: now, check: checkStory({ kind, text }) });
}
