import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export type StoredStoryText = { kind: string; text: string; createdAt: string; updatedAt: string };
export type StoredPlacement = { choice: string; advisorNote: string | null; createdAt: string; updatedAt: string };
export type StoredAttempt = {
  id: string;
  promptId: string;
  text: string;
  words: number;
  secondsTaken: number | null;
  createdAt: string;
};

/** The student's story texts, placement choice and practice attempts (issue 14). Scoped to the acting user. */
export function createStoryRepo(db: Kysely<DB>) {
  return {
    async listTexts(userId: string): Promise<StoredStoryText[]> {
      const rows = await db
        .selectFrom('story_texts')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('kind')
        .execute();
      return rows.map((r) => ({ kind: r.kind, text: r.text, createdAt: r.created_at, updatedAt: r.updated_at }));
    },

    async saveText(userId: string, kind: string, text: string, now: string): Promise<void> {
      await db
        .insertInto('story_texts')
        .values({ user_id: userId, kind, text, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ text, updated_at: now }))
        .execute();
    },

    async getPlacement(userId: string): Promise<StoredPlacement | undefined> {
      const row = await db.selectFrom('story_placements').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return row
        ? { choice: row.choice, advisorNote: row.advisor_note, createdAt: row.created_at, updatedAt: row.updated_at }
        : undefined;
    },

    async savePlacement(userId: string, choice: string, advisorNote: string | null, now: string): Promise<void> {
      await db
        .insertInto('story_placements')
        .values({ user_id: userId, choice, advisor_note: advisorNote, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ choice, advisor_note: advisorNote, updated_at: now }))
        .execute();
    },

    /** Newest first. */
    async listAttempts(userId: string): Promise<StoredAttempt[]> {
      const rows = await db
        .selectFrom('story_attempts')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        promptId: r.prompt_id,
        text: r.text,
        words: Number(r.words),
        secondsTaken: r.seconds_taken === null ? null : Number(r.seconds_taken),
        createdAt: r.created_at,
      }));
    },

    /**
     * Adds an attempt and removes that question's oldest ones beyond `keep`, in one transaction (two
     * saves racing on PostgreSQL can leave one extra until the next save trims it).
     */
    async addAttempt(
      userId: string,
      attempt: Omit<StoredAttempt, 'createdAt'> & { createdAt: string },
      keep: number,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('story_attempts')
          .values({
            id: attempt.id,
            user_id: userId,
            prompt_id: attempt.promptId,
            text: attempt.text,
            words: attempt.words,
            seconds_taken: attempt.secondsTaken,
            created_at: attempt.createdAt,
          })
          .execute();
        const kept = trx
          .selectFrom('story_attempts')
          .select('id')
          .where('user_id', '=', userId)
          .where('prompt_id', '=', attempt.promptId)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(keep);
        await trx
          .deleteFrom('story_attempts')
          .where('user_id', '=', userId)
          .where('prompt_id', '=', attempt.promptId)
          .where('id', 'not in', kept)
          .execute();
      });
    },

    /** Deletes the student's texts, placement and attempts; drafts are computed, so they return fresh. */
    async deleteAll(userId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('story_attempts').where('user_id', '=', userId).execute();
        await trx.deleteFrom('story_placements').where('user_id', '=', userId).execute();
        await trx.deleteFrom('story_texts').where('user_id', '=', userId).execute();
      });
    },
  };
}
export type StoryRepo = ReturnType<typeof createStoryRepo>;
