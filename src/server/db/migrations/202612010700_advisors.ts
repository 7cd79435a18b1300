import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
// Advisors (issue 12): invitations a student makes (only the code's hash is kept), the links an
// accepted invitation makes with their scopes, the advisor's private notes, and the access log the
// student reads.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('advisor_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('student_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema
    .createIndex('advisor_invitations_student')
    .on('advisor_invitations')
    .columns(['student_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('advisor_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('student_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('advisor_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('invitation_id', 'text', (c) => c.references('advisor_invitations.id').onDelete('set null'))
    .addColumn('scope_scores', 'integer', (c) => c.notNull())
    .addColumn('scope_plan', 'integer', (c) => c.notNull())
    .addColumn('scope_wellbeing', 'integer', (c) => c.notNull())
    .addColumn('scope_journal', 'integer', (c) => c.notNull())
    .addColumn('scope_story', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  // One live link per student and advisor; revoked ones stay for the access log's sake.
  await db.schema
    .createIndex('advisor_links_live_pair')
    .on('advisor_links')
    .columns(['advisor_id', 'student_id'])
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
  await db.schema.createIndex('advisor_links_student').on('advisor_links').column('student_id').execute();

  await db.schema
    .createTable('advisor_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('advisor_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('advisor_notes_pair')
    .on('advisor_notes')
    .columns(['advisor_id', 'student_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('advisor_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('student_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The advisor's address is copied: the student's record of who read their data outlives the
    // advisor's account.
    .addColumn('advisor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('advisor_email', 'text', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('accessed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('advisor_access_log_student')
    .on('advisor_access_log')
    .columns(['student_id', 'accessed_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('advisor_access_log').ifExists().execute();
  await db.schema.dropTable('advisor_notes').ifExists().execute();
  await db.schema.dropTable('advisor_links').ifExists().execute();
  await db.schema.dropTable('advisor_invitations').ifExists().execute();
}
