// The dashboard revisions on both databases: `up` gives every account that exists a counter at 0
// (an account with no counter could deadlock a write against its own deletion on PostgreSQL: the
// migration's comment says how), and `down` then `up` again keeps the triggers working.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, describeEachDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { down, up } from './202612011700_dashboard_revisions.ts';

describeEachDatabase('migration 202612011700_dashboard_revisions', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(() => testDb.drop());

  it('gives every existing account its counter at 0, and a write after it moves the counter', async () => {
    const db = testDb.database.db;
    await down(db);
    for (const id of ['u1', 'u2']) {
      await db
        .insertInto('users')
        .values({
          id,
          email: `${id}@school.edu`,
          password_hash: 'h',
          role: 'student',
          created_at: 'x',
          password_changed_at: 'x',
        })
        .execute();
    }
    await up(db);
    const counters = () => db.selectFrom('dashboard_revisions').selectAll().orderBy('user_id').execute();
    expect(await counters()).toEqual([
      { user_id: 'u1', revision: 0 },
      { user_id: 'u2', revision: 0 },
    ]);
    await sql`insert into wellbeing_checkins (id, user_id, date, sleep_hours, stress, mood, note, created_at)
      values ('c1', 'u1', '2026-11-24', 7, 2, 4, null, 'x')`.execute(db);
    expect(await counters()).toEqual([
      { user_id: 'u1', revision: 1 },
      { user_id: 'u2', revision: 0 },
    ]);
  });

  it('moves each student’s counter once for a run of their rows in one transaction', async () => {
    const db = testDb.database.db;
    const before = await db.selectFrom('dashboard_revisions').selectAll().orderBy('user_id').execute();
    await db.transaction().execute(async (trx) => {
      for (const n of [2, 3, 4]) {
        await sql`insert into wellbeing_checkins (id, user_id, date, sleep_hours, stress, mood, note, created_at)
          values (${`c${n}`}, 'u2', ${`2026-11-2${n}`}, 7, 2, 4, null, 'x')`.execute(trx);
      }
    });
    const after = await db.selectFrom('dashboard_revisions').selectAll().orderBy('user_id').execute();
    expect(after[0]).toEqual(before[0]);
    // Row triggers on SQLite move it once a row; PostgreSQL's deferred trigger once for the run.
    expect(after[1]!.revision - before[1]!.revision).toBe(kind === 'postgres' ? 1 : 3);
  });
});

// PostgreSQL only: SQLite has one writer at a time, so there are no row locks to cross.
const onPostgres = DATABASE_KINDS.includes('postgres') ? describe : describe.skip;
onPostgres('dashboard revisions against an account deletion [postgres]', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
  });
  afterAll(() => testDb.drop());

  it('lets a write that holds a plan item commit while the account’s deletion waits for it: no deadlock', async () => {
    const db = testDb.database.db;
    const { url, schema } = testDb.settings as { url: string; schema: string };
    await db
      .insertInto('users')
      .values({
        id: 'd1',
        email: 'd1@school.edu',
        password_hash: 'h',
        role: 'student',
        created_at: 'x',
        password_changed_at: 'x',
      })
      .execute();
    await sql`insert into plan_items (user_id, id, date, kind, title, start_time, end_time, minutes, sequence, changed_at)
      values ('d1', 'i1', '2026-11-24', 'content-review', 'x', '09:00', '10:00', 60, 0, 'x')`.execute(db);
    const connect = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`set search_path = ${schema}`);
      return client;
    };
    const [writer, deleter, watcher] = await Promise.all([connect(), connect(), connect()]);
    try {
      // A write that does not take the student's lock first (a raw update; a profile save is one too).
      await writer.query('begin');
      await writer.query(`update plan_items set minutes = minutes + 1 where user_id = 'd1'`);
      // The deletion as users.repo.ts does it: the account's row first, then its children.
      await deleter.query('begin');
      await deleter.query(`select id from users where id = 'd1' for update`);
      const deleted = deleter
        .query(`delete from plan_items where user_id = 'd1'`)
        .then(() => deleter.query(`delete from users where id = 'd1'`))
        .then(() => deleter.query('commit'))
        .then(
          () => 'deleted',
          (error: Error) => error.message,
        );
      // Until the deletion is waiting on the writer's row lock.
      for (;;) {
        const waiting = await watcher.query(
          `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like 'delete from plan_items%'`,
        );
        if ((waiting.rows[0] as { n: number }).n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const written = await writer.query('commit').then(
        () => 'written',
        (error: Error) => error.message,
      );
      expect([written, await deleted]).toEqual(['written', 'deleted']);
    } finally {
      await Promise.all([writer, deleter, watcher].map((c) => c.end()));
    }
  });
});
