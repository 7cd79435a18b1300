import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

function parseJson(text: string): { answers: unknown; isJson: boolean } {
  try {
    return { answers: JSON.parse(text) as unknown, isJson: true };
  } catch {
    return { answers: text, isJson: false };
  }
}

/** A student's postmortem answers, stored as the validated JSON document. Scoped to the acting user. */
export function createPostmortemsRepo(db: Kysely<DB>) {
  return {
    /**
     * The stored answers, parsed. Text that is not JSON (a bad write, a hand edit) comes back as
     * that text, with `isJson: false`: the caller decides what to say, and the export still
     * carries every character the student saved.
     */
    async get(userId: string): Promise<
      | {
          answers: unknown;
          isJson: boolean;
          createdAt: string;
          updatedAt: string;
          supportConfirmedAt: string | null;
        }
      | undefined
    > {
      const row = await db.selectFrom('postmortems').selectAll().where('user_id', '=', userId).executeTakeFirst();
      if (!row) return undefined;
      const parsed = parseJson(row.answers_json);
      return {
        ...parsed,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        supportConfirmedAt: row.support_confirmed_at ?? null,
      };
    },

    /**
     * Records that the support the postmortem asked for is in place. The first confirmation
     * stands: a second keeps its instant. Returns that instant, or null when there is no postmortem.
     */
    async confirmSupport(userId: string, now: string): Promise<string | null> {
      await db
        .updateTable('postmortems')
        .set({ support_confirmed_at: now })
        .where('user_id', '=', userId)
        .where('support_confirmed_at', 'is', null)
        .execute();
      const row = await db
        .selectFrom('postmortems')
        .select('support_confirmed_at')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.support_confirmed_at ?? null;
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
