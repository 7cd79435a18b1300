import { ok, type Result } from '#domain/common/result.ts';
import { validateCheckIn } from '#domain/evidence/wellbeing.ts';
import type { LoggedEvidence } from '#shared/contracts/evidence-api.ts';
import { wellbeingCheckInInputSchema } from '#shared/contracts/evidence.ts';
import type { Actor, Context } from '../context.ts';
import { recordIdempotent, type IdempotentWrite } from '../idempotency.ts';
import { localDateIn } from '../time.ts';
import { parseInput } from './parse-input.ts';

export async function logCheckIn(
  ctx: Context,
  actor: Actor,
  body: unknown,
  idempotent?: IdempotentWrite<LoggedEvidence>,
): Promise<Result<LoggedEvidence>> {
  const parsed = parseInput(wellbeingCheckInInputSchema, body);
  if (!parsed.ok) return parsed;
  const today = localDateIn(ctx.now(), actor.timeZone ?? 'UTC');
  const checkIn = validateCheckIn(parsed.value, today);
  if (!checkIn.ok) return checkIn;
  const id = ctx.newId();
  await ctx.transactForStudent(actor.userId, async (repos, trx) => {
    await repos.evidence.insertCheckIn(actor.userId, checkIn.value, { id, now: ctx.now().toISOString() });
    await recordIdempotent(trx, idempotent, { id });
  });
  return ok({ id });
}
