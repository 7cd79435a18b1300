import { sql, type Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.

/**
 * One live calendar link per student, enforced by the database: parallel rotations (two app
 * instances, or one on PostgreSQL at READ COMMITTED) once left several links live. Links already
 * live beside a newer one are revoked first, as of the moment that newer link was made (when a
 * serialized rotation would have revoked them); then a partial unique index allows only one row per
 * user with no revoked_at.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update calendar_feeds
    set revoked_at = (
      select max(newer.created_at) from calendar_feeds newer
      where newer.user_id = calendar_feeds.user_id and newer.revoked_at is null
    )
    where revoked_at is null
      and id <> (
        select newest.id from calendar_feeds newest
        where newest.user_id = calendar_feeds.user_id and newest.revoked_at is null
        order by newest.created_at desc, newest.id desc
        limit 1
      )
  `.execute(db);
  await db.schema
    .createIndex('calendar_feeds_one_active_per_user')
    .on('calendar_feeds')
    .column('user_id')
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('calendar_feeds_one_active_per_user').execute();
}
