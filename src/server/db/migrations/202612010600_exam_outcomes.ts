import type { Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
// Journey stage 9: the real Step 2 CK result, one per student, with the app's last prediction
// before the exam kept beside it (so editing practice exams later cannot change the comparison)
// and the student's consent to the school's evaluate run (0 = not shared, the default).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exam_outcomes')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('exam_date', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('result_date', 'text', (c) => c.notNull())
    .addColumn('share_with_school', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('predicted', 'integer')
    .addColumn('predicted_low', 'integer')
    .addColumn('predicted_high', 'integer')
    .addColumn('predicted_on', 'text')
    .addColumn('predicted_exams', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The school's export reads consented rows only.
  await db.schema.createIndex('exam_outcomes_shared').on('exam_outcomes').columns(['share_with_school']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exam_outcomes').execute();
}
