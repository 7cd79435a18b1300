import { CompiledQuery, type Kysely } from 'kysely';
import type { DB, SessionsTable, UsersTable } from '../db/schema.ts';

export type SessionWithUser = {
  session: Pick<SessionsTable, 'id' | 'last_seen_at' | 'expires_at' | 'created_at'>;
  user: Pick<UsersTable, 'id' | 'email' | 'role' | 'created_at'>;
  /** The student's time zone, read with the session so "today" costs no extra query. */
  timeZone: string | null;
};

export function createSessionsRepo(db: Kysely<DB>) {
  const findActiveQuery = db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('profiles', 'profiles.user_id', 'sessions.user_id')
    .select([
      'profiles.time_zone',
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.created_at as session_created_at',
      'users.id as user_id',
      'users.email',
      'users.role',
      'users.created_at as user_created_at',
    ])
    .where('sessions.token_hash', '=', '')
    .where('sessions.expires_at', '>', '')
    .where('sessions.last_seen_at', '>', '')
    // Made under the current password only: a password change raises users.password_version in the
    // same transaction that moves the changer's session, so every other session stops here, even
    // one that a racing sign-in inserted after the change committed.
    .whereRef('sessions.password_version', '=', 'users.password_version')
    .compile();
  type ActiveSessionRow = {
    session_id: string;
    last_seen_at: string;
    expires_at: string;
    session_created_at: string;
    user_id: string;
    email: string;
    role: 'student' | 'advisor';
    user_created_at: string;
    time_zone: string | null;
  };
  return {
    async insert(session: {
      id: string;
      userId: string;
      /** users.password_version as read with the hash that was verified. */
      passwordVersion: number;
      tokenHash: string;
      now: string;
      expiresAt: string;
      userAgent: string | null;
    }): Promise<void> {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          token_hash: session.tokenHash,
          created_at: session.now,
          last_seen_at: session.now,
          expires_at: session.expiresAt,
          user_agent: session.userAgent,
          password_version: session.passwordVersion,
        })
        .execute();
    },

    /** The session behind a token hash, if it has not passed its absolute or idle expiry. */
    async findActive(tokenHash: string, now: string, idleSince: string): Promise<SessionWithUser | undefined> {
      // Runs on every authenticated request: compiled once, executed with this request's values.
      const { rows } = await db.executeQuery<ActiveSessionRow>(
        CompiledQuery.raw(findActiveQuery.sql, [tokenHash, now, idleSince]),
      );
      const row = rows[0];
      if (!row) return undefined;
      return {
        session: {
          id: row.session_id,
          last_seen_at: row.last_seen_at,
          expires_at: row.expires_at,
          created_at: row.session_created_at,
        },
        user: { id: row.user_id, email: row.email, role: row.role, created_at: row.user_created_at },
        timeZone: row.time_zone,
      };
    },

    async touch(sessionId: string, now: string): Promise<void> {
      await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
    },

    async deleteOne(userId: string, sessionId: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).execute();
    },

    async deleteAllForUser(userId: string): Promise<number> {
      const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteOthersForUser(userId: string, keepSessionId: string): Promise<number> {
      const result = await db
        .deleteFrom('sessions')
        .where('user_id', '=', userId)
        .where('id', '!=', keepSessionId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** The user's sessions that still resolve, by password version (not by expiry). */
    listForUser(userId: string) {
      return db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id',
          'sessions.created_at',
          'sessions.last_seen_at',
          'sessions.expires_at',
          'sessions.user_agent',
        ])
        .where('sessions.user_id', '=', userId)
        .whereRef('sessions.password_version', '=', 'users.password_version')
        .orderBy('sessions.created_at')
        .execute();
    },

    /** Removes expired and idle sessions, and those made under a password that has since changed. */
    async deleteExpired(now: string, idleSince: string): Promise<void> {
      await db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([
            eb('expires_at', '<=', now),
            eb('last_seen_at', '<=', idleSince),
            eb.exists(
              eb
                .selectFrom('users')
                .select('users.id')
                .whereRef('users.id', '=', 'sessions.user_id')
                .whereRef('users.password_version', '!=', 'sessions.password_version'),
            ),
          ]),
        )
        .execute();
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
