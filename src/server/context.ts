import { uuidv7 } from 'uuidv7';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { createWriteBatcher, type WriteBatcher } from './db/write-batcher.ts';
import { createCalendarFeedsRepo } from './repositories/calendar-feeds.repo.ts';
import { createEvidenceRepo } from './repositories/evidence.repo.ts';
import { createLoginFailuresRepo } from './repositories/login-failures.repo.ts';
import { createPlansRepo } from './repositories/plans.repo.ts';
import { createPostmortemsRepo } from './repositories/postmortems.repo.ts';
import { createProfilesRepo } from './repositories/profiles.repo.ts';
import { createSessionsRepo } from './repositories/sessions.repo.ts';
import { createUsersRepo } from './repositories/users.repo.ts';

export type Clock = () => Date;

/** What use-cases work with: the repositories, the clock and id generation, all injectable. */
export type Context = {
  config: Readonly<Config>;
  database: Database;
  repos: {
    users: ReturnType<typeof createUsersRepo>;
    sessions: ReturnType<typeof createSessionsRepo>;
    loginFailures: ReturnType<typeof createLoginFailuresRepo>;
    profiles: ReturnType<typeof createProfilesRepo>;
    plans: ReturnType<typeof createPlansRepo>;
    calendarFeeds: ReturnType<typeof createCalendarFeedsRepo>;
    postmortems: ReturnType<typeof createPostmortemsRepo>;
    evidence: ReturnType<typeof createEvidenceRepo>;
  };
  /** Small, frequent writes (logging a block) share commits; see write-batcher.ts. */
  writes: WriteBatcher;
  now: Clock;
  newId: () => string;
};

/** The signed-in user acting on a request. Every repository call is scoped by `userId`. */
export type Actor = {
  userId: string;
  email: string;
  role: 'student' | 'advisor';
  sessionId: string;
  createdAt: string;
  /** From the profile; null before one is saved. */
  timeZone: string | null;
};

export function createContext(config: Readonly<Config>, database: Database, clock?: Clock): Context {
  const db = database.db;
  return {
    config,
    database,
    repos: {
      users: createUsersRepo(db),
      sessions: createSessionsRepo(db),
      loginFailures: createLoginFailuresRepo(db),
      profiles: createProfilesRepo(db),
      plans: createPlansRepo(db),
      calendarFeeds: createCalendarFeedsRepo(db),
      postmortems: createPostmortemsRepo(db),
      evidence: createEvidenceRepo(db),
    },
    writes: createWriteBatcher(db, database.kind),
    now: clock ?? (() => new Date()),
    newId: uuidv7,
  };
}
