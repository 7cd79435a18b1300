/**
 * The wrong-answer journal's review slot (PRODUCT.md F, issue 11 "On the plan"): each day gets one
 * study unit sized by the cards the journal forecasts due that day, inside the day's cap and rhythm,
 * placed before new questions so the cap keeps room for it. What a day cannot take (a practice-exam
 * or full-length day, a blocked day, a full cap) carries to the next day, never more than
 * JOURNAL_REVIEW_MAX_MINUTES on one day: a backlog after missed days is spread, never dumped.
 */
import { placeStudy } from './placing.ts';
import type { PlanInput, WorkDay } from './types.ts';

/** Shorter than this is not worth its own slot: it waits for the next day's cards. */
export const JOURNAL_REVIEW_MIN_MINUTES = 10;
/**
 * At most an hour of journal review on one day: the rest of a backlog carries to the next days
 * (issue 11: a backlog "is spread over the next days … never dumped on one day"). A planning bound
 * beside the cap, not a published figure.
 */
export const JOURNAL_REVIEW_MAX_MINUTES = 60;
/** Slots are sized to the five minutes. */
const STEP_MINUTES = 5;

function roundUp(minutes: number): number {
  return Math.ceil(minutes / STEP_MINUTES) * STEP_MINUTES;
}

/** Places the day-by-day journal review slots; returns the minutes that found no day before the exam. */
export function placeJournalReviews(days: WorkDay[], byDate: PlanInput['reviewMinutesByDate']): number {
  if (!byDate) return 0;
  let carried = 0;
  for (const day of days) {
    const due = carried + Math.max(0, byDate[day.date] ?? 0);
    if (due <= 0) continue;
    // The eve stays light (rest.ts), and a practice-exam, full-length or blocked day is its own work.
    const isOpen = !day.special && day.kind !== 'light';
    let minutes = Math.min(JOURNAL_REVIEW_MAX_MINUTES, roundUp(due));
    const room = day.capMinutes - day.studyMinutes;
    minutes = Math.min(minutes, Math.floor(room / STEP_MINUTES) * STEP_MINUTES);
    let placed = 0;
    while (isOpen && minutes >= JOURNAL_REVIEW_MIN_MINUTES) {
      const items = placeStudy(day, [
        { kind: 'journal-review', title: `Journal review: your due cards, about ${minutes} minutes`, minutes },
      ]);
      if (items) {
        placed = minutes;
        break;
      }
      minutes -= STEP_MINUTES;
    }
    carried = Math.max(0, due - placed);
  }
  return carried;
}
