import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
//
// The two fractional columns were created as `real`: 4 bytes on PostgreSQL, which keeps about
// 7 digits (7.123456789 read back as 7.123457) and refuses tiny values like 5e-324 with a 500.
// `double precision` is the 8-byte IEEE double a JS number is, so every number reads back exactly.
// SQLite's REAL is already that 8-byte double and has no ALTER COLUMN TYPE: nothing to do there.
const COLUMNS = [
  { table: 'practice_exams', column: 'percent_correct' },
  { table: 'wellbeing_checkins', column: 'sleep_hours' },
] as const;

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const { table, column } of COLUMNS) {
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type double precision`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const { table, column } of COLUMNS) {
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type real`.execute(db);
  }
}
