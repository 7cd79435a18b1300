/**
 * Benchmark settings, read once from the command line and the environment.
 *
 *   npm run bench                      10 s per endpoint in 5 interleaved rounds, 10 connections
 *   npm run bench -- --quick           2 s per endpoint in 1 round (smoke run)
 *   BENCH_SECONDS=30 BENCH_CONNECTIONS=50 npm run bench
 *   BENCH_ROUNDS=3                     rounds the measuring time is cut into (default: 1 per 2 s, ≤ 5)
 *   BENCH_WARMUP_SECONDS=5             warm-up per endpoint (default: min(3, seconds))
 *   BENCH_PIPELINING=1                 requests in flight per connection
 *   BENCH_ONLY=http-profile            run only the suites whose names contain this text
 *   BENCH_STRICT=1                     exit 1 when a target is missed (not only on errors)
 *   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"   extra node flags for the server
 *   BENCH_SKIP_BUILD=1                 first-page: measure dist/web as it is instead of building it
 *   BENCH_DATABASE_URL=postgres://…    databases: the PostgreSQL server to create a scratch database on
 *                                      (default TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
 */
import os from 'node:os';

export type Settings = {
  /** Measuring time per endpoint, split over `rounds`. */
  seconds: number;
  rounds: number;
  warmupSeconds: number;
  connections: number;
  pipelining: number;
  only: string | null;
  strict: boolean;
  serverNodeArgs: string[];
  skipBuild: boolean;
  postgresUrl: string;
};

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number ≥ 0, got "${raw}"`);
  }
  return value;
}

export function readSettings(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Settings {
  const unknown = argv.filter((arg) => arg !== '--quick');
  if (unknown.length > 0) throw new Error(`Unknown argument(s): ${unknown.join(' ')} (only --quick is accepted)`);
  const quick = argv.includes('--quick');
  const seconds = positiveInt('BENCH_SECONDS', env.BENCH_SECONDS, quick ? 2 : 10);
  if (seconds < 1) throw new Error('BENCH_SECONDS must be at least 1');
  const connections = positiveInt('BENCH_CONNECTIONS', env.BENCH_CONNECTIONS, 10);
  if (connections < 1) throw new Error('BENCH_CONNECTIONS must be at least 1');
  const rounds = positiveInt('BENCH_ROUNDS', env.BENCH_ROUNDS, Math.max(1, Math.min(5, Math.floor(seconds / 2))));
  if (rounds < 1 || seconds / rounds < 1)
    throw new Error('BENCH_ROUNDS must be at least 1 and leave at least 1 s per round');
  const pipelining = positiveInt('BENCH_PIPELINING', env.BENCH_PIPELINING, 1);
  if (pipelining < 1) throw new Error('BENCH_PIPELINING must be at least 1');
  return {
    seconds,
    rounds,
    warmupSeconds: positiveInt('BENCH_WARMUP_SECONDS', env.BENCH_WARMUP_SECONDS, Math.min(3, seconds)),
    connections,
    pipelining,
    only: env.BENCH_ONLY?.trim() || null,
    strict: env.BENCH_STRICT === '1' || env.BENCH_STRICT === 'true',
    serverNodeArgs: (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
    skipBuild: env.BENCH_SKIP_BUILD === '1' || env.BENCH_SKIP_BUILD === 'true',
    postgresUrl: env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  };
}

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus.length} × ${model}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, node ${process.version}`;
}
