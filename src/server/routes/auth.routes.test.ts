import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp as signUpUseCase } from '#server/use-cases/sign-up.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { clientFrom, createTestApp, signUpClient, STRONG_PASSWORD, type TestApp } from '#tests/setup/test-app.ts';

describeEachDatabase('accounts API', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const signUp = (payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: payload as object });
  const signIn = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });

  describe('sign-up', () => {
    it('creates a student, signs them in with an httpOnly SameSite=Lax cookie, and stores only a hash', async () => {
      const response = await signUp({ email: 'New.Student@School.edu', password: STRONG_PASSWORD });
      expect(response.statusCode).toBe(201);
      expect(response.json().user).toMatchObject({ email: 'new.student@school.edu', role: 'student' });
      const cookie = response.cookies.find((c) => c.name === 'comeback_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      const row = await t.ctx.database.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', 'new.student@school.edu')
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      const session = await t.ctx.database.db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', row.id)
        .executeTakeFirstOrThrow();
      expect(session.token_hash).not.toBe(cookie?.value);
    });

    it('refuses a password under 10 characters with a message on the field, storing nothing', async () => {
      const response = await signUp({ email: 'short@school.edu', password: 'abc123xyz' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { password: expect.stringMatching(/10 characters/) },
      });
      expect(await t.ctx.repos.users.findByEmail('short@school.edu')).toBeUndefined();
    });

    it.each(['password1234', 'qwertyuiop', '1234567890', 'iloveyou12'])(
      'refuses the common password %s',
      async (password) => {
        const response = await signUp({ email: `common-${password}@school.edu`, password });
        expect(response.statusCode).toBe(400);
        expect(response.json().error.code).toBe('PASSWORD_REJECTED');
        expect(response.json().error.fields.password).toMatch(/common/);
      },
    );

    it('refuses a password that is the email address itself', async () => {
      const response = await signUp({ email: 'jordan.lee.md@school.edu', password: 'jordan.lee.md@school.edu' });
      expect(response.json().error.code).toBe('PASSWORD_REJECTED');
    });

    it('refuses a second account for the same email, whatever its case', async () => {
      await signUp({ email: 'twice@school.edu', password: STRONG_PASSWORD });
      const response = await signUp({ email: 'TWICE@school.edu', password: STRONG_PASSWORD });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('EMAIL_TAKEN');
    });

    it('takes the per-address sign-up limit from the config (SIGN_UPS_PER_ADDRESS_PER_HOUR)', async () => {
      const ctx = { ...t.ctx, config: { ...t.ctx.config, signUpsPerAddressPerHour: 2 } };
      const client = { ip: '203.0.113.50', userAgent: null };
      const attempt = (i: number) =>
        signUpUseCase(ctx, { email: `limit-${i}@school.edu`, password: STRONG_PASSWORD }, client);
      expect((await attempt(1)).ok).toBe(true);
      expect((await attempt(2)).ok).toBe(true);
      const third = await attempt(3);
      expect(third).toMatchObject({ ok: false, error: { code: 'SIGN_UP_THROTTLED', retryAfterSeconds: 3600 } });
      expect(await t.ctx.repos.users.findByEmail('limit-3@school.edu')).toBeUndefined();
    });

    it('creates an advisor when asked', async () => {
      const response = await signUp({ email: 'advisor@school.edu', password: STRONG_PASSWORD, role: 'advisor' });
      expect(response.json().user.role).toBe('advisor');
    });

    it('refuses an unknown role and unknown fields', async () => {
      expect(
        (await signUp({ email: 'r@school.edu', password: STRONG_PASSWORD, role: 'admin' })).json().error.fields,
      ).toHaveProperty('role');
      expect((await signUp({ email: 'r@school.edu', password: STRONG_PASSWORD, isAdmin: true })).statusCode).toBe(400);
    });
  });

  describe('sign-in and sessions', () => {
    it('signs in with the right password and reports who is signed in', async () => {
      await signUp({ email: 'signin@school.edu', password: STRONG_PASSWORD });
      const response = await signIn('signin@school.edu', STRONG_PASSWORD);
      expect(response.statusCode).toBe(200);
      const client = clientFrom(t.app, response, 'signin@school.edu', STRONG_PASSWORD);
      const me = await client.request({ method: 'GET', url: '/api/auth/me' });
      expect(me.json().user.email).toBe('signin@school.edu');
    });

    it('gives the same answer for a wrong password and an unknown email', async () => {
      const wrong = await signIn('signin@school.edu', 'not-the-password-at-all');
      const unknown = await signIn('nobody@school.edu', 'not-the-password-at-all');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().error.message).toBe(unknown.json().error.message);
    });

    it('throttles an email after 5 failures in 15 minutes, even with the right password, then lets it in again', async () => {
      await signUp({ email: 'throttle@school.edu', password: STRONG_PASSWORD });
      for (let i = 0; i < 5; i++)
        expect((await signIn('throttle@school.edu', 'wrong-password-guess')).statusCode).toBe(401);
      const blocked = await signIn('throttle@school.edu', STRONG_PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('LOGIN_THROTTLED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      t.clock.advance(15 * 60_000 + 1000);
      expect((await signIn('throttle@school.edu', STRONG_PASSWORD)).statusCode).toBe(200);
    });

    it('keeps earlier failures counted after a successful sign-in, so a success opens no room for guesses', async () => {
      await signUp({ email: 'keeps@school.edu', password: STRONG_PASSWORD });
      for (let i = 0; i < 4; i++) expect((await signIn('keeps@school.edu', `wrong-guess-${i}`)).statusCode).toBe(401);
      expect((await signIn('keeps@school.edu', STRONG_PASSWORD)).statusCode).toBe(200);
      expect((await signIn('keeps@school.edu', 'wrong-guess-4')).statusCode).toBe(401);
      const blocked = await signIn('keeps@school.edu', STRONG_PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.message).toMatch(/wait 15 minutes/);
      // The failures age out of the window one by one (the oldest first), nothing else clears them.
      t.clock.advance(15 * 60_000 + 1000);
      expect((await signIn('keeps@school.edu', STRONG_PASSWORD)).statusCode).toBe(200);
    });

    it('does not count a refused attempt, so hammering a throttled account does not extend the wait', async () => {
      await signUp({ email: 'hammer@school.edu', password: STRONG_PASSWORD });
      for (let i = 0; i < 5; i++) await signIn('hammer@school.edu', `wrong-guess-${i}`);
      t.clock.advance(10 * 60_000);
      for (let i = 0; i < 20; i++) expect((await signIn('hammer@school.edu', 'wrong-again')).statusCode).toBe(429);
      t.clock.advance(5 * 60_000 + 1000);
      expect((await signIn('hammer@school.edu', STRONG_PASSWORD)).statusCode).toBe(200);
    });

    it('signs out this device only', async () => {
      const a = await signUpClient(t.app);
      const second = clientFrom(t.app, await signIn(a.email, a.password), a.email, a.password);
      expect((await a.request({ method: 'POST', url: '/api/auth/sign-out' })).statusCode).toBe(204);
      expect((await a.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      expect((await second.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    });

    it('signs out every device', async () => {
      const a = await signUpClient(t.app);
      const second = clientFrom(t.app, await signIn(a.email, a.password), a.email, a.password);
      expect((await a.request({ method: 'POST', url: '/api/auth/sign-out-everywhere' })).statusCode).toBe(204);
      expect((await a.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      expect((await second.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    });

    it('ends a session after a week without use, and after 30 days in any case', async () => {
      const a = await signUpClient(t.app);
      t.clock.advance(6 * 86_400_000);
      expect((await a.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      t.clock.advance(6 * 86_400_000);
      expect((await a.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      t.clock.advance(7 * 86_400_000 + 60_000);
      expect((await a.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);

      const b = await signUpClient(t.app);
      for (let day = 0; day < 30; day += 5) {
        t.clock.advance(5 * 86_400_000);
        const status = (await b.request({ method: 'GET', url: '/api/auth/me' })).statusCode;
        expect(status).toBe(day + 5 < 30 ? 200 : 401);
      }
    });

    it('changes the password, ends the other sessions, and keeps this one', async () => {
      const a = await signUpClient(t.app);
      const other = clientFrom(t.app, await signIn(a.email, a.password), a.email, a.password);
      const response = await a.request({
        method: 'POST',
        url: '/api/account/password',
        payload: { currentPassword: a.password, newPassword: 'violet-harbor-tram-92' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ endedSessions: 1 });
      expect((await a.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      expect((await other.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      expect((await signIn(a.email, a.password)).statusCode).toBe(401);
      expect((await signIn(a.email, 'violet-harbor-tram-92')).statusCode).toBe(200);
    });

    it('refuses a password change with the wrong current password, changing nothing', async () => {
      const a = await signUpClient(t.app);
      const response = await a.request({
        method: 'POST',
        url: '/api/account/password',
        payload: { currentPassword: 'wrong-current-pass', newPassword: 'violet-harbor-tram-92' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.fields).toHaveProperty('currentPassword');
      expect((await signIn(a.email, a.password)).statusCode).toBe(200);
    });
  });
});
