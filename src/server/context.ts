import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DB } from './db/schema.ts';
import { createWriteBatcher, type WriteBatcher } from './db/write-batcher.ts';
import { StudentWritesQueuedError } from './db/dialects/errors.ts';
import { inWriteTransaction, lockStudent } from './db/write-transaction.ts';
import { createAdvisorsRepo } from './repositories/advisors.repo.ts';
import { createCalendarFeedsRepo } from './repositories/calendar-feeds.repo.ts';
import { createEvidenceRepo } from './repositories/evidence.repo.ts';
import { createJournalRepo } from './repositories/journal.repo.ts';
import { createLoginFailuresRepo } from './repositories/login-failures.repo.ts';
import { createOutcomesRepo } from './repositories/outcomes.repo.ts';
import { createPlansRepo } from './repositories/plans.repo.ts';
import { createPostmortemsRepo } from './repositories/postmortems.repo.ts';
import { createProfilesRepo } from './repositories/profiles.repo.ts';
import { createSessionsRepo } from './repositories/sessions.repo.ts';
import { createStoryRepo } from './repositories/story.repo.ts';
import { createUsersRepo } from './repositories/users.repo.ts';

export type Clock = () => Date;

/** What use-cases work with: the repositories, the clock and id generation, all injectable. */
export type Repos = ReturnType<typeof createRepos>;

function createRepos(db: Kysely<DB>) {
  return {
    users: createUsersRepo(db),
    sessions: createSessionsRepo(db),
    loginFailures: createLoginFailuresRepo(db),
    profiles: createProfilesRepo(db),
    plans: createPlansRepo(db),
    calendarFeeds: createCalendarFeedsRepo(db),
    postmortems: createPostmortemsRepo(db),
    evidence: createEvidenceRepo(db),
    journal: createJournalRepo(db),
    advisors: createAdvisorsRepo(db),
    outcomes: createOutcomesRepo(db),
    story: createStoryRepo(db),
  };
}

export type Context = {
  config: Readonly<Config>;
  database: Database;
  repos: Repos;
  /**
   * Runs `work` in one write transaction holding the student's plan lock (see write-transaction.ts),
   * with repositories bound to that transaction: what it reads cannot change before it writes, on
   * either database and across app instances.
   */
  transactForStudent<T>(userId: string, work: (repos: Repos, trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /**
   * Runs a write of one student after that student's earlier writes on this instance (PostgreSQL
   * only; a no-op gate on SQLite). Their writes serialize on the student's row lock anyway; waiting
   * here instead of in the database keeps one student's burst from holding every pooled connection
   * while it waits for that lock (measured: 150 parallel re-plans by one student starved other
   * users into 503s). Past MAX_QUEUED_WRITES_PER_STUDENT it answers "busy, try again".
   */
  queueForStudent<T>(userId: string, work: () => Promise<T>): Promise<T>;
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

/** Writes of one student that may wait on one instance before it answers "busy, try again". */
const MAX_QUEUED_WRITES_PER_STUDENT = 32;

/** One lane per student: each write starts when the one before it has finished. */
function createStudentQueue(): Context['queueForStudent'] {
  const lanes = new Map<string, { tail: Promise<void>; pending: number }>();
  return async (userId, work) => {
    let lane = lanes.get(userId);
    if (!lane) {
      lane = { tail: Promise.resolve(), pending: 0 };
      lanes.set(userId, lane);
    }
    if (lane.pending >= MAX_QUEUED_WRITES_PER_STUDENT) throw new StudentWritesQueuedError();
    lane.pending += 1;
    const before = lane.tail;
    let release = () => {};
    lane.tail = new Promise<void>((resolve) => (release = resolve));
    const current = lane;
    try {
      await before;
      return await work();
    } finally {
      release();
      current.pending -= 1;
      if (current.pending === 0 && lanes.get(userId) === current) lanes.delete(userId);
    }
  };
}

export function createContext(config: Readonly<Config>, database: Database, clock?: Clock): Context {
  const db = database.db;
  const queueForStudent: Context['queueForStudent'] =
    database.kind === 'postgres' ? createStudentQueue() : (_userId, work) => work();
  return {
    config,
    database,
    repos: createRepos(db),
    transactForStudent: (userId, work) =>
      queueForStudent(userId, () =>
        inWriteTransaction(database, async (trx) => {
          await lockStudent(trx, userId);
          return work(createRepos(trx), trx);
        }),
      ),
    queueForStudent,
    writes: createWriteBatcher(db, database.kind),
    now: clock ?? (() => new Date()),
    newId: uuidv7,
  };
}
