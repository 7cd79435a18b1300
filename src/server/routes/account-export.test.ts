import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXPORT_WINDOW_MS, EXPORTS_PER_WINDOW } from '#server/use-cases/export-data.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createSecondInstance, createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

describeEachDatabase('account export limits across two instances', (kind) => {
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

  const exportVia = (app: FastifyInstance, client: Client) =>
    app.inject({ method: 'GET', url: '/api/account/export', headers: { cookie: client.cookie } });

  it('runs at most the window of parallel exports on two instances, refusing the rest with 429', async () => {
    const student = await signUpClient(t.app);
    const other = await signUpClient(t.app);
    const replies = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => exportVia(i % 2 === 0 ? t.app : second.app, student)),
      exportVia(second.app, other),
    ]);
    const mine = replies.slice(0, 30);
    const ok = mine.filter((r) => r.statusCode === 200);
    const refused = mine.filter((r) => r.statusCode === 429);
    expect(ok.length + refused.length).toBe(30);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length).toBeLessThanOrEqual(EXPORTS_PER_WINDOW);
    for (const reply of refused) {
      expect(reply.json().error.code).toBe('EXPORT_THROTTLED');
      expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another account is not held up by this one's exports.
    expect(replies[30]!.statusCode).toBe(200);
  });

  it(`allows ${EXPORTS_PER_WINDOW} exports per account in ${EXPORT_WINDOW_MS / 60_000} minutes whichever instance serves them`, async () => {
    const student = await signUpClient(t.app);
    for (let i = 0; i < EXPORTS_PER_WINDOW; i++) {
      expect((await exportVia(i % 2 === 0 ? t.app : second.app, student)).statusCode).toBe(200);
      t.clock.advance(1_000);
    }
    for (const app of [t.app, second.app]) {
      const refused = await exportVia(app, student);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('EXPORT_THROTTLED');
      expect(Number(refused.headers['retry-after'])).toBe(EXPORT_WINDOW_MS / 1000 - EXPORTS_PER_WINDOW);
      expect(refused.json().error.message).toMatch(/Try again in 10 minutes/);
    }
    t.clock.advance((EXPORT_WINDOW_MS / 1000 - EXPORTS_PER_WINDOW) * 1000);
    expect((await exportVia(second.app, student)).statusCode).toBe(200);
  });

  it('refuses a second export while one of the same account is unfinished, unless that one is stale', async () => {
    const student = await signUpClient(t.app);
    const db = t.ctx.database.db;
    // An export in progress on the other instance (as the row a running export leaves).
    await db
      .insertInto('export_runs')
      .values({
        id: '00000000-0000-7000-8000-000000000000',
        user_id: student.id,
        started_at: t.clock.now().toISOString(),
        finished_at: null,
      })
      .execute();
    const refused = await exportVia(second.app, student);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/still being prepared/);
    expect(refused.headers['retry-after']).toBe('5');
    // Its instance died mid-export: after two minutes it no longer blocks the account.
    t.clock.advance(2 * 60_000 + 1_000);
    expect((await exportVia(t.app, student)).statusCode).toBe(200);
  });
});

describeEachDatabase('account export contents', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('holds the calendar reminder, the advisors shared with and every read they made', async () => {
    const student = await signUpClient(t.app);
    const advisor = await signUpClient(t.app, 'advisor');
    const reminder = await student.request({
      method: 'PUT',
      url: '/api/calendar-feed/reminder',
      payload: { reminder: '1-hour' },
    });
    expect(reminder.statusCode, reminder.body).toBeLessThan(300);
    const invitation = await student.request({ method: 'POST', url: '/api/sharing/invitations', payload: {} });
    expect(invitation.statusCode, invitation.body).toBe(201);
    const accepted = await advisor.request({
      method: 'POST',
      url: '/api/advisor/invitations/accept',
      payload: { code: invitation.json().code },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const dashboard = await advisor.request({ method: 'GET', url: '/api/advisor/dashboard' });
    expect(dashboard.statusCode, dashboard.body).toBe(200);

    const body = (await student.request({ method: 'GET', url: '/api/account/export' })).json();
    expect(body.calendarReminder).toBe('1-hour');
    expect(body.sharing.advisorLinks).toHaveLength(1);
    expect(body.sharing.advisorLinks[0]).toMatchObject({ advisorEmail: advisor.email, revokedAt: null });
    expect(body.sharing.accessLog.length).toBeGreaterThanOrEqual(1);
    expect(body.sharing.accessLog[0].advisorEmail).toBe(advisor.email);
    expect(JSON.stringify(body)).not.toContain(invitation.json().code);
  });
});
