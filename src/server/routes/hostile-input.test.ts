// Random and hostile input at the sign-up and profile endpoints: never a 5xx, never stored.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    "'; drop table users; --",
    '<script>alert(1)</script>',
    '\u0000',
    '../../etc/passwd',
    '2027-02-30',
    '9999-99-99',
    'A'.repeat(5000),
    '__proto__',
    '{"$gt":""}',
  ),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

describeEachDatabase('hostile input', (kind) => {
  let t: TestApp;
  let student: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
  });
  afterAll(() => t.close());

  it('never answers sign-up garbage with a 5xx and never creates an account from it', async () => {
    const before = await t.ctx.database.db.selectFrom('users').select('id').execute();
    await fc.assert(
      fc.asyncProperty(
        fc.record({ email: hostileValue, password: hostileValue, role: hostileValue }, { requiredKeys: [] }),
        async (payload) => {
          const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload });
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode === 201) return; // a random but valid account is allowed
          expect(response.json().error.code).toMatch(/VALIDATION_FAILED|PASSWORD_REJECTED|EMAIL_TAKEN/);
        },
      ),
      { numRuns: 60 },
    );
    const after = await t.ctx.database.db.selectFrom('users').select('id').execute();
    // Only valid emails with valid passwords could have created accounts; random strings almost never are.
    expect(after.length - before.length).toBeLessThanOrEqual(1);
  });

  it('never answers profile garbage with a 5xx and never stores it', async () => {
    const valid = buildProfileInput();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...Object.keys(valid), 'userId', 'extra'), hostileValue, { minKeys: 1 }),
        async (garbage) => {
          const payload = { ...valid, ...garbage };
          const storedBefore = (await student.request({ method: 'GET', url: '/api/profile' })).json().profile;
          const response = await student.request({ method: 'PUT', url: '/api/profile', payload });
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode !== 200) {
            expect(response.json().error.code).toBe('VALIDATION_FAILED');
            // Either each bad field is named, or the body was refused whole (e.g. a "__proto__" key).
            const { fields, message } = response.json().error;
            if (!fields) expect(message).toMatch(/JSON/);
            else expect(fields).not.toEqual({});
            const storedAfter = (await student.request({ method: 'GET', url: '/api/profile' })).json().profile;
            expect(storedAfter).toEqual(storedBefore);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('survives bodies that are not objects at all', async () => {
    for (const payload of ['[]', '"text"', '42', 'null', '{"a":'.repeat(50)]) {
      const response = await student.request({
        method: 'PUT',
        url: '/api/profile',
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(400);
    }
  });
});
