import { fail, ok, type Result } from '#domain/common/result.ts';
import { checkFullLengthDate } from '#domain/evidence/logging.ts';
import { fullLengthDayInputSchema, type LoggedEvidence } from '#shared/contracts/evidence-api.ts';
import type { Actor, Context } from '../context.ts';
import { recordIdempotent, type IdempotentWrite } from '../idempotency.ts';
import { localDateIn } from '../time.ts';
import { parseInput } from './parse-input.ts';

export async function logFullLengthDay(
  ctx: Context,
  actor: Actor,
  body: unknown,
  idempotent?: IdempotentWrite<LoggedEvidence>,
): Promise<Result<LoggedEvidence>> {
  const parsed = parseInput(fullLengthDayInputSchema, body);
  if (!parsed.ok) return parsed;
  const problem = checkFullLengthDate(parsed.value.date, localDateIn(ctx.now(), actor.timeZone ?? 'UTC'));
  if (problem) return fail('VALIDATION_FAILED', problem, { date: problem });
  const id = ctx.newId();
  await ctx.transactForStudent(actor.userId, async (repos, trx) => {
    await repos.evidence.insertFullLengthDay(actor.userId, {
      id,
      date: parsed.value.date,
      now: ctx.now().toISOString(),
    });
    await recordIdempotent(trx, idempotent, { id });
  });
  return ok({ id });
}
