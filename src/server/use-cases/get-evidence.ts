import { addDays } from '#domain/common/dates.ts';
import { countEndurance } from '#domain/evidence/endurance.ts';
import { summarizeQuestionBlocks } from '#domain/evidence/logging.ts';
import { predictScore } from '#domain/evidence/predictor.ts';
import { assessReadiness, proposeDelay } from '#domain/evidence/readiness.ts';
import { hasReadinessVerdict, offersDelay } from '#domain/evidence/verdict-timing.ts';
import { orderWeakAreasForDelay, rankWeakAreas } from '#domain/evidence/weak-areas.ts';
import { assessWellbeing } from '#domain/evidence/wellbeing.ts';
import { passingStandardOn } from '#domain/exam/exam-facts.ts';
import { computeRiskSummary } from '#domain/risk/risk.ts';
import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import type { Actor, Context } from '../context.ts';
import { localDateIn } from '../time.ts';

/** Everything the evidence page shows, computed from all the student's logs. */
export async function getEvidence(ctx: Context, actor: Actor): Promise<EvidenceResponse> {
  const profile = await ctx.repos.profiles.get(actor.userId);
  const today = localDateIn(ctx.now(), profile?.timeZone ?? 'UTC');
  const [blocks, exams, checkIns, fullLengthDone, plan, counselling, journal] = await Promise.all([
    ctx.repos.evidence.listBlocks(actor.userId),
    ctx.repos.evidence.listPracticeExams(actor.userId),
    ctx.repos.evidence.listCheckIns(actor.userId, { from: addDays(today, -30) }),
    ctx.repos.evidence.listFullLengthDates(actor.userId),
    ctx.repos.plans.get(actor.userId),
    ctx.repos.evidence.getCounselling(actor.userId),
    ctx.repos.journal.listMissSignals(actor.userId),
  ]);
  const planItems = plan ? await ctx.repos.plans.listItems(actor.userId, { to: today }) : [];
  const targetScore = profile ? computeRiskSummary(profile, today).planningTarget.score : null;
  const examInputs = exams.map((e) => ({
    form: e.form,
    date: e.date,
    score: e.score,
    percentCorrect: e.percentCorrect,
  }));
  const weakAreas = rankWeakAreas({ blocks, practiceExams: exams, journal, today });

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
    if (hasReadinessVerdict({ examDate: profile.examDate, today })) {
      const assessed = assessReadiness({
        exams: examInputs,
        targetScore,
        fullLengthDaysCompleted: fullLengthDone.length,
        examDate: profile.examDate,
        today,
      });
      if (assessed.ok) {
        const delayProposal = !offersDelay(assessed.value.verdict)
          ? null
          : proposeDelay({
              today,
              examDate: profile.examDate,
              weakAreas: orderWeakAreasForDelay(weakAreas),
              reviewStartDate: profile.reviewStartDate,
              pointsShort: assessed.value.pointsShort,
            });
        // The readiness gate (decision 013): on, the proposal is put on the home screen to accept.
        readiness = { ...assessed.value, delayProposal, isGated: plan?.settings.readinessGate === true };
      }
    }
  }
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
    endurance: countEndurance({
      blocks,
      planItems,
      fullLengthDone,
      fullLengthPlanned: plan?.summary.fullLengthDates ?? [],
      today,
    }),
    wellbeing: { recent: checkIns, assessment: assessWellbeing({ checkIns, today, counselling }) },
    counselling,
  };
}
