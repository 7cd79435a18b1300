import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A student's postmortem answers, stored as the validated JSON document. Scoped to the acting user. */
export function createPostmortemsRepo(db: Kysely<DB>) {
  return {
    async get(userId: string): Promise<{ answers: unknown; createdAt: string; updatedAt: string } | undefined> {
      const row = await db.selectFrom('postmortems').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return row
        ? { answers: JSON.parse(row.answers_json) as unknown, createdAt: row.created_at, updatedAt: row.updated_at }
        : undefined;
    },

    async save(userId: string, answers: unknown, now: string): Promise<void> {
      const answersJson = JSON.stringify(answers);
      await db
        .insertInto('postmortems')
        .values({ user_id: userId, answers_json: answersJson, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ answers_json: answersJson, updated_at: now }))
        .execute();
    },
  };
}
export type PostmortemsRepo = ReturnType<typeof createPostmortemsRepo>;
