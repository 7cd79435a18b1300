/*
 * The access log keeps an advisor's read for ACCESS_LOG_RETENTION_DAYS (2 years), then the hourly
 * prune deletes it, in bounded batches. Rows are written at chosen instants on the test clock's
 * timeline (2026-11-24T15:00Z), the way logReads writes them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';
import { ACCESS_LOG_RETENTION_DAYS, pruneAccessLog } from './advisor.ts';
import { pruneExpired } from './prune-expired.ts';

const DAY_MS = 86_400_000;

describeEachDatabase('advisor access log retention', (kind) => {
  let t: TestApp;
  let student: Client;
  let advisor: Client;

  const at = (msFromNow: number) => new Date(t.clock.now().getTime() + msFromNow).toISOString();
  const writeReads = (instants: string[]) =>
    t.ctx.repos.advisors.logAccess(
      instants.map((instant) => ({
        id: t.ctx.newId(),
        studentId: student.id,
        advisorId: advisor.id,
        advisorEmail: advisor.email,
        view: 'dashboard',
        scopes: ['scores', 'plan'],
        at: instant,
      })),
    );
  const instantsLeft = async () => (await t.ctx.repos.advisors.listAccess(student.id)).map((e) => e.accessedAt).sort();

  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    advisor = await signUpClient(t.app, 'advisor');
  });
  afterAll(() => t.close());

  it('deletes reads older than 2 years on the hourly prune and keeps the rest', async () => {
    expect(ACCESS_LOG_RETENTION_DAYS).toBe(731);
    const retention = ACCESS_LOG_RETENTION_DAYS * DAY_MS;
    const tooOld = [at(-retention - 1), at(-retention - DAY_MS), at(-3 * retention)];
    const kept = [at(-retention), at(-retention + 1), at(-DAY_MS), at(0)];
    await writeReads([...tooOld, ...kept]);

    await pruneExpired(t.ctx);
    expect(await instantsLeft()).toEqual([...kept].sort());

    // A day later the clock has moved on: the read that was exactly 2 years old is now past it.
    t.clock.advance(DAY_MS);
    try {
      await pruneExpired(t.ctx);
      expect(await instantsLeft()).toEqual([at(-2 * DAY_MS), at(-DAY_MS)].sort());
    } finally {
      t.clock.advance(-DAY_MS);
    }
    await t.ctx.database.db.deleteFrom('advisor_access_log').execute();
  });

  it('deletes at most its bound in one run, oldest first, and the next run carries on', async () => {
    const old = Array.from({ length: 7 }, (_, i) => at(-(ACCESS_LOG_RETENTION_DAYS + 10 - i) * DAY_MS));
    await writeReads([...old, at(0)]);
    const bounds = { batchRows: 2, maxBatches: 2 };

    expect(await pruneAccessLog(t.ctx, bounds)).toBe(4);
    expect(await instantsLeft()).toEqual([...old.slice(4), at(0)]);
    expect(await pruneAccessLog(t.ctx, bounds)).toBe(3);
    expect(await instantsLeft()).toEqual([at(0)]);
    expect(await pruneAccessLog(t.ctx, bounds)).toBe(0);
  });
});
