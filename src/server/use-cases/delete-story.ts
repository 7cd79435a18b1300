import { ok, type Result } from '#domain/common/result.ts';
import type { Actor, Context } from '../context.ts';

/** Deletes the student's story texts, placement choice and practice attempts; the drafts are computed again. */
export async function deleteStory(ctx: Context, actor: Actor): Promise<Result<null>> {
  await ctx.repos.story.deleteAll(actor.userId);
  return ok(null);
}
