import ical, { ICalCalendarMethod } from 'ical-generator';
import type { PlanItem } from '#domain/plan/scheduler.ts';
import { zonedTimeToUtc } from '../time.ts';

const DESCRIPTIONS: Partial<Record<PlanItem['kind'], string>> = {
  'qbank-block': 'Timed, no pausing. Then review every question, including the ones you got right.',
  'second-pass-block': 'Build the block from your missed and marked questions. Timed, no pausing.',
  'practice-exam': 'One sitting, timed, breaks as on test day. Log the score in Comeback the same day.',
  'deep-review': 'Go through every miss and every lucky guess. Write the teaching point for each.',
  'full-length': 'A full test day: every block timed, breaks only between blocks, no pausing.',
  rest: 'Rest is part of the plan. No questions, no guilt.',
  exam: 'Bring your ID and scheduling permit. Arrive early.',
};

/**
 * The plan as an iCalendar (RFC 5545) file. Each event's UID is the plan item's id, which stays the
 * same across refreshes, so a subscribed calendar updates events instead of duplicating them.
 * Times are the student's wall-clock times converted to UTC instants, so every calendar app shows
 * them at the right moment in any zone.
 */
export function buildCalendar(input: { items: readonly PlanItem[]; timeZone: string; host: string }): string {
  const calendar = ical({
    name: 'Comeback: Step 2 CK plan',
    prodId: { company: 'Comeback', product: 'Step 2 CK plan', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const item of input.items) {
    calendar.createEvent({
      id: `${item.id}@${input.host}`,
      start: zonedTimeToUtc(item.date, item.start, input.timeZone),
      end: zonedTimeToUtc(item.date, item.end, input.timeZone),
      summary: item.title,
      description: DESCRIPTIONS[item.kind] ?? null,
    });
  }
  return calendar.toString();
}
