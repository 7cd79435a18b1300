import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/dialects/errors.ts';
import { CALENDAR_REMINDERS, type CalendarReminder } from '#shared/contracts/calendar-feed.ts';
import type { DB } from '../db/schema.ts';
import { lockStudent } from '../db/write-transaction.ts';

function isCalendarReminder(value: string): value is CalendarReminder {
  return (CALENDAR_REMINDERS as readonly string[]).includes(value);
}

/** Tries of a rotation that collides with another on the one-active-feed index (see `rotate`). */
const ROTATE_ATTEMPTS = 5;

/** Private calendar subscription feeds. A user has at most one active feed; old ones are revoked. */
export function createCalendarFeedsRepo(db: Kysely<DB>) {
  return {
    /**
     * Revokes any active feed of the user and stores a new one (its token's hash only), so that
     * exactly one stays live even when rotations race (two tabs, two app instances). On PostgreSQL
     * the account row is locked first, so rotations of one user take turns; on SQLite the first
     * write takes the database's write lock. The partial unique index (one active feed per user)
     * is the guarantee either way: a rotation that still collides is retried on a fresh snapshot.
     */
    async rotate(userId: string, feed: { id: string; tokenHash: string; now: string }): Promise<void> {
      for (let attempt = 1; ; attempt++) {
        try {
          await db.transaction().execute(async (trx) => {
            await lockStudent(trx, userId);
            await trx
              .updateTable('calendar_feeds')
              .set({ revoked_at: feed.now })
              .where('user_id', '=', userId)
              .where('revoked_at', 'is', null)
              .execute();
            await trx
              .insertInto('calendar_feeds')
              .values({
                id: feed.id,
                user_id: userId,
                token_hash: feed.tokenHash,
                created_at: feed.now,
                revoked_at: null,
                last_read_at: null,
              })
              .execute();
          });
          return;
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= ROTATE_ATTEMPTS) throw error;
        }
      }
    },

    async revoke(userId: string, now: string): Promise<number> {
      const result = await db
        .updateTable('calendar_feeds')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    listForUser(userId: string) {
      return db
        .selectFrom('calendar_feeds')
        .select(['created_at', 'revoked_at', 'last_read_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
    },

    getActive(userId: string) {
      return db
        .selectFrom('calendar_feeds')
        .select(['id', 'created_at', 'last_read_at'])
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
    },

    /** The owner of an active feed token; the one lookup keyed by a token instead of a session. */
    async findOwner(
      tokenHash: string,
    ): Promise<{ feedId: string; userId: string; lastReadAt: string | null } | undefined> {
      const row = await db
        .selectFrom('calendar_feeds')
        .select(['id', 'user_id', 'last_read_at'])
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? { feedId: row.id, userId: row.user_id, lastReadAt: row.last_read_at } : undefined;
    },

    async markRead(feedId: string, now: string): Promise<void> {
      await db.updateTable('calendar_feeds').set({ last_read_at: now }).where('id', '=', feedId).execute();
    },

    /** The reminder the student chose for calendar events; 'none' when they never chose. */
    async getReminder(userId: string): Promise<CalendarReminder> {
      const row = await db
        .selectFrom('calendar_settings')
        .select('reminder')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row && isCalendarReminder(row.reminder) ? row.reminder : 'none';
    },

    async setReminder(userId: string, reminder: CalendarReminder, now: string): Promise<void> {
      await db
        .insertInto('calendar_settings')
        .values({ user_id: userId, reminder, updated_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ reminder, updated_at: now }))
        .execute();
    },
  };
}
export type CalendarFeedsRepo = ReturnType<typeof createCalendarFeedsRepo>;
