import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpClient, STRONG_PASSWORD, type TestApp } from '#tests/setup/test-app.ts';

describe('app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz while the database is reachable', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('refuses a write coming from another website', async () => {
    const student = await signUpClient(t.app);
    for (const headers of [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const response = await student.request({ method: 'POST', url: '/api/auth/sign-out-everywhere', headers });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('ORIGIN_REJECTED');
    }
    expect((await student.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('accepts a write from its own origin', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      headers: { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' },
      payload: { email: 'same-origin@school.edu', password: STRONG_PASSWORD },
    });
    expect(response.statusCode).toBe(201);
  });

  it('answers a malformed JSON body with a clear 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The request body is not valid JSON.',
    });
  });

  it('refuses a body that is not JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.message).toMatch(/JSON/);
  });

  it('sets security headers and never caches API answers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 DATABASE_BUSY, not 500, when another connection holds the SQLite write lock past the timeout', async () => {
    const settings = t.testDb.settings;
    if (settings.kind !== 'sqlite') throw new Error('expected SQLite');
    const other = new SQLite(settings.file);
    try {
      other.exec('begin immediate');
      const busy = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-up',
        payload: { email: 'busy@school.edu', password: STRONG_PASSWORD },
      });
      expect(busy.statusCode).toBe(503);
      expect(busy.json().error).toMatchObject({
        code: 'DATABASE_BUSY',
        message: 'The database is busy right now; nothing was saved. Try again in a moment.',
      });
      expect(busy.headers['retry-after']).toBe('5');
      other.exec('rollback');
      const retried = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-up',
        payload: { email: 'busy@school.edu', password: STRONG_PASSWORD },
      });
      expect(retried.statusCode).toBe(201);
    } finally {
      other.close();
    }
  }, 20_000);

  it('answers an unknown API path with a JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});
