import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import { AccountGoneError } from './dialects/errors.ts';
import type { DB } from './schema.ts';

/**
 * Runs `work` in one transaction that may write, and resolves once it is committed.
 *
 * SQLite: `BEGIN IMMEDIATE` takes the write lock before the first read, so what the work reads
 * cannot change before it writes, and a second process sharing the file waits (busy_timeout)
 * instead of failing with SQLITE_BUSY_SNAPSHOT, which a deferred transaction that reads and then
 * writes gets when another process committed in between.
 * PostgreSQL: an ordinary READ COMMITTED transaction; `lockStudent` serializes per student.
 *
 * The work must use the executor it is given, never the app's `db` (on SQLite that would wait for
 * the one connection the transaction holds).
 */
export async function inWriteTransaction<T>(database: Database, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (database.kind === 'postgres') return database.db.transaction().execute(work);
  return database.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    let value: T;
    try {
      value = await work(conn);
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
    try {
      await sql`commit`.execute(conn);
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
    return value;
  });
}

/** True when `db` (the app's, or a transaction's) talks to PostgreSQL. */
export function isPostgres(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Serializes, per student, every transaction that reads and then changes their plan items (a
 * re-plan, a tick, a logged block or exam that ticks an item, deleting a block). On PostgreSQL it
 * locks the student's account row until the transaction ends (FOR NO KEY UPDATE: it does not block
 * inserts elsewhere that reference the account); on SQLite the write transaction already holds the
 * database's single write lock, so there is nothing more to take.
 */
export async function lockStudent(trx: Kysely<DB>, userId: string): Promise<void> {
  if (!isPostgres(trx)) return;
  // A lock held by a stuck or cut-off instance must not hold this connection for ever: after
  // LOCK_TIMEOUT the request answers 503 "busy, try again" (55P03, dialects/errors.ts).
  await sql`set local lock_timeout = ${sql.lit(LOCK_TIMEOUT)}`.execute(trx);
  const rows = await trx.selectFrom('users').select('id').where('id', '=', userId).forNoKeyUpdate().execute();
  // Deleted meanwhile (its deletion takes this lock first, users.repo.ts): nothing to write for.
  if (rows.length === 0) throw new AccountGoneError();
}

/** How long a write waits for a student's lock before giving up (PostgreSQL lock_timeout). */
const LOCK_TIMEOUT = '3s';
