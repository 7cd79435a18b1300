// The journal migration on both databases: `down` drops its two tables and `up` makes them again;
// a card's numbers and the rating read back exactly.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { down, up } from './202612010400_journal.ts';

describeEachDatabase('migration 202612010400_journal', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(() => testDb.drop());

  it('runs down and up again, and keeps numbers exactly', async () => {
    const db = testDb.database.db;
    const schema = testDb.settings.kind === 'postgres' ? testDb.settings.schema : undefined;
    const tables = async () =>
      (await db.introspection.getTables()).filter((t) => !schema || t.schema === schema).map((t) => t.name);
    await down(db);
    expect(await tables()).not.toContain('journal_entries');
    expect(await tables()).not.toContain('journal_reviews');
    await up(db);
    expect(await tables()).toEqual(expect.arrayContaining(['journal_entries', 'journal_reviews']));

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
    const card = { stability: 7.123456789012345, difficulty: 5e-324, due: '2027-01-02T18:10:00.000Z' };
    await db
      .insertInto('journal_entries')
      .values({
        id: 'e1',
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
      })
      .execute();
    await db
      .insertInto('journal_reviews')
      .values({
        id: 'r1',
        user_id: 'u1',
        entry_id: 'e1',
        rating: 4,
        reviewed_at: 'x',
        duration_ms: 2_147_483_000,
        card_before_json: '{}',
        card_after_json: JSON.stringify(card),
        fsrs_due: card.due,
        adjustment: 'none',
      })
      .execute();
    const entry = await db.selectFrom('journal_entries').select('card_json').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.card_json)).toEqual(card);
    const review = await db.selectFrom('journal_reviews').select(['rating', 'duration_ms']).executeTakeFirstOrThrow();
    expect({ rating: Number(review.rating), durationMs: Number(review.duration_ms) }).toEqual({
      rating: 4,
      durationMs: 2_147_483_000,
    });
    // Deleting the student takes the journal with it.
    await db.deleteFrom('users').where('id', '=', 'u1').execute();
    expect(await db.selectFrom('journal_reviews').selectAll().execute()).toEqual([]);
  });
});
