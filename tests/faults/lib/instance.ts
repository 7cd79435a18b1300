/**
 * Real app instances for the faults suite: `node --import tsx src/server/main.ts` as child
 * processes, each on its own port, with a pinned clock (COMEBACK_TEST_CLOCK_FILE) and either a
 * SQLite data directory or a PostgreSQL DATABASE_URL. Several instances may share one database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const OUTPUT_KEEP_CHARS = 32_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A file holding "now" for every instance that reads it; tests move time by writing to it. */
export type TestClock = { file: string; set(instant: string): void; remove(): void };

export function createClock(instant: string): TestClock {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-faults-clock-'));
  const file = path.join(dir, 'now.txt');
  const set = (value: string) => {
    if (Number.isNaN(new Date(value).getTime())) throw new Error(`not an instant: ${value}`);
    // Written to a temporary file and renamed, so a reader never sees a half-written instant.
    fs.writeFileSync(`${file}.tmp`, value);
    fs.renameSync(`${file}.tmp`, file);
  };
  set(instant);
  return { file, set, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') return reject(new Error('no free port'));
      probe.close(() => resolve(address.port));
    });
  });
}

export type Database = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string };

export type InstanceOptions = {
  name: string;
  database: Database;
  clock: TestClock;
  /** Keep the same port across a restart (a browser's cookies and Origin stay valid). */
  port?: number;
  env?: Record<string, string>;
};

export type Instance = {
  name: string;
  origin: string;
  port: number;
  pid: number;
  /** Resolves once the process has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  output(): string;
  /** kill -9: no draining, no clean close of the database. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
};

const running = new Set<ChildProcess>();
// No orphaned servers, whatever happens to the test process.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A server child process (`node --import tsx src/server/main.ts`), as the faults suite and bench:school run it. */
export type AppProcess = {
  name: string;
  port: number;
  origin: string;
  pid: number;
  /** Resolves once the process has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  output(): string;
  /** kill -9: no draining, no clean close of the database. */
  kill9(): Promise<void>;
  /** SIGTERM (the graceful drain), then waits for the exit; SIGKILL after `timeoutMs` (40 s). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * One GET on a connection of its own, closed after the answer (`agent: false`): a probe must not
 * leave an idle keep-alive connection behind, which a draining instance would wait for (fetch keeps
 * one for the server's keep-alive hint, 72 s). Status 0 when it cannot connect.
 */
export function probe(url: string, timeoutMs = 2_000): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: response.statusCode ?? 0, body });
      });
      response.on('error', () => resolve({ status: 0, body: null }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve({ status: 0, body: null }));
  });
}

/**
 * Starts the server with exactly `env` (the caller builds it from process.env) on 127.0.0.1:`port`;
 * resolves once /healthz answers 200, throws with the server's output when it exits first or does
 * not answer in 60 s.
 */
export async function spawnServer(name: string, port: number, env: NodeJS.ProcessEnv): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEEP_CHARS);
  };
  child.stdout!.on('data', remember);
  child.stderr!.on('data', remember);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const app: AppProcess = {
    name,
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    exited,
    isRunning,
    output: () => output,
    async kill9() {
      if (isRunning()) child.kill('SIGKILL');
      await exited;
    },
    async stop(timeoutMs = 40_000) {
      if (isRunning()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!isRunning()) throw new Error(`${name} exited during start-up:\n${output}`);
    if ((await probe(`${app.origin}/healthz`)).status === 200) break;
    if (Date.now() > deadline) {
      await app.kill9();
      throw new Error(`${name} did not answer /healthz in 60 s:\n${output}`);
    }
    await sleep(100);
  }
  return app;
}

export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const port = options.port ?? (await freePort());
  const databaseEnv: Record<string, string> =
    options.database.kind === 'sqlite'
      ? { COMEBACK_DATA_DIR: options.database.dataDir }
      : { DATABASE_URL: options.database.url, COMEBACK_DATA_DIR: path.join(os.tmpdir(), 'comeback-faults-unused') };
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  const app = await spawnServer(options.name, port, {
    ...env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    COMEBACK_TEST_CLOCK_FILE: options.clock.file,
    // Every sign-up of the suite comes from 127.0.0.1 under a pinned clock (50 students a race).
    SIGN_UPS_PER_ADDRESS_PER_HOUR: '100000',
    // No proxy in front: stop() drains at once instead of after the 5 s grace (docs/deploy.md).
    SHUTDOWN_GRACE_MS: '0',
    ...databaseEnv,
    ...options.env,
  });
  return {
    ...app,
    async stop() {
      if (app.isRunning()) await app.stop(10_000);
    },
  };
}

export function createDataDir(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-faults-data-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
