/** Rest: the weekly rest on the rest weekday, planned breaks, and a light day before the exam. */
import { addDays, dayOfWeek, type LocalDate } from '../../common/dates.ts';
import type { PlanSettings } from '../settings.ts';
import { longestFree } from './free-time.ts';
import { placeRestItem } from './placing.ts';
import type { WorkDay } from './types.ts';

/**
 * The weekly rest becomes a whole day off when it is at least half of that day's free time: the
 * seed's 8 hours on a free Sunday (16 waking hours) is a rest day, not a half day of studying.
 */
export const REST_DAY_SHARE = 0.5;
/** The day before the exam holds at most this much rest and nothing new. */
export const EVE_REST_MINUTES = 180;
const REST_CHUNK_MIN = 30;

function freeLeft(day: WorkDay): number {
  return day.free.reduce((sum, iv) => sum + iv.end - iv.start, 0);
}

/** The day before the exam is light: rest and nothing new. Marked first, so nothing heavy takes it. */
export function markEve(days: WorkDay[], examDate: LocalDate): void {
  const eve = days[days.length - 1];
  if (eve && eve.date === addDays(examDate, -1) && !eve.special) {
    eve.kind = 'light';
    eve.special = true;
    const minutes = Math.min(freeLeft(eve), longestFree(eve), EVE_REST_MINUTES);
    if (minutes >= REST_CHUNK_MIN)
      placeRestItem(
        eve,
        { kind: 'rest', title: 'Rest, light walk-through of test-day logistics, early night', minutes },
        true,
      );
  }
}

/**
 * The weekly rest on the rest weekday, or, when an exam or its review took that day, on the week's
 * day with the least free time (the later of two equal days). Placed after the exams, so that a weekend can hold an exam.
 */
export function placeWeeklyRest(days: WorkDay[], settings: PlanSettings, warnings: string[]): void {
  const restMinutes = Math.round(settings.weeklyHours.rest * 60);
  if (restMinutes <= 0) return;
  for (let weekStart = 0; weekStart < days.length; weekStart += 7) {
    const week = days.slice(weekStart, weekStart + 7);
    if (week.some((d) => d.kind === 'rest')) continue; // a planned break already rests this week
    const share = Math.round((restMinutes * week.length) / 7);
    if (share < REST_CHUNK_MIN) continue;
    const preferred = week.find((d) => dayOfWeek(d.date) === settings.restWeekday && !d.special);
    // Else the day with the least free time, the later of equals (not the first day of a fresh start).
    const day =
      preferred ??
      [...week].filter((d) => !d.special).sort((a, b) => a.freeMinutes - b.freeMinutes || b.index - a.index)[0];
    if (!day) continue;
    if (share >= freeLeft(day) * REST_DAY_SHARE) {
      day.kind = 'rest';
      day.special = true;
      const minutes = Math.min(share, longestFree(day));
      if (minutes >= REST_CHUNK_MIN)
        placeRestItem(day, { kind: 'rest', title: 'Rest day: no studying', minutes }, true);
    } else {
      let remaining = share;
      while (remaining >= REST_CHUNK_MIN) {
        const chunk = Math.min(remaining, longestFree(day));
        if (chunk < REST_CHUNK_MIN) break;
        placeRestItem(day, { kind: 'rest', title: 'Protected rest', minutes: chunk }, true);
        remaining -= chunk;
      }
    }
  }
  if (days.length >= 7 && !days.some((d) => d.items.some((i) => i.kind === 'rest'))) {
    warnings.push('No rest fits in your free time. A plan with no rest breaks down: free up an evening a week.');
  }
}
