import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#server/app.ts';
import { createMigrator } from '#server/db/database.ts';
import { migrations } from '#server/db/migrations/index.ts';
import { createLogCapture, testConfig } from '#tests/setup/app-config.ts';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import {
  createManualClock,
  createSecondInstance,
  createTestApp,
  signUpClient,
  type Client,
  type TestApp,
} from '#tests/setup/test-app.ts';

const tokenOf = (url: string) => /\/feed\/([A-Za-z0-9_-]+)\.ics$/.exec(url)![1]!;

describeEachDatabase('calendar feed rotation under concurrency', (kind) => {
  let t: TestApp;
  let second: { app: FastifyInstance; close(): Promise<void> };
  beforeAll(async () => {
    t = await createTestApp(kind);
    second = await createSecondInstance(t);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('leaves exactly one live link after 16 parallel rotations on two instances', async () => {
    const student = await signUpClient(t.app);
    for (let round = 0; round < 3; round++) {
      const replies = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          (i % 2 === 0 ? t.app : second.app).inject({
            method: 'POST',
            url: '/api/calendar-feed',
            headers: { cookie: student.cookie },
          }),
        ),
      );
      expect(replies.map((r) => r.statusCode)).toEqual(Array(16).fill(200));
      const live = await t.ctx.database.db
        .selectFrom('calendar_feeds')
        .select('id')
        .where('user_id', '=', student.id)
        .where('revoked_at', 'is', null)
        .execute();
      expect(live).toHaveLength(1);
      // Of the 16 links handed out, exactly one still serves the calendar.
      const served = await Promise.all(
        replies.map(async (r) => {
          const token = tokenOf((r.json() as { url: string }).url);
          return (await t.app.inject({ method: 'GET', url: `/feed/${token}.ics` })).statusCode;
        }),
      );
      expect(served.filter((status) => status === 200)).toHaveLength(1);
      expect(served.filter((status) => status === 404)).toHaveLength(15);
    }
  });

  it('refuses a second live feed for one user in the database itself', async () => {
    const student = await signUpClient(t.app);
    const row = (id: string) => ({
      id,
      user_id: student.id,
      token_hash: `hash-${id}`,
      created_at: '2026-11-24T15:00:00.000Z',
      revoked_at: null,
      last_read_at: null,
    });
    await t.ctx.database.db
      .insertInto('calendar_feeds')
      .values(row(`${student.id}-a`))
      .execute();
    await expect(
      t.ctx.database.db
        .insertInto('calendar_feeds')
        .values(row(`${student.id}-b`))
        .execute(),
    ).rejects.toThrow();
  });
});

describeEachDatabase('migration 202612010300_feed_single_active', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(() => testDb.drop());

  it('keeps the newest live feed per user, revokes the others as of its creation, and is reversible', async () => {
    const names = Object.keys(migrations).sort();
    const migrator = await createMigrator(testDb.database.db);
    // Step back to just before this migration (later ones, if any, are undone first).
    const target = names[names.indexOf('202612010300_feed_single_active') - 1]!;
    const down = await migrator.migrateTo(target);
    expect(down.error).toBeUndefined();

    const db = testDb.database.db;
    await db
      .insertInto('users')
      .values({
        id: 'u1',
        email: 'u1@school.edu',
        password_hash: 'x',
        role: 'student',
        created_at: '2026-11-01T00:00:00.000Z',
        password_changed_at: '2026-11-01T00:00:00.000Z',
      } as never)
      .execute();
    const feed = (id: string, createdAt: string, revokedAt: string | null = null) => ({
      id,
      user_id: 'u1',
      token_hash: `hash-${id}`,
      created_at: createdAt,
      revoked_at: revokedAt,
      last_read_at: null,
    });
    await db
      .insertInto('calendar_feeds')
      .values([
        feed('f1', '2026-11-02T00:00:00.000Z'),
        feed('f2', '2026-11-03T00:00:00.000Z'),
        feed('f3', '2026-11-04T00:00:00.000Z'),
        feed('f0', '2026-11-01T00:00:00.000Z', '2026-11-01T12:00:00.000Z'),
      ])
      .execute();

    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    const rows = await db.selectFrom('calendar_feeds').select(['id', 'revoked_at']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'f0', revoked_at: '2026-11-01T12:00:00.000Z' },
      { id: 'f1', revoked_at: '2026-11-04T00:00:00.000Z' },
      { id: 'f2', revoked_at: '2026-11-04T00:00:00.000Z' },
      { id: 'f3', revoked_at: null },
    ]);
    await expect(
      db.insertInto('calendar_feeds').values(feed('f4', '2026-11-05T00:00:00.000Z')).execute(),
    ).rejects.toThrow();

    expect((await migrator.migrateTo(target)).error).toBeUndefined();
    await db.insertInto('calendar_feeds').values(feed('f4', '2026-11-05T00:00:00.000Z')).execute();
    await db.deleteFrom('calendar_feeds').where('id', '=', 'f4').execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});

describe('calendar feed URL', () => {
  let t: TestApp;
  let student: Client;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    student = await signUpClient(t.app);
  });
  afterAll(() => t.close());

  it('is built from a loopback Host only, with its port', async () => {
    for (const [host, origin] of [
      ['localhost:3000', 'http://localhost:3000'],
      ['127.0.0.1:8080', 'http://127.0.0.1:8080'],
      ['127.3.2.1', 'http://127.3.2.1'],
      ['[::1]:3000', 'http://[::1]:3000'],
    ] as const) {
      const reply = await student.request({ method: 'POST', url: '/api/calendar-feed', headers: { host } });
      expect(reply.statusCode, host).toBe(200);
      expect(reply.json().url).toMatch(
        new RegExp(`^${origin.replace(/[.[\]]/g, '\\$&')}/feed/[A-Za-z0-9_-]{43}\\.ics$`),
      );
    }
  });

  it('is refused for any other Host, telling the operator to set PUBLIC_ORIGIN, and keeps the live link', async () => {
    const made = await student.request({ method: 'POST', url: '/api/calendar-feed', headers: { host: 'localhost' } });
    const token = tokenOf(made.json().url);
    for (const host of [
      'evil.example',
      'evil.example:3000',
      'localhost.evil.example',
      '127.0.0.1.evil.example',
      'user@localhost',
      'localhost/evil',
      '10.0.0.1',
      '[::2]',
    ]) {
      const reply = await student.request({ method: 'POST', url: '/api/calendar-feed', headers: { host } });
      expect(reply.statusCode, host).toBe(409);
      expect(reply.json().error).toMatchObject({ code: 'PUBLIC_ORIGIN_REQUIRED' });
      expect(reply.json().error.message).toMatch(/set PUBLIC_ORIGIN/);
      expect(reply.body).not.toContain('evil');
      const state = await student.request({ method: 'GET', url: '/api/calendar-feed', headers: { host } });
      expect(state.json().setupProblem).toMatch(/PUBLIC_ORIGIN/);
    }
    expect((await t.app.inject({ method: 'GET', url: `/feed/${token}.ics` })).statusCode).toBe(200);
    const state = await student.request({ method: 'GET', url: '/api/calendar-feed', headers: { host: 'localhost' } });
    expect(state.json().setupProblem).toBeNull();
  });

  it('is refused behind a proxy (TRUST_PROXY) without PUBLIC_ORIGIN, even for a loopback Host', async () => {
    const proxied = await buildApp({
      config: { ...t.ctx.config, trustProxy: 1 },
      database: t.ctx.database,
      clock: t.clock.now,
    });
    try {
      await proxied.app.ready();
      const reply = await proxied.app.inject({
        method: 'POST',
        url: '/api/calendar-feed',
        headers: { cookie: student.cookie, host: '127.0.0.1:3000', 'x-forwarded-host': 'localhost' },
      });
      expect(reply.statusCode).toBe(409);
      expect(reply.json().error.code).toBe('PUBLIC_ORIGIN_REQUIRED');
    } finally {
      await proxied.app.close();
    }
  });

  it('comes from PUBLIC_ORIGIN when it is set, whatever the Host', async () => {
    const configured = await createTestApp('sqlite', { publicOrigin: 'https://comeback.school.edu' });
    try {
      const client = await signUpClient(configured.app);
      const reply = await client.request({
        method: 'POST',
        url: '/api/calendar-feed',
        headers: { host: 'evil.example', origin: 'https://comeback.school.edu' },
      });
      expect(reply.statusCode).toBe(200);
      expect(reply.json().url).toMatch(/^https:\/\/comeback\.school\.edu\/feed\//);
    } finally {
      await configured.close();
    }
  });
});

describe('feed tokens in the logs', () => {
  it('never writes a feed token to a log line, whatever the path encoding', async () => {
    const testDb = await createTestDatabase('sqlite');
    const logs = createLogCapture();
    // A built web app, so that paths that are no route fall back to the page (or 404) as in production.
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Comeback</title>');
    const { app } = await buildApp({
      config: testConfig(testDb.settings, { logLevel: 'trace', webRoot }),
      database: testDb.database,
      clock: createManualClock().now,
      logStream: logs.stream,
    });
    try {
      await app.ready();
      const student = await signUpClient(app);
      const made = await student.request({ method: 'POST', url: '/api/calendar-feed' });
      const token = tokenOf(made.json().url);
      const encoded = [...token].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
      const served: Record<string, number> = {};
      for (const url of [
        `/feed/${token}.ics`,
        `/%66eed/${token}.ics`,
        `/%66%65%65%64/${token}.ics`,
        `//feed/${token}.ics`,
        `/./feed/${token}.ics`,
        `/feed/./${token}.ics`,
        `/x/../feed/${token}.ics`,
        `/feed/${encoded}.ics`,
        `/feed%2F${token}.ics`,
        `/FEED/${token}.ics`,
        `/feed/${token}.ics?x=1`,
        `/feed/${token}`,
        `/feed/${token}%zz.ics`,
        `/api/feed/${token}.ics`,
        `/feed/${token}.ics/..`,
      ]) {
        for (const method of ['GET', 'HEAD'] as const) {
          served[`${method} ${url}`] = (await app.inject({ method, url })).statusCode;
        }
      }
      // The canonical URL and its plain percent-decodings serve the calendar (normalisation is fine).
      expect(served[`GET /feed/${token}.ics`]).toBe(200);
      expect(served[`HEAD /feed/${token}.ics`]).toBe(200);
      expect(Object.entries(served).filter(([, status]) => status >= 500)).toEqual([]);

      // A malformed request line over a real socket: Node's client-error log carries the raw packet.
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as net.AddressInfo;
      await new Promise<void>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(`GET /feed/${token}.ics HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n`);
        });
        socket.on('data', () => socket.end());
        socket.on('close', () => resolve());
      });

      const text = logs.text();
      expect(logs.lines().length).toBeGreaterThan(20);
      expect(text).toContain('/feed/[redacted].ics');
      expect(text).toMatch(/client error/);
      expect(text).not.toContain(token);
      expect(text).not.toContain(encoded);
      expect(text).not.toContain(token.slice(0, 20));
    } finally {
      await app.close();
      await testDb.drop();
      fs.rmSync(webRoot, { recursive: true, force: true });
    }
  });
});
