import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const sharedDir = fromRoot('./src/shared/');
const domainDir = fromRoot('./src/domain/');

/**
 * The single-page app lives in src/web and is built to dist/web, which the server serves (and
 * falls back to index.html for client-side routes). In dev, Vite proxies /api to the server.
 */
export default defineConfig({
  root: fromRoot('./src/web'),
  publicDir: fromRoot('./src/web/public'),
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    sourcemap: true,
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
