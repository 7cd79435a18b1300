// The auth-hardening migration on both databases: existing rows get version 1 and kind 'password',
// and `down` takes the columns out again (then `up` can run once more).
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { down, up } from './202612010100_auth_hardening.ts';

describeEachDatabase('migration 202612010100_auth_hardening', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(() => testDb.drop());

  it('runs down and up again, giving rows made before it version 1 and kind password', async () => {
    const db = testDb.database.db;
    await down(db);
    // On PostgreSQL every test file has its own schema; introspection lists them all.
    const schema = testDb.settings.kind === 'postgres' ? testDb.settings.schema : undefined;
    const columns = async (table: string) =>
      (await db.introspection.getTables())
        .find((t) => t.name === table && (!schema || t.schema === schema))!
        .columns.map((c) => c.name);
    expect(await columns('users')).not.toContain('password_version');
    expect(await columns('sessions')).not.toContain('password_version');
    expect(await columns('login_failures')).not.toContain('kind');

    // Rows as the app wrote them before the migration.
    await sql`insert into users (id, email, password_hash, role, created_at, password_changed_at)
      values ('u1', 'u1@school.edu', 'h', 'student', 'x', 'x')`.execute(db);
    await sql`insert into sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at)
      values ('s1', 'u1', 'th', 'x', 'x', 'x')`.execute(db);
    // A session opened before the user's last password change (a sign-in that raced it).
    await sql`insert into users (id, email, password_hash, role, created_at, password_changed_at)
      values ('u2', 'u2@school.edu', 'h', 'student', '2026-11-01T00:00:00.000Z', '2026-11-20T00:00:00.000Z')`.execute(
      db,
    );
    await sql`insert into sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at)
      values ('s2', 'u2', 'th2', '2026-11-19T00:00:00.000Z', 'x', 'x')`.execute(db);
    await sql`insert into login_failures (id, email, ip, attempted_at) values ('f1', 'u1@school.edu', '1', 'x')`.execute(
      db,
    );

    await up(db);
    expect(
      await db.selectFrom('users').select('password_version').where('id', '=', 'u1').executeTakeFirstOrThrow(),
    ).toEqual({
      password_version: 1,
    });
    expect(
      await db.selectFrom('sessions').select('password_version').where('id', '=', 's1').executeTakeFirstOrThrow(),
    ).toEqual({
      password_version: 1,
    });
    // Older than the password it would stand for: it no longer matches, so it has ended.
    expect(
      await db.selectFrom('sessions').select('password_version').where('id', '=', 's2').executeTakeFirstOrThrow(),
    ).toEqual({
      password_version: 0,
    });
    expect(await db.selectFrom('login_failures').select('kind').executeTakeFirstOrThrow()).toEqual({
      kind: 'password',
    });
  });
});
