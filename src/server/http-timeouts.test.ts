import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#server/app.ts';
import { testConfig } from '#tests/setup/app-config.ts';
import { createTestDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { createManualClock } from '#tests/setup/test-app.ts';

const LIMITS = {
  headersTimeoutMs: 400,
  requestTimeoutMs: 800,
  idleTimeoutMs: 1_500,
  keepAliveTimeoutMs: 300,
  maxConnections: 8,
};

/** Opens a connection, writes `chunks` spaced by `gapMs`, and resolves with how it ended. */
function trickle(port: number, chunks: string[], gapMs: number) {
  return new Promise<{ closedAfterMs: number; response: string }>((resolve) => {
    const openedAt = performance.now();
    let response = '';
    const socket = net.connect(port, '127.0.0.1');
    let timer: NodeJS.Timeout | undefined;
    const writeNext = (index: number) => {
      if (index >= chunks.length || socket.destroyed) return;
      socket.write(chunks[index]!);
      timer = setTimeout(() => writeNext(index + 1), gapMs);
    };
    socket.on('connect', () => writeNext(0));
    socket.on('data', (data) => (response += data.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closedAfterMs: performance.now() - openedAt, response });
    });
  });
}

describe('server timeouts against trickling clients', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
    ({ app } = await buildApp({
      config: testConfig(testDb.settings, { http: LIMITS }),
      database: testDb.database,
      clock: createManualClock().now,
    }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await testDb.drop();
  });

  it('applies the configured limits to the server', () => {
    expect(app.server.headersTimeout).toBe(LIMITS.headersTimeoutMs);
    expect(app.server.requestTimeout).toBe(LIMITS.requestTimeoutMs);
    expect(app.server.keepAliveTimeout).toBe(LIMITS.keepAliveTimeoutMs);
    expect(app.server.timeout).toBe(LIMITS.idleTimeoutMs);
    expect(app.server.maxConnections).toBe(LIMITS.maxConnections);
  });

  it('closes a connection that sends part of its headers and then nothing', async () => {
    const { closedAfterMs, response } = await trickle(port, ['GET /healthz HTTP/1.1\r\nHost: localhost\r\n'], 0);
    expect(response).toMatch(/^HTTP\/1\.1 408/);
    // Within the header timeout plus Node's check interval (half of it), with room for a slow machine.
    expect(closedAfterMs).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
    expect(closedAfterMs).toBeLessThan(LIMITS.idleTimeoutMs);
  });

  it('closes a slow-loris connection that keeps sending a header byte at a time', async () => {
    const header = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ' + 'a'.repeat(200);
    const { closedAfterMs } = await trickle(port, [...header], 50);
    expect(closedAfterMs).toBeLessThan(LIMITS.idleTimeoutMs);
  });

  it('closes a connection that opens and sends nothing', async () => {
    const { closedAfterMs } = await trickle(port, [], 0);
    expect(closedAfterMs).toBeLessThan(LIMITS.idleTimeoutMs + 500);
  });

  it('still answers a prompt client, and /healthz while slow clients hold connections', async () => {
    const slow = Array.from({ length: 4 }, () => trickle(port, ['GET /healthz HTTP/1.1\r\n'], 0));
    const reply = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(reply.status).toBe(200);
    await Promise.all(slow);
  });

  it('closes connections beyond the limit at once instead of running out of file descriptors', async () => {
    const sockets = Array.from({ length: LIMITS.maxConnections + 4 }, () =>
      trickle(port, ['GET /healthz HTTP/1.1\r\n'], 0),
    );
    const ended = await Promise.all(sockets);
    const early = ended.filter((e) => e.closedAfterMs < LIMITS.headersTimeoutMs / 2);
    expect(early.length).toBeGreaterThanOrEqual(4);
  });
});
