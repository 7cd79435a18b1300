import { compareDates } from '#domain/common/dates.ts';
import { compareOutcome } from '#domain/evidence/outcome.ts';
import { passingStandardOn } from '#domain/exam/exam-facts.ts';
import type { OutcomeResponse } from '#shared/contracts/outcome.ts';
import type { Actor, Context, Repos } from '../context.ts';
import { localDateIn } from '../time.ts';

/** Journey stage 9 as the page shows it: whether a result can be recorded, and the one recorded. */
export async function getOutcome(ctx: Context, actor: Actor, repos: Repos = ctx.repos): Promise<OutcomeResponse> {
  const [profile, stored] = await Promise.all([repos.profiles.get(actor.userId), repos.outcomes.get(actor.userId)]);
  const today = localDateIn(ctx.now(), profile?.timeZone ?? 'UTC');
  const examDate = profile?.examDate ?? null;
  return {
    today,
    examDate,
    canRecord: examDate !== null && compareDates(today, examDate) > 0, // recording opens the day after exam day
    passingScore: examDate === null ? null : passingStandardOn(examDate).score,
    outcome: stored
      ? {
          examDate: stored.examDate,
          score: stored.score,
          passed: stored.passed,
          resultDate: stored.resultDate,
          shareWithSchool: stored.shareWithSchool,
          snapshot: stored.snapshot,
          comparison: stored.snapshot
            ? compareOutcome({ score: stored.score, snapshot: stored.snapshot, today })
            : null,
          updatedAt: stored.updatedAt,
        }
      : null,
  };
}
