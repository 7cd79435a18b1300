import { Kysely, Migrator, sql } from 'kysely';
import type { Config } from '../config.ts';
import { createPostgresDialect } from './dialects/postgres.ts';
import { createSqliteDialect } from './dialects/sqlite.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** True when a trivial query answers. */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
};

export function openDatabase(settings: Config['database']): Database {
  let db: Kysely<DB>;
  if (settings.kind === 'sqlite') {
    db = new Kysely<DB>({ dialect: createSqliteDialect(settings.file) });
  } else {
    const { dialect } = createPostgresDialect(settings.url, settings.schema);
    db = new Kysely<DB>({ dialect });
  }
  return {
    db,
    kind: settings.kind,
    async isReachable() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

/**
 * Brings the schema to the latest migration. On PostgreSQL Kysely holds an advisory lock while it
 * migrates, so several app instances starting together never race.
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
