/**
 * Starts the Comeback server as a separate child process on a fresh temporary data directory, and
 * stops it again (SIGTERM, wait for exit, SIGKILL as a last resort) and removes the directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type StartOptions = {
  /** Extra environment for the server (on top of the bench defaults). */
  env?: Record<string, string>;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeArgs?: string[];
  /** How long to wait for /healthz before giving up. */
  readyTimeoutMs?: number;
  /** Listen on this port instead of a free one the system picks (two benches side by side). */
  port?: number;
};

export type RunningServer = {
  baseUrl: string;
  port: number;
  pid: number;
  dataDir: string;
  /** The last lines the server wrote (stdout and stderr), for error messages. */
  recentOutput(): string;
  /** SIGTERM, wait for exit, then remove the data directory. Safe to call more than once. */
  stop(): Promise<void>;
};

const OUTPUT_KEEP_CHARS = 16_000;

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('could not find a free port'));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const host = '127.0.0.1';
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'comeback-bench-'));
  let child: ChildProcess | undefined;
  let output = '';
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEEP_CHARS);
  };

  // Last resort when the bench process dies without running stop() (uncaught error, EPIPE, exit()):
  // no orphaned server and no leftover data directory. Only synchronous work is possible here.
  const onExit = () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fsSync.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      try {
        if (child && child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          if (!(await waitForExit(child, 10_000))) {
            process.stderr.write(`bench: server pid ${child.pid} ignored SIGTERM for 10 s; sending SIGKILL\n`);
            child.kill('SIGKILL');
            await waitForExit(child, 5_000);
          }
        }
      } finally {
        await fs.rm(dataDir, { recursive: true, force: true });
        process.off('exit', onExit);
      }
    })();
    return stopped;
  };

  try {
    const port = options.port ?? (await freePort(host));
    child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/server/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: host,
        COMEBACK_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // No proxy to tell: stop at once on SIGTERM instead of the 5 s grace (docs/deploy.md).
        SHUTDOWN_GRACE_MS: '0',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', remember);
    child.stderr?.on('data', remember);
    const pid = child.pid;
    if (pid === undefined) throw new Error('could not spawn the server process');

    const baseUrl = `http://${host}:${port}`;
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the server exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`);
      }
      try {
        const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) });
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the server did not answer ${baseUrl}/healthz in time`);
      await sleep(100);
    }

    return { baseUrl, port, pid, dataDir, recentOutput: () => output, stop };
  } catch (error) {
    await stop();
    const detail = output.trim() ? `\n--- server output ---\n${output.trim()}\n---------------------` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${detail}`, { cause: error });
  }
}
