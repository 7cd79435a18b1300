import { CompiledQuery, sql, type Kysely, type Selectable } from 'kysely';
import type { LocalDate } from '#domain/common/dates.ts';
import { DEFAULT_SCOPES, SCOPES, type Scope, type Scopes } from '#domain/advisor/scopes.ts';
import { UNTICKABLE_KINDS } from '#domain/plan/item-rules.ts';
import type { DB, AdvisorAccessLogTable, AdvisorLinksTable, ProfilesTable } from '../db/schema.ts';
import { isPostgres } from '../db/write-transaction.ts';

/**
 * Advisors and the students who invited them (issue 12). Every call names the acting user: a student
 * reads and changes only their own invitations, links and access log; an advisor reads only through
 * a live link (revoked_at null), looked up afresh on every request so a revocation or a scope
 * switched off on any instance holds from the next request on.
 */

/** Rows per multi-row insert: well under SQLite's 32,766 bound parameters at 7 columns. */
const INSERT_CHUNK = 1000;

export type LiveLink = {
  id: string;
  studentId: string;
  advisorId: string;
  studentEmail: string;
  scopes: Scopes;
  createdAt: string;
  updatedAt: string;
  /**
   * The student's evidence revision (0 before their first practice exam or full-length day),
   * read with the link: the key of the dashboard's readiness cache (advisor-readiness-cache.ts).
   */
  evidenceRevision: number;
  /**
   * The student's dashboard revision: every other write a dashboard row is built from (migration
   * 202612011700), the key of the dashboard's row cache (advisor-row-cache.ts).
   */
  dashboardRevision: number;
  /** The student's zone from their profile (null without one): their "today" on the dashboard. */
  timeZone: string | null;
};

/** What the dashboard reads of every linked student besides their evidence (studentBasesOf). */
export type StudentBase = {
  studentId: string;
  profile: Selectable<ProfilesTable> | null;
  hasPlan: boolean;
  /** The plan summary's `shortfalls` as JSON text; null without a plan or without any. */
  shortfallsJson: string | null;
  hasPostmortem: boolean;
  blocksLogged: number;
};

function scopesOf(row: Pick<Selectable<AdvisorLinksTable>, `scope_${Scope}`>): Scopes {
  return {
    scores: Number(row.scope_scores) === 1,
    plan: Number(row.scope_plan) === 1,
    wellbeing: Number(row.scope_wellbeing) === 1,
    journal: Number(row.scope_journal) === 1,
    story: Number(row.scope_story) === 1,
  };
}

function scopeColumns(scopes: Partial<Scopes>): Partial<Record<`scope_${Scope}`, number>> {
  const out: Partial<Record<`scope_${Scope}`, number>> = {};
  for (const scope of SCOPES) if (scopes[scope] !== undefined) out[`scope_${scope}`] = scopes[scope] ? 1 : 0;
  return out;
}

/** Stored scope JSON, read leniently: anything but a true flag is off, a missing flag is its default. */
export function readScopesJson(json: string): Scopes {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = null;
  }
  const record = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  return Object.fromEntries(
    SCOPES.map((scope) => [scope, scope in record ? record[scope] === true : DEFAULT_SCOPES[scope]]),
  ) as Scopes;
}

const LINK_COLUMNS = [
  'advisor_links.id',
  'advisor_links.student_id',
  'advisor_links.advisor_id',
  'advisor_links.scope_scores',
  'advisor_links.scope_plan',
  'advisor_links.scope_wellbeing',
  'advisor_links.scope_journal',
  'advisor_links.scope_story',
  'advisor_links.created_at',
  'advisor_links.updated_at',
] as const;

const ACCESS_LOG_COLUMNS = [
  'id',
  'student_id',
  'advisor_id',
  'advisor_email',
  'view',
  'scopes',
  'accessed_at',
] as const satisfies readonly (keyof AdvisorAccessLogTable)[];

export function createAdvisorsRepo(db: Kysely<DB>) {
  /**
   * The SQL of an access-log insert of `n` rows, compiled by Kysely once per row count: a dashboard
   * of 1,000 students inserts 1,000 rows on every view, and building the query anew each time
   * (7,000 values parsed into nodes) cost more than the database's own work.
   */
  const insertSqlByRows = new Map<number, string>();
  const accessLogInsertSql = (n: number): string => {
    let text = insertSqlByRows.get(n);
    if (text === undefined) {
      const row = Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, ''])) as Selectable<AdvisorAccessLogTable>;
      text = db
        .insertInto('advisor_access_log')
        .values(Array.from({ length: n }, () => row))
        .compile().sql;
      if (insertSqlByRows.size >= INSERT_CHUNK) insertSqlByRows.clear();
      insertSqlByRows.set(n, text);
    }
    return text;
  };

  /** Planned and done minutes of tickable plan items, per student, for dates in [from, to]. */
  const studyMinutes = (studentIds: readonly string[], range: { from: LocalDate; to: LocalDate }) =>
    db
      .selectFrom('plan_items')
      .select([
        'user_id',
        (eb) => eb.fn.sum<number | string>('minutes').as('planned'),
        (eb) =>
          eb.fn
            .sum<number | string>(
              sql<number>`case when ${sql.ref('status')} = 'done' then ${sql.ref('minutes')} else 0 end`,
            )
            .as('done'),
      ])
      .where('user_id', 'in', studentIds)
      .where('date', '>=', range.from)
      .where('date', '<=', range.to)
      .where('kind', 'not in', UNTICKABLE_KINDS);

  /**
   * An advisor's live links, each with what the dashboard keys and dates its rows by: the
   * student's email, evidence and dashboard revisions, and zone.
   */
  const liveLinksOf = (advisorId: string) =>
    db
      .selectFrom('advisor_links')
      .innerJoin('users', 'users.id', 'advisor_links.student_id')
      .leftJoin('evidence_revisions', 'evidence_revisions.user_id', 'advisor_links.student_id')
      .leftJoin('dashboard_revisions', 'dashboard_revisions.user_id', 'advisor_links.student_id')
      .leftJoin('profiles', 'profiles.user_id', 'advisor_links.student_id')
      .select([
        ...LINK_COLUMNS,
        'users.email',
        'evidence_revisions.revision',
        'dashboard_revisions.revision as dashboard_revision',
        'profiles.time_zone',
      ])
      .where('advisor_links.advisor_id', '=', advisorId)
      .where('advisor_links.revoked_at', 'is', null);

  return {
    /* Invitations: the student's side. */

    async insertInvitation(input: {
      id: string;
      studentId: string;
      codeHash: string;
      scopes: Scopes;
      createdAt: string;
      expiresAt: string;
    }): Promise<void> {
      await db
        .insertInto('advisor_invitations')
        .values({
          id: input.id,
          student_id: input.studentId,
          code_hash: input.codeHash,
          scopes_json: JSON.stringify(input.scopes),
          created_at: input.createdAt,
          expires_at: input.expiresAt,
          accepted_at: null,
          accepted_by: null,
          cancelled_at: null,
        })
        .execute();
    },

    async listPendingInvitations(studentId: string, now: string) {
      const rows = await db
        .selectFrom('advisor_invitations')
        .select(['id', 'created_at', 'expires_at', 'scopes_json'])
        .where('student_id', '=', studentId)
        .where('accepted_at', 'is', null)
        .where('cancelled_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        scopes: readScopesJson(r.scopes_json),
      }));
    },

    /** Cancels one of the student's own pending invitations; false when there is none by that id. */
    async cancelInvitation(studentId: string, id: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('advisor_invitations')
        .set({ cancelled_at: now })
        .where('student_id', '=', studentId)
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('cancelled_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /* Invitations: the advisor's side. */

    async findInvitationByHash(codeHash: string) {
      return db
        .selectFrom('advisor_invitations')
        .innerJoin('users', 'users.id', 'advisor_invitations.student_id')
        .select([
          'advisor_invitations.id',
          'advisor_invitations.student_id',
          'advisor_invitations.scopes_json',
          'advisor_invitations.expires_at',
          'advisor_invitations.accepted_at',
          'advisor_invitations.cancelled_at',
          'users.role',
        ])
        .where('advisor_invitations.code_hash', '=', codeHash)
        .executeTakeFirst();
    },

    /**
     * Marks the invitation used by this advisor, only if it is still usable at `now`: of two advisors
     * accepting one code at once, exactly one gets true.
     */
    async claimInvitation(id: string, advisorId: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('advisor_invitations')
        .set({ accepted_at: now, accepted_by: advisorId })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('cancelled_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** A live link for the pair, made unless one is live already (the scopes of that one stay). */
    async insertLinkUnlessLive(input: {
      id: string;
      studentId: string;
      advisorId: string;
      invitationId: string;
      scopes: Scopes;
      now: string;
    }): Promise<void> {
      await db
        .insertInto('advisor_links')
        .values({
          id: input.id,
          student_id: input.studentId,
          advisor_id: input.advisorId,
          invitation_id: input.invitationId,
          scope_scores: input.scopes.scores ? 1 : 0,
          scope_plan: input.scopes.plan ? 1 : 0,
          scope_wellbeing: input.scopes.wellbeing ? 1 : 0,
          scope_journal: input.scopes.journal ? 1 : 0,
          scope_story: input.scopes.story ? 1 : 0,
          created_at: input.now,
          updated_at: input.now,
          revoked_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    /* Links: the student's side. */

    async listLinksOfStudent(studentId: string) {
      const rows = await db
        .selectFrom('advisor_links')
        .innerJoin('users', 'users.id', 'advisor_links.advisor_id')
        .select([...LINK_COLUMNS, 'advisor_links.revoked_at', 'users.email'])
        .where('advisor_links.student_id', '=', studentId)
        .orderBy('advisor_links.created_at', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        advisorEmail: r.email,
        scopes: scopesOf(r),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        revokedAt: r.revoked_at,
      }));
    },

    /** Changes scopes of one of the student's live links; false when there is none by that id. */
    async updateScopes(studentId: string, linkId: string, scopes: Partial<Scopes>, now: string): Promise<boolean> {
      const result = await db
        .updateTable('advisor_links')
        .set({ ...scopeColumns(scopes), updated_at: now })
        .where('student_id', '=', studentId)
        .where('id', '=', linkId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async revokeLink(studentId: string, linkId: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('advisor_links')
        .set({ revoked_at: now, updated_at: now })
        .where('student_id', '=', studentId)
        .where('id', '=', linkId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /* Links: the advisor's side, always live links only. */

    async listLiveLinksOfAdvisor(advisorId: string): Promise<LiveLink[]> {
      const rows = await liveLinksOf(advisorId).orderBy('users.email').execute();
      return rows.map(toLiveLink);
    },

    async getLiveLink(advisorId: string, studentId: string): Promise<LiveLink | undefined> {
      const row = await liveLinksOf(advisorId).where('advisor_links.student_id', '=', studentId).executeTakeFirst();
      return row ? toLiveLink(row) : undefined;
    },

    /* What the dashboard reads, for many students at once: one query each, whatever their number. */

    /**
     * Each student's profile (null without one), whether they have a plan and the shortfalls its
     * summary holds (JSON text, or null without any: only that part of the ~5 KB summary leaves the
     * database), whether they wrote a postmortem, and how many blocks they logged: one query for
     * what were four, since the dashboard reads it for every student on every request.
     */
    async studentBasesOf(studentIds: readonly string[]): Promise<StudentBase[]> {
      if (studentIds.length === 0) return [];
      const shortfalls = isPostgres(db)
        ? sql<string | null>`(plans.summary_json::json -> 'shortfalls')::text`
        : sql<string | null>`json_extract(plans.summary_json, '$.shortfalls')`;
      const rows = await db
        .selectFrom('users')
        .leftJoin('profiles', 'profiles.user_id', 'users.id')
        .leftJoin('plans', 'plans.user_id', 'users.id')
        .selectAll('profiles')
        .select((eb) => [
          'users.id as base_student_id',
          'plans.user_id as base_plan_owner',
          shortfalls.as('base_shortfalls_json'),
          eb
            .exists(
              eb
                .selectFrom('postmortems')
                .select('postmortems.user_id')
                .whereRef('postmortems.user_id', '=', 'users.id'),
            )
            .as('base_has_postmortem'),
          eb
            .selectFrom('qbank_blocks')
            .select((b) => b.fn.countAll<number | string>().as('n'))
            .whereRef('qbank_blocks.user_id', '=', 'users.id')
            .as('base_blocks'),
        ])
        .where('users.id', 'in', studentIds)
        .execute();
      return rows.map((row) => {
        const { base_student_id, base_plan_owner, base_shortfalls_json, base_has_postmortem, base_blocks, ...profile } =
          row;
        return {
          studentId: base_student_id,
          // Only the profile's own columns: the readiness cache keys on them (profileFingerprint).
          profile: profile.user_id === null ? null : (profile as Selectable<ProfilesTable>),
          hasPlan: base_plan_owner !== null,
          shortfallsJson: base_shortfalls_json,
          hasPostmortem: Boolean(Number(base_has_postmortem)),
          blocksLogged: Number(base_blocks ?? 0),
        };
      });
    },

    async practiceExamsOf(studentIds: readonly string[]) {
      if (studentIds.length === 0) return [];
      return db
        .selectFrom('practice_exams')
        .select(['user_id', 'form', 'date', 'score', 'percent_correct'])
        .where('user_id', 'in', studentIds)
        .orderBy('user_id')
        .orderBy('date')
        .orderBy('created_at')
        .execute();
    },

    /**
     * Full-length days done, per student, counted as the student's own evidence page counts them
     * (evidence.repo.ts listFullLengthDates): distinct dates of logged days and of the plan's
     * full-length items marked done.
     */
    async fullLengthCountsOf(studentIds: readonly string[]) {
      if (studentIds.length === 0) return [];
      const days = db
        .selectFrom('full_length_days')
        .select(['user_id', 'date'])
        .where('user_id', 'in', studentIds)
        .union(
          db
            .selectFrom('plan_items')
            .select(['user_id', 'date'])
            .where('user_id', 'in', studentIds)
            .where('kind', '=', 'full-length')
            .where('status', '=', 'done'),
        );
      return db
        .selectFrom(days.as('days'))
        .select(['days.user_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .groupBy('days.user_id')
        .execute();
    },

    /**
     * Planned and done study minutes a day (rest and the exam itself left out: they are not work to
     * tick, item-rules.ts) for dates in [from, to]: the caller keeps each student's own window.
     */
    async planDaysOf(studentIds: readonly string[], range: { from: LocalDate; to: LocalDate }) {
      if (studentIds.length === 0) return [];
      return studyMinutes(studentIds, range).select('date').groupBy(['user_id', 'date']).execute();
    },

    /** Planned and done study minutes in [from, to], one row per student. */
    async planTotalsOf(studentIds: readonly string[], range: { from: LocalDate; to: LocalDate }) {
      if (studentIds.length === 0) return [];
      return studyMinutes(studentIds, range).groupBy('user_id').execute();
    },

    async openPracticeExamItemsOf(studentIds: readonly string[], range: { from: LocalDate; to: LocalDate }) {
      if (studentIds.length === 0) return [];
      return (
        db
          .selectFrom('plan_items')
          .select(['user_id', 'date', 'form', 'title'])
          .where('user_id', 'in', studentIds)
          .where('date', '>=', range.from)
          .where('date', '<=', range.to)
          // A literal, not a parameter: SQLite uses the partial index plan_items_practice_exams
          // (migration 202612011400) only when it can see the query's kind is the index's.
          .where('kind', '=', sql.lit('practice-exam'))
          .where((eb) => eb.or([eb('status', 'is', null), eb('status', '!=', 'done')]))
          .orderBy('date')
          .execute()
      );
    },

    async checkInsOf(studentIds: readonly string[], from: LocalDate) {
      if (studentIds.length === 0) return [];
      return db
        .selectFrom('wellbeing_checkins')
        .select(['user_id', 'date', 'sleep_hours', 'stress', 'mood'])
        .where('user_id', 'in', studentIds)
        .where('date', '>=', from)
        .orderBy('date')
        .execute();
    },

    /* Notes, the advisor's own. */

    async listNotes(advisorId: string, studentId: string) {
      const rows = await db
        .selectFrom('advisor_notes')
        .select(['id', 'body', 'created_at'])
        .where('advisor_id', '=', advisorId)
        .where('student_id', '=', studentId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({ id: r.id, body: r.body, createdAt: r.created_at }));
    },

    async insertNote(input: { id: string; advisorId: string; studentId: string; body: string; now: string }) {
      await db
        .insertInto('advisor_notes')
        .values({
          id: input.id,
          advisor_id: input.advisorId,
          student_id: input.studentId,
          body: input.body,
          created_at: input.now,
        })
        .execute();
    },

    async deleteNote(advisorId: string, noteId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('advisor_notes')
        .where('advisor_id', '=', advisorId)
        .where('id', '=', noteId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /* The access log. */

    async logAccess(
      rows: readonly {
        id: string;
        studentId: string;
        advisorId: string;
        advisorEmail: string;
        view: string;
        scopes: readonly Scope[];
        at: string;
      }[],
    ): Promise<void> {
      const values = rows.map((r) => [
        r.id,
        r.studentId,
        r.advisorId,
        r.advisorEmail,
        r.view,
        r.scopes.join(' '),
        r.at,
      ]);
      for (let i = 0; i < values.length; i += INSERT_CHUNK) {
        const chunk = values.slice(i, i + INSERT_CHUNK);
        await db.executeQuery(CompiledQuery.raw(accessLogInsertSql(chunk.length), chunk.flat()));
      }
    },

    /** The student's access log, newest first; `limit` rows at most when given. */
    async listAccess(studentId: string, limit?: number) {
      let query = db
        .selectFrom('advisor_access_log')
        .select(['advisor_email', 'view', 'scopes', 'accessed_at'])
        .where('student_id', '=', studentId)
        .orderBy('accessed_at', 'desc')
        .orderBy('id', 'desc');
      if (limit !== undefined) query = query.limit(limit);
      const rows = await query.execute();
      return rows.map((r) => ({
        advisorEmail: r.advisor_email,
        view: r.view,
        scopes: r.scopes.split(' ').filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
        accessedAt: r.accessed_at,
      }));
    },

    /**
     * Deletes up to `limit` access-log rows read before `before`, oldest first; returns how many.
     * One statement on the accessed_at index, so each batch is short (on SQLite it holds the write
     * lock only that long).
     */
    async deleteAccessBefore(before: string, limit: number): Promise<number> {
      const result = await db
        .deleteFrom('advisor_access_log')
        .where(
          'id',
          'in',
          db
            .selectFrom('advisor_access_log')
            .select('id')
            .where('accessed_at', '<', before)
            .orderBy('accessed_at')
            .limit(limit),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async countAccess(studentId: string): Promise<number> {
      const row = await db
        .selectFrom('advisor_access_log')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('student_id', '=', studentId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

function toLiveLink(
  row: Pick<
    Selectable<AdvisorLinksTable>,
    'id' | 'student_id' | 'advisor_id' | 'created_at' | 'updated_at' | `scope_${Scope}`
  > & {
    email: string;
    revision: number | string | null;
    dashboard_revision: number | string | null;
    time_zone: string | null;
  },
): LiveLink {
  return {
    id: row.id,
    studentId: row.student_id,
    advisorId: row.advisor_id,
    studentEmail: row.email,
    scopes: scopesOf(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    evidenceRevision: Number(row.revision ?? 0),
    dashboardRevision: Number(row.dashboard_revision ?? 0),
    timeZone: row.time_zone,
  };
}

export type AdvisorsRepo = ReturnType<typeof createAdvisorsRepo>;
