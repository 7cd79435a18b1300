/*
 * The dashboard at scale (issue 12): the number of queries does not grow with the number of linked
 * students, and each flag appears for the students made to raise it. Queries are counted by a Kysely
 * plugin on the advisors repository, which every dashboard read goes through (one count per
 * statement executed).
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedAdvisorCohort } from '#tests/factories/advisor-cohort.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';
import type { Actor, Context } from '../context.ts';
import { createAdvisorsRepo } from '../repositories/advisors.repo.ts';
import { resolveSession } from './resolve-session.ts';
import { getDashboard } from './advisor.ts';

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
