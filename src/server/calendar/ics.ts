import { addDays } from '#domain/common/dates.ts';
import type { PlanItem } from '#domain/plan/scheduler.ts';
import { EVENING_BEFORE_TIME, type CalendarReminder } from '#shared/contracts/calendar-feed.ts';
import { zonedTimeToUtc } from '../time.ts';

const DESCRIPTIONS: Partial<Record<PlanItem['kind'], string>> = {
  'qbank-block': 'Timed, no pausing. Then review every question, including the ones you got right.',
  'second-pass-block': 'Build the block from your missed and marked questions. Timed, no pausing.',
  'practice-exam': 'One sitting, timed, breaks as on test day. Log the score in Comeback the same day.',
  'deep-review': 'Go through every miss and every lucky guess. Write the teaching point for each.',
  'full-length': 'A full test day: every block timed, breaks only between blocks, no pausing.',
  'journal-review': 'Your wrong-answer journal cards due today: recall each key point before you show it.',
  rest: 'Rest is part of the plan. No questions, no guilt.',
  exam: 'Bring your ID and scheduling permit. Arrive early.',
};

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** UTF-8 length of one code point. */
function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * RFC 5545 §3.1: content lines longer than 75 octets are folded with CRLF and a space, never inside
 * a multi-byte character.
 */
function fold(line: string): string {
  // eslint-disable-next-line no-control-regex
  if (line.length <= 75 && /^[\x00-\x7f]*$/.test(line)) return line;
  let out = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > 75) {
      out += '\r\n ';
      octets = 1; // the leading space counts
    }
    out += char;
    octets += size;
  }
  return out;
}

/** 20270324T130000Z */
function formatUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 §3.3.6: a negative duration, `-PT15M`, `-PT13H`, `-PT1H30M`. */
function beforeDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `-PT${h > 0 ? `${h}H` : ''}${m > 0 || h === 0 ? `${m}M` : ''}`;
}

/** Minutes between the reminder and the event's start; null for no reminder. */
function reminderMinutes(reminder: CalendarReminder, item: PlanItem, start: Date, timeZone: string): number | null {
  if (reminder === 'none') return null;
  if (reminder === '15-minutes') return 15;
  if (reminder === '1-hour') return 60;
  // The evening before, on the wall clock of the student's zone (a DST change in between is counted).
  const evening = zonedTimeToUtc(addDays(item.date, -1), EVENING_BEFORE_TIME, timeZone);
  return Math.round((start.getTime() - evening.getTime()) / 60_000);
}

/** Rest needs no reminder: nothing is to be done on time. */
const WITHOUT_REMINDER: ReadonlySet<PlanItem['kind']> = new Set(['rest']);

/**
 * The plan as an iCalendar (RFC 5545) file. Each event's UID is built from the plan item's id, which
 * stays the same across refreshes, so a subscribed calendar updates events instead of duplicating
 * them. Times are the student's wall-clock times converted to UTC instants, so every calendar app
 * shows them at the right moment in any zone. (Written here rather than with ical-generator: see
 * docs/decisions/004-calendar-files-without-ical-generator.md. Tests parse it with ical.js.)
 */
export function buildCalendar(input: {
  items: readonly (PlanItem & { sequence?: number; changedAt?: string | null })[];
  timeZone: string;
  uidDomain: string;
  stamp: Date;
  /** A VALARM on every event but rest (RFC 5545 §3.6.6: ACTION, TRIGGER, DESCRIPTION); none by default. */
  reminder?: CalendarReminder;
}): string {
  const reminder = input.reminder ?? 'none';
  const stamp = formatUtc(input.stamp);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Comeback//Step 2 CK plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Comeback: Step 2 CK plan',
    `X-WR-TIMEZONE:${input.timeZone}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const item of input.items) {
    const start = zonedTimeToUtc(item.date, item.start, input.timeZone);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${item.id}@${input.uidDomain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${formatUtc(start)}`,
      `DTEND:${formatUtc(zonedTimeToUtc(item.date, item.end, input.timeZone))}`,
      fold(`SUMMARY:${escapeText(item.title)}`),
    );
    if (item.sequence) lines.push(`SEQUENCE:${item.sequence}`);
    if (item.changedAt) lines.push(`LAST-MODIFIED:${formatUtc(new Date(item.changedAt))}`);
    const description = DESCRIPTIONS[item.kind];
    if (description) lines.push(fold(`DESCRIPTION:${escapeText(description)}`));
    const before = WITHOUT_REMINDER.has(item.kind) ? null : reminderMinutes(reminder, item, start, input.timeZone);
    if (before !== null) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `TRIGGER:${beforeDuration(before)}`,
        fold(`DESCRIPTION:${escapeText(item.title)}`),
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
