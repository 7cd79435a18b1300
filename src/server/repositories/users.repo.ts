import type { Kysely } from 'kysely';
import type { Role } from '#shared/contracts/auth.ts';
import { isUniqueViolation } from '../db/dialects/errors.ts';
import type { DB, UsersTable } from '../db/schema.ts';

export type UserRow = UsersTable;

export function createUsersRepo(db: Kysely<DB>) {
  return {
    /** Inserts a user; returns false when the email is already taken. */
    async insert(user: { id: string; email: string; passwordHash: string; role: Role; now: string }): Promise<boolean> {
      try {
        await db
          .insertInto('users')
          .values({
            id: user.id,
            email: user.email,
            password_hash: user.passwordHash,
            role: user.role,
            created_at: user.now,
            password_changed_at: user.now,
          })
          .execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    /** For sign-in only: the one lookup that is not scoped to an already signed-in user. */
    findByEmail(email: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    },

    findById(userId: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    },

    /** Sets a new password and ends every other session of the user, in one transaction. */
    async updatePassword(userId: string, passwordHash: string, now: string, keepSessionId: string): Promise<number> {
      return db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, password_changed_at: now })
          .where('id', '=', userId)
          .execute();
        const ended = await trx
          .deleteFrom('sessions')
          .where('user_id', '=', userId)
          .where('id', '!=', keepSessionId)
          .executeTakeFirst();
        return Number(ended.numDeletedRows);
      });
    },

    /** Deletes the user; sessions and profile go with it (ON DELETE CASCADE), login failures by email. */
    async delete(userId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const user = await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
        // Every table a user owns; ON DELETE CASCADE would do it too, but the list makes it auditable.
        for (const table of [
          'qbank_blocks',
          'practice_exams',
          'wellbeing_checkins',
          'full_length_days',
          'plan_items',
          'plans',
          'calendar_feeds',
          'postmortems',
          'profiles',
        ] as const) {
          await trx.deleteFrom(table).where('user_id', '=', userId).execute();
        }
        await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
        if (user) await trx.deleteFrom('login_failures').where('email', '=', user.email).execute();
        await trx.deleteFrom('users').where('id', '=', userId).execute();
      });
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
