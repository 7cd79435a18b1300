import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the out-of-process concurrency-and-faults suite (tests/faults, see
 * docs/testing-faults.md). Real app processes on real databases, so one file at a time: the files
 * load the machine on their own, and their figures mean nothing when they run together.
 */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    setupFiles: ['tests/setup/console-guard.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
