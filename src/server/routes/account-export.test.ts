import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_WINDOW_MS, EXPORTS_PER_WINDOW } from '#server/use-cases/export-data.ts';
import { createTestApp, signUpClient, type TestApp } from '#tests/setup/test-app.ts';

describe('account export limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('runs one export at a time per account: parallel ones answer 429 with Retry-After', async () => {
    const student = await signUpClient(t.app);
    const other = await signUpClient(t.app);
    const replies = await Promise.all([
      ...Array.from({ length: 20 }, () => student.request({ method: 'GET', url: '/api/account/export' })),
      other.request({ method: 'GET', url: '/api/account/export' }),
    ]);
    const mine = replies.slice(0, 20);
    const ok = mine.filter((r) => r.statusCode === 200);
    const refused = mine.filter((r) => r.statusCode === 429);
    expect(ok.length + refused.length).toBe(20);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length).toBeLessThanOrEqual(EXPORTS_PER_WINDOW);
    expect(refused.length).toBeGreaterThanOrEqual(20 - EXPORTS_PER_WINDOW);
    for (const reply of refused) {
      expect(reply.json().error.code).toBe('EXPORT_THROTTLED');
      expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
      expect(reply.json().error.message).toMatch(/export|downloaded/i);
    }
    // Another account is not held up by this one's exports.
    expect(replies[20]!.statusCode).toBe(200);
  });

  it(`allows ${EXPORTS_PER_WINDOW} exports per account in ${EXPORT_WINDOW_MS / 60_000} minutes, then says when to come back`, async () => {
    const student = await signUpClient(t.app);
    for (let i = 0; i < EXPORTS_PER_WINDOW; i++) {
      expect((await student.request({ method: 'GET', url: '/api/account/export' })).statusCode).toBe(200);
      t.clock.advance(1_000);
    }
    const refused = await student.request({ method: 'GET', url: '/api/account/export' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('EXPORT_THROTTLED');
    const retryAfterSeconds = Number(refused.headers['retry-after']);
    expect(retryAfterSeconds).toBe(EXPORT_WINDOW_MS / 1000 - EXPORTS_PER_WINDOW);
    expect(refused.json().error.message).toMatch(/Try again in 10 minutes/);

    t.clock.advance(retryAfterSeconds * 1000);
    expect((await student.request({ method: 'GET', url: '/api/account/export' })).statusCode).toBe(200);
  });
});
