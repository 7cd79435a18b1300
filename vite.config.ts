import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

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
    async closeBundle() {
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
  };
}

/**
 * The single-page app lives in src/web and is built to dist/web, which the server serves (and
 * falls back to index.html for client-side routes). In dev, Vite proxies /api to the server.
 */
export default defineConfig({
  root: fromRoot('./src/web'),
  publicDir: fromRoot('./src/web/public'),
  plugins: [precompress()],
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
