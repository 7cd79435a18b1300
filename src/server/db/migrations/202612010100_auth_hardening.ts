import type { Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
// - A credential version per user, raised by every password change, and the version each session
//   was made with: a session is valid only while the two are equal, so a sign-in that verified the
//   old password while the change committed can never leave a live session behind.
// - login_failures becomes the log of throttled attempts, counted before the password is checked:
//   `kind` tells password attempts (sign-in, confirmation) from sign-ups, which have their own limit.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('password_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('password_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // A session opened before its user's latest password change (a sign-in that raced the change,
  // before this fix) is from an older credential: version 0, so it ends with this migration. The
  // session that made a change is older than it too: that student signs in again once.
  await db
    .updateTable('sessions')
    .set({ password_version: 0 })
    .where(({ eb, selectFrom }) =>
      eb(
        'created_at',
        '<',
        selectFrom('users').select('users.password_changed_at').whereRef('users.id', '=', 'sessions.user_id'),
      ),
    )
    .execute();
  await db.schema
    .alterTable('login_failures')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('password'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('login_failures').where('kind', '!=', 'password').execute();
  await db.schema.alterTable('login_failures').dropColumn('kind').execute();
  await db.schema.alterTable('sessions').dropColumn('password_version').execute();
  await db.schema.alterTable('users').dropColumn('password_version').execute();
}
