/** Content review: the weekly content hours on study days, in chunks, within each day's cap and rhythm. */
import type { PlanSettings } from '../settings.ts';
import { longestStudyThatFits, placeStudy } from './placing.ts';
import type { WeekLedger } from './types.ts';

export const CONTENT_CHUNK_MAX = 120;
export const CONTENT_CHUNK_MIN = 30;

export function placeContentReview(weeks: WeekLedger[], settings: PlanSettings): void {
  if (settings.weeklyHours.contentReview <= 0) return;
  for (const week of weeks) {
    const used = week.days.reduce((sum, d) => sum + d.studyMinutes, 0);
    let budget = Math.min(week.askedContentMinutes, week.totalMinutes - used);
    const limitedByTotal = budget < week.askedContentMinutes;
    const studyDays = week.days.filter((d) => !d.special);
    let progress = true;
    while (budget >= CONTENT_CHUNK_MIN && progress && studyDays.length > 0) {
      progress = false;
      const share = Math.max(
        CONTENT_CHUNK_MIN,
        Math.min(CONTENT_CHUNK_MAX, Math.ceil(budget / studyDays.length / 15) * 15),
      );
      for (const day of studyDays) {
        if (budget < CONTENT_CHUNK_MIN) break;
        const chunk = longestStudyThatFits(day, Math.min(share, budget));
        if (chunk < CONTENT_CHUNK_MIN) continue;
        placeStudy(day, [{ kind: 'content-review', title: 'Content review aimed at your weak areas', minutes: chunk }]);
        if (day.kind === 'content' || day.kind === 'blocked') day.kind = 'content';
        budget -= chunk;
        week.contentMinutes += chunk;
        progress = true;
      }
    }
    if (week.askedContentMinutes - week.contentMinutes >= CONTENT_CHUNK_MIN)
      week.contentLimit = limitedByTotal && budget < CONTENT_CHUNK_MIN ? 'total' : 'room';
  }
}
