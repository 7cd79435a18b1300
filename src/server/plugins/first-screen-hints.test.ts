import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#server/app.ts';
import type { FirstScreenHints } from '#shared/contracts/first-screens.ts';
import { testConfig } from '#tests/setup/app-config.ts';
import { createTestDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { createManualClock } from '#tests/setup/test-app.ts';
import { loadFirstScreenHints } from './first-screen-hints.ts';

const HINTS: FirstScreenHints = {
  '/log': [
    { rel: 'preload', as: 'style', href: '/assets/log-block-page-abc.css' },
    { rel: 'modulepreload', href: '/assets/log-block-page-abc.js' },
    { rel: 'preload', as: 'fetch', href: '/api/evidence' },
  ],
  '/sign-in': [{ rel: 'modulepreload', href: '/assets/sign-in-page-abc.js' }],
};

function writeBuild(root: string, hints: unknown) {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><html><body><div id="root"></div></body></html>');
  fs.writeFileSync(path.join(root, 'first-screens.json'), typeof hints === 'string' ? hints : JSON.stringify(hints));
}

describe('first-screen Link header', () => {
  let webRoot: string;
  let testDb: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-hints-'));
    writeBuild(webRoot, HINTS);
    testDb = await createTestDatabase('sqlite');
    ({ app } = await buildApp({
      config: testConfig(testDb.settings, { webRoot }),
      database: testDb.database,
      clock: createManualClock().now,
    }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await testDb.drop();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  it("sends a first screen's page with its chunks, styles and reads to preload, in CORS mode", async () => {
    for (const url of ['/log', '/log?date=2028-01-10']) {
      const reply = await app.inject({ method: 'GET', url });
      expect(reply.statusCode).toBe(200);
      expect(reply.headers['content-type']).toMatch(/text\/html/);
      expect(reply.headers.link).toBe(
        '</assets/log-block-page-abc.css>; rel=preload; as=style; crossorigin, ' +
          '</assets/log-block-page-abc.js>; rel=modulepreload; crossorigin, ' +
          '</api/evidence>; rel=preload; as=fetch; crossorigin',
      );
    }
    const signIn = await app.inject({ method: 'GET', url: '/sign-in' });
    expect(signIn.headers.link).toBe('</assets/sign-in-page-abc.js>; rel=modulepreload; crossorigin');
  });

  it('sends no Link header for other pages, files or the API', async () => {
    for (const url of ['/plan', '/log/other', '/first-screens.json', '/api/auth/me']) {
      const reply = await app.inject({ method: 'GET', url });
      expect(reply.headers.link, url).toBeUndefined();
    }
  });

  it('drops hints that are not plain same-site paths, and a missing or broken file sends none', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-hints-'));
    try {
      writeBuild(root, {
        '/log': [
          { rel: 'modulepreload', href: 'https://elsewhere.example/x.js' },
          { rel: 'modulepreload', href: '/assets/a.js>; rel=preload, </evil' },
          { rel: 'modulepreload', href: '/assets/ok.js' },
          { rel: 'stylesheet', href: '/assets/b.css' },
        ],
      });
      expect(loadFirstScreenHints(root)('/log')).toBe('</assets/ok.js>; rel=modulepreload; crossorigin');
      writeBuild(root, '{ not json');
      expect(loadFirstScreenHints(root)('/log')).toBeNull();
      fs.rmSync(path.join(root, 'first-screens.json'));
      expect(loadFirstScreenHints(root)('/log')).toBeNull();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
