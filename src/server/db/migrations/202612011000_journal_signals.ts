import type { Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
//
// The journal's queue and forecast read, for every card of a student, only its due instant and the
// three numbers of its forgetting curve. Parsing card_json for 5,000 cards took most of the queue
// request's time, so those four values get their own columns (kept equal to card_json on every
// write), and an index that holds them all, so the read is one index range scan on either database.
// The card's lapses (times forgotten again in review) get a column too: the weak-area ranking counts
// them as repeat misses without parsing every card.
// Instants are epoch milliseconds as `double precision` (an 8-byte double holds every whole
// millisecond exactly; `bigint` would come back from pg as text).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('journal_entries').addColumn('due_ms', 'double precision').execute();
  await db.schema.alterTable('journal_entries').addColumn('stability', 'double precision').execute();
  await db.schema.alterTable('journal_entries').addColumn('last_review_ms', 'double precision').execute();
  await db.schema.alterTable('journal_entries').addColumn('card_state', 'integer').execute();
  await db.schema.alterTable('journal_entries').addColumn('card_lapses', 'integer').execute();

  // Backfill from the stored cards, a page at a time (a large deck must not be held in memory at once).
  let after = '';
  for (;;) {
    const rows: { id: string; card_json: string }[] = await db
      .selectFrom('journal_entries')
      .select(['id', 'card_json'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const card = JSON.parse(row.card_json) as {
        due: string;
        stability: number;
        lastReview: string | null;
        state: number;
        lapses: number;
      };
      await db
        .updateTable('journal_entries')
        .set({
          due_ms: Date.parse(card.due),
          stability: card.stability,
          last_review_ms: card.lastReview === null ? null : Date.parse(card.lastReview),
          card_state: card.state,
          card_lapses: card.lapses,
        })
        .where('id', '=', row.id)
        .execute();
    }
    after = rows[rows.length - 1]!.id;
  }

  await db.schema
    .createIndex('journal_entries_user_schedule')
    .on('journal_entries')
    .columns(['user_id', 'due_ms', 'stability', 'last_review_ms', 'card_state', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('journal_entries_user_schedule').execute();
  for (const column of ['card_lapses', 'card_state', 'last_review_ms', 'stability', 'due_ms']) {
    await db.schema.alterTable('journal_entries').dropColumn(column).execute();
  }
}
