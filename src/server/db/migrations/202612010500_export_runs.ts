import type { Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.

/**
 * Account exports, counted in the database so that the per-account limits (one at a time, a few
 * per window) hold across app instances. A row is written before the export runs and marked
 * finished after; rows older than the window are deleted as the same account starts another.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('export_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('export_runs_user').on('export_runs').columns(['user_id', 'started_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('export_runs').execute();
}
