import { ok, type Result } from '#domain/common/result.ts';
import { validateQuestionBlock } from '#domain/evidence/logging.ts';
import type { LoggedBlock } from '#shared/contracts/evidence-api.ts';
import { questionBlockInputSchema } from '#shared/contracts/evidence.ts';
import type { Actor, Context } from '../context.ts';
import { recordIdempotent, type IdempotentWrite } from '../idempotency.ts';
import { localDateIn } from '../time.ts';
import { parseInput } from './parse-input.ts';

/**
 * Logs a question-bank block and joins it to that day's plan: to a block the student ticked by hand
 * and had not logged yet, or else to the first open one, which it ticks. The write goes
 * through the group-commit batcher: the answer comes after the commit that holds it.
 */
export async function logBlock(
  ctx: Context,
  actor: Actor,
  body: unknown,
  idempotent?: IdempotentWrite<LoggedBlock>,
): Promise<Result<LoggedBlock>> {
  const parsed = parseInput(questionBlockInputSchema, body);
  if (!parsed.ok) return parsed;
  const today = localDateIn(ctx.now(), actor.timeZone ?? 'UTC');
  const block = validateQuestionBlock(parsed.value, today);
  if (!block.ok) return block;
  const id = ctx.newId();
  const now = ctx.now().toISOString();
  const logged = await ctx.queueForStudent(actor.userId, () =>
    ctx.writes.run(async (trx) => {
      const joined = await ctx.repos.evidence.insertBlock(trx, actor.userId, block.value, { id, now });
      const answer: LoggedBlock = { id, planItemId: joined.planItemId, wasTickedBefore: joined.wasDone };
      // The key is recorded in the batch's own transaction (savepoint): the block and its key commit together.
      await recordIdempotent(trx, idempotent, answer);
      return answer;
    }),
  );
  return ok(logged);
}
