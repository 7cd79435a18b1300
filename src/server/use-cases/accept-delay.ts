import { fail, ok, type Failure, type Result } from '#domain/common/result.ts';
import { acceptDelayInputSchema } from '#shared/contracts/evidence-api.ts';
import type { AcceptedDelay } from '#shared/contracts/readiness.ts';
import type { Actor, Context, Repos } from '../context.ts';
import { getEvidence } from './get-evidence.ts';
import { parseInput } from './parse-input.ts';
import { replayJournalSchedule } from './replay-journal-schedule.ts';
import { replanAndStore } from './save-plan.ts';

/**
 * Accepts the proposed delay: moves the exam date and re-plans the calendar from today (keeping the
 * past and done items). The date must be the one currently proposed, so a stale page cannot move it.
 */
export async function acceptDelay(ctx: Context, actor: Actor, body: unknown): Promise<Result<AcceptedDelay>> {
  const parsed = parseInput(acceptDelayInputSchema, body);
  if (!parsed.ok) return parsed;
  const evidence = await getEvidence(ctx, actor);
  const proposal = evidence.readiness?.delayProposal;
  if (!proposal || proposal.newExamDate !== parsed.value.proposedExamDate) {
    const message = 'That is not the delay on offer any more. Reload the page to see the current proposal.';
    return fail('VALIDATION_FAILED', message, { proposedExamDate: message });
  }
  const examDate = evidence.examDate;
  if (!examDate) return fail('PROFILE_MISSING', 'Set up your profile first.');
  // Only the date moves, and only from the date the proposal was made for: a profile saved
  // meanwhile (another tab) is kept, and a date changed meanwhile asks for a reload.
  const moveExamDate = async (repos: Repos): Promise<Failure | null> => {
    const isMoved = await repos.profiles.moveExamDate(actor.userId, {
      from: examDate,
      to: proposal.newExamDate,
      now: ctx.now().toISOString(),
    });
    return isMoved
      ? null
      : {
          code: 'VALIDATION_FAILED',
          message: 'Your exam date changed while you were deciding. Reload the page to see the current proposal.',
          fields: { proposedExamDate: 'Reload the page to see the current proposal.' },
        };
  };
  const hasPlan = (await ctx.repos.plans.get(actor.userId)) !== undefined;
  if (!hasPlan) {
    const problem = await ctx.transactForStudent(actor.userId, moveExamDate);
    if (problem) return { ok: false, error: problem };
    await replayJournalSchedule(ctx, actor);
    return ok({ examDate: proposal.newExamDate, isReplanned: false });
  }
  // One transaction: the new plan is computed first, and the exam date moves with it or not at all.
  const result = await replanAndStore(ctx, actor, {
    today: evidence.today,
    examDate: proposal.newExamDate,
    beforeStore: moveExamDate,
  });
  if (!result.ok) return result;
  // The journal's due dates follow the new exam date (decision 010, replay).
  await replayJournalSchedule(ctx, actor);
  return ok({ examDate: proposal.newExamDate, isReplanned: true });
}
