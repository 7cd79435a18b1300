import { sql, type Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
//
// The advisor dashboard counts each student's full-length days done: logged days and plan items of
// kind 'full-length' marked done (issue 12). Without an index for the second, each cold dashboard
// read every plan item of its students (thousands a student) to find the few done full-lengths:
// 8 ms of a 40 ms cold dashboard of 100 students on PostgreSQL. A partial index on exactly those
// rows makes it an index lookup.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('plan_items_full_length_done')
    .on('plan_items')
    .columns(['user_id', 'date'])
    .where(sql.ref('kind'), '=', sql.lit('full-length'))
    .where(sql.ref('status'), '=', sql.lit('done'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('plan_items_full_length_done').ifExists().execute();
}
