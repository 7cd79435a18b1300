import { afterAll, beforeAll, expect, it } from 'vitest';
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
