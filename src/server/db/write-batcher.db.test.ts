import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '#tests/factories/users.ts';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { createWriteBatcher } from './write-batcher.ts';

describeEachDatabase('write batcher', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    await insertUser(testDb.database.db, 'u1');
  });
  afterAll(() => testDb.drop());

  it('commits writes that arrive together, and a failing one alone is rolled back', async () => {
    const batcher = createWriteBatcher(testDb.database.db, kind);
    const write = (id: string, userId: string) =>
      batcher.run((trx) =>
        trx
          .insertInto('wellbeing_checkins')
          .values({
            id,
            user_id: userId,
            date: '2026-11-24',
            sleep_hours: 7,
            stress: 2,
            mood: 4,
            note: null,
            created_at: 'x',
          })
          .execute(),
      );
    const results = await Promise.allSettled([
      write('a', 'u1'),
      write('b', 'no-such-user'),
      write('c', 'u1'),
      write('a', 'u1'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    const rows = await testDb.database.db.selectFrom('wellbeing_checkins').select('id').orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('keeps taking writes after a batch, in order', async () => {
    const batcher = createWriteBatcher(testDb.database.db, kind);
    const ids = Array.from({ length: 50 }, (_, i) => `n${String(i).padStart(2, '0')}`);
    await Promise.all(
      ids.map((id) =>
        batcher.run((trx) =>
          trx
            .insertInto('wellbeing_checkins')
            .values({
              id,
              user_id: 'u1',
              date: '2026-11-25',
              sleep_hours: 7,
              stress: 2,
              mood: 4,
              note: null,
              created_at: 'x',
            })
            .execute(),
        ),
      ),
    );
    const rows = await testDb.database.db
      .selectFrom('wellbeing_checkins')
      .select('id')
      .where('date', '=', '2026-11-25')
      .execute();
    expect(rows).toHaveLength(50);
  });
});

describe('write batcher, two processes on one SQLite file', () => {
  it('commits every write of both processes (BEGIN IMMEDIATE: no SQLITE_BUSY_SNAPSHOT)', async () => {
    // Given a migrated file and two processes that each batch 300 read-then-write jobs into it
    const testDb = await createTestDatabase('sqlite');
    try {
      await insertUser(testDb.database.db, 'u1');
      if (testDb.settings.kind !== 'sqlite') throw new Error('unreachable');
      const file = testDb.settings.file;
      const run = (prefix: string) =>
        new Promise<{ written: number; failed: number; errors: string[] }>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            ['--import', 'tsx', 'tests/fixtures/batcher-writer.ts', file, prefix, '12', '25'],
            { stdio: ['ignore', 'pipe', 'pipe'] },
          );
          let out = '';
          let err = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
          child.on('exit', (code) =>
            code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`writer exited ${code}: ${err}`)),
          );
        });
      // When both run at once
      const [a, b] = await Promise.all([run('a'), run('b')]);
      // Then neither lost a write, and every write is in the file
      expect({ a: a.errors, b: b.errors }).toEqual({ a: [], b: [] });
      expect(a.written + b.written).toBe(600);
      const rows = await testDb.database.db
        .selectFrom('wellbeing_checkins')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(rows.n)).toBe(600);
    } finally {
      await testDb.drop();
    }
  }, 60_000);
});
