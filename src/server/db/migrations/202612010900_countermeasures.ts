import type { Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
// The postmortem's support prompt (countermeasure supportPromptNow) returns on the home screen
// until the student confirms support is lined up; this is when they did (ISO instant), null
// until then. Kept on the postmortem row: no postmortem, no prompt, and deleting the account
// deletes it with the row. Decision 013.
// calendar_settings: the reminder (VALARM) each calendar event carries, one row per student, kept
// across feed rotations (a new link keeps the choice); no row is no reminder (issue 9).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('postmortems').addColumn('support_confirmed_at', 'text').execute();
  await db.schema
    .createTable('calendar_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('reminder', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_settings').execute();
  await db.schema.alterTable('postmortems').dropColumn('support_confirmed_at').execute();
}
