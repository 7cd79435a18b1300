/**
 * The school deployment beside the laptop one: the authenticated profile read (10 connections)
 * and block logging (20 connections) on SQLite with one server, and on PostgreSQL with two servers
 * on one database (the connections split evenly between them, the figures summed), interleaved
 * round by round so that background load hits both alike.
 *
 * PostgreSQL is the server at BENCH_DATABASE_URL (default TEST_DATABASE_URL, else the local test
 * server); the suite creates a scratch database there and drops it. When PostgreSQL does not
 * answer, the PostgreSQL rows are skipped and a note says so.
 *
 * Checks: every block acknowledged in the measured rounds is stored, on each database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { isClean, measureInterleaved, type Measurement, type Target } from '../lib/load.ts';
import type { RunningServer } from '../lib/server.ts';
import type { Check, Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';
import { checkAcknowledgedStored, collectAcknowledgedIds } from './evidence.ts';

const LOG_CONNECTIONS = 20;
const PASSWORD = 'a long unusual passphrase 42';

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function studentOn(server: RunningServer, label: string): Promise<string> {
  const signUp = await fetch(`${server.baseUrl}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${label}-${Date.now()}@example.com`, password: PASSWORD }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up: HTTP ${signUp.status} ${await signUp.text()}`);
  const cookie = (signUp.headers.getSetCookie()[0] ?? '').split(';')[0]!;
  const exam = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
  const profile = await fetch(`${server.baseUrl}/api/profile`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      failCount: '1',
      specialty: 'internal-medicine',
      schoolType: 'us-md',
      timeZone: 'UTC',
      examDate: exam,
      reviewStartDate: '2027-09-22',
      bufferPoints: 10,
    }),
  });
  if (profile.status !== 200) throw new Error(`profile: HTTP ${profile.status} ${await profile.text()}`);
  return cookie;
}

type Side = {
  label: string;
  servers: RunningServer[];
  cookie: string;
  acknowledged: ReturnType<typeof collectAcknowledgedIds>;
};

function targetsFor(side: Side, today: string): { read: Target; log: Target } {
  const [first, ...more] = side.servers.map((s) => s.baseUrl);
  const body = JSON.stringify({
    bank: 'uworld',
    mode: 'timed',
    questions: 40,
    correct: 30,
    minutes: 58,
    date: today,
    missedSystems: ['cardiovascular'],
    missedDisciplines: ['medicine'],
  });
  return {
    read: {
      name: `GET /api/profile [${side.label}]`,
      url: `${first}/api/profile`,
      moreUrls: more.map((b) => `${b}/api/profile`),
      headers: { cookie: side.cookie },
    },
    log: {
      name: `POST /api/evidence/blocks [${side.label}]`,
      url: `${first}/api/evidence/blocks`,
      moreUrls: more.map((b) => `${b}/api/evidence/blocks`),
      method: 'POST',
      headers: { cookie: side.cookie, 'content-type': 'application/json' },
      body,
      onResponse: side.acknowledged.onResponse,
    },
  };
}

export const databasesSuite: Suite = {
  name: 'databases',
  description: 'profile read and block logging: SQLite (1 server) beside PostgreSQL (2 servers, one database)',
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const notes: string[] = [];
    const today = new Date().toISOString().slice(0, 10);
    const sqliteServer = await ctx.startServer({ nodeArgs: ctx.settings.serverNodeArgs });
    const sides: Side[] = [
      {
        label: 'SQLite, 1 server',
        servers: [sqliteServer],
        cookie: await studentOn(sqliteServer, 'sqlite'),
        acknowledged: collectAcknowledgedIds(),
      },
    ];

    let dropDatabase: (() => Promise<void>) | null = null;
    const serverUrl = ctx.settings.postgresUrl;
    try {
      await adminQuery(serverUrl, 'select 1');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      notes.push(`PostgreSQL unreachable at ${serverUrl} (${reason}): the PostgreSQL rows are skipped.`);
      ctx.log(`PostgreSQL unreachable at ${serverUrl}: skipping the PostgreSQL rows`);
    }
    if (notes.length === 0) {
      const name = `comeback_bench_${randomBytes(5).toString('hex')}`;
      await adminQuery(serverUrl, `create database ${name}`);
      const servers: RunningServer[] = [];
      dropDatabase = async () => {
        await Promise.all(servers.map((s) => s.stop()));
        await adminQuery(serverUrl, `drop database if exists ${name} with (force)`).catch((error: unknown) =>
          ctx.log(`could not drop ${name}: ${String(error)}`),
        );
      };
      const env = { DATABASE_URL: withDatabase(serverUrl, name) };
      // One after the other: the first migrates the new database.
      servers.push(await ctx.startServer({ env, nodeArgs: ctx.settings.serverNodeArgs }));
      servers.push(await ctx.startServer({ env, nodeArgs: ctx.settings.serverNodeArgs }));
      sides.push({
        label: 'PostgreSQL, 2 servers',
        servers,
        cookie: await studentOn(servers[0]!, 'postgres'),
        acknowledged: collectAcknowledgedIds(),
      });
    }

    try {
      const targets = sides.map((side) => targetsFor(side, today));
      const reads = await measureInterleaved(
        targets.map((t) => t.read),
        ctx.settings,
        ctx.log,
      );
      const logs = await measureInterleaved(
        targets.map((t) => t.log),
        { ...ctx.settings, connections: LOG_CONNECTIONS },
        ctx.log,
      );
      const measurements: Measurement[] = [...reads, ...logs];
      const unclean = measurements.filter((m) => !isClean(m));
      if (unclean.length > 0) {
        throw new Error(
          `requests failed: ${unclean.map((m) => `${m.name} ${JSON.stringify(m.statusCounts)} errors ${m.errors}`).join('; ')}`,
        );
      }
      const checks: Check[] = [];
      for (const [i, side] of sides.entries()) {
        checks.push(
          await checkAcknowledgedStored(
            side.servers[side.servers.length - 1]!.baseUrl,
            side.cookie,
            side.acknowledged,
            logs[i]!.requests,
            ` [${side.label}]`,
          ),
        );
      }
      if (sides.length === 2) {
        const ratio = (a: Measurement | undefined, b: Measurement | undefined) =>
          a && b ? (b.rps / a.rps).toFixed(2) : 'n/a';
        notes.push(
          `PostgreSQL (2 servers) ÷ SQLite (1 server): profile read ${ratio(reads[0], reads[1])}, ` +
            `block logging ${ratio(logs[0], logs[1])} (req/s)`,
        );
      }
      return { measurements, checks, notes };
    } finally {
      await dropDatabase?.();
    }
  },
};
