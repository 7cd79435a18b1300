/**
 * TRUST_PROXY decides which address the per-address limits count (sign-up here). Behind one proxy
 * (TRUST_PROXY=1, or the proxy's address), the client is the entry the proxy appended, so a client
 * that writes extra X-Forwarded-For entries of its own is still counted under its real address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { testConfig } from '#tests/setup/app-config.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';

const PROXY = '10.0.0.5';
let counter = 0;

describe('TRUST_PROXY and the per-address sign-up limit', () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await testDb.drop();
  });

  async function withApp(
    trustProxy: Config['trustProxy'],
    run: (signUp: (xff?: string) => Promise<number>) => Promise<void>,
  ) {
    const { app } = await buildApp({
      config: testConfig(testDb.settings, { trustProxy, signUpsPerAddressPerHour: 2 }),
      database: testDb.database,
    });
    await app.ready();
    const signUp = async (xff?: string) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-up',
        remoteAddress: PROXY,
        headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
        payload: { email: `proxy-${++counter}@school.edu`, password: 'tidal-marigold-cactus-47', role: 'student' },
      });
      return response.statusCode;
    };
    try {
      await run(signUp);
    } finally {
      await app.close();
    }
  }

  // Each case on addresses of its own: the database (and so the counts) is shared.
  for (const [label, trustProxy, STUDENT, OTHER_STUDENT] of [
    ['one hop (TRUST_PROXY=1)', 1, '198.51.100.7', '198.51.100.8'],
    ['the proxy address (TRUST_PROXY=10.0.0.5)', [PROXY], '198.51.100.17', '198.51.100.18'],
  ] as const) {
    it(`${label}: a spoofed extra X-Forwarded-For entry does not change the address counted`, async () => {
      await withApp(typeof trustProxy === 'number' ? trustProxy : [...trustProxy], async (signUp) => {
        // The proxy appends the address it saw; the client wrote a different one before it each time.
        expect(await signUp(`203.0.113.1, ${STUDENT}`)).toBe(201);
        expect(await signUp(`203.0.113.2, ${STUDENT}`)).toBe(201);
        expect(await signUp(`203.0.113.3, ${STUDENT}`)).toBe(429);
        expect(await signUp(`${OTHER_STUDENT}, 203.0.113.4, ${STUDENT}`)).toBe(429);
        // Another student behind the same proxy has an allowance of their own.
        expect(await signUp(OTHER_STUDENT)).toBe(201);
      });
    });
  }

  it('off (the default): X-Forwarded-For is ignored and the socket address is counted', async () => {
    await withApp(false, async (signUp) => {
      expect(await signUp('203.0.113.10')).toBe(201);
      expect(await signUp('203.0.113.11')).toBe(201);
      expect(await signUp('203.0.113.12')).toBe(429);
    });
  });
});
