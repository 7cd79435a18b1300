import { ok, type Result } from '#domain/common/result.ts';
import { validatePracticeExam } from '#domain/evidence/logging.ts';
import type { LoggedEvidence } from '#shared/contracts/evidence-api.ts';
import { practiceExamInputSchema } from '#shared/contracts/evidence.ts';
import type { Actor, Context } from '../context.ts';
import { recordIdempotent, type IdempotentWrite } from '../idempotency.ts';
import { localDateIn } from '../time.ts';
import { parseInput } from './parse-input.ts';

export async function logPracticeExam(
  ctx: Context,
  actor: Actor,
  body: unknown,
  idempotent?: IdempotentWrite<LoggedEvidence>,
): Promise<Result<LoggedEvidence>> {
  const parsed = parseInput(practiceExamInputSchema, body);
  if (!parsed.ok) return parsed;
  const today = localDateIn(ctx.now(), actor.timeZone ?? 'UTC');
  const exam = validatePracticeExam(parsed.value, today);
  if (!exam.ok) return exam;
  const id = ctx.newId();
  const now = ctx.now().toISOString();
  await ctx.transactForStudent(actor.userId, async (repos, trx) => {
    await repos.evidence.insertPracticeExam(actor.userId, exam.value, { id, now });
    await recordIdempotent(trx, idempotent, { id });
  });
  return ok({ id });
}
