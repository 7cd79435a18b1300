import type { Kysely, Selectable } from 'kysely';
import type { Role } from '#shared/contracts/auth.ts';
import { isUniqueViolation } from '../db/dialects/errors.ts';
import type { DB, UsersTable } from '../db/schema.ts';
import { isPostgres } from '../db/write-transaction.ts';

export type UserRow = Selectable<UsersTable>;

/** The password version of a new account; every password change adds one (sessions.repo.ts). */
export const FIRST_PASSWORD_VERSION = 1;

/** Rolls the password change back when the session asking for it has ended meanwhile. */
class SessionEndedError extends Error {}

/** Locks the account row for deletion (PostgreSQL; SQLite's write lock covers it) and reads its email. */
async function lockAccountRow(trx: Kysely<DB>, userId: string): Promise<{ email: string } | undefined> {
  const query = trx.selectFrom('users').select('email').where('id', '=', userId);
  return isPostgres(trx) ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

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
            password_version: FIRST_PASSWORD_VERSION,
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

    /**
     * Sets a new password if the password is still the one the caller verified (`expectedVersion`),
     * in one transaction: raises the version (every session made under the old one stops resolving,
     * including one a racing sign-in opens after this commits), moves the caller's session to the
     * new version and deletes the other sessions. 'password-changed': another change got there first;
     * 'session-ended': the caller's own session was ended meanwhile. Either way nothing changes.
     */
    async updatePassword(change: {
      userId: string;
      passwordHash: string;
      expectedVersion: number;
      now: string;
      keepSessionId: string;
    }): Promise<{ endedSessions: number } | 'password-changed' | 'session-ended'> {
      const version = change.expectedVersion + 1;
      try {
        return await db.transaction().execute(async (trx) => {
          // Compare-and-set: on PostgreSQL a concurrent change waits on the row lock, then finds the
          // version moved; on SQLite the write lock serializes the two.
          const updated = await trx
            .updateTable('users')
            .set({ password_hash: change.passwordHash, password_changed_at: change.now, password_version: version })
            .where('id', '=', change.userId)
            .where('password_version', '=', change.expectedVersion)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) return 'password-changed' as const;
          const kept = await trx
            .updateTable('sessions')
            .set({ password_version: version })
            .where('id', '=', change.keepSessionId)
            .where('user_id', '=', change.userId)
            .executeTakeFirst();
          if (Number(kept.numUpdatedRows) === 0) throw new SessionEndedError();
          const ended = await trx
            .deleteFrom('sessions')
            .where('user_id', '=', change.userId)
            .where('id', '!=', change.keepSessionId)
            .executeTakeFirst();
          return { endedSessions: Number(ended.numDeletedRows) };
        });
      } catch (error) {
        if (error instanceof SessionEndedError) return 'session-ended';
        throw error;
      }
    },

    /** Deletes the user; sessions and profile go with it (ON DELETE CASCADE), login failures by email. */
    async delete(userId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        // The account row first, as every student write takes it first (lockStudent): deleting the
        // children before it would deadlock with a tick or a logged block holding it.
        const user = await lockAccountRow(trx, userId);
        // Every table a user owns; ON DELETE CASCADE would do it too, but the list makes it auditable.
        for (const table of [
          'journal_reviews',
          'journal_entries',
          'qbank_blocks',
          'practice_exams',
          'wellbeing_checkins',
          'full_length_days',
          'plan_items',
          'plan_item_removals',
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
