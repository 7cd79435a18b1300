/** POST /api/readiness/accept-delay: the new exam date and whether a plan was re-planned to it. */
export type AcceptedDelay = { examDate: string; isReplanned: boolean };
