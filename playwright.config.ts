import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser journeys against the built app (`npm run build` first), served by the real server on a
 * fixed port with a fresh SQLite data dir per run. Chromium is Debian's (scripts/ensure-chromium.mjs):
 * Playwright's own browser download cannot work on the machines this project runs on.
 */
const PORT = 3210;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const isCI = Boolean(process.env.CI);

// The config is loaded by the runner and again by every worker; workers inherit the runner's env,
// so the data dir is created once per run. It is left in the OS temp dir for post-mortems.
process.env.COMEBACK_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-e2e-'));
const dataDir = process.env.COMEBACK_E2E_DATA_DIR;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  forbidOnly: isCI,
  workers: 2,
  retries: isCI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    // Dates are counted in the student's zone; a fixed zone keeps the journeys reproducible.
    timezoneId: 'America/Chicago',
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    acceptDownloads: true,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'node --import tsx src/server/main.ts',
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      COMEBACK_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
  },
});
