import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * The offline write queue (issue 13): writes made without a connection, or that failed with a
 * network error, wait here in IndexedDB, each with the Idempotency-Key it got when it was first
 * made, and are sent in the order they were made once the network is back. The server applies a
 * replayed key once (docs/idempotency.md), so a write whose answer was lost is never doubled.
 * A write the server refuses (the plan changed meanwhile, 409; a rule, 4xx) stays in the queue as a
 * "conflict" with the server's message until the student dismisses it: never silently dropped.
 * A write the server applied to something that changed meanwhile (a tick on an item a push-back
 * moved) stays as a "notice" saying so, until dismissed.
 */

export type QueuedWriteState = 'waiting' | 'conflict' | 'notice';

/**
 * What the page knew when the write was made, to say what happened to it later: for a plan tick,
 * the item as the student saw it (the plan may move or remove it before the tick reaches the server).
 */
export type WriteContext = {
  kind: 'plan-tick';
  itemId: string;
  /** The item's day and start as shown when it was ticked. */
  date: string;
  start: string | null;
  /** "New questions · 20 q". */
  title: string;
  status: 'done' | 'skipped' | null;
};

/** The server's refusal (a conflict), or what it said about an applied write (a notice, status 2xx). */
export type WriteProblem = {
  status: number;
  code: string;
  message: string;
  /** The error's structured details (a tick's refusal carries the item as it is now). */
  details?: Readonly<Record<string, unknown>>;
};

export type QueuedWrite = {
  /** Order of creation (IndexedDB auto-increment). */
  seq: number;
  /** The Idempotency-Key, generated once when the write was first made. */
  key: string;
  /** The signed-in user who made it: only their session sends it. */
  userId: string;
  method: 'POST' | 'PUT' | 'DELETE';
  path: string;
  body: unknown;
  /** What the student sees in the list ("Block: 28 of 40"). */
  label: string;
  /** Writes with the same dedupe key replace nothing: a second one while the first waits is not queued. */
  dedupe: string | null;
  createdAt: string;
  state: QueuedWriteState;
  attempts: number;
  /** The server's refusal, for a conflict; its note, for a notice. */
  problem: WriteProblem | null;
  /** Absent in writes queued before it existed. */
  context?: WriteContext | null;
};

export type NewWrite = Pick<QueuedWrite, 'key' | 'userId' | 'method' | 'path' | 'body' | 'label'> & {
  dedupe?: string | null;
  context?: WriteContext | null;
};

/** What one attempt to send a write came to. */
export type SendOutcome =
  /** Applied. A `note` says something changed meanwhile (kept as a notice until dismissed). */
  | { kind: 'sent'; note?: string }
  /** No connection, a timeout, or a server that is down or busy (5xx): try again later. */
  | { kind: 'retry' }
  /** The session is gone (401): keep the write until its user signs in again. */
  | { kind: 'signed-out' }
  /** The server refused it (409 PLAN_CHANGED, 422, 400, 404…): shown to the student. */
  | { kind: 'refused'; status: number; code: string; message: string; details?: Readonly<Record<string, unknown>> };

interface OfflineSchema extends DBSchema {
  writes: { key: number; value: QueuedWrite; indexes: { byUser: string } };
}

export const OFFLINE_DB_NAME = 'comeback-offline';

export function openOfflineDb(name = OFFLINE_DB_NAME): Promise<IDBPDatabase<OfflineSchema>> {
  return openDB<OfflineSchema>(name, 1, {
    upgrade(db) {
      const store = db.createObjectStore('writes', { keyPath: 'seq', autoIncrement: true });
      store.createIndex('byUser', 'userId');
    },
  });
}

/** Waits between retries: 2 s, 4 s, 8 s … up to a minute, by attempts so far. */
export function backoffMs(failures: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, failures - 1));
}

export type WriteQueue = ReturnType<typeof createWriteQueue>;

/**
 * The queue over one IndexedDB database. `send` performs one write (with its key); `now` and the
 * timer functions are injectable for tests. `flush` sends the user's waiting writes one at a time,
 * oldest first, and stops at the first one that must be retried (so later writes never overtake
 * it); `scheduleRetry` arranges the next flush after a backoff.
 */
export function createWriteQueue(options: {
  db: Promise<IDBPDatabase<OfflineSchema>>;
  send: (write: QueuedWrite) => Promise<SendOutcome>;
  now?: () => Date;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}) {
  const now = options.now ?? (() => new Date());
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const listeners = new Set<() => void>();
  let running: Promise<void> | null = null;
  let runningUser: string | null = null;
  let again = false;
  let failures = 0;
  let timer: unknown = null;
  let activeUser: string | null = null;

  const notify = () => listeners.forEach((listener) => listener());

  async function list(userId: string): Promise<QueuedWrite[]> {
    const db = await options.db;
    const writes = await db.getAllFromIndex('writes', 'byUser', userId);
    return writes.sort((a, b) => a.seq - b.seq);
  }

  async function add(write: NewWrite): Promise<QueuedWrite> {
    const db = await options.db;
    const dedupe = write.dedupe ?? null;
    if (dedupe !== null) {
      const same = (await list(write.userId)).find((w) => w.dedupe === dedupe && w.state === 'waiting');
      if (same) return same;
    }
    const record: Omit<QueuedWrite, 'seq'> = {
      ...write,
      dedupe,
      context: write.context ?? null,
      createdAt: now().toISOString(),
      state: 'waiting',
      attempts: 0,
      problem: null,
    };
    const seq = await db.add('writes', record as QueuedWrite);
    notify();
    return { ...record, seq };
  }

  async function flushOnce(userId: string): Promise<'done' | 'stopped'> {
    const db = await options.db;
    for (const write of await list(userId)) {
      if (write.state !== 'waiting') continue;
      // Signed out, or another user signed in, while this run was sending: never send this user's
      // writes under another session (the server would apply them to the other account).
      if (activeUser !== userId) return 'stopped';
      const outcome = await options.send(write).catch((): SendOutcome => ({ kind: 'retry' }));
      if (outcome.kind === 'sent' && outcome.note) {
        await db.put('writes', {
          ...write,
          attempts: write.attempts + 1,
          state: 'notice',
          problem: { status: 200, code: 'APPLIED', message: outcome.note },
        });
        failures = 0;
        notify();
        continue;
      }
      if (outcome.kind === 'sent') {
        await db.delete('writes', write.seq);
        failures = 0;
        notify();
        continue;
      }
      if (outcome.kind === 'refused') {
        await db.put('writes', {
          ...write,
          attempts: write.attempts + 1,
          state: 'conflict',
          problem: {
            status: outcome.status,
            code: outcome.code,
            message: outcome.message,
            ...(outcome.details ? { details: outcome.details } : {}),
          },
        });
        notify();
        continue;
      }
      await db.put('writes', { ...write, attempts: write.attempts + 1 });
      notify();
      if (outcome.kind === 'retry') {
        failures += 1;
        scheduleRetry(userId);
      }
      return 'stopped';
    }
    return 'done';
  }

  /**
   * Sends the user's waiting writes in order. A call during a run makes the run go over the queue
   * once more (a write added meanwhile), unless it stopped to back off.
   */
  function flush(userId: string): Promise<void> {
    activeUser = userId;
    if (running && runningUser === userId) {
      again = true;
      return running;
    }
    // A run for another user (who just signed out) stops before its next send; this user's run
    // starts once it has.
    if (running) return running.then(() => flush(userId));
    runningUser = userId;
    running = (async () => {
      let outcome: 'done' | 'stopped';
      do {
        again = false;
        outcome = await flushOnce(userId);
      } while (again && outcome === 'done');
    })().finally(() => {
      running = null;
      runningUser = null;
    });
    return running;
  }

  function scheduleRetry(userId: string) {
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      void flush(userId);
    }, backoffMs(failures));
  }

  return {
    add,
    list,
    flush,
    /** The network is back (the online event): try at once, with the backoff reset. */
    retryNow(userId: string) {
      failures = 0;
      if (timer !== null) clearTimer(timer);
      timer = null;
      return flush(userId);
    },
    /** Removes a conflict or notice the student has read (or a waiting write they chose to discard). */
    async dismiss(seq: number) {
      const db = await options.db;
      await db.delete('writes', seq);
      notify();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Stops the retry timer (sign-out). */
    stop() {
      if (timer !== null) clearTimer(timer);
      timer = null;
      activeUser = null;
    },
    get activeUser() {
      return activeUser;
    },
  };
}
