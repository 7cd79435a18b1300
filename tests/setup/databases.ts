/**
 * Real databases for tests: SQLite always, PostgreSQL whenever it is reachable and always under
 * CI=true (where an unreachable PostgreSQL fails the run instead of skipping). Each test file gets
 * its own SQLite file or its own PostgreSQL schema, so runs cannot interfere.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import type { Config } from '#server/config.ts';
import { migrateToLatest, openDatabase, type Database, type DatabaseKind } from '#server/db/database.ts';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const IS_CI = process.env.CI === 'true' || process.env.CI === '1';

/** True when a PostgreSQL server answers a trivial query at `url` within 3 s. */
export async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let postgresReachable: Promise<boolean> | null = null;
export function isPostgresReachable(): Promise<boolean> {
  postgresReachable ??= isReachable(POSTGRES_URL);
  return postgresReachable;
}

export type TestDatabase = { database: Database; settings: Config['database']; drop(): Promise<void> };

/** A fresh, migrated database of the given kind. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-test-'));
    const settings = { kind: 'sqlite' as const, file: path.join(dir, 'test.sqlite') };
    const database = openDatabase(settings);
    await migrateToLatest(database.db);
    return {
      database,
      settings,
      async drop() {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!(await isPostgresReachable())) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_URL}. Under CI=true the PostgreSQL tests must run. ` +
        'Start PostgreSQL or set TEST_DATABASE_URL.',
    );
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const settings = { kind: 'postgres' as const, url: POSTGRES_URL, schema };
  const database = openDatabase(settings);
  await migrateToLatest(database.db);
  return {
    database,
    settings,
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`drop schema if exists ${schema} cascade`);
      await cleanup.end();
    },
  };
}

const pgAvailable = await isPostgresReachable();
if (!pgAvailable && !IS_CI) {
  process.stderr.write(`note: PostgreSQL not reachable at ${POSTGRES_URL}; its tests are skipped outside CI.\n`);
}

/** The databases this run covers: PostgreSQL is required under CI, optional elsewhere. */
export const DATABASE_KINDS: DatabaseKind[] = pgAvailable || IS_CI ? ['sqlite', 'postgres'] : ['sqlite'];

/** Runs the same suite once per database kind. */
export function describeEachDatabase(name: string, suite: (kind: DatabaseKind) => void) {
  for (const kind of DATABASE_KINDS) describe(`${name} [${kind}]`, () => suite(kind));
}
