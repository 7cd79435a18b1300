import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
//
// Advisor dashboard speed (issue 12): `dashboard_revisions`, one counter per student that changes
// in the same transaction as every write to what a dashboard row is built from besides the
// readiness evidence (which `evidence_revisions` covers, 202612011400): the profile, the plan, its
// items, the postmortem, the logged blocks and the wellbeing check-ins. The dashboard reads it
// with the links and keeps each student's row in memory under (this revision, the evidence
// revision, the scopes shared, the student's today) (use-cases/advisor-row-cache.ts): a write on
// any instance changes the revision, and the next dashboard request on every instance builds the
// row afresh. Triggers keep it, so no write path can forget it (a repository, an import, a
// hand-run SQL statement). A student with no row yet is at revision 0; the first write makes it 1.
//
// PostgreSQL: a constraint trigger, deferred to the commit, so the counter's row is the last lock
// a transaction takes and can never close a cycle with the locks of another transaction (a save
// of the profile holding the profile's row while a re-plan holds the counter and wants that row).
// A run of rows of one student moves their counter once (a re-plan inserts hundreds of items):
// the student bumped last is kept in a transaction-local setting.
//
// Every existing account gets its row at 0 here. Without one, the first write's commit-time
// INSERT would check its foreign key (a lock on the account's row) last, after the write's own row
// locks, and deadlock with an account deletion that holds the account FOR UPDATE and waits for
// those rows (found by a review with two connections). A new account's first such write is an
// INSERT whose own foreign-key check takes that lock first, so there is no cycle.
// SQLite: plain row triggers (one writer at a time: nothing to deadlock, and an upsert of one row
// costs microseconds).
//
// The row is only made while the account exists (as evidence_revisions): a trigger inserting a
// counter for an account being deleted would fail its foreign key.

const TABLES = ['profiles', 'plans', 'plan_items', 'postmortems', 'qbank_blocks', 'wellbeing_checkins'] as const;

const BUMP_ONE = (user: 'NEW' | 'OLD', also = '') => `
    INSERT INTO dashboard_revisions (user_id, revision)
      SELECT ${user}.user_id, 1 WHERE ${also}EXISTS (SELECT 1 FROM users WHERE users.id = ${user}.user_id)
      ON CONFLICT (user_id) DO UPDATE SET revision = dashboard_revisions.revision + 1;`;
/** An UPDATE bumps the row's student and, when it moved the row to another student, the one before. */
const BUMP_SQLITE = (user: 'NEW' | 'OLD' | 'BOTH') =>
  user === 'BOTH' ? `${BUMP_ONE('NEW')}${BUMP_ONE('OLD', 'OLD.user_id IS NOT NEW.user_id AND ')}` : BUMP_ONE(user);

const SQLITE_EVENTS: ['INSERT' | 'UPDATE' | 'DELETE', 'NEW' | 'OLD' | 'BOTH'][] = [
  ['INSERT', 'NEW'],
  ['UPDATE', 'BOTH'],
  ['DELETE', 'OLD'],
];

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dashboard_revisions')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO dashboard_revisions (user_id, revision) SELECT id, 0 FROM users`.execute(db);

  if (isPostgres(db)) {
    // search_path pinned to the schema the migration ran in, so the function finds its tables
    // whatever the calling connection's search_path. `comeback.dashboard_bumped` holds the student
    // this transaction bumped last: the rows of one student's write come in a run (a re-plan's
    // hundreds of items bump once); a transaction that interleaves students bumps some more than
    // once, which is harmless (a revision only has to change) and costs the same per row, where a
    // list of every student bumped grew with each one (a bulk update of 50,000 rows over 5,000
    // students: 11.4 s, against 2.7 s this way and 0.9 s with no trigger).
    await sql
      .raw(
        `CREATE FUNCTION bump_dashboard_revision() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        DECLARE
          student text;
          students text[] := CASE
            WHEN TG_OP = 'DELETE' THEN ARRAY[OLD.user_id]
            WHEN TG_OP = 'UPDATE' AND OLD.user_id IS DISTINCT FROM NEW.user_id THEN ARRAY[NEW.user_id, OLD.user_id]
            ELSE ARRAY[NEW.user_id] END;
          last text := current_setting('comeback.dashboard_bumped', true);
        BEGIN
          FOREACH student IN ARRAY students LOOP
            IF last IS DISTINCT FROM student THEN
              INSERT INTO dashboard_revisions (user_id, revision)
                SELECT student, 1 WHERE EXISTS (SELECT 1 FROM users WHERE users.id = student)
                ON CONFLICT (user_id) DO UPDATE SET revision = dashboard_revisions.revision + 1;
              last := student;
              PERFORM set_config('comeback.dashboard_bumped', student, true);
            END IF;
          END LOOP;
          RETURN NULL;
        END $$`,
      )
      .execute(db);
    for (const table of TABLES) {
      await sql
        .raw(
          `CREATE CONSTRAINT TRIGGER ${table}_dashboard_revision AFTER INSERT OR UPDATE OR DELETE ON ${table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_dashboard_revision()`,
        )
        .execute(db);
    }
  } else {
    for (const table of TABLES) {
      for (const [event, user] of SQLITE_EVENTS) {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_dashboard_revision_${event.toLowerCase()} AFTER ${event} ON ${table} FOR EACH ROW BEGIN ${BUMP_SQLITE(user)} END`,
          )
          .execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of TABLES)
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_dashboard_revision ON ${table}`).execute(db);
    await sql.raw('DROP FUNCTION IF EXISTS bump_dashboard_revision()').execute(db);
  } else {
    for (const table of TABLES) {
      for (const [event] of SQLITE_EVENTS) {
        await sql.raw(`DROP TRIGGER IF EXISTS ${table}_dashboard_revision_${event.toLowerCase()}`).execute(db);
      }
    }
  }
  await db.schema.dropTable('dashboard_revisions').execute();
}
