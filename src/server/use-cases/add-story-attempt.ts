import { ok, type Result } from '#domain/common/result.ts';
import { checkStory } from '#domain/story/check.ts';
import { MAX_ATTEMPTS_PER_PROMPT } from '#domain/story/interview.ts';
import { countWords } from '#domain/story/text.ts';
import { storyAttemptRequestSchema, type StoryAttempt } from '#shared/contracts/story.ts';
import type { Actor, Context } from '../context.ts';
import { parseInput } from './parse-input.ts';

/** Keeps one interview practice answer with its check; a question keeps its latest MAX_ATTEMPTS_PER_PROMPT. */
export async function addStoryAttempt(ctx: Context, actor: Actor, body: unknown): Promise<Result<StoryAttempt>> {
  const parsed = parseInput(storyAttemptRequestSchema, body);
  if (!parsed.ok) return parsed;
  const attempt = {
    id: ctx.newId(),
    promptId: parsed.value.promptId,
    text: parsed.value.text,
    words: countWords(parsed.value.text),
    secondsTaken: parsed.value.secondsTaken ?? null,
    createdAt: ctx.now().toISOString(),
  };
  await ctx.queueForStudent(actor.userId, () =>
    ctx.repos.story.addAttempt(actor.userId, attempt, MAX_ATTEMPTS_PER_PROMPT),
  );
  return ok({ ...attempt, check: checkStory({ kind: 'interview', text: attempt.text }) });
}
