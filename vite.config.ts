import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { API_CACHE } from './src/web/offline/cache-names.ts';

const fromRoot = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
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
export default defineConfig({
  root: fromRoot('./src/web'),
  publicDir: fromRoot('./src/web/public'),
  // precompress runs last (closeBundle), after the service worker and manifest are written.
  plugins: [pwa(), precompress()],
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    // No source maps in the build the server serves (2.2 MB, and the server refuses *.map anyway).
    sourcemap: false,
    rollupOptions: {
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
