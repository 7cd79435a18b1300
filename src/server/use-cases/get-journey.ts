import { addDays, compareDates, daysBetween } from '#domain/common/dates.ts';
import { deriveJourney } from '#domain/journey/journey.ts';
import { missedItems } from '#domain/plan/replan.ts';
import { isTimeZone } from '#shared/contracts/common.ts';
import type { JourneyResponse } from '#shared/contracts/journey.ts';
import type { Actor, Context } from '../context.ts';
import { localDateIn } from '../time.ts';
import { getEvidence } from './get-evidence.ts';
import { readStored } from './postmortem.ts';

export async function getJourney(ctx: Context, actor: Actor, timeZoneHint: string): Promise<JourneyResponse> {
  const [profile, postmortem, plan, outcome] = await Promise.all([
    ctx.repos.profiles.get(actor.userId),
    ctx.repos.postmortems.get(actor.userId),
    ctx.repos.plans.get(actor.userId),
    ctx.repos.outcomes.get(actor.userId),
  ]);
  const today = localDateIn(ctx.now(), profile?.timeZone ?? (isTimeZone(timeZoneHint) ? timeZoneHint : 'UTC'));
  const missed = plan
    ? missedItems(
        await ctx.repos.plans.listItems(actor.userId, { from: plan.startDate, to: addDays(today, -1) }),
        today,
      ).length
    : 0;
  const evidence = profile ? await getEvidence(ctx, actor) : null;
  const journey = deriveJourney({
    hasProfile: profile !== undefined,
    // A saved postmortem that can no longer be read is one the student is asked to re-enter.
    hasPostmortem: postmortem !== undefined && readStored(postmortem).ok,
    hasPlan: plan !== undefined,
    missedItems: missed,
    blocksLogged: evidence ? evidence.blocks.stats.timedBlocks + evidence.blocks.stats.tutorBlocks : 0,
    predictiveExams: evidence?.practiceExams.filter((e) => e.isPredictive).length ?? 0,
    verdict: evidence?.readiness?.verdict ?? null,
    hasDelayOffer: evidence?.readiness?.delayProposal != null,
    isHelpPromptDue: evidence?.wellbeing.assessment.isHelpPromptDue ?? false,
    isExamPast: profile !== undefined && compareDates(profile.examDate, today) < 0,
    // A result for the exam date on the profile: after a retake is booked, stage 9 opens again.
    hasOutcome: outcome !== undefined && outcome.examDate === profile?.examDate,
  });
  return {
    ...journey,
    today,
    hasProfile: profile !== undefined,
    daysToExam: profile ? daysBetween(today, profile.examDate) : null,
  };
}
