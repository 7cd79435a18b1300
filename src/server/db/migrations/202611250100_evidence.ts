import type { Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('qbank_blocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('bank', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('questions', 'integer', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('systems_missed_json', 'text', (c) => c.notNull())
    .addColumn('disciplines_missed_json', 'text', (c) => c.notNull())
    .addColumn('plan_item_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('qbank_blocks_user_date').on('qbank_blocks').columns(['user_id', 'date']).execute();

  await db.schema
    .createTable('practice_exams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('percent_correct', 'real')
    .addColumn('breakdown_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('practice_exams_user_date').on('practice_exams').columns(['user_id', 'date']).execute();

  await db.schema
    .createTable('wellbeing_checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('sleep_hours', 'real', (c) => c.notNull())
    .addColumn('stress', 'integer', (c) => c.notNull())
    .addColumn('mood', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wellbeing_user_date').on('wellbeing_checkins').columns(['user_id', 'date']).execute();

  // Full-length simulation days done outside the plan's own full-length items.
  await db.schema
    .createTable('full_length_days')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('full_length_days_user').on('full_length_days').columns(['user_id', 'date']).execute();

  // Where a student in distress is pointed first: their school's counselling service.
  await db.schema.alterTable('profiles').addColumn('counselling_contact', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('profiles').dropColumn('counselling_contact').execute();
  await db.schema.dropTable('full_length_days').execute();
  await db.schema.dropTable('wellbeing_checkins').execute();
  await db.schema.dropTable('practice_exams').execute();
  await db.schema.dropTable('qbank_blocks').execute();
}
