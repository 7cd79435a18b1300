// The journal's schedule columns on both databases: `up` fills them from the stored cards exactly,
// `down` removes them, and the repository's queue read gives what parsing every card gives.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toQueueCard } from '#domain/journal/queue.ts';
import { applyReview, createNewCard, type ReviewCard } from '#domain/journal/schedule.ts';
import { createJournalRepo } from '#server/repositories/journal.repo.ts';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { down, up } from './202612011000_journal_signals.ts';

describeEachDatabase('migration 202612011000_journal_signals', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(() => testDb.drop());

  const nowMs = Date.parse('2027-01-10T15:00:00Z');
  const reviewed: ReviewCard = applyReview({ card: createNewCard(nowMs), rating: 3, nowMs, exam: null }).cardAfter;
  const cards: Record<string, ReviewCard> = {
    e1: createNewCard(nowMs),
    e2: reviewed,
    e3: { ...reviewed, stability: 7.123456789012345, due: '2027-01-12T18:10:00.123Z', lapses: 2 },
  };

  it('fills the columns from card_json exactly, and down and up again keep them', async () => {
    const db = testDb.database.db;
    await down(db);
    await db
      .insertInto('users')
      .values({
        id: 'u1',
        email: 'u1@school.edu',
        password_hash: 'h',
        role: 'student',
        created_at: 'x',
        password_changed_at: 'x',
      })
      .execute();
    for (const [id, card] of Object.entries(cards)) {
      await db
        .insertInto('journal_entries')
        .values({
          id,
          user_id: 'u1',
          bank: 'uworld',
          question_id: null,
          system: null,
          discipline: null,
          error_type: 'misread',
          key_point: 'k',
          wrong_options_json: '[]',
          teaching_point: null,
          rule_json: null,
          confidence: null,
          block_id: null,
          card_json: JSON.stringify(card),
          due_at: card.due,
          created_at: 'x',
          updated_at: 'x',
        } as never)
        .execute();
    }
    await up(db);
    const expected = Object.entries(cards)
      .map(([id, card]) => toQueueCard(id, card))
      .sort((a, b) => a.dueMs - b.dueMs);
    const repo = createJournalRepo(db);
    expect(await repo.listCards('u1')).toEqual(expected);
    const rows = await db.selectFrom('journal_entries').select(['id', 'due_ms', 'stability']).orderBy('id').execute();
    expect(rows.map((r) => r.stability)).toEqual([cards.e1!.stability, reviewed.stability, 7.123456789012345]);
    expect(rows[2]!.due_ms).toBe(Date.parse('2027-01-12T18:10:00.123Z'));
    const lapses = await db.selectFrom('journal_entries').select('card_lapses').orderBy('id').execute();
    expect(lapses.map((r) => Number(r.card_lapses))).toEqual([0, 0, 2]);

    // A row written without the columns (an older writer) is still read, from its card.
    await db.updateTable('journal_entries').set({ due_ms: null }).where('id', '=', 'e3').execute();
    expect(await repo.listCards('u1')).toEqual(expect.arrayContaining(expected));
    expect(await repo.listCards('u1')).toHaveLength(3);

    await down(db);
    await up(db);
    expect(await repo.listCards('u1')).toEqual(expected);
  });
});
