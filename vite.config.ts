import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import {
  FIRST_SCREEN_HINTS_FILE,
  FIRST_SCREENS,
  type FirstScreenHint,
  type FirstScreenHints,
} from './src/web/app/first-screens.ts';
import { API_CACHE } from './src/web/offline/cache-names.ts';

const fromRoot = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const webDir = fromRoot('./src/web/');
const sharedDir = fromRoot('./src/shared/');
const domainDir = fromRoot('./src/domain/');

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest|ico)$/;

/**
 * Writes `file.br` (brotli, quality 11) and `file.gz` (gzip -9) beside each text file of the build,
 * (index.html too: it is the page every app path falls back to), when smaller than the file itself,
 * once, so the server sends them (@fastify/static `preCompressed`) with no compression per request.
 * node:zlib in a post-build step: no plugin to keep in step with Vite's major versions.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'comeback-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      // After every other plugin's closeBundle: vite-plugin-pwa writes sw.js and workbox-*.js there.
      order: 'post',
      sequential: true,
      async handler() {
        const files = fs
          .readdirSync(outDir, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
          .map((entry) => path.join(entry.parentPath, entry.name));
        await Promise.all(
          files.map(async (file) => {
            const source = await fs.promises.readFile(file);
            const [br, gz] = await Promise.all([
              brotli(source, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
                },
              }),
              gzip(source, { level: zlib.constants.Z_BEST_COMPRESSION }),
            ]);
            if (br.length < source.length) await fs.promises.writeFile(`${file}.br`, br);
            if (gz.length < source.length) await fs.promises.writeFile(`${file}.gz`, gz);
          }),
        );
      },
    },
  };
}

/**
 * The first screens' code in as few files as possible (issue 13). A browser opens at most 6
 * connections to a host over HTTP/1.1 and on Slow 4G each request waits 0.56 s, so a first screen
 * made of a dozen chunks of 1-2 KB (what automatic splitting gives: one per shared module) waits
 * for a second and third wave. So, as code-splitting groups:
 * - `app`: everything the entry imports statically (always loaded, first) is the entry chunk;
 * - for each first screen (src/web/app/first-screens.ts), the modules only its page reaches
 *   statically, in one chunk named after it, and those two or more first screens reach in one
 *   `first-screens` chunk (the form components: sign-in and the log form both use them).
 * Another page importing one of these modules loads that chunk; every other module is split as
 * before. The groups are filled from the module graph at the end of the build phase (buildEnd),
 * before Rolldown makes the chunks.
 */
function firstScreenChunks(): { plugin: Plugin; groups: Rolldown.CodeSplittingGroup[] } {
  const groupOf = new Map<string, string>();
  const plugin: Plugin = {
    name: 'comeback-first-screen-chunks',
    apply: 'build',
    buildEnd() {
      const closure = (start: string, stop: ReadonlySet<string> = new Set()) => {
        const seen = new Set<string>();
        const queue = [start];
        while (queue.length > 0) {
          const id = queue.pop()!;
          if (seen.has(id) || stop.has(id)) continue;
          seen.add(id);
          queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const initial = new Set<string>();
      for (const id of this.getModuleIds()) {
        if (this.getModuleInfo(id)?.isEntry) closure(id).forEach((m) => initial.add(m));
      }
      const reached = new Map<string, string[]>();
      for (const screen of FIRST_SCREENS) {
        const page = path.join(webDir, screen.module);
        if (!this.getModuleInfo(page)) this.error(`first-screens.ts: ${screen.module} is not in the build`);
        const name = path.basename(screen.module).replace(/\.[^.]+$/, '');
        for (const id of closure(page, initial)) reached.set(id, [...(reached.get(id) ?? []), name]);
      }
      groupOf.clear();
      for (const [id, names] of reached) groupOf.set(id, names.length > 1 ? 'first-screens' : names[0]!);
    },
  };
  const groups: Rolldown.CodeSplittingGroup[] = [
    { name: 'app', tags: ['$initial'], priority: 2 },
    { name: (id) => groupOf.get(id) ?? null, test: (id) => groupOf.has(id), priority: 1 },
  ];
  return { plugin, groups };
}

/**
 * Writes dist/web/first-screens.json (src/web/app/first-screens.ts): for each first screen, its
 * page chunk with every chunk it imports and their stylesheets (less what index.html loads
 * already), and its API reads. The server sends them as a Link header with that path's page, so a
 * cold start fetches the screen's code with the main script instead of after it has run.
 */
function firstScreenHints(): Plugin {
  return {
    name: 'comeback-first-screen-hints',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((item) => (item.type === 'chunk' ? [item] : []));
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const cssOf = (file: string) => [...(byFile.get(file)?.viteMetadata?.importedCss ?? [])];
      const inHtml = new Set<string>();
      for (const entry of chunks.filter((chunk) => chunk.isEntry)) {
        for (const file of [entry.fileName, ...entry.imports]) [file, ...cssOf(file)].forEach((f) => inHtml.add(f));
      }
      const hints: FirstScreenHints = {};
      for (const screen of FIRST_SCREENS) {
        const id = path.join(webDir, screen.module);
        const page = chunks.find((chunk) => chunk.facadeModuleId === id || chunk.moduleIds.includes(id));
        if (!page) this.error(`first-screens.ts: no chunk holds ${screen.module}`);
        const scripts = new Set<string>();
        const visit = (file: string) => {
          if (scripts.has(file) || inHtml.has(file)) return;
          scripts.add(file);
          byFile.get(file)?.imports.forEach(visit);
        };
        visit(page.fileName);
        const styles = [...new Set([...scripts].flatMap(cssOf))].filter((file) => !inHtml.has(file));
        hints[screen.path] = [
          ...styles.map((file): FirstScreenHint => ({ rel: 'preload', as: 'style', href: `/${file}` })),
          ...[...scripts].map((file): FirstScreenHint => ({ rel: 'modulepreload', href: `/${file}` })),
          ...screen.reads.map((href): FirstScreenHint => ({ rel: 'preload', as: 'fetch', href })),
        ];
      }
      this.emitFile({
        type: 'asset',
        fileName: FIRST_SCREEN_HINTS_FILE,
        source: `${JSON.stringify(hints, null, 2)}\n`,
      });
    },
  };
}

/**
 * The GET endpoints whose last answer a page may show offline (the page data). Exports, the .ics
 * and CSV downloads and the calendar-feed token are never cached.
 */
const CACHED_API_READS =
  /\/api\/(?:auth\/me|profile|journey|reference|plan|plan\/defaults|evidence(?:\/(?:overview|exams|bank|weak-areas|endurance|wellbeing))?|journal|journal\/review|postmortem|postmortem\/questionnaire)(?:\?.*)?$/;

/**
 * The installable app (issue 13): the web app manifest and a Workbox service worker (generateSW)
 * that precaches the shell (HTML, JS, CSS, icons) and answers the page-data reads network first,
 * falling back to their last answer when offline; that answer is marked `X-Comeback-Offline: 1`
 * so the page can say "Offline — last synced …". The page registers the worker itself
 * (src/web/offline/register-sw.ts): no inline script, so the CSP stays `script-src 'self'`.
 */
function pwa() {
  return VitePWA({
    injectRegister: false,
    registerType: 'autoUpdate',
    includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
    manifestFilename: 'manifest.webmanifest',
    manifest: {
      id: '/',
      name: 'Comeback — Step 2 CK after a Step 1 fail',
      short_name: 'Comeback',
      description: 'Your dated plan, logged blocks and an honest go / delay verdict for Step 2 CK.',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'portrait',
      theme_color: '#0f5c6e',
      background_color: '#ffffff',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
      shortcuts: [{ name: 'Log a block', short_name: 'Log', url: '/log' }],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      // The app's paths (/plan, /log, …) open the precached shell; the API and files never do.
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api\//, /\.[a-z0-9]+$/i],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      runtimeCaching: [
        {
          urlPattern: CACHED_API_READS,
          method: 'GET',
          handler: 'NetworkFirst',
          options: {
            cacheName: API_CACHE,
            networkTimeoutSeconds: 6,
            expiration: { maxEntries: 60, maxAgeSeconds: 14 * 86_400 },
            cacheableResponse: { statuses: [200] },
            plugins: [
              {
                // Serialized into sw.js by workbox-build: it must not use anything from this file.
                cachedResponseWillBeUsed: async ({ cachedResponse }: { cachedResponse?: Response }) => {
                  if (!cachedResponse) return cachedResponse;
                  const headers = new Headers(cachedResponse.headers);
                  headers.set('x-comeback-offline', '1');
                  const body = await cachedResponse.blob();
                  return new Response(body, { status: cachedResponse.status, headers });
                },
              },
            ],
          },
        },
      ],
    },
  });
}

/**
 * The single-page app lives in src/web and is built to dist/web, which the server serves (and
 * falls back to index.html for client-side routes). In dev, Vite proxies /api to the server.
 */
const firstScreens = firstScreenChunks();

export default defineConfig({
  root: fromRoot('./src/web'),
  publicDir: fromRoot('./src/web/public'),
  // precompress runs last (closeBundle), after the service worker and manifest are written.
  plugins: [pwa(), firstScreens.plugin, firstScreenHints(), precompress()],
  resolve: {
    // The browser runs Preact through its React-compatible layer (decision 016): the same
    // components and hooks, 4 KB of runtime instead of react-dom's 60, which a cold phone on Slow 4G
    // waits for. The types stay React's (tsconfig); only the bundle changes.
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
      // recharts asks react-is whether a child is a fragment; React 19's react-is does not know
      // Preact's elements (another $$typeof), preact/compat's isFragment does.
      { find: /^react-is$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    // No source maps in the build the server serves (2.2 MB, and the server refuses *.map anyway).
    sourcemap: false,
    rollupOptions: {
      output: { codeSplitting: { groups: firstScreens.groups } },
      treeshake: {
        // src/shared and src/domain are pure by design (DESIGN.md): building a zod schema at module
        // level has no side effect, so the web bundle keeps only what it imports (and no zod when
        // it only needs a constant such as PASSWORD_MIN_LENGTH).
        moduleSideEffects: (id: string) => !id.startsWith(sharedDir) && !id.startsWith(domainDir),
      },
      onwarn(warning, warn) {
        // react-router ships "use client" for React Server Components; meaningless in this SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
