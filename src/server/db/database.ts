import { Kysely, Migrator, PostgresAdapter, sql } from 'kysely';
import type { Config } from '../config.ts';
import { createPostgresDialect } from './dialects/postgres.ts';
import { createSqliteDialect } from './dialects/sqlite.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** True when a trivial query answers within a few seconds. */
  isReachable(): Promise<boolean>;
  /**
   * Where to report connections the database server ended while idle (a restart, a failover).
   * They are not failures of any request, and the pool replaces them; until a listener is set
   * they are dropped silently.
   */
  reportConnectionErrorsTo(listener: (error: Error) => void): void;
  close(): Promise<void>;
};

/** /readyz answers within this, even when the database is unreachable rather than refusing. */
const READY_CHECK_TIMEOUT_MS = 3_000;

export function openDatabase(settings: Config['database']): Database {
  let db: Kysely<DB>;
  let reportConnectionError: (error: Error) => void = () => undefined;
  if (settings.kind === 'sqlite') {
    db = new Kysely<DB>({ dialect: createSqliteDialect(settings.file) });
  } else {
    const { dialect } = createPostgresDialect(settings.url, {
      schema: settings.schema,
      applicationName: settings.applicationName,
      onConnectionError: (error) => reportConnectionError(error),
    });
    db = new Kysely<DB>({ dialect });
  }
  return {
    db,
    kind: settings.kind,
    async isReachable() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), READY_CHECK_TIMEOUT_MS);
      });
      try {
        return await Promise.race([
          sql`select 1`.execute(db).then(
            () => true,
            () => false,
          ),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    reportConnectionErrorsTo(listener) {
      reportConnectionError = listener;
    },
    close: () => db.destroy(),
  };
}

/**
 * Brings the schema to the latest migration. On PostgreSQL Kysely holds an advisory lock while it
 * migrates, so several app instances starting together never race.
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = await createMigrator(db);
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Kysely's migrator over the app's migrations (tests use it to step back and forth). */
export async function createMigrator(db: Kysely<DB>): Promise<Migrator> {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its migration tables in every schema it can see: with another deployment
    // (or another test) in a second schema on the same server it would find theirs, skip creating
    // its own, and fail with 'relation "kysely_migration_lock" does not exist'. Pin them to ours.
    ...(db.getExecutor().adapter instanceof PostgresAdapter ? { migrationTableSchema: await currentSchema(db) } : {}),
  });
}

/** The schema unqualified names resolve to: the search_path's first (`public` by default). */
async function currentSchema(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: check the search_path');
  return schema;
}
