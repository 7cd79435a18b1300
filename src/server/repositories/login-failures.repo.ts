import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * 'password': a sign-in or a password confirmation (one budget per email); 'sign-up': a new account;
 * 'invitation': an advisor's invitation code (one budget per advisor, by the advisor's email).
 */
export type AttemptKind = 'password' | 'sign-up' | 'invitation';

/**
 * Throttled attempts, kept in the database so the limits hold across app instances. An attempt is
 * recorded (committed on its own) before it is counted and before any password is checked: the k-th
 * attempt to commit then counts at least k rows, so parallel attempts can never all see room under
 * the limit (sign-in.ts). The table keeps its first name; a row that stays is a failure or a sign-up.
 */
export function createLoginFailuresRepo(db: Kysely<DB>) {
  const countBy = (kind: AttemptKind, column: 'email' | 'ip', value: string, since: string) =>
    db
      .selectFrom('login_failures')
      .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.min('attempted_at').as('oldest')])
      .where(column, '=', value)
      .where('kind', '=', kind)
      .where('attempted_at', '>', since)
      .executeTakeFirstOrThrow()
      .then((row) => ({ count: Number(row.count), oldest: row.oldest }));

  return {
    async record(attempt: { id: string; email: string; ip: string; now: string; kind?: AttemptKind }): Promise<void> {
      await db
        .insertInto('login_failures')
        .values({
          id: attempt.id,
          email: attempt.email,
          ip: attempt.ip,
          attempted_at: attempt.now,
          kind: attempt.kind ?? 'password',
        })
        .execute();
    },

    /**
     * Password attempts for this email and for this address since `since`, with the oldest of them;
     * `ip` null counts by email only (confirmations).
     */
    async countSince(email: string, ip: string | null, since: string) {
      const [byEmail, byIp] = await Promise.all([
        countBy('password', 'email', email, since),
        ip === null ? { count: 0, oldest: null } : countBy('password', 'ip', ip, since),
      ]);
      return { byEmail, byIp };
    },

    /** Sign-ups from this address since `since`, with the oldest of them. */
    countSignUpsSince(ip: string, since: string): Promise<{ count: number; oldest: string | null }> {
      return countBy('sign-up', 'ip', ip, since);
    },

    /** An advisor's invitation-code attempts since `since` (by the advisor's email), with the oldest. */
    countInvitationAttemptsSince(
      advisorEmail: string,
      since: string,
    ): Promise<{ count: number; oldest: string | null }> {
      return countBy('invitation', 'email', advisorEmail, since);
    },

    /** Takes back one attempt: one the throttle refused, or a sign-in that succeeded. */
    async remove(id: string): Promise<void> {
      await db.deleteFrom('login_failures').where('id', '=', id).execute();
    },

    async deleteBefore(before: string): Promise<void> {
      await db.deleteFrom('login_failures').where('attempted_at', '<=', before).execute();
    },
  };
}
export type LoginFailuresRepo = ReturnType<typeof createLoginFailuresRepo>;
