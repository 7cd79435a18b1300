import { daysBetween } from '#domain/common/dates.ts';
import { deriveJourney } from '#domain/journey/journey.ts';
import { isTimeZone } from '#shared/contracts/common.ts';
import type { JourneyResponse } from '#shared/contracts/journey.ts';
import type { Actor, Context } from '../context.ts';
import { localDateIn } from '../time.ts';

export async function getJourney(ctx: Context, actor: Actor, timeZoneHint: string): Promise<JourneyResponse> {
  const profile = await ctx.repos.profiles.get(actor.userId);
  const today = localDateIn(ctx.now(), profile?.timeZone ?? (isTimeZone(timeZoneHint) ? timeZoneHint : 'UTC'));
  const journey = deriveJourney({ hasProfile: profile !== undefined });
  return {
    ...journey,
    today,
    hasProfile: profile !== undefined,
    daysToExam: profile ? daysBetween(today, profile.examDate) : null,
  };
}
