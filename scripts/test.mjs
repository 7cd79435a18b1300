#!/usr/bin/env node
// `npm test`: every check a change must pass, in the order that fails fastest.
// typecheck, lint and format (side by side) → unit, API and database tests (vitest) → faults (real app processes under
// races, database outages and kill -9: tests/faults, docs/testing-faults.md) → build → browser journeys
// (Playwright). It ends with one line "tests: N passed, N failed" counting every test that ran, the
// faults suite's included (its own count is on the line "faults: …" just before).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-test-report-'));
const vitestJson = path.join(reportDir, 'vitest.json');
const faultsJson = path.join(reportDir, 'faults.json');
const playwrightJson = path.join(reportDir, 'playwright.json');
const only = process.argv[2]; // optional: "static", "unit", "faults" or "e2e"

const steps = [
  // The three static checks run side by side (one core each is plenty); their output is printed
  // in this order once all three are done.
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '--noEmit'], when: !only || only === 'static', together: 'static' },
  {
    name: 'lint',
    cmd: 'npx',
    args: ['eslint', '.', '--max-warnings=0'],
    when: !only || only === 'static',
    together: 'static',
  },
  {
    name: 'format',
    cmd: 'npx',
    args: ['prettier', '--check', '.', '--log-level=warn'],
    when: !only || only === 'static',
    together: 'static',
  },
  {
    name: 'unit, API and database tests',
    cmd: 'npx',
    args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
    when: !only || only === 'unit',
  },
  {
    name: 'faults: races, outages and kill -9 on real processes',
    cmd: 'npx',
    args: [
      'vitest',
      'run',
      '-c',
      'vitest.faults.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${faultsJson}`,
    ],
    when: !only || only === 'faults',
  },
  { name: 'chromium', cmd: 'node', args: ['scripts/ensure-chromium.mjs'], when: !only || only === 'e2e' },
  { name: 'build', cmd: 'npx', args: ['vite', 'build', '--logLevel', 'warn'], when: !only || only === 'e2e' },
  {
    name: 'browser journeys',
    cmd: 'npx',
    args: ['playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    when: !only || only === 'e2e',
  },
];

/** Runs a step with its output captured: resolves to { status, output, seconds }. */
function runCaptured(step) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, { env: { ...process.env, ...step.env } });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (status) =>
      resolve({ status, output: Buffer.concat(chunks).toString(), seconds: ((Date.now() - t0) / 1000).toFixed(1) }),
    );
  });
}

const failedSteps = [];
const started = Date.now();
const selected = steps.filter((s) => s.when);
for (const step of selected) {
  if (step.together) {
    const members = selected.filter((s) => s.together === step.together);
    if (members[0] !== step) continue; // run and printed with the first of its group
    const results = await Promise.all(members.map(runCaptured));
    members.forEach((member, i) => {
      const { status, output, seconds } = results[i];
      const how = `${seconds} s, beside the other ${step.together} checks`;
      process.stdout.write(`\n=== ${member.name}\n${output}`);
      if (status !== 0) failedSteps.push(member.name);
      process.stdout.write(`=== ${member.name}: ${status === 0 ? 'ok' : 'FAILED'} (${how})\n`);
    });
    continue;
  }
  const t0 = Date.now();
  process.stdout.write(`\n=== ${step.name}\n`);
  const result = spawnSync(step.cmd, step.args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    failedSteps.push(step.name);
    process.stdout.write(`=== ${step.name}: FAILED (${seconds} s)\n`);
    // Without a browser or a build, the browser journeys cannot run: stop here.
    if (step.name === 'chromium' || step.name === 'build') break;
  } else {
    process.stdout.write(`=== ${step.name}: ok (${seconds} s)\n`);
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const faults = readJson(faultsJson);
if (faults) {
  passed += faults.numPassedTests;
  failed += faults.numFailedTests;
  skipped += faults.numPendingTests + faults.numTodoTests;
}
const playwright = readJson(playwrightJson);
if (playwright?.stats) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
}
fs.rmSync(reportDir, { recursive: true, force: true });

const minutes = ((Date.now() - started) / 60000).toFixed(1);
process.stdout.write(
  `\n${failedSteps.length ? `Failed steps: ${failedSteps.join(', ')}` : 'All steps passed'} in ${minutes} min.\n`,
);
if (faults) {
  const faultsSkipped = faults.numPendingTests + faults.numTodoTests;
  process.stdout.write(
    `faults: ${faults.numPassedTests} passed, ${faults.numFailedTests} failed${faultsSkipped ? `, ${faultsSkipped} skipped` : ''}\n`,
  );
}
if (failedSteps.length > 0 && failed === 0) failed = 1; // a failed step with no failed test still fails the run
process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failedSteps.length > 0 ? 1 : 0);
