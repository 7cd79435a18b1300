import type { Kysely, Transaction } from 'kysely';
import type { DatabaseKind } from './database.ts';
import type { DB } from './schema.ts';

export type WriteWork<T> = (trx: Transaction<DB>) => Promise<T>;

/** Runs a small write in a transaction and resolves only once it is committed to disk. */
export type WriteBatcher = { run<T>(work: WriteWork<T>): Promise<T> };

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
    return { run: (work) => db.transaction().execute(work) };
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
      const trx = await db.startTransaction().execute();
      try {
        for (const [index, job] of batch.entries()) {
          const name = `w${index}`;
          const savepoint = await trx.savepoint(name).execute();
          let value: unknown;
          try {
            value = await job.work(savepoint);
          } catch (error) {
            outcomes.push({ ok: false, value: error });
            await savepoint.rollbackToSavepoint(name).execute();
            continue;
          }
          // The outcome is recorded only once the savepoint is released; a failed release fails the batch.
          await savepoint.releaseSavepoint(name).execute();
          outcomes.push({ ok: true, value });
        }
        await trx.commit().execute();
      } catch (error) {
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
        throw error;
      }
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

  return {
    run<T>(work: WriteWork<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work: work as WriteWork<unknown>, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
  };
}
