import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
//
// Advisor dashboard speed (issue 12) and the access log's retention.
//
// `evidence_revisions`: one counter per student that changes in the same transaction as every
// write to what the readiness rule reads for the dashboard: practice exams, logged full-length
// days, and plan items of kind 'full-length' (a ticked one counts as a full-length day done).
// Triggers keep it, so no write path can forget it (a repository, an import, a hand-run SQL
// statement). The dashboard reads it with the links and keeps each student's readiness in
// memory under (revision, today, exam date, target): a write on any instance changes the
// revision, and the next dashboard request on every instance computes afresh.
// A student with no row yet is at revision 0; the first write makes it 1.
//
// The row is only made while the account exists: when an account is deleted, its practice exams
// go with it (ON DELETE CASCADE, or users.repo.ts deleting them first), and a trigger inserting a
// counter for an account being deleted would fail its foreign key.
//
// `plan_items_practice_exams`: a partial index for the dashboard's missed practice exams, which
// otherwise read every plan item of the 14 days to find the one or two practice exams among them.
//
// `advisor_access_log_accessed_at`: the retention job deletes the oldest rows in small batches
// across all students; without this index each batch would scan the whole log.

const BUMP_ONE = (user: 'NEW' | 'OLD', also = '') => `
    INSERT INTO evidence_revisions (user_id, revision)
      SELECT ${user}.user_id, 1 WHERE ${also}EXISTS (SELECT 1 FROM users WHERE users.id = ${user}.user_id)
      ON CONFLICT (user_id) DO UPDATE SET revision = evidence_revisions.revision + 1;`;
/** An UPDATE bumps the row's student and, when it moved the row to another student, the one before. */
const BUMP_SQLITE = (user: 'NEW' | 'OLD' | 'BOTH') =>
  user === 'BOTH' ? `${BUMP_ONE('NEW')}${BUMP_ONE('OLD', 'OLD.user_id IS NOT NEW.user_id AND ')}` : BUMP_ONE(user);

/** [trigger name, event, table, condition or null, which row names the student] */
const SQLITE_TRIGGERS: [string, 'INSERT' | 'UPDATE' | 'DELETE', string, string | null, 'NEW' | 'OLD' | 'BOTH'][] = [
  ['practice_exams_revision_insert', 'INSERT', 'practice_exams', null, 'NEW'],
  ['practice_exams_revision_update', 'UPDATE', 'practice_exams', null, 'BOTH'],
  ['practice_exams_revision_delete', 'DELETE', 'practice_exams', null, 'OLD'],
  ['full_length_days_revision_insert', 'INSERT', 'full_length_days', null, 'NEW'],
  ['full_length_days_revision_update', 'UPDATE', 'full_length_days', null, 'BOTH'],
  ['full_length_days_revision_delete', 'DELETE', 'full_length_days', null, 'OLD'],
  ['plan_items_revision_insert', 'INSERT', 'plan_items', `NEW.kind = 'full-length'`, 'NEW'],
  [
    'plan_items_revision_update',
    'UPDATE',
    'plan_items',
    `OLD.kind = 'full-length' OR NEW.kind = 'full-length'`,
    'BOTH',
  ],
  ['plan_items_revision_delete', 'DELETE', 'plan_items', `OLD.kind = 'full-length'`, 'OLD'],
];

/** [trigger name, event, table, condition or null] on PostgreSQL, all calling bump_evidence_revision(). */
const POSTGRES_TRIGGERS: [string, string, string, string | null][] = [
  ['practice_exams_revision', 'INSERT OR UPDATE OR DELETE', 'practice_exams', null],
  ['full_length_days_revision', 'INSERT OR UPDATE OR DELETE', 'full_length_days', null],
  ['plan_items_revision_insert', 'INSERT', 'plan_items', `NEW.kind = 'full-length'`],
  ['plan_items_revision_update', 'UPDATE', 'plan_items', `OLD.kind = 'full-length' OR NEW.kind = 'full-length'`],
  ['plan_items_revision_delete', 'DELETE', 'plan_items', `OLD.kind = 'full-length'`],
];

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('evidence_revisions')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();

  if (isPostgres(db)) {
    // search_path pinned to the schema the migration ran in, so the function finds its tables
    // whatever the calling connection's search_path.
    await sql
      .raw(
        `CREATE FUNCTION bump_evidence_revision() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        DECLARE
          student text;
          students text[] := CASE
            WHEN TG_OP = 'DELETE' THEN ARRAY[OLD.user_id]
            WHEN TG_OP = 'UPDATE' AND OLD.user_id IS DISTINCT FROM NEW.user_id THEN ARRAY[NEW.user_id, OLD.user_id]
            ELSE ARRAY[NEW.user_id] END;
        BEGIN
          FOREACH student IN ARRAY students LOOP
            INSERT INTO evidence_revisions (user_id, revision)
              SELECT student, 1 WHERE EXISTS (SELECT 1 FROM users WHERE users.id = student)
              ON CONFLICT (user_id) DO UPDATE SET revision = evidence_revisions.revision + 1;
          END LOOP;
          RETURN NULL;
        END $$`,
      )
      .execute(db);
    for (const [name, event, table, condition] of POSTGRES_TRIGGERS) {
      await sql
        .raw(
          `CREATE TRIGGER ${name} AFTER ${event} ON ${table} FOR EACH ROW ${condition ? `WHEN (${condition})` : ''} EXECUTE FUNCTION bump_evidence_revision()`,
        )
        .execute(db);
    }
  } else {
    for (const [name, event, table, condition, user] of SQLITE_TRIGGERS) {
      await sql
        .raw(
          `CREATE TRIGGER ${name} AFTER ${event} ON ${table} FOR EACH ROW ${condition ? `WHEN ${condition}` : ''} BEGIN ${BUMP_SQLITE(user)} END`,
        )
        .execute(db);
    }
  }

  // The dashboard's practice exams missed: a few items a student among thousands of plan items.
  await db.schema
    .createIndex('plan_items_practice_exams')
    .on('plan_items')
    .columns(['user_id', 'date'])
    .where(sql.ref('kind'), '=', sql.lit('practice-exam'))
    .execute();
  await db.schema
    .createIndex('advisor_access_log_accessed_at')
    .on('advisor_access_log')
    .column('accessed_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('advisor_access_log_accessed_at').ifExists().execute();
  await db.schema.dropIndex('plan_items_practice_exams').ifExists().execute();
  if (isPostgres(db)) {
    for (const [name, , table] of POSTGRES_TRIGGERS)
      await sql.raw(`DROP TRIGGER IF EXISTS ${name} ON ${table}`).execute(db);
    await sql.raw('DROP FUNCTION IF EXISTS bump_evidence_revision()').execute(db);
  } else {
    for (const [name] of SQLITE_TRIGGERS) await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
  }
  await db.schema.dropTable('evidence_revisions').ifExists().execute();
}
