// The entry batcher on both databases: entries that arrive together are stored together, each
// caller answered after the commit; one bad entry fails alone and the others are still stored.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createNewCard } from '#domain/journal/schedule.ts';
import { createWriteBatcher } from '#server/db/write-batcher.ts';
import { createJournalRepo } from '#server/repositories/journal.repo.ts';
import { insertUser } from '#tests/factories/users.ts';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { createEntryBatcher, type EntryRow } from './journal-entry-batcher.ts';

const NOW = '2027-01-10T15:00:00.000Z';

describeEachDatabase('journal entry batcher', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    await insertUser(testDb.database.db, 'u1');
    await insertUser(testDb.database.db, 'u2');
  });
  afterAll(() => testDb.drop());

  const row = (id: string, userId: string): EntryRow => ({
    userId,
    id,
    entry: {
      bank: 'uworld',
      questionId: id,
      system: null,
      discipline: null,
      errorType: 'misread',
      keyPoint: `key point ${id}`,
      wrongOptions: [{ option: 'B', why: 'tempting' }],
      teachingPoint: null,
      rule: null,
      confidence: 'sure',
    },
    blockId: null,
    card: createNewCard(Date.parse(NOW)),
    now: NOW,
  });

  function setUp() {
    const db = testDb.database.db;
    const repos = { journal: createJournalRepo(db) };
    return { db, repos, batcher: createEntryBatcher({ writes: createWriteBatcher(db, kind), repos } as never) };
  }

  it('stores entries that arrive together, of several students, and answers each after its commit', async () => {
    const { repos, batcher } = setUp();
    const ids = Array.from({ length: 250 }, (_, i) => `a${String(i).padStart(3, '0')}`);
    await Promise.all(
      ids.map(async (id, i) => {
        const userId = i % 2 === 0 ? 'u1' : 'u2';
        await batcher.insert(row(id, userId));
        // Answered: the entry is there, read through another path than the one that wrote it.
        expect((await repos.journal.getEntry(userId, id))?.keyPoint).toBe(`key point ${id}`);
      }),
    );
    const stored = [...(await repos.journal.listEntries('u1')), ...(await repos.journal.listEntries('u2'))];
    expect(stored.map((e) => e.id).sort()).toEqual(ids);
  });

  it('fails only the entry at fault (an unknown student, an id stored already), storing the rest', async () => {
    const { repos, batcher } = setUp();
    const results = await Promise.allSettled([
      batcher.insert(row('b1', 'u1')),
      batcher.insert(row('b2', 'no-such-user')),
      batcher.insert(row('b3', 'u1')),
      batcher.insert(row('a000', 'u1')),
      batcher.insert(row('b4', 'u2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    const ids = [...(await repos.journal.listEntries('u1')), ...(await repos.journal.listEntries('u2'))]
      .map((e) => e.id)
      .filter((id) => id.startsWith('b'));
    expect(ids.sort()).toEqual(['b1', 'b3', 'b4']);
    // And it keeps taking entries after a failed batch.
    await batcher.insert(row('b5', 'u2'));
    expect(await repos.journal.getEntry('u2', 'b5')).toBeDefined();
  });
});
