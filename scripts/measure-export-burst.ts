/**
 * One student fires 50 parallel account exports; meanwhile another user reads /api/auth/me ten
 * times. Reports the exports' statuses (200 or 429 EXPORT_THROTTLED) and the other user's
 * latencies. The app runs in this process over real HTTP, on SQLite (or on the test PostgreSQL:
 * pass `postgres`), with a student who has a profile and a full plan.
 *
 *   node --import tsx scripts/measure-export-burst.ts [sqlite|postgres]
 */
import type net from 'node:net';
import { buildApp } from '#server/app.ts';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { testConfig } from '#tests/setup/app-config.ts';
import { createTestDatabase } from '#tests/setup/databases.ts';

const kind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const PARALLEL = 50;
const testDb = await createTestDatabase(kind);
const now = new Date('2026-11-20T15:00:00.000Z');
const { app } = await buildApp({ config: testConfig(testDb.settings), database: testDb.database, clock: () => now });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;

async function signUp(email: string): Promise<string> {
  const reply = await fetch(`${base}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'tidal-marigold-cactus-47' }),
  });
  return reply.headers.get('set-cookie')!.split(';')[0]!;
}
const student = await signUp('heavy@school.edu');
const other = await signUp('other@school.edu');
const put = (path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'PUT',
    headers: { cookie: student, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
await put('/api/profile', buildProfileInput({ timeZone: 'America/Chicago' }));
await put('/api/plan', { settings: buildPlanSettings() });

const startedAt = performance.now();
const exports = Array.from({ length: PARALLEL }, () =>
  fetch(`${base}/api/account/export`, { headers: { cookie: student } }).then(async (reply) => {
    await reply.arrayBuffer();
    return reply.status;
  }),
);
const otherMs: number[] = [];
for (let i = 0; i < 10; i++) {
  const requestedAt = performance.now();
  await (await fetch(`${base}/api/auth/me`, { headers: { cookie: other } })).arrayBuffer();
  otherMs.push(performance.now() - requestedAt);
}
const statuses = await Promise.all(exports);
const byStatus: Record<number, number> = {};
for (const status of statuses) byStatus[status] = (byStatus[status] ?? 0) + 1;
otherMs.sort((a, b) => a - b);
process.stdout.write(
  `${kind}: ${PARALLEL} parallel exports by one student -> ${JSON.stringify(byStatus)} in ` +
    `${(performance.now() - startedAt).toFixed(0)} ms; another user's /api/auth/me meanwhile: ` +
    `median ${otherMs[5]!.toFixed(0)} ms, max ${otherMs.at(-1)!.toFixed(0)} ms\n`,
);
await app.close();
await testDb.drop();
process.exit(0);
