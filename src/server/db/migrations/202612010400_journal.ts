import type { Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
//
// The wrong-answer journal (PRODUCT.md F). Each entry carries its FSRS card as JSON (numbers read back
// exactly: JSON text holds a double's shortest round-trip form) and its due instant as text for the
// queue. Every rating is kept with the card before and after it, so the last one can be undone
// exactly and the schedule replayed from the ratings. Whole numbers are integers; there is no
// fractional column (none may be `real`: 4 bytes on PostgreSQL).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('journal_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('bank', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text')
    .addColumn('system', 'text')
    .addColumn('discipline', 'text')
    .addColumn('error_type', 'text', (c) => c.notNull())
    .addColumn('key_point', 'text', (c) => c.notNull())
    .addColumn('wrong_options_json', 'text', (c) => c.notNull())
    .addColumn('teaching_point', 'text')
    .addColumn('rule_json', 'text')
    .addColumn('confidence', 'text')
    .addColumn('block_id', 'text')
    .addColumn('card_json', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('journal_entries_user_due')
    .on('journal_entries')
    .columns(['user_id', 'due_at'])
    .execute();

  await db.schema
    .createTable('journal_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('journal_entries.id').onDelete('cascade'))
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer')
    .addColumn('card_before_json', 'text', (c) => c.notNull())
    .addColumn('card_after_json', 'text', (c) => c.notNull())
    .addColumn('fsrs_due', 'text', (c) => c.notNull())
    .addColumn('adjustment', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('journal_reviews_user_time')
    .on('journal_reviews')
    .columns(['user_id', 'reviewed_at'])
    .execute();
  await db.schema.createIndex('journal_reviews_entry').on('journal_reviews').columns(['entry_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('journal_reviews').execute();
  await db.schema.dropTable('journal_entries').execute();
}
