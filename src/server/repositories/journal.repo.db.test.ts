// The queue's read of the card columns gives exactly what parsing every stored card gives, so the
// queue and forecast built from it are identical, on both databases.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDueQueue, forecastReviews, toQueueCard } from '#domain/journal/queue.ts';
import { examWindowOf, replayCard, type ReviewRating } from '#domain/journal/schedule.ts';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { MAX_COUNTED_REVIEW_MS, minutesPerCard, OWN_TIMES_COUNTED } from '#domain/plan/journal-slot.ts';
import { createJournalRepo } from './journal.repo.ts';

const DAY_MS = 86_400_000;
const NOW_MS = Date.parse('2027-01-10T15:00:00Z');

describeEachDatabase('journal repository, the queue read', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    await testDb.database.db
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
  });
  afterAll(() => testDb.drop());

  it('reads the same cards from the columns as from card_json, so the queue and forecast are identical', async () => {
    const repo = createJournalRepo(testDb.database.db);
    const exam = examWindowOf('2027-02-20', 'America/Chicago');
    let seed = 3;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const entries = Array.from({ length: 400 }, (_, i) => {
      const createdAtMs = NOW_MS - Math.floor(random() * 40 * DAY_MS);
      const reviews: { atMs: number; rating: ReviewRating }[] = [];
      let at = createdAtMs;
      for (let k = Math.floor(random() * 5); k > 0; k--) {
        at += Math.floor(random() * 6 * DAY_MS);
        if (at < NOW_MS) reviews.push({ atMs: at, rating: (1 + Math.floor(random() * 4)) as ReviewRating });
      }
      return {
        id: `e${String(i).padStart(3, '0')}`,
        entry: {
          bank: 'uworld' as const,
          questionId: null,
          system: null,
          discipline: null,
          errorType: 'misread' as const,
          keyPoint: 'k',
          wrongOptions: [],
          teachingPoint: null,
          rule: null,
          confidence: null,
        },
        blockId: null,
        card: replayCard({ createdAtMs, reviews, exam }).card,
        now: new Date(createdAtMs).toISOString(),
      };
    });
    await repo.insertEntries(testDb.database.db, 'u1', entries);
    const fromColumns = await repo.listCards('u1');
    const fromJson = (await repo.listEntries('u1')).map((e) => toQueueCard(e.id, e.card));
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect([...fromColumns].sort(byId)).toEqual([...fromJson].sort(byId));

    const schedule = { nowMs: NOW_MS, today: '2027-01-10', exam, timeZone: 'America/Chicago' };
    const build = (cards: typeof fromJson) => {
      const forecast = forecastReviews({ cards, ...schedule });
      return { forecast, queue: buildDueQueue({ cards, forecast, today: schedule.today, nowMs: NOW_MS }) };
    };
    const a = build(fromColumns);
    const b = build(fromJson);
    expect(a.forecast.backlog.count).toBeGreaterThan(20);
    expect(a).toEqual(b);
  });

  it('reads awkward doubles exactly, an empty deck as none, and falls back to the rows for an id the one-row read cannot carry', async () => {
    const db = testDb.database.db;
    await db
      .insertInto('users')
      .values({
        id: 'u2',
        email: 'u2@school.edu',
        password_hash: 'h',
        role: 'student',
        created_at: 'x',
        password_changed_at: 'x',
      })
      .execute();
    const repo = createJournalRepo(db);
    expect(await repo.listCards('u2')).toEqual([]);
    const base = replayCard({
      createdAtMs: NOW_MS - 3 * DAY_MS,
      reviews: [{ atMs: NOW_MS - 2 * DAY_MS, rating: 3 }],
      exam: null,
    }).card;
    const stabilities = [7.123456789012345, 0.1 + 0.2, 1 / 3, 123_456.789_012_345_67, 5e-324, 2.2250738585072014e-308];
    const entry = {
      bank: 'uworld' as const,
      questionId: null,
      system: null,
      discipline: null,
      errorType: 'misread' as const,
      keyPoint: 'k',
      wrongOptions: [],
      teachingPoint: null,
      rule: null,
      confidence: null,
    };
    const entries = stabilities.map((stability, i) => ({
      id: `u2-e${i}`,
      entry,
      blockId: null,
      card: { ...base, stability, due: new Date(NOW_MS + i * 1_234_567).toISOString() },
      now: new Date(NOW_MS).toISOString(),
    }));
    await repo.insertEntries(db, 'u2', entries);
    const expected = entries.map((e) => toQueueCard(e.id, e.card));
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect([...(await repo.listCards('u2'))].sort(byId)).toEqual(expected.sort(byId));

    // An id with a line break in it (no id the app makes has one) is read row by row, still exactly.
    const odd = { ...entries[0]!, id: 'u2-odd\nid' };
    await repo.insertEntries(db, 'u2', [odd]);
    const withOdd = [...expected, toQueueCard(odd.id, odd.card)].sort(byId);
    expect([...(await repo.listCards('u2'))].sort(byId)).toEqual(withOdd);
  });

  it('reads the latest timed review durations, giving the plan slot the minutes a card that every rating gives', async () => {
    const repo = createJournalRepo(testDb.database.db);
    const [entry] = await repo.listEntries('u1');
    // 80 ratings, some untimed and some left open past the cap, at distinct instants.
    for (let i = 0; i < 80; i++) {
      const durationMs =
        i % 7 === 0 ? null : i % 11 === 0 ? MAX_COUNTED_REVIEW_MS + 1 : 20_000 + ((i * 7_919) % 90_000);
      await repo.insertReview('u1', {
        id: `r${String(i).padStart(3, '0')}`,
        entryId: entry!.id,
        rating: 3,
        reviewedAt: new Date(NOW_MS - (80 - i) * 60_000).toISOString(),
        durationMs,
        cardBefore: entry!.card,
        cardAfter: entry!.card,
        fsrsDue: new Date(NOW_MS).toISOString(),
        adjustment: 'none',
      });
    }
    const recent = await repo.recentReviewDurations('u1', OWN_TIMES_COUNTED, MAX_COUNTED_REVIEW_MS);
    expect(recent).toHaveLength(OWN_TIMES_COUNTED);
    const all = (await repo.listReviews('u1')).map((r) => r.durationMs);
    expect(minutesPerCard(recent)).toBe(minutesPerCard(all));
    expect(recent).toEqual(
      all.filter((d): d is number => d !== null && d > 0 && d <= MAX_COUNTED_REVIEW_MS).slice(-OWN_TIMES_COUNTED),
    );
  });
});
