/**
 * How the server copes with trickling clients (slow-loris): opens N connections that each send a
 * partial request and then one header line every 2 s, checks that /healthz still answers, and
 * reports when the server closed them. Runs the app in this process on a throwaway SQLite file
 * with the production limits (config.ts DEFAULT_HTTP).
 *
 *   node --import tsx scripts/measure-slow-clients.ts [N, default 3000]
 *
 * Client and server sockets share this process's file limit (`ulimit -n`): keep 2 × N under it.
 */
import net from 'node:net';
import { buildApp } from '#server/app.ts';
import { testConfig } from '#tests/setup/app-config.ts';
import { createTestDatabase } from '#tests/setup/databases.ts';

const N = Number(process.argv[2] ?? 3000);
const GIVE_UP_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const testDb = await createTestDatabase('sqlite');
const { app } = await buildApp({ config: testConfig(testDb.settings), database: testDb.database });
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as net.AddressInfo;
const startedAt = performance.now();
let opened = 0;
const closedAtMs: number[] = [];
for (let i = 0; i < N; i++) {
  const socket = net.connect(port, '127.0.0.1');
  const trickle = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 2_000);
  socket.on('connect', () => {
    opened++;
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    clearInterval(trickle);
    closedAtMs.push(performance.now() - startedAt);
  });
}
await sleep(3_000);
const healthStartedAt = performance.now();
const health = await fetch(`http://127.0.0.1:${port}/healthz`);
process.stdout.write(
  `after 3 s: ${opened} of ${N} connections open, ${closedAtMs.length} closed; ` +
    `/healthz answered ${health.status} in ${(performance.now() - healthStartedAt).toFixed(0)} ms\n`,
);
while (closedAtMs.length < N && performance.now() - startedAt < GIVE_UP_MS) await sleep(250);
closedAtMs.sort((a, b) => a - b);
const seconds = (ms: number | undefined) => (ms === undefined ? '-' : (ms / 1000).toFixed(1));
process.stdout.write(
  `${closedAtMs.length} of ${N} trickling connections closed by the server: first at ${seconds(closedAtMs[0])} s, ` +
    `last at ${seconds(closedAtMs.at(-1))} s (headers timeout ${app.server.headersTimeout / 1000} s)\n`,
);
await app.close();
await testDb.drop();
process.exit(0);
