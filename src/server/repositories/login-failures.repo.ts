import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Failed sign-ins, kept in the database so throttling holds across app instances. */
export function createLoginFailuresRepo(db: Kysely<DB>) {
  return {
    async record(failure: { id: string; email: string; ip: string; now: string }): Promise<void> {
      await db
        .insertInto('login_failures')
        .values({ id: failure.id, email: failure.email, ip: failure.ip, attempted_at: failure.now })
        .execute();
    },

    /** Failures for this email and for this address since `since`, with the oldest of them. */
    async countSince(email: string, ip: string, since: string) {
      const [byEmail, byIp] = await Promise.all([
        db
          .selectFrom('login_failures')
          .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.min('attempted_at').as('oldest')])
          .where('email', '=', email)
          .where('attempted_at', '>', since)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('login_failures')
          .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.min('attempted_at').as('oldest')])
          .where('ip', '=', ip)
          .where('attempted_at', '>', since)
          .executeTakeFirstOrThrow(),
      ]);
      return {
        byEmail: { count: Number(byEmail.count), oldest: byEmail.oldest },
        byIp: { count: Number(byIp.count), oldest: byIp.oldest },
      };
    },

    async clearForEmail(email: string): Promise<void> {
      await db.deleteFrom('login_failures').where('email', '=', email).execute();
    },

    async deleteBefore(before: string): Promise<void> {
      await db.deleteFrom('login_failures').where('attempted_at', '<=', before).execute();
    },
  };
}
export type LoginFailuresRepo = ReturnType<typeof createLoginFailuresRepo>;
