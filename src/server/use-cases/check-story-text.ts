import { ok, type Result } from '#domain/common/result.ts';
import { checkStory, type StoryCheck } from '#domain/story/check.ts';
import { storyCheckRequestSchema } from '#shared/contracts/story.ts';
import { parseInput } from './parse-input.ts';

/** Checks a text without saving it (the same checker the page runs as the student types). */
export function checkStoryText(body: unknown): Result<StoryCheck> {
  const parsed = parseInput(storyCheckRequestSchema, body);
  if (!parsed.ok) return parsed;
  return ok(checkStory(parsed.value));
}
