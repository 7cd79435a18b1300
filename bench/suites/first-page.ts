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
 *
 * Then the first screen of each kind of visitor (issue 13): the JS the sign-in screen and a
 * signed-in student's home need — the page's scripts plus the page's own chunk (route-level code
 * splitting, src/web/app/router.tsx) and every chunk those import statically, found by reading
 * the built files in dist/web/assets — sent with brotli and uncompressed. Targets: that JS ≤ 100 KB
 * brotli, and the whole first transfer (HTML + JS + CSS) ≤ 120 KB compressed (issue 13, "Fast first
 * screen"). Chunks loaded later (the service worker's helper, the chart) are not counted.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { REPO_ROOT } from '../lib/server.ts';
import { table } from '../lib/report.ts';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';

const RATIO_TARGET = 0.4;
/** Issue 13: the first screen's JS, brotli, and the first transfer (HTML + JS + CSS), compressed. */
const FIRST_SCREEN_JS_TARGET_KB = 100;
const FIRST_TRANSFER_TARGET_KB = 120;

/** The first screens, by the file name of their page's chunk (vite names it after the module). */
const FIRST_SCREENS = [
  { name: 'sign-in', chunk: 'sign-in-page' },
  { name: 'home (signed-in student)', chunk: 'home-page' },
] as const;

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

/**
 * The chunks a built chunk imports statically (`import{…}from"./x.js"`, `import"./x.js"`), as
 * the bundler writes them; dynamic imports (`import(\`./x.js\`)`, loaded later) do not match.
 */
export function staticImportsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"'`]+\.js)["']/g)) found.push(match[1]!);
  return found;
}

/** `/assets/x.js` and every chunk it needs before it runs, read from the build in `webRoot`. */
function withStaticImports(webRoot: string, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url) || !url.endsWith('.js')) continue;
    seen.add(url);
    const source = fs.readFileSync(path.join(webRoot, url), 'utf8');
    for (const relative of staticImportsOf(source)) queue.push(path.posix.join(path.posix.dirname(url), relative));
  }
  return [...seen];
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

    // The first screens: the page's scripts and stylesheets plus the page's own chunk and its imports.
    const webRoot = path.join(REPO_ROOT, 'dist', 'web');
    const assetDir = path.join(webRoot, 'assets');
    const pageAssets = paths.filter((p) => p !== '/');
    const screenRows: string[][] = [];
    const checks = [
      {
        name: 'first page bytes sent (br, gzip accepted) ÷ uncompressed',
        value: ratio,
        target: `≤ ${RATIO_TARGET}`,
        passed: ratio <= RATIO_TARGET,
        detail: `${kb(sent)} KB sent for ${kb(plain)} KB (${paths.length} files)`,
      },
    ];
    const htmlSent = (await getRaw(`${base}/`, 'br, gzip')).bytes;
    for (const screen of FIRST_SCREENS) {
      const chunk = fs.readdirSync(assetDir).find((f) => new RegExp(`^${screen.chunk}-[\\w-]+\\.js$`).test(f));
      if (!chunk) throw new Error(`no ${screen.chunk}-*.js chunk in dist/web/assets: is the page still split out?`);
      const scripts = withStaticImports(webRoot, [...pageAssets.filter((p) => p.endsWith('.js')), `/assets/${chunk}`]);
      const styles = pageAssets.filter((p) => p.endsWith('.css'));
      let jsSent = 0;
      let jsPlain = 0;
      let otherSent = htmlSent;
      for (const asset of [...scripts, ...styles]) {
        const url = new URL(asset, base).toString();
        const [compressed, identity] = await Promise.all([getRaw(url, 'br'), getRaw(url, 'identity')]);
        if (compressed.status !== 200 || identity.status !== 200) {
          throw new Error(`GET ${asset}: HTTP ${compressed.status} / ${identity.status}`);
        }
        if (asset.endsWith('.js')) {
          jsSent += compressed.bytes;
          jsPlain += identity.bytes;
        } else {
          otherSent += compressed.bytes;
        }
      }
      const transfer = jsSent + otherSent;
      screenRows.push([screen.name, String(scripts.length), kb(jsPlain), kb(jsSent), kb(transfer)]);
      checks.push(
        {
          name: `first screen JS (br), ${screen.name}, KB`,
          value: jsSent / 1024,
          target: `≤ ${FIRST_SCREEN_JS_TARGET_KB}`,
          passed: jsSent / 1024 <= FIRST_SCREEN_JS_TARGET_KB,
          detail: `${scripts.length} scripts, ${kb(jsPlain)} KB uncompressed`,
        },
        {
          name: `first transfer (HTML + JS + CSS, br), ${screen.name}, KB`,
          value: transfer / 1024,
          target: `≤ ${FIRST_TRANSFER_TARGET_KB}`,
          passed: transfer / 1024 <= FIRST_TRANSFER_TARGET_KB,
          detail: scripts.map((s) => path.posix.basename(s)).join(', '),
        },
      );
    }
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
        table(['first screen', 'scripts', 'JS uncompressed KB', 'JS br KB', 'HTML + JS + CSS br KB'], screenRows, [
          'left',
          'right',
          'right',
          'right',
          'right',
        ]),
      ],
      checks,
    };
  },
};
