#!/usr/bin/env node
/**
 * The browser tests use Debian's Chromium (Playwright's own browser download cannot work on the
 * machines this project runs on). Exits 0 when /usr/bin/chromium is present; installs it when
 * running as root; otherwise says exactly how to install it and exits 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `Chromium is missing (${CHROMIUM}); the browser tests need it.\n` +
      'Install it with:\n\n  sudo apt-get install chromium\n\n' +
      '(run `sudo apt-get update` first if apt cannot find it), then run the tests again.',
  );
  process.exit(1);
}

console.log(`Chromium is missing (${CHROMIUM}); installing it with apt-get…`);
for (const args of [['update'], ['install', '-y', 'chromium']]) {
  const result = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error || result.status !== 0) {
    console.error(
      `\`apt-get ${args.join(' ')}\` failed${result.error ? `: ${result.error.message}` : ` (exit ${result.status})`}.`,
    );
    process.exit(1);
  }
}

if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing. Install it by hand: apt-get install chromium`);
  process.exit(1);
}
console.log(`Chromium installed at ${CHROMIUM}.`);
