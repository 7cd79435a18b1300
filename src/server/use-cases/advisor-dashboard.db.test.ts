/*
 * The dashboard at scale (issue 12): the number of queries does not grow with the number of linked
 * students, and each flag appears for the students made to raise it. Queries are counted by a Kysely
 * plugin on the advisors repository, which every dashboard read goes through (one count per
 * statement executed).
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, daysBetween } from '#domain/common/dates.ts';
import { seedAdvisorCohort } from '#tests/factories/advisor-cohort.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';
import type { Actor, Context } from '../context.ts';
import { createAdvisorsRepo } from '../repositories/advisors.repo.ts';
import { resolveSession } from './resolve-session.ts';
import { getDashboard, getStudentPage } from './advisor.ts';

function countingPlugin() {
  const counter = { queries: 0 };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      return args.node;
    },
    // Once per statement sent (transformQuery also runs for every sub-query built into one).
    async transformResult(args) {
      counter.queries += 1;
      return args.result;
    },
  };
  return { counter, plugin };
}

describeEachDatabase('advisor dashboard at scale', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function advisorWith(students: number, prefix: string): Promise<{ client: Client; actor: Actor }> {
    const client = await signUpClient(t.app, 'advisor');
    const actor = (await resolveSession(t.ctx, client.cookie.replace(/^comeback_session=/, '')))!;
    await seedAdvisorCohort(t.ctx.database.db, {
      advisorId: client.id,
      students,
      today: '2026-11-24',
      now: t.clock.now().toISOString(),
      prefix,
    });
    return { client, actor };
  }

  async function countQueries(actor: Actor) {
    const { counter, plugin } = countingPlugin();
    const ctx: Context = {
      ...t.ctx,
      repos: { ...t.ctx.repos, advisors: createAdvisorsRepo(t.ctx.database.db.withPlugin(plugin)) },
    };
    const dashboard = await getDashboard(ctx, actor);
    return { queries: counter.queries, dashboard };
  }

  it('reads 10 and 100 students in the same number of queries', async () => {
    const ten = await countQueries((await advisorWith(10, `${kind}-ten`)).actor);
    const hundred = await countQueries((await advisorWith(100, `${kind}-hundred`)).actor);
    expect(ten.dashboard.students).toHaveLength(10);
    expect(hundred.dashboard.students).toHaveLength(100);
    expect(ten.queries).toBeGreaterThan(5);
    expect(hundred.queries).toBe(ten.queries);
    process.stderr.write(`dashboard queries [${kind}]: ${ten.queries} for 10 students, ${hundred.queries} for 100\n`);
  }, 60_000);

  it('raises each flag for the students made to raise it, and only from shared scopes', async () => {
    const { dashboard } = await countQueries((await advisorWith(12, `${kind}-flags`)).actor);
    const flagsOf = (n: number) =>
      dashboard.students
        .find((s) => s.studentId === `${kind}-flags-${String(n).padStart(5, '0')}`)!
        .flags.map((f) => f.id);
    // Student 0: falling scores, behind on the plan, a shortfall, two missed exams (14 and 7 days
    // ago), hard check-ins shared.
    expect(flagsOf(0)).toEqual([
      'scores-drifting',
      'practice-exam-missed',
      'practice-exam-missed',
      'low-adherence',
      'plan-shortfall',
      'wellbeing-low',
    ]);
    // Student 1: steady and on plan.
    expect(flagsOf(1)).toEqual([]);
    // Student 3: no wellbeing shared (odd), so no wellbeing flag; nothing else.
    expect(flagsOf(3)).toEqual([]);
    expect(dashboard.cohort.shown).toBe(true);
  });
});

/*
 * Students in three zones on three dates at one instant: each one's 14 days and check-ins are their
 * own, though the dashboard reads one date range for all of them and sums most days in the database.
 * Every day's planned minutes differ, so a window one day off shows in the hours.
 */
describeEachDatabase('advisor dashboard across time zones', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
    // 2026-11-25T10:30Z: 2026-11-24 23:30 in Pago Pago (UTC-11), the 25th in UTC, the 26th 00:30 in Kiritimati (UTC+14).
    t.clock.advance(19.5 * 3_600_000);
  });
  afterAll(() => t.close());

  it("sums each student's own 14 days and shows their own check-ins", async () => {
    const db = t.ctx.database.db;
    const client = await signUpClient(t.app, 'advisor');
    const actor = (await resolveSession(t.ctx, client.cookie.replace(/^comeback_session=/, '')))!;
    const ids = await seedAdvisorCohort(db, {
      advisorId: client.id,
      students: 3,
      today: '2026-11-25',
      now: t.clock.now().toISOString(),
      prefix: `${kind}-zones`,
    });
    const zones = { [ids[0]!]: 'Pacific/Pago_Pago', [ids[1]!]: 'UTC', [ids[2]!]: 'Pacific/Kiritimati' };
    const todays = { [ids[0]!]: '2026-11-24', [ids[1]!]: '2026-11-25', [ids[2]!]: '2026-11-26' };
    for (const id of ids) {
      await db.updateTable('profiles').set({ time_zone: zones[id]! }).where('user_id', '=', id).execute();
      await db.updateTable('advisor_links').set({ scope_wellbeing: 1 }).where('student_id', '=', id).execute();
    }
    // Each day's blocks a different length: 10 minutes more for every day after Nov 1.
    const items = await db.selectFrom('plan_items').select(['id', 'date']).where('user_id', 'in', ids).execute();
    for (const item of items) {
      const minutes = 10 * Number(item.date.slice(8)) + (item.date.slice(5, 7) === '12' ? 300 : 0);
      await db.updateTable('plan_items').set({ minutes }).where('id', '=', item.id).execute();
    }
    const expected = async (id: string) => {
      const today = todays[id]!;
      const from = addDays(today, -14);
      const to = addDays(today, -1);
      const minutes = (status: 'any' | 'done') =>
        db
          .selectFrom('plan_items')
          .select((eb) => eb.fn.sum<number | string>('minutes').as('m'))
          .where('user_id', '=', id)
          .where('date', '>=', from)
          .where('date', '<=', to)
          .where('kind', 'not in', ['rest', 'exam'])
          .$if(status === 'done', (q) => q.where('status', '=', 'done'))
          .executeTakeFirstOrThrow();
      const checkIns = await db
        .selectFrom('wellbeing_checkins')
        .select('date')
        .where('user_id', '=', id)
        .where('date', '>=', addDays(today, -13))
        .where('date', '<=', today)
        .orderBy('date')
        .execute();
      return {
        planned: Math.round(Number((await minutes('any')).m ?? 0) / 6) / 10,
        done: Math.round(Number((await minutes('done')).m ?? 0) / 6) / 10,
        checkInDates: checkIns.map((c) => c.date),
      };
    };

    const dashboard = await getDashboard(t.ctx, actor);
    for (const id of ids) {
      const row = dashboard.students.find((s) => s.studentId === id)!;
      const want = await expected(id);
      expect(row.daysToExam, id).toBe(daysBetween(todays[id]!, '2027-01-24'));
      expect({ planned: row.plan!.plannedHours, done: row.plan!.doneHours }, id).toEqual({
        planned: want.planned,
        done: want.done,
      });
      const page = await getStudentPage(t.ctx, actor, id);
      if (!page.ok) throw new Error(page.error.message);
      const pagePlanned = page.value.plan!.days.reduce((sum, d) => sum + d.plannedMinutes, 0);
      expect(Math.round(pagePlanned / 6) / 10, id).toBe(want.planned);
      expect(page.value.wellbeing!.checkIns.map((c) => c.date).sort(), id).toEqual(want.checkInDates);
    }
    // The three windows differ, so the sums do too: the test would not pass with one window for all.
    const planned = ids.map((id) => dashboard.students.find((s) => s.studentId === id)!.plan!.plannedHours);
    expect(new Set(planned).size).toBe(3);
  });
});
