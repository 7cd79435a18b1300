/**
 * Migrations as a step of their own. `npm run migrate` (or an instance with MIGRATE_ON_START, the
 * default) applies them under Kysely's advisory lock on PostgreSQL, so two migrators never race;
 * an instance with MIGRATE_ON_START=false never migrates: it polls until the schema has every
 * migration it knows, and only then serves.
 */
import { isDatabaseBusy, isDatabaseUnavailable } from './dialects/errors.ts';
import { createMigrator, migrateToLatest, type Database } from './database.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Log = (line: string) => void;
const toStderr: Log = (line) => process.stderr.write(`${line}\n`);

/**
 * Migrates once the database answers. A process started while PostgreSQL is still coming up (a
 * restart, a failover, the whole deployment booting at once) waits for it, about 4 minutes at most,
 * instead of exiting; a real error (a failed migration) still stops it at once.
 */
export async function migrateWhenReachable(database: Database, log: Log = toStderr): Promise<string[]> {
  const MAX_ATTEMPTS = 30;
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateToLatest(database.db);
    } catch (error) {
      if (!(isDatabaseUnavailable(error) || isDatabaseBusy(error)) || attempt >= MAX_ATTEMPTS) throw error;
      const waitMs = Math.min(10_000, 250 * 2 ** attempt);
      const reason = error instanceof Error ? error.message : String(error);
      log(`The database is not reachable yet (${reason}); trying again in ${waitMs / 1000} s`);
      await sleep(waitMs);
    }
  }
}

/** The names of the migrations this code knows that the database has not run yet. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const migrator = await createMigrator(database.db);
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

export type WaitOptions = {
  /** Between two looks at the schema. */
  pollMs?: number;
  /** How often a "still waiting" line is written. */
  reportEveryMs?: number;
  log?: Log;
  /** Stops the wait (SIGTERM while waiting): resolves false. */
  signal?: AbortSignal;
};

/**
 * Resolves true once the schema has every migration this code knows (migrations newer than the code,
 * applied for the next release, do not hold it up), false if `signal` aborts first. An unreachable
 * database is waited for like a pending migration.
 */
export async function waitForLatestSchema(database: Database, options: WaitOptions = {}): Promise<boolean> {
  const pollMs = options.pollMs ?? 1_000;
  const reportEveryMs = options.reportEveryMs ?? 30_000;
  const log = options.log ?? toStderr;
  let lastReport = -Infinity;
  for (;;) {
    if (options.signal?.aborted) return false;
    let waitingFor: string;
    try {
      const pending = await pendingMigrations(database);
      if (pending.length === 0) return true;
      waitingFor = `${pending.length} migration${pending.length === 1 ? '' : 's'} not applied (${pending.join(', ')})`;
    } catch (error) {
      if (!(isDatabaseUnavailable(error) || isDatabaseBusy(error))) throw error;
      waitingFor = `the database is not reachable (${error instanceof Error ? error.message : String(error)})`;
    }
    const now = performance.now();
    if (now - lastReport >= reportEveryMs) {
      log(`Waiting for \`npm run migrate\` (MIGRATE_ON_START=false): ${waitingFor}; /readyz answers 503 meanwhile`);
      lastReport = now;
    }
    await sleep(pollMs);
  }
}
