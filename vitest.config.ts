import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    // tests/faults runs on its own: `npm run test:faults` (vitest.faults.config.ts).
    exclude: ['tests/e2e/**', 'tests/faults/**', 'node_modules/**', 'dist/**'],
    setupFiles: ['tests/setup/console-guard.ts'],
    // Database tests open real databases; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
