import { expectedReviewStart, REVIEW_START_SOURCE } from '#domain/exam/exam-facts.ts';
import { DEFAULT_BUFFER_POINTS, RECOMMENDED_BUFFER } from '#domain/risk/profile.ts';
import { computeRiskSummary } from '#domain/risk/risk.ts';
import { isTimeZone } from '#shared/contracts/common.ts';
import type { ProfileDefaults, ProfileResponse } from '#shared/contracts/profile.ts';
import type { Actor, Context } from '../context.ts';
import type { StoredProfile } from '../repositories/profiles.repo.ts';
import { localDateIn } from '../time.ts';

/** What a new profile form starts from; `timeZoneHint` is the browser's zone until one is saved. */
const reviewStartByDay = new Map<string, ReturnType<typeof expectedReviewStart>>();

/** The expected review start changes once a year; compute it once per calendar day. */
function reviewStartOn(today: string) {
  let value = reviewStartByDay.get(today);
  if (!value) {
    value = expectedReviewStart(today);
    if (reviewStartByDay.size > 100) reviewStartByDay.clear();
    reviewStartByDay.set(today, value);
  }
  return value;
}

export function profileDefaults(ctx: Context, timeZone: string): ProfileDefaults {
  const today = localDateIn(ctx.now(), timeZone);
  const reviewStart = reviewStartOn(today);
  return {
    bufferPoints: DEFAULT_BUFFER_POINTS,
    recommendedBuffer: { ...RECOMMENDED_BUFFER },
    reviewStartDate: reviewStart.date,
    reviewStartIsEstimate: reviewStart.isEstimate,
    reviewStartSource: REVIEW_START_SOURCE,
    today,
  };
}

export function toProfileResponse(
  ctx: Context,
  stored: StoredProfile | undefined,
  timeZoneHint: string,
): ProfileResponse {
  const timeZone = stored?.timeZone ?? (isTimeZone(timeZoneHint) ? timeZoneHint : 'UTC');
  const defaults = profileDefaults(ctx, timeZone);
  if (!stored) return { profile: null, summary: null, defaults };
  const { createdAt: _createdAt, ...profile } = stored;
  return { profile, summary: computeRiskSummary(stored, defaults.today), defaults };
}

export async function getProfile(ctx: Context, actor: Actor, timeZoneHint: string): Promise<ProfileResponse> {
  return toProfileResponse(ctx, await ctx.repos.profiles.get(actor.userId), timeZoneHint);
}
