/**
 * The advisor dashboard at school scale (issue 12): one advisor with 1,000 linked students, each
 * with a profile, a plan (three weeks of items behind today), four practice exams and a week of
 * check-ins (tests/factories/advisor-cohort.ts, written straight into the server's SQLite file).
 * GET /api/advisor/dashboard one request at a time, so latency ≈ server time. Every request reads
 * the links afresh and writes 1,000 access-log rows. Target: median ≤ 150 ms.
 */
import path from 'node:path';
import { openDatabase } from '#server/db/database.ts';
import { seedAdvisorCohort } from '#tests/factories/advisor-cohort.ts';
import { fetchOk, measurementFromTimes, quantile, timeSequentially } from '../lib/sequential.ts';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';

const STUDENTS = 1000;
const TARGET_MS = 150;

export const advisorSuite: Suite = {
  name: 'advisor',
  description: `GET /api/advisor/dashboard for an advisor with ${STUDENTS} linked students (SQLite)`,
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const server = await ctx.startServer();
    const base = server.baseUrl;
    const signUp = await fetch(`${base}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `bench-advisor-${Date.now()}@example.com`,
        password: 'a long unusual passphrase 42',
        role: 'advisor',
      }),
    });
    if (signUp.status !== 201) throw new Error(`sign-up: HTTP ${signUp.status} ${await signUp.text()}`);
    const cookie = (signUp.headers.getSetCookie()[0] ?? '').split(';')[0]!;
    const advisorId = ((await signUp.json()) as { user: { id: string } }).user.id;

    ctx.log(`seeding ${STUDENTS} students…`);
    const database = openDatabase({ kind: 'sqlite', file: path.join(server.dataDir, 'comeback.sqlite') });
    try {
      const now = new Date();
      await seedAdvisorCohort(database.db, {
        advisorId,
        students: STUDENTS,
        today: now.toISOString().slice(0, 10),
        now: now.toISOString(),
      });
    } finally {
      await database.close();
    }

    const url = `${base}/api/advisor/dashboard`;
    const first = JSON.parse(await fetchOk(url, { headers: { cookie } })) as { students: unknown[] };
    if (first.students.length !== STUDENTS) throw new Error(`dashboard: ${first.students.length} students`);
    const runs = ctx.settings.seconds >= 10 ? 40 : 10;
    ctx.log(`timing ${runs} dashboards…`);
    const times = await timeSequentially(runs, () => fetchOk(url, { headers: { cookie } }), 3);
    const median = quantile(times, 0.5);
    return {
      measurements: [measurementFromTimes(`GET /api/advisor/dashboard (${STUDENTS} students)`, times)],
      checks: [
        {
          name: `dashboard median ms, ${STUDENTS} students`,
          value: Math.round(median * 10) / 10,
          target: `≤ ${TARGET_MS}`,
          passed: median <= TARGET_MS,
          detail: `p90 ${quantile(times, 0.9).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${runs} requests`,
        },
      ],
    };
  },
};
