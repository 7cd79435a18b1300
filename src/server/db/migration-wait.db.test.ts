import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, POSTGRES_URL } from '#tests/setup/databases.ts';
import { migrateToLatest, openDatabase, type Database } from './database.ts';
import { migrations } from './migrations/index.ts';
import { pendingMigrations, waitForLatestSchema } from './migration-wait.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An empty database (no migration run), as an instance started before `npm run migrate` sees it. */
async function emptyDatabase(kind: 'sqlite' | 'postgres'): Promise<{ database: Database; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-wait-'));
    const database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'db.sqlite') });
    return {
      database,
      async drop() {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `w_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema });
  return {
    database,
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`drop schema if exists ${schema} cascade`);
      await cleanup.end();
    },
  };
}

describeEachDatabase('waiting for `npm run migrate` (MIGRATE_ON_START=false)', (kind) => {
  let empty: Awaited<ReturnType<typeof emptyDatabase>>;
  beforeAll(async () => {
    empty = await emptyDatabase(kind);
  });
  afterAll(() => empty.drop());

  it('waits while migrations are pending, says which, and resolves once they have run', async () => {
    const known = Object.keys(migrations).sort();
    expect(await pendingMigrations(empty.database)).toEqual(known);
    const lines: string[] = [];
    let resolved: boolean | null = null;
    const waiting = waitForLatestSchema(empty.database, {
      pollMs: 10,
      reportEveryMs: 0,
      log: (l) => lines.push(l),
    }).then((value) => {
      resolved = value;
    });
    await sleep(100);
    expect(resolved).toBeNull();
    expect(lines[0]).toMatch(new RegExp(`${known.length} migrations not applied \\(${known[0]}, `));
    await migrateToLatest(empty.database.db);
    await waiting;
    expect(resolved).toBe(true);
    expect(await pendingMigrations(empty.database)).toEqual([]);
  });

  it('resolves false when stopped (SIGTERM while waiting), and at once when nothing is pending', async () => {
    // Nothing pending now (the first test migrated): true without waiting.
    expect(await waitForLatestSchema(empty.database, { pollMs: 10 })).toBe(true);
    const fresh = await emptyDatabase(kind);
    try {
      const stopper = new AbortController();
      const waiting = waitForLatestSchema(fresh.database, { pollMs: 10, log: () => undefined, signal: stopper.signal });
      await sleep(50);
      stopper.abort();
      expect(await waiting).toBe(false);
    } finally {
      await fresh.drop();
    }
  });
});
