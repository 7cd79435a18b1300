/*
 * The dashboard's readiness cache (advisor-readiness-cache.ts) never shows a stale figure: after
 * every kind of write to what the readiness rule reads, the advisor's next dashboard request shows
 * the new figure, and it is the figure the student's own evidence page shows. Writes go through
 * the second app instance (on PostgreSQL it has its own pool and its own cache, so this is the
 * "another instance" case; on SQLite the two share one connection, and so one cache) and through
 * plain SQL that no app code sees, which only the database triggers can notice.
 *
 * Test clock: 2026-11-24T15:00Z, the student in Chicago. Internal medicine with a 10-point buffer:
 * planning target 240. The exam on 2026-12-10 is 16 days out, inside the 21-day decision window,
 * so the verdict turns on the full-length day as well as the scores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { expectCounterGoesWithAccount } from '#tests/setup/revision-counter.ts';
import {
  createSecondInstance,
  sameClientOn,
  createTestApp,
  signUpClient,
  type Client,
  type TestApp,
} from '#tests/setup/test-app.ts';
import { createReadinessCache, profileFingerprint } from './advisor-readiness-cache.ts';

type Row = {
  daysToExam: number;
  examDate: string;
  scores: {
    targetScore: number | null;
    latest: { reported: string; date: string } | null;
    predicted: { score: number; low: number; high: number; passProbability: number } | null;
    verdict: string | null;
  };
};

describeEachDatabase('advisor dashboard readiness cache', (kind) => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof createSecondInstance>>;
  let student: Client;
  /** The same student's session, sent to the second instance. */
  let studentThere: Client;
  let advisor: Client;

  const now = () => t.clock.now().toISOString();

  async function dashboardRow(): Promise<Row> {
    const response = await advisor.request({ method: 'GET', url: '/api/advisor/dashboard' });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { students: Row[] }).students[0]!;
  }

  /** The dashboard row, after checking its figures are the ones the student's own page shows. */
  async function rowMatchingStudentPage(): Promise<Row> {
    const row = await dashboardRow();
    const evidence = (await student.request({ method: 'GET', url: '/api/evidence' })).json() as {
      readiness: { verdict: string; trajectory: Row['scores']['predicted'] & { predicted: number } } | null;
    };
    expect(row.scores.verdict).toBe(evidence.readiness?.verdict ?? null);
    const trajectory = evidence.readiness?.trajectory;
    expect(row.scores.predicted).toEqual(
      trajectory
        ? {
            score: trajectory.predicted,
            low: trajectory.low,
            high: trajectory.high,
            passProbability: trajectory.passProbability,
          }
        : null,
    );
    return row;
  }

  const logExam = async (who: Client, form: string, date: string, score: number) => {
    const response = await who.request({
      method: 'POST',
      url: '/api/evidence/practice-exams',
      payload: { form, date, score },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    second = await createSecondInstance(t);
    student = await signUpClient(t.app);
    studentThere = sameClientOn(second.app, student);
    advisor = await signUpClient(t.app, 'advisor');
    const profile = await student.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate: '2026-12-10' }),
    });
    expect(profile.statusCode, profile.body).toBe(200);
    const invitation = await student.request({ method: 'POST', url: '/api/sharing/invitations', payload: {} });
    const accepted = await advisor.request({
      method: 'POST',
      url: '/api/advisor/invitations/accept',
      payload: { code: (invitation.json() as { code: string }).code },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('shows a practice exam, a full-length day and a deletion made on the other instance on the next request', async () => {
    await logExam(student, 'NBME13', '2026-11-06', 238);
    const before = await rowMatchingStudentPage();
    expect(before.scores.latest).toMatchObject({ reported: '238', date: '2026-11-06' });
    // Asked again with nothing written: the cached figures, the same.
    expect(await dashboardRow()).toEqual(before);

    const newer = await logExam(studentThere, 'NBME14', '2026-11-13', 251);
    const afterExam = await rowMatchingStudentPage();
    expect(afterExam.scores.latest).toMatchObject({ reported: '251', date: '2026-11-13' });
    expect(afterExam.scores.predicted).not.toEqual(before.scores.predicted);

    await logExam(studentThere, 'NBME15', '2026-11-20', 252);
    // Two recent sittings at the target, but no full-length day yet: not ready.
    expect((await rowMatchingStudentPage()).scores.verdict).toBe('not-ready');
    const fullLength = await studentThere.request({
      method: 'POST',
      url: '/api/evidence/full-length-days',
      payload: { date: '2026-11-21' },
    });
    expect(fullLength.statusCode, fullLength.body).toBe(201);
    const withFullLength = await rowMatchingStudentPage();
    expect(withFullLength.scores.verdict).toBe('proceed');

    const deleted = await studentThere.request({ method: 'DELETE', url: `/api/evidence/practice-exams/${newer.id}` });
    expect(deleted.statusCode, deleted.body).toBe(204);
    const afterDelete = await rowMatchingStudentPage();
    expect(afterDelete.scores.predicted).not.toEqual(withFullLength.scores.predicted);
  });

  it('sees writes no app code made: a practice exam and full-length plan items changed in plain SQL', async () => {
    const db = t.ctx.database.db;
    const id = student.id;
    // The at-target sitting deleted above, logged again: all five conditions hold.
    await logExam(student, 'NBME14', '2026-11-13', 251);
    expect((await rowMatchingStudentPage()).scores.verdict).toBe('proceed');
    await db
      .insertInto('practice_exams')
      .values({
        id: `${id}-sql-exam`,
        user_id: id,
        form: 'NBME16',
        date: '2026-11-23',
        score: 230,
        percent_correct: null,
        breakdown_json: JSON.stringify({ breakdown: [], isPredictive: true }),
        created_at: now(),
      })
      .execute();
    const withSqlExam = await rowMatchingStudentPage();
    expect(withSqlExam.scores.latest).toMatchObject({ reported: '230', date: '2026-11-23' });
    expect(withSqlExam.scores.verdict).toBe('delay');
    await db.deleteFrom('practice_exams').where('id', '=', `${id}-sql-exam`).execute();
    const withoutSqlExam = await rowMatchingStudentPage();
    expect(withoutSqlExam.scores.latest).toMatchObject({ reported: '252' });
    expect(withoutSqlExam.scores.verdict).toBe('proceed');

    // The logged full-length day goes; a full-length item of the plan ticked done counts instead,
    // as it does on the student's own page.
    await db.deleteFrom('full_length_days').where('user_id', '=', id).execute();
    expect((await rowMatchingStudentPage()).scores.verdict).toBe('not-ready');
    await db
      .insertInto('plan_items')
      .values({
        user_id: id,
        id: `${id}-sql-full-length`,
        date: '2026-11-22',
        kind: 'full-length',
        title: 'Full-length day',
        start_time: '08:00',
        end_time: '17:00',
        minutes: 480,
        questions: 280,
        form: null,
        status: 'done',
        status_at: now(),
        changed_at: now(),
      })
      .execute();
    expect((await rowMatchingStudentPage()).scores.verdict).toBe('proceed');
    await db.updateTable('plan_items').set({ status: null }).where('id', '=', `${id}-sql-full-length`).execute();
    expect((await rowMatchingStudentPage()).scores.verdict).toBe('not-ready');
    await db.updateTable('plan_items').set({ status: 'done' }).where('id', '=', `${id}-sql-full-length`).execute();
    expect((await rowMatchingStudentPage()).scores.verdict).toBe('proceed');
    await db.deleteFrom('plan_items').where('id', '=', `${id}-sql-full-length`).execute();
    expect((await rowMatchingStudentPage()).scores.verdict).toBe('not-ready');
  });

  it('bumps both students when an UPDATE moves a row from one to another (hand-run SQL)', async () => {
    const db = t.ctx.database.db;
    const other = await signUpClient(t.app);
    const revision = async (userId: string) =>
      (await db.selectFrom('evidence_revisions').select('revision').where('user_id', '=', userId).executeTakeFirst())
        ?.revision ?? 0;
    const row = {
      user_id: other.id,
      form: 'NBME13',
      date: '2026-11-20',
      score: 231,
      percent_correct: null,
      breakdown_json: JSON.stringify({ breakdown: [], isPredictive: true }),
      created_at: now(),
    };
    await db
      .insertInto('practice_exams')
      .values({ ...row, id: `${other.id}-moved-exam` })
      .execute();
    const before = { mine: await revision(student.id), theirs: await revision(other.id) };
    await db
      .updateTable('practice_exams')
      .set({ user_id: student.id })
      .where('id', '=', `${other.id}-moved-exam`)
      .execute();
    expect(await revision(student.id)).toBe(before.mine + 1);
    expect(await revision(other.id)).toBe(before.theirs + 1);
    // Moved back: the dashboard row is the student's own page again.
    await db.deleteFrom('practice_exams').where('id', '=', `${other.id}-moved-exam`).execute();
    await rowMatchingStudentPage();
  });

  it('computes afresh when the day turns and when the exam date or the target changes', async () => {
    const today = await rowMatchingStudentPage();
    t.clock.advance(86_400_000);
    try {
      const tomorrow = await rowMatchingStudentPage();
      expect(tomorrow.daysToExam).toBe(today.daysToExam - 1);
    } finally {
      t.clock.advance(-86_400_000);
    }
    const moved = await studentThere.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate: '2027-02-24' }),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const later = await rowMatchingStudentPage();
    expect(later.examDate).toBe('2027-02-24');
    // Out of the decision window: on or off track, never a go / delay verdict.
    expect(['on-track', 'off-track']).toContain(later.scores.verdict);
    expect(later.scores.targetScore).toBe(240);
    // A larger cushion raises the target the rule reads.
    const cushion = await studentThere.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate: '2027-02-24', bufferPoints: 15 }),
    });
    expect(cushion.statusCode, cushion.body).toBe(200);
    expect((await rowMatchingStudentPage()).scores.targetScore).toBe(245);
  });

  it('keeps the account deletion working with the triggers: the counter goes with the account', async () => {
    const other = await signUpClient(t.app);
    await other.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
    await logExam(other, 'NBME13', '2026-11-06', 238);
    await expectCounterGoesWithAccount(t, other, 'evidence_revisions');
  });
});

describe('readiness cache bounds', () => {
  const profileRow = {
    user_id: 's',
    exam_date: '2026-12-10',
    buffer_points: 10,
    specialty: 'internal-medicine',
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
  };
  const key = { evidenceRevision: 1, today: '2026-11-24', profile: profileFingerprint(profileRow) };
  const figures = { targetScore: 240, exams: [], sittings: [], readiness: null };

  it('fingerprints every profile field but its timestamps', () => {
    expect(profileFingerprint({ ...profileRow, updated_at: '2026-11-20T00:00:00.000Z' })).toBe(key.profile);
    for (const changed of [{ exam_date: '2026-12-11' }, { buffer_points: 11 }, { specialty: 'surgery' }])
      expect(profileFingerprint({ ...profileRow, ...changed })).not.toBe(key.profile);
  });

  it('answers only for the same key, and drops the least recently used past its limit', () => {
    const cache = createReadinessCache(2);
    cache.set('a', key, figures);
    expect(cache.get('a', key)).toBe(figures);
    for (const changed of [
      { evidenceRevision: 2 },
      { today: '2026-11-25' },
      { profile: profileFingerprint({ ...profileRow, buffer_points: 11 }) },
    ])
      expect(cache.get('a', { ...key, ...changed })).toBeUndefined();
    cache.set('b', key, figures);
    expect(cache.get('a', key)).toBe(figures); // a is now the most recently used
    cache.set('c', key, figures);
    expect(cache.size).toBe(2);
    expect(cache.get('b', key)).toBeUndefined();
    expect(cache.get('a', key)).toBe(figures);
    expect(cache.get('c', key)).toBe(figures);
  });
});
