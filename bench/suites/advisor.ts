/**
 * The advisor dashboard at school scale (issue 12): one advisor with 1,000 linked students, each
 * with a profile, a plan (three weeks of items behind today), four practice exams and a week of
 * check-ins (tests/factories/advisor-cohort.ts, written straight into the server's SQLite file).
 * GET /api/advisor/dashboard one request at a time, so latency ≈ server time. Every request reads
 * the links afresh and writes 1,000 access-log rows. Target: median ≤ 150 ms.
 *
 * The first request computes every student's readiness (the cache is empty after a start). Then
 * two timings: every row cached (advisor-row-cache.ts: nothing changed since the last request),
 * and every row built again (each student's dashboard revision moved before each request, as if
 * every student had ticked an item; their readiness stays cached, advisor-readiness-cache.ts, as
 * it does until their evidence changes or the day turns). The target is judged on the rebuilt
 * one. Both are reported, and the server's own CPU time
 * per timed request (from /proc): on a shared 2-core machine the wall time doubles or triples
 * with other processes' load, the CPU time much less.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '#server/db/database.ts';
import { seedAdvisorCohort } from '#tests/factories/advisor-cohort.ts';
import { fetchOk, measurementFromTimes, quantile, timeSequentially } from '../lib/sequential.ts';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';

const STUDENTS = 1000;
const TARGET_MS = 150;
const TICK_MS = 10; // USER_HZ 100

/** utime + stime of a process in clock ticks (Linux), or null elsewhere. */
function cpuTicks(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

const cpuMs = (after: number | null, before: number | null, runs: number) =>
  after === null || before === null ? null : ((after - before) * TICK_MS) / runs;

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

      const url = `${base}/api/advisor/dashboard`;
      const dashboard = () => fetchOk(url, { headers: { cookie } });
      const started = performance.now();
      const first = JSON.parse(await dashboard()) as { students: unknown[] };
      const firstMs = performance.now() - started;
      if (first.students.length !== STUDENTS) throw new Error(`dashboard: ${first.students.length} students`);
      const runs = ctx.settings.seconds >= 10 ? 100 : 30;
      for (let i = 0; i < 3; i++) await dashboard();

      // Every row cached (advisor-row-cache.ts): nothing changed since the last request.
      ctx.log(`timing ${runs} dashboards, rows cached…`);
      const cachedTicks = cpuTicks(server.pid);
      const cached = await timeSequentially(runs, dashboard, 0);
      const cachedCpuMs = cpuMs(cpuTicks(server.pid), cachedTicks, runs);

      // Every row built again: each student's dashboard revision moved before each request (as if
      // every one of them had ticked an item), their readiness still cached.
      ctx.log(`timing ${runs} dashboards, every row rebuilt…`);
      const bump = sql`update dashboard_revisions set revision = revision + 1`;
      const rebuilt: number[] = [];
      let rebuiltCpuTicks = 0;
      for (let i = 0; i < runs; i++) {
        await bump.execute(database.db);
        const ticksBefore = cpuTicks(server.pid);
        const t0 = performance.now();
        await dashboard();
        rebuilt.push(performance.now() - t0);
        const ticksAfter = cpuTicks(server.pid);
        if (ticksBefore !== null && ticksAfter !== null) rebuiltCpuTicks += ticksAfter - ticksBefore;
      }
      rebuilt.sort((a, b) => a - b);
      const rebuiltCpuMs = cachedCpuMs === null ? null : (rebuiltCpuTicks * TICK_MS) / runs;

      const detail = (times: number[]) =>
        `p90 ${quantile(times, 0.9).toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${runs} requests`;
      const median = quantile(rebuilt, 0.5);
      const checks = [
        {
          name: `dashboard median ms, ${STUDENTS} students, every row rebuilt`,
          value: Math.round(median * 10) / 10,
          target: `≤ ${TARGET_MS}`,
          passed: median <= TARGET_MS,
          detail: `${detail(rebuilt)}; the first request after start (no row, no readiness cached) ${firstMs.toFixed(0)} ms`,
        },
        {
          name: `dashboard median ms, ${STUDENTS} students, rows cached`,
          value: Math.round(quantile(cached, 0.5) * 10) / 10,
          target: `≤ ${TARGET_MS}`,
          passed: quantile(cached, 0.5) <= TARGET_MS,
          detail: detail(cached),
        },
      ];
      for (const [what, value] of [
        ['every row rebuilt', rebuiltCpuMs],
        ['rows cached', cachedCpuMs],
      ] as const) {
        if (value === null) continue;
        checks.push({
          name: `server CPU ms per dashboard, ${STUDENTS} students, ${what}`,
          value: Math.round(value * 10) / 10,
          target: `≤ ${TARGET_MS}`,
          passed: value <= TARGET_MS,
          detail: `the server process's user + system time over the ${runs} timed requests`,
        });
      }
      return {
        measurements: [
          measurementFromTimes(`GET /api/advisor/dashboard (${STUDENTS} students, every row rebuilt)`, rebuilt),
          measurementFromTimes(`GET /api/advisor/dashboard (${STUDENTS} students, rows cached)`, cached),
        ],
        checks,
      };
    } finally {
      await database.close();
    }
  },
};
