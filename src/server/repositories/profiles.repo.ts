import { CompiledQuery, type Kysely } from 'kysely';
import type { FailCount, SchoolType, StudentProfile } from '#domain/risk/profile.ts';
import type { SpecialtyId, TierId } from '#domain/risk/specialties.ts';
import type { DB, ProfilesTable } from '../db/schema.ts';

export type StoredProfile = StudentProfile & { createdAt: string; updatedAt: string };

/** A profiles row as the domain's profile, with its timestamps. */
export function toProfile(row: ProfilesTable): StoredProfile {
  return {
    failCount: row.fail_count as FailCount,
    specialty: row.specialty as SpecialtyId,
    otherSpecialtyName: row.other_specialty_name,
    otherTier: row.other_tier as TierId | null,
    backupSpecialty: row.backup_specialty,
    schoolType: row.school_type as SchoolType,
    timeZone: row.time_zone,
    examDate: row.exam_date,
    reviewStartDate: row.review_start_date,
    bufferPoints: Number(row.buffer_points),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A student's profile. Every call is scoped to the acting user's id. */
export function createProfilesRepo(db: Kysely<DB>) {
  // Read on most requests: compiled once, executed with the acting user's id.
  const getQuery = db.selectFrom('profiles').selectAll().where('user_id', '=', '').compile();
  return {
    async get(userId: string): Promise<StoredProfile | undefined> {
      const { rows } = await db.executeQuery<ProfilesTable>(CompiledQuery.raw(getQuery.sql, [userId]));
      return rows[0] ? toProfile(rows[0]) : undefined;
    },

    /**
     * Moves the exam date only if it is still `from` (an accepted delay): a profile saved meanwhile
     * is never overwritten by a stale copy. False when the date had changed.
     */
    async moveExamDate(userId: string, move: { from: string; to: string; now: string }): Promise<boolean> {
      const result = await db
        .updateTable('profiles')
        .set({ exam_date: move.to, updated_at: move.now })
        .where('user_id', '=', userId)
        .where('exam_date', '=', move.from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async save(userId: string, profile: StudentProfile, now: string): Promise<StoredProfile> {
      const values = {
        fail_count: profile.failCount,
        specialty: profile.specialty,
        other_specialty_name: profile.specialty === 'other' ? profile.otherSpecialtyName : null,
        other_tier: profile.specialty === 'other' ? profile.otherTier : null,
        backup_specialty: profile.backupSpecialty,
        school_type: profile.schoolType,
        time_zone: profile.timeZone,
        exam_date: profile.examDate,
        review_start_date: profile.reviewStartDate,
        buffer_points: profile.bufferPoints,
        updated_at: now,
      };
      const row = await db
        .insertInto('profiles')
        .values({ user_id: userId, created_at: now, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toProfile(row);
    },
  };
}
export type ProfilesRepo = ReturnType<typeof createProfilesRepo>;
