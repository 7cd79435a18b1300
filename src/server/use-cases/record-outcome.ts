import { fail, ok, type Result } from '#domain/common/result.ts';
import { snapshotPrediction, validateExamOutcome } from '#domain/evidence/outcome.ts';
import { computeRiskSummary } from '#domain/risk/risk.ts';
import { examOutcomeInputSchema, type OutcomeResponse } from '#shared/contracts/outcome.ts';
import type { Actor, Context } from '../context.ts';
import { localDateIn, zonedTimeToUtc } from '../time.ts';
import { getOutcome } from './get-outcome.ts';
import { parseInput } from './parse-input.ts';

/**
 * Records (or corrects) the real Step 2 CK result for the exam date on the profile. The first time a
 * result is kept for an exam date, the prediction made on the eve of that exam is stored beside it;
 * a correction keeps that snapshot, so logging or deleting practice exams later cannot move it. The
 * snapshot reads only the practice exams logged before exam day began in the student's time zone:
 * one typed in after the exam with an earlier date was not there on the eve.
 */
export async function recordOutcome(ctx: Context, actor: Actor, body: unknown): Promise<Result<OutcomeResponse>> {
  const parsed = parseInput(examOutcomeInputSchema, body);
  if (!parsed.ok) return parsed;
  const profile = await ctx.repos.profiles.get(actor.userId);
  if (!profile) return fail('PROFILE_MISSING', 'Set up your profile first: the result is kept for its exam date.');
  const today = localDateIn(ctx.now(), profile.timeZone);
  const checked = validateExamOutcome(parsed.value, { examDate: profile.examDate, today });
  if (!checked.ok) return checked;
  const targetScore = computeRiskSummary(profile, today).planningTarget.score;
  return ctx.transactForStudent(actor.userId, async (repos) => {
    // Read again under the student's lock: the exam date may have moved since the check above.
    const current = await repos.profiles.get(actor.userId);
    if (!current || current.examDate !== profile.examDate) {
      const message = 'Your exam date changed while you were entering the result. Reload the page and enter it again.';
      return fail('VALIDATION_FAILED', message, { resultDate: message });
    }
    const existing = await repos.outcomes.get(actor.userId);
    const snapshot =
      existing && existing.examDate === profile.examDate
        ? existing.snapshot
        : snapshotPrediction({
            exams: (await repos.evidence.listPracticeExams(actor.userId)).filter((e) => e.isPredictive),
            examDate: profile.examDate,
            examDayStartsAt: zonedTimeToUtc(profile.examDate, '00:00', current.timeZone).toISOString(),
            targetScore,
          });
    await repos.outcomes.save(
      actor.userId,
      { ...checked.value, examDate: profile.examDate, snapshot },
      ctx.now().toISOString(),
    );
    return ok(await getOutcome(ctx, actor, repos));
  });
}
