import { addDays, compareDates } from '#domain/common/dates.ts';
import { fail, ok, type Failure, type Result } from '#domain/common/result.ts';
import {
  checkFullLengthDate,
  summarizeQuestionBlocks,
  validatePracticeExam,
  validateQuestionBlock,
} from '#domain/evidence/logging.ts';
import { predictScore } from '#domain/evidence/predictor.ts';
import { assessReadiness, proposeDelay } from '#domain/evidence/readiness.ts';
import { rankWeakAreas } from '#domain/evidence/weak-areas.ts';
import { assessWellbeing, validateCheckIn } from '#domain/evidence/wellbeing.ts';
import { passingStandardOn } from '#domain/exam/exam-facts.ts';
import { computeRiskSummary } from '#domain/risk/risk.ts';
import {
  acceptDelayInputSchema,
  fullLengthDayInputSchema,
  type EvidenceResponse,
} from '#shared/contracts/evidence-api.ts';
import {
  counsellingServiceSchema,
  practiceExamInputSchema,
  questionBlockInputSchema,
  wellbeingCheckInInputSchema,
} from '#shared/contracts/evidence.ts';
import type { Actor, Context, Repos } from '../context.ts';
import { localDateIn } from '../time.ts';
import { parseInput } from './parse-input.ts';
import { replanAndStore } from './save-plan.ts';

/** Today in the student's zone, from the session's data: no query. */
function todayOf(ctx: Context, actor: Actor): string {
  return localDateIn(ctx.now(), actor.timeZone ?? 'UTC');
}

async function todayFor(ctx: Context, actor: Actor) {
  const profile = await ctx.repos.profiles.get(actor.userId);
  return { profile, today: localDateIn(ctx.now(), profile?.timeZone ?? 'UTC') };
}

/**
 * Logs a question-bank block and ticks off the first open block of that day's plan. The write goes
 * through the group-commit batcher: the answer comes after the commit that holds it.
 */
export async function logBlock(
  ctx: Context,
  actor: Actor,
  body: unknown,
): Promise<Result<{ id: string; planItemId: string | null }>> {
  const parsed = parseInput(questionBlockInputSchema, body);
  if (!parsed.ok) return parsed;
  const today = todayOf(ctx, actor);
  const block = validateQuestionBlock(parsed.value, today);
  if (!block.ok) return block;
  const id = ctx.newId();
  const now = ctx.now().toISOString();
  const planItemId = await ctx.queueForStudent(actor.userId, () =>
    ctx.writes.run((trx) => ctx.repos.evidence.insertBlock(trx, actor.userId, block.value, { id, now })),
  );
  return ok({ id, planItemId });
}

export async function deleteBlock(ctx: Context, actor: Actor, id: string): Promise<Result<null>> {
  const isDeleted = await ctx.transactForStudent(actor.userId, (repos) => repos.evidence.deleteBlock(actor.userId, id));
  return isDeleted ? ok(null) : fail('NOT_FOUND', 'That block is not in your log.');
}

export async function logPracticeExam(ctx: Context, actor: Actor, body: unknown): Promise<Result<{ id: string }>> {
  const parsed = parseInput(practiceExamInputSchema, body);
  if (!parsed.ok) return parsed;
  const today = todayOf(ctx, actor);
  const exam = validatePracticeExam(parsed.value, today);
  if (!exam.ok) return exam;
  const id = ctx.newId();
  const now = ctx.now().toISOString();
  await ctx.transactForStudent(actor.userId, (repos) =>
    repos.evidence.insertPracticeExam(actor.userId, exam.value, { id, now }),
  );
  return ok({ id });
}

export async function deletePracticeExam(ctx: Context, actor: Actor, id: string): Promise<Result<null>> {
  return (await ctx.repos.evidence.deletePracticeExam(actor.userId, id))
    ? ok(null)
    : fail('NOT_FOUND', 'That practice exam is not in your log.');
}

export async function logCheckIn(ctx: Context, actor: Actor, body: unknown): Promise<Result<{ id: string }>> {
  const parsed = parseInput(wellbeingCheckInInputSchema, body);
  if (!parsed.ok) return parsed;
  const today = todayOf(ctx, actor);
  const checkIn = validateCheckIn(parsed.value, today);
  if (!checkIn.ok) return checkIn;
  const id = ctx.newId();
  await ctx.repos.evidence.insertCheckIn(actor.userId, checkIn.value, { id, now: ctx.now().toISOString() });
  return ok({ id });
}

export async function logFullLengthDay(ctx: Context, actor: Actor, body: unknown): Promise<Result<{ id: string }>> {
  const parsed = parseInput(fullLengthDayInputSchema, body);
  if (!parsed.ok) return parsed;
  const problem = checkFullLengthDate(parsed.value.date, todayOf(ctx, actor));
  if (problem) return fail('VALIDATION_FAILED', problem, { date: problem });
  const id = ctx.newId();
  await ctx.repos.evidence.insertFullLengthDay(actor.userId, {
    id,
    date: parsed.value.date,
    now: ctx.now().toISOString(),
  });
  return ok({ id });
}

export async function setCounselling(ctx: Context, actor: Actor, body: unknown): Promise<Result<null>> {
  const parsed = parseInput(counsellingServiceSchema, body);
  if (!parsed.ok) return parsed;
  const isSaved = await ctx.repos.evidence.setCounselling(actor.userId, parsed.value);
  return isSaved
    ? ok(null)
    : fail('PROFILE_MISSING', 'Set up your profile first; the counselling service is saved with it.');
}

/** Everything the evidence page shows, computed from all the student's logs. */
export async function getEvidence(ctx: Context, actor: Actor): Promise<EvidenceResponse> {
  const { profile, today } = await todayFor(ctx, actor);
  const [blocks, exams, checkIns, fullLengthDone, plan, counselling] = await Promise.all([
    ctx.repos.evidence.listBlocks(actor.userId),
    ctx.repos.evidence.listPracticeExams(actor.userId),
    ctx.repos.evidence.listCheckIns(actor.userId, { from: addDays(today, -30) }),
    ctx.repos.evidence.listFullLengthDates(actor.userId),
    ctx.repos.plans.get(actor.userId),
    ctx.repos.evidence.getCounselling(actor.userId),
  ]);
  const planItems = plan ? await ctx.repos.plans.listItems(actor.userId, { to: today }) : [];
  const targetScore = profile ? computeRiskSummary(profile, today).planningTarget.score : null;
  const examInputs = exams.map((e) => ({
    form: e.form,
    date: e.date,
    score: e.score,
    percentCorrect: e.percentCorrect,
  }));
  const weakAreas = rankWeakAreas({ blocks, practiceExams: exams, today });

  let prediction: EvidenceResponse['prediction'] = null;
  let readiness: EvidenceResponse['readiness'] = null;
  if (profile && targetScore !== null) {
    const predicted = predictScore({
      exams: examInputs,
      examDate: profile.examDate,
      targetScore,
      today,
      formsOwned: plan?.settings.practiceExams,
    });
    prediction = predicted.ok ? predicted.value : null;
    if (compareDates(profile.examDate, today) > 0) {
      const assessed = assessReadiness({
        exams: examInputs,
        targetScore,
        fullLengthDaysCompleted: fullLengthDone.length,
        examDate: profile.examDate,
        today,
      });
      if (assessed.ok) {
        // A delay is on offer only with a delay or not-ready verdict: never on track / off track.
        const isDelayVerdict = assessed.value.verdict === 'delay' || assessed.value.verdict === 'not-ready';
        const delayProposal = !isDelayVerdict
          ? null
          : proposeDelay({
              today,
              examDate: profile.examDate,
              // Ranked by share within their own kind, so a system can lead when it costs most of the systems.
              weakAreas: [...weakAreas.systems, ...weakAreas.disciplines].sort((a, b) => b.costShare - a.costShare),
              reviewStartDate: profile.reviewStartDate,
              pointsShort: assessed.value.pointsShort,
            });
        readiness = { ...assessed.value, delayProposal };
      }
    }
  }
  const plannedBlocks = planItems.filter((i) => i.kind === 'qbank-block' || i.kind === 'second-pass-block');
  return {
    today,
    examDate: profile?.examDate ?? null,
    targetScore,
    passingScore: passingStandardOn(profile?.examDate ?? today).score,
    blocks: { recent: blocks.slice(-20).reverse(), stats: summarizeQuestionBlocks({ blocks, today }) },
    practiceExams: exams,
    prediction,
    readiness,
    weakAreas,
    endurance: {
      timedBlocksDone: blocks.filter((b) => b.mode === 'timed').length,
      timedBlocksPlanned: plannedBlocks.length,
      fullLengthDone,
      fullLengthPlanned: plan?.summary.fullLengthDates ?? [],
    },
    wellbeing: { recent: checkIns, assessment: assessWellbeing({ checkIns, today, counselling }) },
    counselling,
  };
}

/**
 * Accepts the proposed delay: moves the exam date and re-plans the calendar from today (keeping the
 * past and done items). The date must be the one currently proposed, so a stale page cannot move it.
 */
export async function acceptDelay(
  ctx: Context,
  actor: Actor,
  body: unknown,
): Promise<Result<{ examDate: string; isReplanned: boolean }>> {
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
    return problem ? { ok: false, error: problem } : ok({ examDate: proposal.newExamDate, isReplanned: false });
  }
  // One transaction: the new plan is computed first, and the exam date moves with it or not at all.
  const result = await replanAndStore(ctx, actor, {
    today: evidence.today,
    examDate: proposal.newExamDate,
    beforeStore: moveExamDate,
  });
  if (!result.ok) return result;
  return ok({ examDate: proposal.newExamDate, isReplanned: true });
}
