/*
 * The review queue's deck cache (journal-deck-cache.ts) never serves a stale deck: after every kind
 * of write to the journal, the next GET /api/journal/review (through the cache) equals the queue
 * computed with the deck read afresh. Writes go through the app, through the second app instance
 * (on PostgreSQL it has its own pool and its own cache, the "another instance" case; on SQLite the
 * two share one connection and so one cache) and through plain SQL that no app code sees, which only
 * the database triggers (migration 202612011300_journal_speed) can notice.
 *
 * Test clock: 2026-11-24T15:00Z; the exam on 2027-01-20.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { expectCounterGoesWithAccount } from '#tests/setup/revision-counter.ts';
import {
  createSecondInstance,
  sameClientOn,
  createTestApp,
  signUpClient,
  type Client,
  type TestApp,
} from '#tests/setup/test-app.ts';
import type { Actor } from '../context.ts';
import { getReviewQueue } from './get-review-queue.ts';
import { createJournalDeckCache, journalDeckCacheFor } from './journal-deck-cache.ts';

const DAY_MS = 86_400_000;

describeEachDatabase('journal deck cache', (kind) => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof createSecondInstance>>;
  let student: Client;
  /** The same student's session, sent to the second instance. */
  let studentThere: Client;

  const entry = (questionId: string) => ({
    bank: 'uworld',
    questionId,
    system: 'gastrointestinal',
    discipline: 'surgery',
    errorType: 'knowledge-gap',
    keyPoint: `Key point of ${questionId}`,
    wrongOptions: [{ option: 'B', why: 'Choledocholithiasis is painful' }],
    teachingPoint: 'Courvoisier sign',
    rule: null,
    confidence: 'sure',
  });

  const send = (client: Client, method: 'POST' | 'DELETE', url: string, payload?: object) =>
    client.request({ method, url, ...(payload === undefined ? {} : { payload }) });

  const addEntry = async (client: Client, questionId: string): Promise<string> => {
    const response = await send(client, 'POST', '/api/journal/entries', entry(questionId));
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  };

  const revision = async (userId: string) =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('journal_revisions')
          .select('revision')
          .where('user_id', '=', userId)
          .executeTakeFirst()
      )?.revision ?? 0,
    );

  /**
   * The queue through the cache, after checking it is the queue computed from a deck read afresh
   * and that the cache now holds this student's deck at the database's revision (so the next
   * request, with nothing written, is served from it).
   */
  async function checkedQueue(client = student) {
    const response = await client.request({ method: 'GET', url: '/api/journal/review' });
    expect(response.statusCode, response.body).toBe(200);
    const cached = response.json() as Awaited<ReturnType<typeof getReviewQueue>>;
    const actor: Actor = {
      userId: student.id,
      email: student.email,
      role: 'student',
      sessionId: 'test',
      createdAt: '2026-11-01T00:00:00.000Z',
      timeZone: null,
    };
    const fresh = await getReviewQueue(t.ctx, actor, null);
    expect(cached).toEqual(JSON.parse(JSON.stringify(fresh)));
    expect(journalDeckCacheFor(t.ctx.database.db).get(student.id, await revision(student.id))).toBeDefined();
    // Asked again with nothing written: served from the cache, the same.
    expect((await client.request({ method: 'GET', url: '/api/journal/review' })).json()).toEqual(cached);
    return cached;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    second = await createSecondInstance(t);
    student = await signUpClient(t.app);
    studentThere = sameClientOn(second.app, student);
    const profile = await student.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate: '2027-01-20', reviewStartDate: '2027-09-22' }),
    });
    expect(profile.statusCode, profile.body).toBe(200);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('serves the fresh queue after each write through the app and through the other instance', async () => {
    expect((await checkedQueue()).dueCount).toBe(0);
    const first = await addEntry(student, '100001');
    expect((await checkedQueue()).dueCount).toBe(1);
    await addEntry(student, '100002');
    await addEntry(student, '100003');
    expect((await checkedQueue()).dueCount).toBe(3);

    // A rating moves the card out of today's queue.
    const rated = await send(student, 'POST', '/api/journal/reviews', { entryId: first, rating: 4, durationMs: 9000 });
    expect(rated.statusCode, rated.body).toBe(201);
    const afterRating = await checkedQueue();
    expect(afterRating.dueCount).toBe(2);
    expect(afterRating.canUndo).toBe(true);
    const undone = await send(student, 'POST', '/api/journal/reviews/undo');
    expect(undone.statusCode, undone.body).toBe(200);
    const afterUndo = await checkedQueue();
    expect(afterUndo.dueCount).toBe(3);
    expect(afterUndo.canUndo).toBe(false);

    // The other instance: an entry, a rating, a deletion; read on both.
    const there = await addEntry(studentThere, '100004');
    expect((await checkedQueue()).dueCount).toBe(4);
    expect((await checkedQueue(studentThere)).dueCount).toBe(4);
    const ratedThere = await send(studentThere, 'POST', '/api/journal/reviews', { entryId: there, rating: 4 });
    expect(ratedThere.statusCode, ratedThere.body).toBe(201);
    expect((await checkedQueue()).dueCount).toBe(3);
    const deleted = await send(studentThere, 'DELETE', `/api/journal/entries/${first}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    const afterDelete = await checkedQueue();
    expect(afterDelete.dueCount).toBe(2);
    expect(afterDelete.queue.map((q) => q.id)).not.toContain(first);
    expect((await checkedQueue(studentThere)).dueCount).toBe(2);
  });

  it('sees writes no app code made: due_ms changed and a row inserted in plain SQL', async () => {
    const db = t.ctx.database.db;
    const before = await checkedQueue();
    const moved = before.queue[0]!.id;
    // Due after the exam: out of the queue and out of the forecast.
    await db
      .updateTable('journal_entries')
      .set({ due_ms: Date.parse('2027-03-01T00:00:00.000Z') })
      .where('id', '=', moved)
      .execute();
    const afterUpdate = await checkedQueue();
    expect(afterUpdate.dueCount).toBe(before.dueCount - 1);
    expect(afterUpdate.forecast.afterExamCount).toBe(before.forecast.afterExamCount + 1);
    // Due again, a day ago.
    await db
      .updateTable('journal_entries')
      .set({ due_ms: t.clock.now().getTime() - DAY_MS })
      .where('id', '=', moved)
      .execute();
    expect((await checkedQueue()).dueCount).toBe(before.dueCount);

    const row = await db.selectFrom('journal_entries').selectAll().where('id', '=', moved).executeTakeFirstOrThrow();
    await db
      .insertInto('journal_entries')
      .values({ ...row, id: `${student.id}-sql-entry`, question_id: '200001' })
      .execute();
    const afterInsert = await checkedQueue();
    expect(afterInsert.dueCount).toBe(before.dueCount + 1);
    expect(afterInsert.queue.map((q) => q.id)).toContain(`${student.id}-sql-entry`);
    await db.deleteFrom('journal_entries').where('id', '=', `${student.id}-sql-entry`).execute();
    expect((await checkedQueue()).dueCount).toBe(before.dueCount);
  });

  it('bumps both students when an UPDATE moves an entry from one to another (hand-run SQL)', async () => {
    const db = t.ctx.database.db;
    const other = await signUpClient(t.app);
    const id = await addEntry(other, '300001');
    const before = { mine: await revision(student.id), theirs: await revision(other.id) };
    const count = (await checkedQueue()).dueCount;
    await db.updateTable('journal_entries').set({ user_id: student.id }).where('id', '=', id).execute();
    expect(await revision(student.id)).toBe(before.mine + 1);
    expect(await revision(other.id)).toBe(before.theirs + 1);
    expect((await checkedQueue()).dueCount).toBe(count + 1);
    await db.deleteFrom('journal_entries').where('id', '=', id).execute();
    expect((await checkedQueue()).dueCount).toBe(count);
  });

  it('keeps the account deletion working with the triggers: the counter goes with the account', async () => {
    const other = await signUpClient(t.app);
    await addEntry(other, '400001');
    await expectCounterGoesWithAccount(t, other, 'journal_revisions');
  });
});

describe('journal deck cache bounds', () => {
  const deck = (n: number, prefix = 'c') =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}${i}`,
      dueMs: i,
      stability: 1,
      lastReviewMs: null,
      state: 0 as const,
    }));

  it('answers only for the same revision, and serves a frozen copy', () => {
    const cache = createJournalDeckCache();
    const cards = deck(3);
    const stored = cache.set('a', 7, cards);
    expect(stored).toEqual(cards);
    expect(cache.get('a', 7)).toBe(stored);
    expect(cache.get('a', 8)).toBeUndefined();
    expect(cache.get('b', 7)).toBeUndefined();
    // The caller's array and cards are not the stored ones; the stored ones cannot be changed.
    cards[0]!.dueMs = 99;
    cards.pop();
    expect(cache.get('a', 7)).toEqual(deck(3));
    expect(Object.isFrozen(stored) && stored.every((c) => Object.isFrozen(c))).toBe(true);
    expect(() => {
      (stored[0] as { dueMs: number }).dueMs = 5;
    }).toThrow(TypeError);
  });

  it('drops the least recently used past its limits of students and of cards', () => {
    const cache = createJournalDeckCache({ students: 2, cards: 10 });
    cache.set('a', 1, deck(3));
    cache.set('b', 1, deck(3));
    expect(cache.get('a', 1)).toBeDefined(); // a is now the most recently used
    cache.set('c', 1, deck(3));
    expect(cache.size).toBe(2);
    expect(cache.get('b', 1)).toBeUndefined();
    cache.set('d', 1, deck(8)); // 3 + 3 + 8 > 10 cards: a and c go
    expect(cache.get('d', 1)).toBeDefined();
    expect(cache.cards).toBe(8);
    expect(cache.size).toBe(1);
    // A deck larger than the whole budget is served, not kept.
    expect(cache.set('e', 1, deck(11))).toHaveLength(11);
    expect(cache.get('e', 1)).toBeUndefined();
    expect(cache.cards).toBe(8);
  });
});
