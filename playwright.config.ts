import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser journeys against the built app (`npm run build` first), served by the real server on a
 * fixed port with a fresh SQLite data dir per run. Chromium is Debian's (scripts/ensure-chromium.mjs):
 * Playwright's own browser download cannot work on the machines this project runs on.
 */
/** E2E_PORT / E2E_CLOCK_PORT let two checkouts run their journeys on one machine at once. */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** A second server whose clock the journeys that need time to pass can move (COMEBACK_TEST_CLOCK_FILE). */
const CLOCK_PORT = Number(process.env.E2E_CLOCK_PORT ?? PORT + 1);
const CLOCK_BASE_URL = `http://127.0.0.1:${CLOCK_PORT}`;
const isCI = Boolean(process.env.CI);
/**
 * Every account the journeys make comes from 127.0.0.1, and on the clock server the pinned and
 * moved clocks put them all inside one throttle window (a row stored "in February" still counts
 * when the clock is set back to January). The sign-up throttle has its own tests; here it must not
 * refuse a journey because of how many other specs ran first.
 */
const E2E_SIGN_UPS_PER_HOUR = '10000';

// The config is loaded by the runner and again by every worker; workers inherit the runner's env,
// so the data dir is created once per run. It is left in the OS temp dir for post-mortems.
process.env.COMEBACK_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-e2e-'));
const dataDir = process.env.COMEBACK_E2E_DATA_DIR;
// The clock server has its own data and a file holding "now" (empty: the real clock). Tests read
// the path from COMEBACK_E2E_CLOCK_FILE (tests/e2e/support/clock.ts) and write instants into it.
const clockDataDir = path.join(dataDir, 'clock-server');
if (!process.env.COMEBACK_E2E_CLOCK_FILE) {
  fs.mkdirSync(clockDataDir, { recursive: true });
  process.env.COMEBACK_E2E_CLOCK_FILE = path.join(clockDataDir, 'now.txt');
  fs.writeFileSync(process.env.COMEBACK_E2E_CLOCK_FILE, '');
}
const clockFile = process.env.COMEBACK_E2E_CLOCK_FILE;

/**
 * Specs that move the server's clock or pin it (tests/e2e/support/clock.ts); they run only against
 * the clock server. A spec whose story depends on "today" (what today's plan holds, "a date after
 * today") pins it, so no spec depends on the machine's clock or zone (docs/testing-clock.md).
 */
const CLOCK_JOURNEYS = '**/*.clock.spec.ts';
const chromium = {
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
};

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
    { name: 'chromium', testIgnore: CLOCK_JOURNEYS, use: chromium },
    { name: 'chromium-clock', testMatch: CLOCK_JOURNEYS, use: { ...chromium, baseURL: CLOCK_BASE_URL } },
  ],
  webServer: [
    {
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
        SIGN_UPS_PER_ADDRESS_PER_HOUR: E2E_SIGN_UPS_PER_HOUR,
      },
    },
    {
      command: 'node --import tsx src/server/main.ts',
      url: `${CLOCK_BASE_URL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(CLOCK_PORT),
        HOST: '127.0.0.1',
        COMEBACK_DATA_DIR: clockDataDir,
        COMEBACK_TEST_CLOCK_FILE: clockFile,
        SIGN_UPS_PER_ADDRESS_PER_HOUR: E2E_SIGN_UPS_PER_HOUR,
        // The server warns that the clock is a test clock; the other warnings still show.
        LOG_LEVEL: 'error',
      },
    },
  ],
});
