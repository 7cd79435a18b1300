import { z } from 'zod';

/**
 * A reminder on every calendar event (RFC 5545 VALARM), chosen with the calendar link: off by
 * default; 15 minutes or an hour before; or the evening before, at EVENING_BEFORE_TIME.
 */
export const CALENDAR_REMINDERS = ['none', '15-minutes', '1-hour', 'evening-before'] as const;
export type CalendarReminder = (typeof CALENDAR_REMINDERS)[number];
/** "The evening before" is 19:00 the day before, in the student's zone: after a day shift, before bed. */
export const EVENING_BEFORE_TIME = '19:00';

export const calendarReminderRequestSchema = z.strictObject({
  reminder: z.enum(CALENDAR_REMINDERS, {
    error: 'Choose no reminder, 15 minutes before, 1 hour before or the evening before.',
  }),
});

/** GET /api/calendar-feed: the private subscription link's state (its URL is shown only once). */
export type CalendarFeedResponse = {
  feed: null | { createdAt: string; lastReadAt: string | null };
  /** Why no new link can be made on this server (PUBLIC_ORIGIN unset), or null. */
  setupProblem?: string | null;
  /** The reminder every event carries, in the feed and in the downloaded file. */
  reminder: CalendarReminder;
};

/** POST /api/calendar-feed: the new link, shown once. */
export type CreatedCalendarFeed = { url: string; createdAt: string };
