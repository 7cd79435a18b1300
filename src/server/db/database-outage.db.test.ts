/**
 * The database going away must not take the app with it: idle pool connections ended by the
 * server (pg_terminate_backend, a restart, a failover) are dropped and replaced; requests meanwhile
 * answer 503 DATABASE_UNAVAILABLE with Retry-After (never a 500 or a reset); /readyz says 503; and
 * everything answers again without a restart once the database is back.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#server/app.ts';
import { migrateToLatest, openDatabase, type Database } from '#server/db/database.ts';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { createLogCapture, testConfig } from '#tests/setup/app-config.ts';
import { createTestDatabase, DATABASE_KINDS, POSTGRES_URL, type TestDatabase } from '#tests/setup/databases.ts';
import { createManualClock, signUpClient, type Client } from '#tests/setup/test-app.ts';

const hasPostgres = DATABASE_KINDS.includes('postgres');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every reply is 2xx or a well-formed 503 DATABASE_UNAVAILABLE with Retry-After. */
function expectServedOrUnavailable(replies: LightMyRequestResponse[]) {
  for (const reply of replies) {
    // 409 PLAN_CHANGED: a re-plan racing another one, told to reload (not a database fault).
    if (reply.statusCode < 300 || (reply.statusCode === 409 && reply.json().error.code === 'PLAN_CHANGED')) continue;
    expect(reply.statusCode, reply.body).toBe(503);
    if (reply.headers['content-type']?.toString().includes('json') && reply.json().error) {
      expect(reply.json().error).toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
        message: "We can't reach the database right now; nothing was saved. Try again in a moment.",
      });
      expect(reply.headers['retry-after']).toBe('5');
    } else {
      expect(reply.json()).toEqual({ status: 'database unreachable' });
    }
  }
}

const clock = createManualClock();

/** A mix of reads and writes, as a page would send them (an hour apart, past the export limit). */
function traffic(app: FastifyInstance, student: Client) {
  clock.advance(3_600_000);
  const yesterday = new Date(clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
  return Promise.all([
    student.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() }),
    student.request({ method: 'POST', url: '/api/plan/replan', payload: {} }),
    ...Array.from({ length: 3 }, () =>
      student.request({
        method: 'POST',
        url: '/api/evidence/blocks',
        payload: {
          bank: 'uworld',
          mode: 'timed',
          questions: 40,
          correct: 28,
          minutes: 60,
          date: yesterday,
          missedSystems: ['cardiovascular'],
          missedDisciplines: ['medicine'],
        },
      }),
    ),
    ...Array.from({ length: 6 }, () => student.request({ method: 'GET', url: '/api/auth/me' })),
    ...Array.from({ length: 3 }, () => student.request({ method: 'GET', url: '/api/calendar-feed' })),
    student.request({ method: 'POST', url: '/api/calendar-feed' }),
    student.request({ method: 'GET', url: '/api/account/export' }),
    app.inject({ method: 'GET', url: '/readyz' }),
    app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: student.email, password: student.password },
    }),
  ]);
}

/** A profile and a plan, so that re-plans and block logs in the traffic have work to do. */
async function givePlan(student: Client) {
  expect((await student.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() })).statusCode).toBe(
    200,
  );
  const plan = await student.request({ method: 'PUT', url: '/api/plan', payload: { settings: buildPlanSettings() } });
  expect(plan.statusCode, plan.body).toBe(200);
}

describe.runIf(hasPostgres)('PostgreSQL connections ended by the server [postgres]', () => {
  const applicationName = `comeback-outage-${randomBytes(4).toString('hex')}`;
  let testDb: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let student: Client;
  const logs = createLogCapture();
  const admin = new pg.Client({ connectionString: POSTGRES_URL, application_name: `${applicationName}-admin` });
  const terminateAppConnections = async () =>
    (
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
        applicationName,
      ])
    ).rowCount ?? 0;

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    if (testDb.settings.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const settings = { ...testDb.settings, applicationName };
    database = openDatabase(settings);
    ({ app } = await buildApp({
      config: testConfig(settings, { logLevel: 'warn' }),
      database,
      clock: clock.now,
      logStream: logs.stream,
    }));
    await app.ready();
    await admin.connect();
    student = await signUpClient(app);
    await givePlan(student);
  });
  afterAll(async () => {
    await admin.end();
    await app.close();
    await database.close();
    await testDb.drop();
  });

  it('survives its idle connections being terminated, and answers the next requests', async () => {
    for (let round = 0; round < 4; round++) {
      // Fill the pool with idle connections, then have the server end them all.
      expect((await traffic(app, student)).map((r) => r.statusCode)).not.toContain(500);
      expect(await terminateAppConnections()).toBeGreaterThan(0);
      // Let the pool hear of it (this 'error' event used to be unhandled and exit the process).
      await sleep(100);
      const replies = await traffic(app, student);
      expectServedOrUnavailable(replies);
      expect((await student.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    }
    expect(logs.text()).toContain('the database closed a connection; it will be replaced');
  });

  it('answers 200 or 503, never 500 or a reset, when connections are terminated mid-request', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 6; round++) {
      const inFlight = traffic(app, student);
      await sleep(round);
      await terminateAppConnections();
      const replies = await inFlight;
      expectServedOrUnavailable(replies);
      statuses.push(...replies.map((r) => r.statusCode));
    }
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    // And it recovers at once.
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await student.request({ method: 'GET', url: '/api/calendar-feed' })).statusCode).toBe(200);
  });
});

/** A throwaway PostgreSQL server of our own, so stopping it disturbs no one else's tests. */
function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

function canRunPrivateCluster(): boolean {
  if (!hasPostgres || !postgresBinDir()) return false;
  if (process.getuid?.() !== 0) return true;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe.runIf(canRunPrivateCluster())('a PostgreSQL server stopped and started again [postgres]', () => {
  const bin = postgresBinDir()!;
  const isRoot = process.getuid?.() === 0;
  let dir: string;
  let dataDir: string;
  let options: string;
  let database: Database;
  let app: FastifyInstance;
  let student: Client;
  const run = (tool: string, args: string[]) => {
    const [command, commandArgs] = isRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
      : [path.join(bin, tool), args];
    execFileSync(command, commandArgs as string[], { stdio: 'ignore', cwd: dir, timeout: 60_000 });
  };
  const start = () => run('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'log'), '-o', options, '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-outage-pg-'));
    if (isRoot) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
      fs.chownSync(dir, id('-u'), id('-g'));
    }
    dataDir = path.join(dir, 'data');
    run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    start();
    const settings = {
      kind: 'postgres' as const,
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      applicationName: 'comeback-restart-test',
    };
    database = openDatabase(settings);
    await migrateToLatest(database.db);
    ({ app } = await buildApp({
      config: testConfig(settings),
      database,
      clock: clock.now,
    }));
    await app.ready();
    student = await signUpClient(app);
    await givePlan(student);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers /readyz 503 and API requests 503 while it is down, and 200 once it is back', async () => {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await student.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);

    stop();
    const readyDown = await app.inject({ method: 'GET', url: '/readyz' });
    expect(readyDown.statusCode).toBe(503);
    expect(readyDown.json()).toEqual({ status: 'database unreachable' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const down = await traffic(app, student);
    expectServedOrUnavailable(down);
    // Nothing reached the database: every request that needs it says so.
    expect(down.map((r) => r.statusCode)).toEqual(Array(down.length).fill(503));

    start();
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const up = await traffic(app, student);
    expect(up.filter((r) => r.statusCode >= 500)).toEqual([]);
    expect((await student.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  }, 120_000);
});
