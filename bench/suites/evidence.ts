/**
 * Logging and the dashboard.
 *
 * - POST /api/evidence/blocks at 20 connections on SQLite with synchronous=FULL: every answered
 *   request is on disk. Its ceiling is the disk: the same run measures how many single-row commits a
 *   second a bare script makes on the same kind of SQLite file. Targets: ≥ 0.7 of that ceiling and
 *   p99 ≤ 25 ms. The server groups concurrent writes into shared commits (src/server/db/write-batcher.ts),
 *   so it may pass the ceiling without an acknowledged write ever being lost. The ids of the 201
 *   answers of the measured rounds (the warm-up's left out) are then looked for among the stored
 *   blocks (the account export): every one must be there.
 * - GET /api/evidence for a student with a year of logs (1,095 blocks, 26 practice exams, 365
 *   check-ins): one request at a time, so latency ≈ server time. Target: median ≤ 20 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { addDays } from '#domain/common/dates.ts';
import { isClean, measureInterleaved } from '../lib/load.ts';
import { fetchOk, measurementFromTimes, timeSequentially } from '../lib/sequential.ts';
import type { Check, Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';

const LOG_CONNECTIONS = 20;
const CEILING_RATIO = 0.7;
const LOG_P99_MS = 25;
const DASHBOARD_TARGET_MS = 20;

/** Single-row commits per second on a fresh WAL file with synchronous=FULL, as the app opens it. */
function measureCommitCeiling(seconds: number): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-ceiling-'));
  try {
    const db = new SQLite(path.join(dir, 'ceiling.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table t (id text primary key, user_id text, date text, payload text)');
    const insert = db.prepare('insert into t values (?, ?, ?, ?)');
    let n = 0;
    const end = performance.now() + seconds * 1000;
    const t0 = performance.now();
    while (performance.now() < end) insert.run(`id-${n++}`, 'user', '2027-01-10', '{"questions":40,"correct":30}');
    const rate = n / ((performance.now() - t0) / 1000);
    db.close();
    return rate;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function request(base: string, method: string, url: string, cookie: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function signUpWithProfile(base: string, label: string, examDate: string): Promise<string> {
  const signUp = await fetch(`${base}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${label}-${Date.now()}@example.com`,
      password: 'a long unusual passphrase 42',
    }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up: HTTP ${signUp.status}`);
  const cookie = (signUp.headers.getSetCookie()[0] ?? '').split(';')[0]!;
  const profile = await request(base, 'PUT', '/api/profile', cookie, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: 'UTC',
    examDate,
    reviewStartDate: '2027-09-22',
    bufferPoints: 10,
  });
  if (profile.status !== 200) throw new Error(`profile: HTTP ${profile.status} ${await profile.text()}`);
  return cookie;
}

/** The ids of the blocks a measurement's 201 answers acknowledged (measured rounds only). */
export function collectAcknowledgedIds() {
  const ids = new Set<string>();
  let unreadable = 0;
  return {
    ids,
    unreadable: () => unreadable,
    onResponse(status: number, body: string) {
      if (status !== 201) return;
      try {
        ids.add((JSON.parse(body) as { id: string }).id);
      } catch {
        unreadable++;
      }
    },
  };
}

/**
 * Compares the acknowledged ids with the ids the account export holds: every one must be stored.
 * The warm-up's writes are stored too but not counted, so a loss cannot hide behind them.
 */
export async function checkAcknowledgedStored(
  base: string,
  cookie: string,
  acknowledged: ReturnType<typeof collectAcknowledgedIds>,
  counted: number,
  label = '',
): Promise<Check> {
  const response = await request(base, 'GET', '/api/account/export', cookie);
  if (response.status !== 200) throw new Error(`export: HTTP ${response.status} ${await response.text()}`);
  const stored = new Set(
    ((await response.json()) as { questionBlocks: { id: string }[] }).questionBlocks.map((b) => b.id),
  );
  const missing = [...acknowledged.ids].filter((id) => !stored.has(id)).length + acknowledged.unreadable();
  return {
    name: `acknowledged blocks missing from the store${label}`,
    value: missing,
    target: '= 0',
    passed: missing === 0 && acknowledged.ids.size > 0,
    detail: `${acknowledged.ids.size} ids acknowledged in the measured rounds (autocannon counted ${counted}), ${stored.size} stored in all (warm-up included)`,
  };
}

/** Sends `bodies` to `url` with a few requests in flight at a time. */
async function postAll(base: string, url: string, cookie: string, bodies: readonly unknown[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const response = await request(base, 'POST', url, cookie, body);
      if (response.status !== 201) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

const SYSTEMS = [
  'cardiovascular',
  'respiratory',
  'renal-urinary',
  'gastrointestinal',
  'endocrine',
  'nervous-system-special-senses',
];
const FORMS = [
  'NBME9',
  'NBME10',
  'NBME11',
  'NBME12',
  'NBME13',
  'NBME14',
  'NBME15',
  'NBME16',
  'UWSA1',
  'UWSA2',
  'AMBOSS_SA',
];

export const evidenceSuite: Suite = {
  name: 'evidence',
  description: 'logging a block at 20 connections vs the disk’s commit rate; the dashboard with a year of logs',
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const server = await ctx.startServer({ nodeArgs: ctx.settings.serverNodeArgs });
    const base = server.baseUrl;
    const today = new Date().toISOString().slice(0, 10);
    const logger = await signUpWithProfile(base, 'log', addDays(today, 120));
    const body = {
      bank: 'uworld',
      mode: 'timed',
      questions: 40,
      correct: 30,
      minutes: 58,
      date: today,
      missedSystems: ['cardiovascular'],
      missedDisciplines: ['medicine'],
    };
    const check = await request(base, 'POST', '/api/evidence/blocks', logger, body);
    if (check.status !== 201) throw new Error(`log a block: HTTP ${check.status} ${await check.text()}`);

    ctx.log('measuring the bare commit rate of a SQLite file (synchronous=FULL)');
    const ceiling = measureCommitCeiling(Math.max(2, ctx.settings.seconds / 2));
    const acknowledged = collectAcknowledgedIds();
    const [logging] = await measureInterleaved(
      [
        {
          name: 'POST /api/evidence/blocks',
          url: `${base}/api/evidence/blocks`,
          method: 'POST',
          headers: { cookie: logger, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          onResponse: acknowledged.onResponse,
        },
      ],
      { ...ctx.settings, connections: LOG_CONNECTIONS, rounds: 1 },
      ctx.log,
    );
    if (!logging || !isClean(logging)) {
      throw new Error(`logging requests failed: ${JSON.stringify(logging?.statusCounts)}\n${server.recentOutput()}`);
    }
    // Every block acknowledged in the measured rounds (201 and its id) must be stored.
    const durability = await checkAcknowledgedStored(base, logger, acknowledged, logging.requests);

    // A year of logs for another student.
    ctx.log('seeding a year of logs (1,095 blocks, 26 practice exams, 365 check-ins)');
    const reader = await signUpWithProfile(base, 'year', addDays(today, 30));
    const days = Array.from({ length: 365 }, (_, i) => addDays(today, -364 + i));
    await postAll(
      base,
      '/api/evidence/blocks',
      reader,
      days.flatMap((date, d) =>
        [0, 1, 2].map((k) => ({
          bank: 'uworld',
          mode: k === 2 ? 'tutor' : 'timed',
          questions: 40,
          correct: 24 + ((d + k) % 12),
          minutes: 60,
          date,
          missedSystems: [SYSTEMS[(d + k) % SYSTEMS.length], SYSTEMS[(d * 3 + k) % SYSTEMS.length]],
          missedDisciplines: ['medicine'],
        })),
      ),
    );
    await postAll(
      base,
      '/api/evidence/practice-exams',
      reader,
      Array.from({ length: 26 }, (_, i) => ({
        form: FORMS[i % FORMS.length],
        date: addDays(today, -364 + i * 14),
        score: 215 + i,
      })),
    );
    await postAll(
      base,
      '/api/evidence/wellbeing',
      reader,
      days.map((date, d) => ({ date, sleepHours: 6 + (d % 3), stress: 1 + (d % 5), mood: 1 + ((d + 2) % 5) })),
    );
    const times = await timeSequentially(ctx.settings.seconds <= 2 ? 30 : 150, () =>
      fetchOk(`${base}/api/evidence`, { headers: { cookie: reader } }),
    );
    const dashboard = measurementFromTimes('GET /api/evidence (a year of logs)', times);

    const ratio = logging.rps / ceiling;
    const checks: Check[] = [
      {
        name: 'logging req/s ÷ bare commits/s',
        value: ratio,
        target: `≥ ${CEILING_RATIO}`,
        passed: ratio >= CEILING_RATIO,
        detail: `${Math.round(logging.rps)} req/s vs ${Math.round(ceiling)} commits/s`,
      },
      {
        name: 'logging p99 ms (20 connections)',
        value: logging.latencyP99Ms,
        target: `≤ ${LOG_P99_MS}`,
        passed: logging.latencyP99Ms <= LOG_P99_MS,
      },
      durability,
      {
        name: 'dashboard median ms (1 connection)',
        value: dashboard.latencyP50Ms,
        target: `≤ ${DASHBOARD_TARGET_MS}`,
        passed: dashboard.latencyP50Ms <= DASHBOARD_TARGET_MS,
        detail: `p99 ${dashboard.latencyP99Ms.toFixed(1)} ms`,
      },
    ];
    return {
      measurements: [logging, dashboard],
      checks,
      notes: [`bare SQLite commit rate on this disk: ${Math.round(ceiling)} commits/s (WAL, synchronous=FULL)`],
    };
  },
};
