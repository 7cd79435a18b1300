import type { JournalEntry } from '#domain/journal/entry.ts';
import type { ReviewCard } from '#domain/journal/schedule.ts';
import type { Context } from '../context.ts';
import { isDatabaseUnavailable } from '../db/dialects/errors.ts';
import { INSERT_CHUNK } from '../repositories/journal.repo.ts';

export type EntryRow = {
  userId: string;
  id: string;
  entry: JournalEntry;
  blockId: string | null;
  card: ReviewCard;
  now: string;
};

type Pending = { row: EntryRow; resolve: () => void; reject: (error: unknown) => void };

/**
 * Group commit for single journal entries (an add without an idempotency key: nothing else to
 * commit with it). Entries that arrive while an insert is on its way to disk wait for it and then go
 * together, any students', in one multi-row INSERT through writes.runStatement: on PostgreSQL one
 * statement, its own transaction, one WAL flush and one round trip for them all, where each entry
 * took BEGIN, INSERT and COMMIT on a connection of its own; on SQLite one job of the group commit.
 * Every caller is answered only after the commit that holds its entry. When the shared INSERT fails
 * (an account deleted meanwhile: its user row is gone), each entry is tried again alone, so only the
 * one at fault fails; when the database is unreachable, all of them fail at once.
 *
 * Up to MAX_INSERTS_IN_FLIGHT inserts run at once: an INSERT that waits on a lock (on PostgreSQL its
 * foreign key waits for an account deletion holding that user's row) holds up only its own batch,
 * never every other student's entries behind it.
 */
export const MAX_INSERTS_IN_FLIGHT = 4;

export function createEntryBatcher(ctx: Pick<Context, 'writes' | 'repos'>) {
  let queue: Pending[] = [];
  let inFlight = 0;

  const insertAlone = (row: EntryRow) =>
    ctx.writes.runStatement((trx) => ctx.repos.journal.insertEntriesOfUsers(trx, [row]));

  async function flush(): Promise<void> {
    if (inFlight >= MAX_INSERTS_IN_FLIGHT || queue.length === 0) return;
    inFlight += 1;
    // At most one INSERT's worth: more than that would be several statements, so several commits.
    const batch = queue.slice(0, INSERT_CHUNK);
    queue = queue.slice(INSERT_CHUNK);
    try {
      await ctx.writes.runStatement((trx) =>
        ctx.repos.journal.insertEntriesOfUsers(
          trx,
          batch.map((p) => p.row),
        ),
      );
      for (const p of batch) p.resolve();
    } catch (error) {
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        for (const p of batch) p.reject(error);
      } else {
        // Nothing of the batch is stored (the statement failed as a whole): each alone, in turn.
        await Promise.all(batch.map((p) => insertAlone(p.row).then(p.resolve, p.reject)));
      }
    } finally {
      inFlight -= 1;
      void flush();
    }
  }

  return {
    /** Resolves once the entry is committed (on disk); rejects with the database's error. */
    insert(row: EntryRow): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        void flush();
      });
    },
  };
}

const batchers = new WeakMap<Context['writes'], ReturnType<typeof createEntryBatcher>>();

/** The app's one entry batcher (one per write batcher, so per app instance and database). */
export function entryBatcherOf(ctx: Context): ReturnType<typeof createEntryBatcher> {
  let batcher = batchers.get(ctx.writes);
  if (!batcher) {
    batcher = createEntryBatcher(ctx);
    batchers.set(ctx.writes, batcher);
  }
  return batcher;
}
