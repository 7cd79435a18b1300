/**
 * Runs the benchmark suites and prints one report. `npm run bench` (`-- --quick` for a smoke run);
 * settings are documented in ./lib/settings.ts. The server under test runs as a child process, so
 * the load generator (autocannon, in this process) and the server do not share an event loop.
 *
 * Exit code: 1 when a suite fails (set-up error, any non-2xx or connection error), and with
 * BENCH_STRICT=1 also when a check is BELOW its target.
 */
import { startCpuAccounting } from './lib/cpu.ts';
import { checkTable, heading, measurementTable, table } from './lib/report.ts';
import { startServer, type RunningServer, type StartOptions } from './lib/server.ts';
import { describeMachine, readSettings } from './lib/settings.ts';
import type { Suite, SuiteResult } from './lib/suite.ts';
import { advisorSuite } from './suites/advisor.ts';
import { databasesSuite } from './suites/databases.ts';
import { httpProfileSuite } from './suites/http-profile.ts';
import { journalSuite } from './suites/journal.ts';
import { evidenceSuite } from './suites/evidence.ts';
import { firstPageSuite } from './suites/first-page.ts';
import { planSuite } from './suites/plan.ts';

/** Add new suites here. */
const SUITES: readonly Suite[] = [
  httpProfileSuite,
  planSuite,
  evidenceSuite,
  databasesSuite,
  firstPageSuite,
  journalSuite,
  advisorSuite,
];

/** Above this share of the CPUs used by other processes, the report warns that figures are noisy. */
const NOISY_OTHERS_SHARE = 0.1;

const running = new Set<RunningServer>();

async function stopAll(): Promise<void> {
  const servers = [...running];
  running.clear();
  const results = await Promise.allSettled(servers.map((server) => server.stop()));
  for (const result of results) {
    if (result.status === 'rejected')
      process.stderr.write(`bench: could not stop a server: ${String(result.reason)}\n`);
  }
}

// `npm run bench | head` closes stdout early; stop quietly instead of dying mid-cleanup.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping servers…\n`);
    void stopAll().finally(() => process.exit(130));
  });
}

type Outcome = { suite: Suite; result?: SuiteResult; error?: unknown; othersShare: number | null };

async function runSuite(suite: Suite, settings: ReturnType<typeof readSettings>): Promise<Outcome> {
  const log = (message: string) => process.stderr.write(`[${suite.name}] ${message}\n`);
  const cpu = startCpuAccounting();
  try {
    const result = await suite.run({
      settings,
      log,
      async startServer(options?: StartOptions) {
        const server = await startServer(options);
        cpu.track(server.pid);
        const tracked: RunningServer = {
          ...server,
          stop: async () => {
            cpu.settle(server.pid);
            await server.stop();
          },
        };
        running.add(tracked);
        return tracked;
      },
    });
    await stopAll();
    return { suite, result, othersShare: cpu.othersShare() };
  } catch (error) {
    await stopAll();
    return { suite, error, othersShare: cpu.othersShare() };
  }
}

async function main(): Promise<number> {
  const settings = readSettings();
  const suites = SUITES.filter((suite) => settings.only === null || suite.name.includes(settings.only));
  if (suites.length === 0) {
    throw new Error(`BENCH_ONLY=${settings.only} matches no suite (${SUITES.map((s) => s.name).join(', ')})`);
  }

  console.log(heading('Comeback benchmark'));
  console.log(`machine:  ${describeMachine()}`);
  console.log(
    `settings: ${settings.seconds} s per endpoint in ${settings.rounds} interleaved round(s) after ${settings.warmupSeconds} s warm-up, ` +
      `${settings.connections} connections, pipelining ${settings.pipelining}; ` +
      `server in a separate process (LOG_LEVEL=warn, SQLite WAL, synchronous=FULL)` +
      (settings.serverNodeArgs.length > 0 ? `; server node args: ${settings.serverNodeArgs.join(' ')}` : ''),
  );

  const outcomes: Outcome[] = [];
  for (const suite of suites) outcomes.push(await runSuite(suite, settings));

  let exitCode = 0;
  for (const { suite, result, error, othersShare } of outcomes) {
    console.log(heading(`${suite.name}: ${suite.description}`));
    if (!result) {
      exitCode = 1;
      console.log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (result.measurements.length > 0) console.log(measurementTable(result.measurements));
    for (const extra of result.tables ?? []) console.log(`\n${extra}`);
    if (result.checks.length > 0) {
      console.log('');
      console.log(checkTable(result.checks));
      if (settings.strict && result.checks.some((c) => !c.passed)) exitCode = 1;
    }
    for (const note of result.notes ?? []) console.log(`note: ${note}`);
    if (othersShare !== null) {
      const noisy = othersShare > NOISY_OTHERS_SHARE;
      console.log(
        `other processes used ${(othersShare * 100).toFixed(0)}% of the CPUs during this suite` +
          (noisy ? ' — the machine was shared; expect low and noisy figures, rerun when idle.' : '.'),
      );
    }
  }

  console.log(heading('Summary'));
  console.log(
    table(
      ['suite', 'status'],
      outcomes.map(({ suite, result }) => [
        suite.name,
        !result ? 'FAILED' : result.checks.every((c) => c.passed) ? 'PASS' : 'BELOW TARGET',
      ]),
    ),
  );
  return exitCode;
}

try {
  process.exitCode = await main();
} catch (error) {
  await stopAll();
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
