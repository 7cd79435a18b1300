/*
 * The dashboard's row cache (advisor-row-cache.ts) never shows a stale row: after every kind of
 * write a row is built from, the advisor's next dashboard request shows the row built afresh from
 * the database (buildDashboardRows, which reads everything), and the field the write changes has
 * changed. Writes go through the second app instance (on PostgreSQL its own pool and its own
 * cache: "another instance"; on SQLite the two share one connection and one cache) and through
 * plain SQL that no app code sees, which only the database triggers can notice.
 *
 * Test clock: starts 2026-11-24T15:00Z, the student in Chicago (so the 24th, a Tuesday).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardRow } from '#shared/contracts/advisor.ts';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildPostmortemAnswers } from '#tests/factories/postmortem.ts';
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
import type { KyselyPlugin } from 'kysely';
import type { Context } from '../context.ts';
import { createAdvisorsRepo } from '../repositories/advisors.repo.ts';
import { buildDashboardRows } from './advisor-dashboard.ts';
import { createRowCache } from './advisor-row-cache.ts';

const DAY = 86_400_000;

describeEachDatabase('advisor dashboard row cache', (kind) => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof createSecondInstance>>;
  let student: Client;
  /** The same student's session, sent to the second instance. */
  let studentThere: Client;
  let advisor: Client;
  let linkId: string;

  const db = () => t.ctx.database.db;

  async function dashboardRow(): Promise<DashboardRow> {
    const response = await advisor.request({ method: 'GET', url: '/api/advisor/dashboard' });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { students: DashboardRow[] }).students[0]!;
  }

  /** The row as the database holds it now, built with no row cache. */
  async function freshRow(): Promise<DashboardRow> {
    const links = await t.ctx.repos.advisors.listLiveLinksOfAdvisor(advisor.id);
    const [detail] = await buildDashboardRows(t.ctx, links);
    return JSON.parse(JSON.stringify(detail!.row)) as DashboardRow;
  }

  /** The dashboard's row, checked to be the row built afresh. */
  async function rowMatchingDatabase(): Promise<DashboardRow> {
    const row = await dashboardRow();
    expect(row).toEqual(await freshRow());
    return row;
  }

  const revision = async () =>
    Number(
      (
        await db()
          .selectFrom('dashboard_revisions')
          .select('revision')
          .where('user_id', '=', student.id)
          .executeTakeFirst()
      )?.revision ?? 0,
    );

  async function expectOk(response: { statusCode: number; body: string }, status = 200) {
    expect(response.statusCode, response.body.slice(0, 300)).toBe(status);
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    second = await createSecondInstance(t);
    student = await signUpClient(t.app);
    studentThere = sameClientOn(second.app, student);
    advisor = await signUpClient(t.app, 'advisor');
    const invitation = await student.request({ method: 'POST', url: '/api/sharing/invitations', payload: {} });
    const accepted = await advisor.request({
      method: 'POST',
      url: '/api/advisor/invitations/accept',
      payload: { code: (invitation.json() as { code: string }).code },
    });
    await expectOk(accepted, 201);
    const sharing = (await student.request({ method: 'GET', url: '/api/sharing' })).json() as {
      links: { id: string }[];
    };
    linkId = sharing.links[0]!.id;
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('shows each write made on the other instance on the next request, and nothing else changes a row', async () => {
    // No profile yet: no stage, no exam date.
    const empty = await rowMatchingDatabase();
    expect(empty.stage).toBeNull();
    // Asked again with nothing written: the same row, and no revision moved.
    expect(await dashboardRow()).toEqual(empty);

    // The profile, saved on the other instance.
    const before = await revision();
    await expectOk(
      await studentThere.request({
        method: 'PUT',
        url: '/api/profile',
        payload: buildProfileInput({ examDate: '2027-02-17' }),
      }),
    );
    expect(await revision()).toBeGreaterThan(before);
    const profiled = await rowMatchingDatabase();
    expect(profiled.examDate).toBe('2027-02-17');

    // The exam date moved.
    await expectOk(
      await studentThere.request({
        method: 'PUT',
        url: '/api/profile',
        payload: buildProfileInput({ examDate: '2027-03-03' }),
      }),
    );
    const moved = await rowMatchingDatabase();
    expect(moved.daysToExam).toBe(profiled.daysToExam! + 14);

    // The postmortem.
    await expectOk(
      await studentThere.request({ method: 'PUT', url: '/api/postmortem', payload: buildPostmortemAnswers() }),
    );
    const postmortem = await rowMatchingDatabase();
    expect(postmortem.stage).not.toEqual(moved.stage);

    // The plan.
    await expectOk(
      await studentThere.request({ method: 'PUT', url: '/api/plan', payload: { settings: buildPlanSettings() } }),
    );
    const planned = await rowMatchingDatabase();
    expect(planned.plan?.hasPlan).toBe(true);

    // Three days on: the plan's first days are in the 14-day window (the day turning is no write).
    t.clock.advance(3 * DAY);
    const later = await rowMatchingDatabase();
    expect(later.daysToExam).toBe(moved.daysToExam! - 3);
    expect(later.plan!.plannedHours).toBeGreaterThan(0);
    expect(later.plan!.doneHours).toBe(0);

    // A plan item ticked, on the other instance.
    const plan = (await student.request({ method: 'GET', url: '/api/plan' })).json() as {
      days: { date: string; items: { id: string; kind: string; status: string | null }[] }[];
    };
    const item = plan.days
      .flatMap((d) => d.items.map((i) => ({ ...i, date: d.date })))
      .find((i) => i.date === '2026-11-24' && i.kind === 'content-review')!;
    expect(item, 'a content-review item on the plan’s first day').toBeDefined();
    await expectOk(
      await studentThere.request({ method: 'POST', url: `/api/plan/items/${item.id}`, payload: { status: 'done' } }),
    );
    const ticked = await rowMatchingDatabase();
    expect(ticked.plan!.doneHours).toBeGreaterThan(0);

    // A block logged, on the other instance.
    const blockRevision = await revision();
    await expectOk(
      await studentThere.request({
        method: 'POST',
        url: '/api/evidence/blocks',
        payload: {
          bank: 'uworld',
          mode: 'timed',
          questions: 40,
          correct: 28,
          minutes: 58,
          date: '2026-11-26',
          missedSystems: [],
          missedDisciplines: [],
        },
      }),
      201,
    );
    expect(await revision()).toBeGreaterThan(blockRevision);
    await rowMatchingDatabase();

    // Wellbeing shared, then three hard check-ins logged on the other instance.
    await expectOk(
      await studentThere.request({
        method: 'PUT',
        url: `/api/sharing/links/${linkId}/scopes`,
        payload: { scopes: { wellbeing: true } },
      }),
    );
    const shared = await rowMatchingDatabase();
    expect(shared.wellbeing).toEqual({ badDays: 0, daysConsidered: 0, isHelpPromptDue: false });
    for (const date of ['2026-11-25', '2026-11-26', '2026-11-27']) {
      await expectOk(
        await studentThere.request({
          method: 'POST',
          url: '/api/evidence/wellbeing',
          payload: { date, sleepHours: 4, stress: 5, mood: 1 },
        }),
        201,
      );
    }
    const hard = await rowMatchingDatabase();
    expect(hard.wellbeing!.badDays).toBe(3);
    expect(hard.flags.map((f) => f.id)).toContain('wellbeing-low');
  });

  it('shows writes made in plain SQL, which only the triggers see', async () => {
    /** A write no app code sees: it moves the counter, and the next row is the database's. */
    const byHand = async (write: ReturnType<typeof sql>) => {
      const before = await revision();
      await write.execute(db());
      expect(await revision()).toBeGreaterThan(before);
      return rowMatchingDatabase();
    };
    const id = student.id;
    const start = await rowMatchingDatabase();
    const longer = await byHand(
      sql`update plan_items set minutes = minutes + 600 where user_id = ${id} and date = '2026-11-24' and kind = 'content-review'`,
    );
    expect(longer.plan!.plannedHours).toBe(start.plan!.plannedHours + 10);
    const noCheckIns = await byHand(sql`delete from wellbeing_checkins where user_id = ${id}`);
    expect(noCheckIns.wellbeing!.badDays).toBe(0);
    await byHand(sql`delete from postmortems where user_id = ${id}`);
    await byHand(sql`delete from qbank_blocks where user_id = ${id}`);
    const shortfall = {
      week: 1,
      kind: 'question-bank',
      plannedMinutes: 60,
      askedMinutes: 600,
      cause: 'rotation hours',
      waysOut: [],
    };
    const short = await byHand(
      sql`update plans set summary_json = ${JSON.stringify({ shortfalls: [shortfall], fullLengthDates: [] })} where user_id = ${id}`,
    );
    expect(short.flags.map((f) => f.id)).toContain('plan-shortfall');
    // The zone moved by hand: the student's today (and so the exam's distance) with it.
    await byHand(sql`update profiles set time_zone = 'Pacific/Kiritimati' where user_id = ${id}`);
    t.clock.advance(12 * 3_600_000);
    const kiritimati = await rowMatchingDatabase();
    expect(kiritimati.daysToExam).toBe(short.daysToExam! - 1);
  });

  if (kind === 'postgres') {
    it('moves the counter once for a transaction that writes many of a student’s rows', async () => {
      const before = await revision();
      await db()
        .transaction()
        .execute(async (trx) => {
          await sql`update plan_items set minutes = minutes where user_id = ${student.id}`.execute(trx);
          await sql`update plan_items set minutes = minutes where user_id = ${student.id}`.execute(trx);
          await sql`update profiles set updated_at = updated_at where user_id = ${student.id}`.execute(trx);
        });
      expect(await revision()).toBe(before + 1);
    });
  }

  it('reads only the links and writes the access log when no row has changed', async () => {
    await dashboardRow();
    const counter = { queries: 0 };
    const plugin: KyselyPlugin = {
      transformQuery: (args) => args.node,
      async transformResult(args) {
        counter.queries += 1;
        return args.result;
      },
    };
    const ctx: Context = {
      ...t.ctx,
      repos: { ...t.ctx.repos, advisors: createAdvisorsRepo(t.ctx.database.db.withPlugin(plugin)) },
    };
    const { getDashboard } = await import('./advisor.ts');
    const { resolveSession } = await import('./resolve-session.ts');
    const actor = (await resolveSession(t.ctx, advisor.cookie.replace(/^comeback_session=/, '')))!;
    await getDashboard(ctx, actor);
    expect(counter.queries).toBe(2);
  });

  it('removes the counter with the account', async () => {
    const owner = await signUpClient(t.app);
    await expectOk(await owner.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() }));
    await expectCounterGoesWithAccount(t, owner, 'dashboard_revisions');
  });
});

describe('row cache', () => {
  const link = {
    id: 'l1',
    studentId: 's1',
    advisorId: 'a1',
    studentEmail: 'now@school.edu',
    scopes: { scores: true, plan: true, wellbeing: false, journal: false, story: false },
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    evidenceRevision: 3,
    dashboardRevision: 7,
    timeZone: 'America/Chicago',
  };
  const row = {
    studentId: 's1',
    email: 'then@school.edu',
    linkedSince: 'then',
    daysToExam: 10,
  } as unknown as DashboardRow;
  const at = new Date('2026-11-24T15:00:00.000Z'); // the 24th in Chicago

  it('serves a row only under the revisions, scopes and day it was built for, with the link’s own fields', () => {
    const cache = createRowCache();
    cache.set(link, { row, today: '2026-11-24' });
    expect(cache.get(link, at)).toMatchObject({ daysToExam: 10, email: 'now@school.edu', linkedSince: link.createdAt });
    expect(cache.get({ ...link, dashboardRevision: 8 }, at)).toBeUndefined();
    expect(cache.get({ ...link, evidenceRevision: 4 }, at)).toBeUndefined();
    expect(cache.get({ ...link, scopes: { ...link.scopes, wellbeing: true } }, at)).toBeUndefined();
    // 06:00Z on the 25th is still the 24th in Chicago; 06:00Z on the 25th + 1 h is the 25th.
    expect(cache.get(link, new Date('2026-11-25T05:59:00.000Z'))).toBeDefined();
    expect(cache.get(link, new Date('2026-11-25T06:00:00.000Z'))).toBeUndefined();
  });

  it('keeps one row per student and set of scopes, the least recently used going first', () => {
    const cache = createRowCache(2);
    const other = { ...link, scopes: { ...link.scopes, wellbeing: true } };
    cache.set(link, { row, today: '2026-11-24' });
    cache.set(other, { row, today: '2026-11-24' });
    expect(cache.get(link, at)).toBeDefined();
    expect(cache.get(other, at)).toBeDefined();
    cache.set({ ...link, studentId: 's2' }, { row, today: '2026-11-24' });
    expect(cache.size).toBe(2);
    expect(cache.get(link, at)).toBeUndefined();
  });
});
