import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#server/app.ts';
import { testConfig } from '#tests/setup/app-config.ts';
import { createTestDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { routeTableOf } from '#server/route-table.ts';
import { createManualClock, signUpClient } from '#tests/setup/test-app.ts';

/** A built web app as `vite build` leaves it: files with .br and .gz beside them, a source map. */
function writeFakeBuild(root: string) {
  const files = {
    'index.html': `<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body>${'<div id="root"></div>'.repeat(40)}</body></html>`,
    'assets/index-abc123.js': `console.log(${JSON.stringify('comeback '.repeat(500))});\n//# sourceMappingURL=index-abc123.js.map`,
    'assets/index-abc123.js.map': JSON.stringify({ version: 3, sources: ['src/web/main.tsx'], mappings: 'AAAA' }),
    'assets/index-abc123.css': `body{margin:0}${'.x{color:red}'.repeat(200)}`,
    // vite-plugin-pwa's output: the service worker, its Workbox runtime and the web app manifest.
    'sw.js': `importScripts('./workbox-abc123.js');${'self.addEventListener("fetch",()=>{});'.repeat(40)}`,
    'workbox-abc123.js': `self.workbox=${JSON.stringify('workbox '.repeat(300))};`,
    'manifest.webmanifest': JSON.stringify({ name: 'Comeback', short_name: 'Comeback', icons: [], start_url: '/' }),
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    if (name.endsWith('.map')) continue;
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
  }
  return files;
}

function decode(body: Buffer, encoding: string | undefined): string {
  if (encoding === 'br') return zlib.brotliDecompressSync(body).toString();
  if (encoding === 'gzip') return zlib.gunzipSync(body).toString();
  return body.toString();
}

describe('static assets', () => {
  let webRoot: string;
  let files: ReturnType<typeof writeFakeBuild>;
  let testDb: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-web-'));
    files = writeFakeBuild(webRoot);
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

  it('sends the precompressed file the browser accepts, with Content-Encoding and Vary', async () => {
    for (const url of ['/assets/index-abc123.js', '/assets/index-abc123.css', '/', '/settings', '/plan/week']) {
      const plain = url.startsWith('/assets/') ? files[url.slice(1) as keyof typeof files] : files['index.html'];
      for (const [accept, expected] of [
        ['gzip, deflate, br, zstd', 'br'],
        ['gzip', 'gzip'],
        ['identity', undefined],
        [undefined, undefined],
      ] as const) {
        const reply = await app.inject({
          method: 'GET',
          url,
          headers: accept ? { 'accept-encoding': accept } : {},
        });
        expect(reply.statusCode, `${url} ${accept}`).toBe(200);
        expect(reply.headers['content-encoding'], `${url} ${accept}`).toBe(expected);
        expect(String(reply.headers.vary)).toMatch(/accept-encoding/i);
        expect(decode(reply.rawPayload, expected)).toBe(plain);
        expect(reply.headers['content-type']).toMatch(
          url.endsWith('.js') ? /javascript/ : url.endsWith('.css') ? /text\/css/ : /text\/html/,
        );
      }
    }
    const asset = await app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await app.inject({ method: 'GET', url: '/profile', headers: { 'accept-encoding': 'br' } });
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('answers HEAD like GET, without a body, for files, the page fallback and API routes', async () => {
    for (const url of [
      '/',
      '/settings',
      '/assets/index-abc123.js',
      '/healthz',
      '/readyz',
      '/api/auth/me',
      '/nope.txt',
    ]) {
      const get = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      const head = await app.inject({ method: 'HEAD', url, headers: { 'accept-encoding': 'br' } });
      expect(head.statusCode, url).toBe(get.statusCode);
      expect(head.headers['content-type'], url).toBe(get.headers['content-type']);
      expect(head.headers['content-encoding'], url).toBe(get.headers['content-encoding']);
      expect(head.body, url).toBe('');
    }
    expect((await app.inject({ method: 'HEAD', url: '/' })).statusCode).toBe(200);
  });

  it('has a HEAD route beside every GET route, answering with the same status and headers, no body', async () => {
    const routes = routeTableOf(app);
    const gets = routes.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(10);
    const heads = new Set(routes.filter((r) => r.method === 'HEAD').map((r) => r.url));
    expect(gets.filter((r) => !heads.has(r.url)).map((r) => r.url)).toEqual([]);
    const student = await signUpClient(app);
    for (const route of gets) {
      const url = route.url.replace(/:[A-Za-z]+/g, 'x');
      const get = await student.request({ method: 'GET', url });
      const head = await student.request({ method: 'HEAD', url });
      expect(head.statusCode, url).toBe(get.statusCode);
      expect(head.headers['content-type'], url).toBe(get.headers['content-type']);
      expect(head.body, url).toBe('');
    }
  });

  it('never serves source maps or the compressed copies under their own names; a missing file is a 404', async () => {
    for (const url of [
      '/assets/index-abc123.js.map',
      '/assets/index-abc123.js.br',
      '/assets/index-abc123.css.gz',
      '/index.html.br',
      '/assets/index-gone.js',
    ]) {
      for (const method of ['GET', 'HEAD'] as const) {
        const reply = await app.inject({ method, url, headers: { 'accept-encoding': 'br, gzip' } });
        expect(reply.statusCode, `${method} ${url}`).toBe(404);
        expect(reply.body).not.toContain('mappings');
      }
    }
  });

  it('serves the service worker and the manifest revalidated on every load (never immutable), typed right', async () => {
    for (const [url, type] of [
      ['/sw.js', /javascript/],
      ['/workbox-abc123.js', /javascript/],
      ['/manifest.webmanifest', /application\/manifest\+json/],
    ] as const) {
      for (const accept of ['br', undefined]) {
        const reply = await app.inject({ method: 'GET', url, headers: accept ? { 'accept-encoding': accept } : {} });
        expect(reply.statusCode, url).toBe(200);
        expect(reply.headers['cache-control'], url).toBe('no-cache');
        expect(reply.headers['content-type'], url).toMatch(type);
        expect(reply.headers['content-encoding'], url).toBe(accept);
        expect(decode(reply.rawPayload, accept), url).toBe(files[url.slice(1) as keyof typeof files]);
      }
    }
  });
});
