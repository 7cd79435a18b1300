import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from './database.ts';
import type { DB } from './schema.ts';

/** A write run inside the batch's transaction; it must use the executor it is given. */
export type WriteWork<T> = (trx: Kysely<DB>) => Promise<T>;

/** Runs a small write in a transaction and resolves only once it is committed to disk. */
export type WriteBatcher = {
  run<T>(work: WriteWork<T>): Promise<T>;
  /**
   * run() for work that is exactly one statement (a single INSERT): on PostgreSQL the statement is
   * its own transaction, committed (flushed to disk: synchronous_commit) before it answers, without
   * the two round trips of BEGIN and COMMIT; on SQLite it joins the group commit as run() does.
   * Work of more than one statement must use run(): here each statement would commit on its own.
   */
  runStatement<T>(work: WriteWork<T>): Promise<T>;
};

type Job = { work: WriteWork<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/**
 * Group commit for the embedded database. With synchronous=FULL every SQLite commit waits for an
 * fsync, so one commit per request caps writes at the disk's commit rate. Writes that arrive
 * together (in the same turn of the event loop) share one transaction and one fsync; each runs in
 * its own savepoint, so one that fails is rolled back alone and the others still commit. Every caller
 * is answered only after the shared commit, so no acknowledged write can be lost.
 *
 * PostgreSQL batches commits itself (commit_delay, WAL group flush) and runs queries concurrently:
 * there each write simply gets its own transaction.
 */
export function createWriteBatcher(db: Kysely<DB>, kind: DatabaseKind): WriteBatcher {
  if (kind === 'postgres') {
    return { run: (work) => db.transaction().execute(work), runStatement: (work) => work(db) };
  }
  let queue: Job[] = [];
  let isFlushing = false;
  let isScheduled = false;

  const schedule = () => {
    if (isScheduled || isFlushing || queue.length === 0) return;
    isScheduled = true;
    setImmediate(() => {
      isScheduled = false;
      void flush();
    });
  };

  async function flush() {
    isFlushing = true;
    const batch = queue;
    queue = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      // BEGIN IMMEDIATE: the write lock is taken before the first read, so a second process on the
      // same file makes this wait (busy_timeout) rather than fail with SQLITE_BUSY_SNAPSHOT.
      await db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          for (const [index, job] of batch.entries()) {
            const name = sql.raw(`w${index}`);
            await sql`savepoint ${name}`.execute(conn);
            let value: unknown;
            try {
              value = await job.work(conn);
            } catch (error) {
              outcomes.push({ ok: false, value: error });
              await sql`rollback to savepoint ${name}`.execute(conn);
              await sql`release savepoint ${name}`.execute(conn);
              continue;
            }
            // The outcome is recorded only once the savepoint is released; a failed release fails the batch.
            await sql`release savepoint ${name}`.execute(conn);
            outcomes.push({ ok: true, value });
          }
          await sql`commit`.execute(conn);
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        }
      });
      batch.forEach((job, index) => {
        const outcome = outcomes[index]!;
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(outcome.value);
      });
    } catch (error) {
      // The commit itself failed: nothing in the batch is on disk, so every caller hears so.
      for (const job of batch) job.reject(error);
    } finally {
      isFlushing = false;
      schedule();
    }
  }

  function run<T>(work: WriteWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work: work as WriteWork<unknown>, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
  }
  return { run, runStatement: run };
}
