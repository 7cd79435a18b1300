import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
//
// Journal review queue speed (issue 11: the due queue and forecast of 5,000 cards ≤ 10 ms).
//
// `journal_revisions`: one counter per student that changes in the same transaction as every
// write to the student's journal entries (an insert, any update, a delete). Triggers keep it, so
// no write path can forget it (an older release during a rolling deploy, an import, a hand-run SQL
// statement). The review queue reads it and keeps each student's parsed deck (the scheduling
// columns of every card) in memory under it (use-cases/journal-deck-cache.ts): a write on any
// instance changes the revision, and the next read on every instance reads the deck afresh.
// A student with no row yet is at revision 0; the first write makes it 1.
//
// Only the scheduling columns matter to the deck, but any update bumps: simpler, and an edit of
// an entry's text is rare next to reading the queue.
//
// The row is only made while the account exists (as evidence_revisions, 202612011400): a trigger
// inserting a counter for an account being deleted would fail its foreign key.

const BUMP_ONE = (user: 'NEW' | 'OLD', also = '') => `
    INSERT INTO journal_revisions (user_id, revision)
      SELECT ${user}.user_id, 1 WHERE ${also}EXISTS (SELECT 1 FROM users WHERE users.id = ${user}.user_id)
      ON CONFLICT (user_id) DO UPDATE SET revision = journal_revisions.revision + 1;`;
/** An UPDATE bumps the row's student and, when it moved the row to another student, the one before. */
const BUMP_SQLITE = (user: 'NEW' | 'OLD' | 'BOTH') =>
  user === 'BOTH' ? `${BUMP_ONE('NEW')}${BUMP_ONE('OLD', 'OLD.user_id IS NOT NEW.user_id AND ')}` : BUMP_ONE(user);

/** [trigger name, event, which row names the student] on journal_entries (SQLite). */
const SQLITE_TRIGGERS: [string, 'INSERT' | 'UPDATE' | 'DELETE', 'NEW' | 'OLD' | 'BOTH'][] = [
  ['journal_entries_revision_insert', 'INSERT', 'NEW'],
  ['journal_entries_revision_update', 'UPDATE', 'BOTH'],
  ['journal_entries_revision_delete', 'DELETE', 'OLD'],
];

const POSTGRES_TRIGGER = 'journal_entries_revision';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('journal_revisions')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();

  if (isPostgres(db)) {
    // search_path pinned to the schema the migration ran in, so the function finds its tables
    // whatever the calling connection's search_path.
    await sql
      .raw(
        `CREATE FUNCTION bump_journal_revision() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        DECLARE
          student text;
          students text[] := CASE
            WHEN TG_OP = 'DELETE' THEN ARRAY[OLD.user_id]
            WHEN TG_OP = 'UPDATE' AND OLD.user_id IS DISTINCT FROM NEW.user_id THEN ARRAY[NEW.user_id, OLD.user_id]
            ELSE ARRAY[NEW.user_id] END;
        BEGIN
          FOREACH student IN ARRAY students LOOP
            INSERT INTO journal_revisions (user_id, revision)
              SELECT student, 1 WHERE EXISTS (SELECT 1 FROM users WHERE users.id = student)
              ON CONFLICT (user_id) DO UPDATE SET revision = journal_revisions.revision + 1;
          END LOOP;
          RETURN NULL;
        END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${POSTGRES_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON journal_entries FOR EACH ROW EXECUTE FUNCTION bump_journal_revision()`,
      )
      .execute(db);
  } else {
    for (const [name, event, user] of SQLITE_TRIGGERS) {
      await sql
        .raw(`CREATE TRIGGER ${name} AFTER ${event} ON journal_entries FOR EACH ROW BEGIN ${BUMP_SQLITE(user)} END`)
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${POSTGRES_TRIGGER} ON journal_entries`).execute(db);
    await sql.raw('DROP FUNCTION IF EXISTS bump_journal_revision()').execute(db);
  } else {
    for (const [name] of SQLITE_TRIGGERS) await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
  }
  await db.schema.dropTable('journal_revisions').ifExists().execute();
}
