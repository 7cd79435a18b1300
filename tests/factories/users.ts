import type { Kysely } from 'kysely';
import type { DB } from '#server/db/schema.ts';

/** A bare user row for repository tests that need an owner for their rows. */
export async function insertUser(db: Kysely<DB>, id: string, role: 'student' | 'advisor' = 'student'): Promise<void> {
  await db
    .insertInto('users')
    .values({ id, email: `${id}@school.edu`, password_hash: 'h', role, created_at: 'x', password_changed_at: 'x' })
    .execute();
}
