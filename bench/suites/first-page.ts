/**
 * What the first page costs to download: GET / and every script and stylesheet it loads (HTML +
 * JS + CSS), asked for as a browser asks (`accept-encoding: br, gzip`), counted in bytes as they
 * come off the socket (bodies only, headers left out, nothing decoded), against the same files
 * asked for with `accept-encoding: identity`.
 *
 * The web app is built first (`vite build`, as `npm start` does) so the figures are those of the
 * current sources and build settings; BENCH_SKIP_BUILD=1 measures dist/web as it is.
 * Target: transferred ÷ uncompressed ≤ 0.4 (minified JS and CSS compress to about a third with
 * gzip, less with brotli).
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { REPO_ROOT } from '../lib/server.ts';
import { table } from '../lib/report.ts';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';

const RATIO_TARGET = 0.4;

type Raw = { status: number; bytes: number; encoding: string; body: Buffer };

/** GET with node:http, which (unlike fetch) leaves the body as sent: compressed bytes stay compressed. */
function getRaw(url: string, acceptEncoding: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: response.statusCode ?? 0,
          bytes: body.length,
          encoding: String(response.headers['content-encoding'] ?? 'identity'),
          body,
        });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** The scripts, stylesheets and module preloads the page loads, in order, without duplicates. */
export function assetsOf(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) found.push(match[1]!);
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1] ?? '';
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\b(stylesheet|modulepreload)\b/.test(rel)) found.push(href);
  }
  return [...new Set(found)];
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export const firstPageSuite: Suite = {
  name: 'first-page',
  description: 'bytes sent for the first page (HTML + JS + CSS) with br/gzip accepted vs uncompressed',
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    if (ctx.settings.skipBuild) {
      ctx.log('BENCH_SKIP_BUILD=1: measuring dist/web as it is');
    } else {
      ctx.log('building the web app (vite build)');
      execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
    }
    const server = await ctx.startServer({ nodeArgs: ctx.settings.serverNodeArgs });
    const base = server.baseUrl;
    const page = await getRaw(`${base}/`, 'identity');
    if (page.status !== 200) {
      throw new Error(`GET /: HTTP ${page.status} ${page.body.toString('utf8').slice(0, 200)}`);
    }
    const paths = ['/', ...assetsOf(page.body.toString('utf8'))];
    const rows: string[][] = [];
    let sent = 0;
    let plain = 0;
    for (const path of paths) {
      const url = new URL(path, base).toString();
      const [compressed, identity] = await Promise.all([getRaw(url, 'br, gzip'), getRaw(url, 'identity')]);
      if (compressed.status !== 200 || identity.status !== 200) {
        throw new Error(`GET ${path}: HTTP ${compressed.status} / ${identity.status}`);
      }
      sent += compressed.bytes;
      plain += identity.bytes;
      rows.push([
        path,
        compressed.encoding,
        kb(compressed.bytes),
        kb(identity.bytes),
        (compressed.bytes / identity.bytes).toFixed(2),
      ]);
    }
    rows.push(['total', '', kb(sent), kb(plain), (sent / plain).toFixed(2)]);
    const ratio = sent / plain;
    return {
      measurements: [],
      tables: [
        table(['file', 'content-encoding', 'sent KB', 'uncompressed KB', 'ratio'], rows, [
          'left',
          'left',
          'right',
          'right',
          'right',
        ]),
      ],
      checks: [
        {
          name: 'first page bytes sent (br, gzip accepted) ÷ uncompressed',
          value: ratio,
          target: `≤ ${RATIO_TARGET}`,
          passed: ratio <= RATIO_TARGET,
          detail: `${kb(sent)} KB sent for ${kb(plain)} KB (${paths.length} files)`,
        },
      ],
    };
  },
};
