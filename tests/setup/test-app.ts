import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '#server/app.ts';
import type { Config } from '#server/config.ts';
import type { Context } from '#server/context.ts';
import { openDatabase, type DatabaseKind } from '#server/db/database.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

/** A clock the test moves by hand. */
export function createManualClock(start = '2026-11-24T15:00:00.000Z') {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

export type TestApp = {
  app: FastifyInstance;
  ctx: Context;
  clock: ReturnType<typeof createManualClock>;
  testDb: TestDatabase;
  close(): Promise<void>;
};

export async function createTestApp(kind: DatabaseKind, options: { publicOrigin?: string } = {}): Promise<TestApp> {
  const testDb = await createTestDatabase(kind);
  const clock = createManualClock();
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    database: testDb.settings,
    publicOrigin: options.publicOrigin ?? null,
    cookieSecure: false,
    trustProxy: false,
    logLevel: 'silent',
    session: { idleMs: 7 * 86_400_000, absoluteMs: 30 * 86_400_000 },
    webRoot: '/nonexistent',
    testClockFile: null,
  };
  const { app, ctx } = await buildApp({ config, database: testDb.database, clock: clock.now });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    testDb,
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}

/**
 * A second app instance on the same database, sharing the first one's config and clock: two
 * instances of one deployment. On PostgreSQL it has its own pool. On SQLite it shares the first
 * app's connection: two better-sqlite3 connections in one process deadlock (the waiting one sleeps
 * out busy_timeout synchronously, so the one holding the lock never gets to commit); two processes
 * on one file have no such problem (write-batcher.db.test.ts, tests/faults). The two apps' requests
 * still race each other. Close it before the first one.
 */
export async function createSecondInstance(
  first: TestApp,
): Promise<{ app: FastifyInstance; ctx: Context; close(): Promise<void> }> {
  const database = first.testDb.settings.kind === 'postgres' ? openDatabase(first.testDb.settings) : null;
  const { app, ctx } = await buildApp({
    config: first.ctx.config,
    database: database ?? first.ctx.database,
    clock: first.clock.now,
  });
  await app.ready();
  return {
    app,
    ctx,
    async close() {
      await app.close();
      await database?.close();
    },
  };
}

/** A signed-in user on the test app, with a helper that sends their cookie. */
export type Client = {
  id: string;
  email: string;
  password: string;
  cookie: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
};

/** The same signed-in user, their requests sent to another app instance (createSecondInstance). */
export function sameClientOn(app: FastifyInstance, client: Client): Client {
  return {
    ...client,
    request: (options) => app.inject({ ...options, headers: { ...(options.headers ?? {}), cookie: client.cookie } }),
  };
}

let counter = 0;
export const STRONG_PASSWORD = 'tidal-marigold-cactus-47';

export async function signUpClient(
  app: FastifyInstance,
  role: 'student' | 'advisor' = 'student',
  email = `user${++counter}-${Date.now()}@school.edu`,
): Promise<Client> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-up',
    payload: { email, password: STRONG_PASSWORD, role },
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  return clientFrom(app, response, email, STRONG_PASSWORD);
}

export function cookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'comeback_session');
  if (!cookie) throw new Error('no session cookie in response');
  return `comeback_session=${cookie.value}`;
}

export function clientFrom(
  app: FastifyInstance,
  response: LightMyRequestResponse,
  email: string,
  password: string,
): Client {
  const cookie = cookieFrom(response);
  const id = (response.json() as { user: { id: string } }).user.id;
  return {
    id,
    email,
    password,
    cookie,
    request: (options) => app.inject({ ...options, headers: { ...(options.headers ?? {}), cookie } }),
  };
}
