/** GET /api/calendar-feed: the private subscription link's state (its URL is shown only once). */
export type CalendarFeedResponse = {
  feed: null | { createdAt: string; lastReadAt: string | null };
  /** Why no new link can be made on this server (PUBLIC_ORIGIN unset), or null. */
  setupProblem?: string | null;
};

/** POST /api/calendar-feed: the new link, shown once. */
export type CreatedCalendarFeed = { url: string; createdAt: string };
