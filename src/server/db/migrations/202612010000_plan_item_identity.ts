import type { Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
// Plan items keep their identity across re-plans: a sequence number and a change time per item (for
// the calendar's SEQUENCE and LAST-MODIFIED), and a record of the ids a re-plan took out of the
// plan, so that a late tick on one of them is told the plan changed rather than "no such item".
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('plan_items')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('plan_items').addColumn('changed_at', 'text').execute();
  await db.schema
    .createTable('plan_item_removals')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_item_removals_pk', ['user_id', 'id'])
    .execute();
  await db.schema.createIndex('plan_item_removals_removed_at').on('plan_item_removals').column('removed_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_item_removals').execute();
  await db.schema.alterTable('plan_items').dropColumn('changed_at').execute();
  await db.schema.alterTable('plan_items').dropColumn('sequence').execute();
}
