/**
 * The school deployment on one machine: a private PostgreSQL cluster (initdb + pg_ctl on a free
 * port, tests/faults/lib/postgres.ts: the shared server on 5432 is never touched) with a fresh
 * database `comeback_school_<pid>`, `npm run migrate` as a step of its own, two app instances with
 * MIGRATE_ON_START=false and TRUST_PROXY=1, and nginx in front of them with deploy/nginx's files
 * (generated top-level config in a temporary directory, plain HTTP on a free local port).
 *
 * Used by tests/faults/school.test.ts and bench/school.ts. As a command:
 *
 *   node scripts/school-stack.mjs     # starts it, prints the address; Ctrl+C tears it down
 *
 * nginx is installed with apt-get when missing (as root, like Chromium for the browser tests).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '#tests/faults/lib/instance.ts';
import { query, startPrivateCluster, type PrivateCluster } from '#tests/faults/lib/postgres.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NGINX_DIR = path.join(REPO_ROOT, 'deploy/nginx');
const OUTPUT_KEEP_CHARS = 32_000;
/** nginx's fail_timeout, as in deploy/nginx/comeback.conf: how long a failed instance is left alone. */
export const FAIL_TIMEOUT_SECONDS = 2;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function which(command: string): string | null {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found ? found : null;
}

/** The nginx binary; installed with apt-get when missing and running as root, else a clear error. */
export function ensureNginx(log: (line: string) => void = () => undefined): string {
  const found = which('nginx') ?? (fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : null);
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error('nginx is not installed. Install it with: sudo apt-get install -y nginx');
  }
  log('nginx is missing: installing it with apt-get (Debian package nginx)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], { stdio: 'inherit', env });
  // Debian's package starts the system nginx on port 80; the stack runs its own, so leave that alone.
  const installed = which('nginx') ?? '/usr/sbin/nginx';
  if (!fs.existsSync(installed)) throw new Error('apt-get installed nginx, but no nginx binary was found');
  return installed;
}

export type AppProcess = {
  name: string;
  port: number;
  origin: string;
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  output(): string;
  kill9(): Promise<void>;
  /** SIGTERM (the graceful drain), then waits for the exit; SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** `node --import tsx src/server/main.ts` with `env`; resolves once /healthz answers. */
export async function spawnApp(name: string, port: number, env: Record<string, string>): Promise<AppProcess> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DATABASE_URL', 'COMEBACK_TEST_CLOCK_FILE', 'MIGRATE_ON_START', 'TRUST_PROXY']) delete base[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...base, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
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

/** Polls `url` until it answers `status` (or `timeoutMs` passes); returns the last status seen. */
export async function waitForStatus(url: string, status: number, timeoutMs = 30_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let last = 0;
  while (performance.now() < deadline) {
    last = (await probe(url)).status;
    if (last === status) return last;
    await sleep(100);
  }
  return last;
}

/** The top-level nginx.conf of the stack: deploy/nginx's two files around the instances' ports. */
export function nginxConfig(options: {
  dir: string;
  port: number;
  upstreams: number[];
  isRoot: boolean;
  /** The upstream keepalive_timeout: 4 s as in production; it must stay below SHUTDOWN_GRACE_MS. */
  keepaliveSeconds?: number;
}): string {
  const temp = (name: string) => path.join(options.dir, name);
  return `# Generated by bench/school-stack.ts; the production file is deploy/nginx/comeback.conf.
${options.isRoot ? 'user nobody nogroup;\n' : ''}worker_processes 1;
daemon off;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path ${temp('body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};
    default_type application/octet-stream;

    include ${path.join(NGINX_DIR, 'comeback-http.conf')};

    # Test harness only: the load generator on 127.0.0.1 stands for many students, each with an
    # address of its own, which it sends as the last X-Forwarded-For entry. In production nginx is
    # the edge and sees the students' real addresses: these two lines are not there.
    set_real_ip_from 127.0.0.1;
    real_ip_header X-Forwarded-For;

    upstream comeback {
${options.upstreams.map((port) => `        server 127.0.0.1:${port} max_fails=1 fail_timeout=${FAIL_TIMEOUT_SECONDS}s;`).join('\n')}
        keepalive 32;
        keepalive_timeout ${options.keepaliveSeconds ?? 4}s;
    }

    server {
        listen 127.0.0.1:${options.port};
        server_name _;
        include ${path.join(NGINX_DIR, 'comeback-proxy.conf')};
    }
}
`;
}

export type SchoolStack = {
  /** nginx's address: http://127.0.0.1:<port> */
  origin: string;
  instances: AppProcess[];
  cluster: PrivateCluster;
  databaseName: string;
  /** postgres://…/comeback_school_<pid> on the private cluster */
  databaseUrl: string;
  /** `npm run migrate` against the stack's database; returns its output. */
  migrate(): string;
  /** Starts instance `index` again on its port (after a kill -9 or a stop); waits for /readyz 200. */
  restart(index: number): Promise<AppProcess>;
  /**
   * SIGTERM instance `index` (it drains), wait for its exit, start it again, wait for /readyz 200
   * and for nginx's fail_timeout to pass (the upgrade procedure of docs/deploy.md).
   */
  roll(index: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  nginxLog(): string;
  close(): Promise<void>;
};

export type StackOptions = {
  instances?: number;
  /** Extra environment for every instance (a test clock, throttle limits, a shorter grace). */
  env?: Record<string, string>;
  /** Run `npm run migrate` before returning (default true); false leaves the instances waiting. */
  migrate?: boolean;
  /** nginx's upstream keepalive_timeout (default 4 s); keep it below the instances' SHUTDOWN_GRACE_MS. */
  keepaliveSeconds?: number;
  log?: (line: string) => void;
};

export async function startSchoolStack(options: StackOptions = {}): Promise<SchoolStack> {
  const log = options.log ?? (() => undefined);
  const nginx = ensureNginx(log);
  const isRoot = process.getuid?.() === 0;
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`school-stack: tear-down step failed: ${String(error)}\n`);
      }
    }
  };
  try {
    const cluster = await startPrivateCluster();
    cleanups.push(() => cluster.destroy());
    const databaseName = `comeback_school_${process.pid}`;
    await query(cluster.serverUrl, `create database ${databaseName}`);
    const databaseUrl = cluster.serverUrl.replace(/\/postgres$/, `/${databaseName}`);
    log(`PostgreSQL: private cluster on port ${cluster.port}, database ${databaseName}`);

    const nginxPort = await freePort();
    const origin = `http://127.0.0.1:${nginxPort}`;
    const count = options.instances ?? 2;
    const ports: number[] = [];
    for (let i = 0; i < count; i++) ports.push(await freePort());
    const instanceEnv = (index: number): Record<string, string> => ({
      DATABASE_URL: databaseUrl,
      DATABASE_APPLICATION_NAME: `comeback-${String.fromCharCode(97 + index)}`,
      COMEBACK_DATA_DIR: path.join(os.tmpdir(), 'comeback-school-unused'),
      MIGRATE_ON_START: 'false',
      TRUST_PROXY: '1',
      PUBLIC_ORIGIN: origin,
      NODE_ENV: 'production',
      ...options.env,
    });
    const instances: AppProcess[] = [];
    cleanups.push(() => Promise.all(instances.map((i) => i.stop(15_000))).then(() => undefined));
    const start = (index: number) =>
      spawnApp(`instance-${String.fromCharCode(97 + index)}`, ports[index]!, instanceEnv(index));
    for (let i = 0; i < count; i++) instances.push(await start(i));
    log(`instances: ${instances.map((i) => `${i.name} on ${i.port}`).join(', ')} (waiting for migrations)`);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-school-nginx-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    if (isRoot) fs.chmodSync(dir, 0o755);
    for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      fs.mkdirSync(path.join(dir, sub));
      // nginx's workers run as nobody when it is started as root: they write proxy temp files here.
      if (isRoot) fs.chmodSync(path.join(dir, sub), 0o777);
    }
    const configFile = path.join(dir, 'nginx.conf');
    fs.writeFileSync(
      configFile,
      nginxConfig({ dir, port: nginxPort, upstreams: ports, isRoot, keepaliveSeconds: options.keepaliveSeconds }),
    );
    const errorLog = path.join(dir, 'error.log');
    const nginxArgs = ['-c', configFile, '-p', dir, '-e', errorLog];
    const checked = spawnSync(nginx, [...nginxArgs, '-t'], { encoding: 'utf8' });
    if (checked.status !== 0) throw new Error(`nginx -t refused the generated config:\n${checked.stderr}`);
    const proxy = spawn(nginx, nginxArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(proxy);
    let proxyOutput = '';
    proxy.stderr!.on('data', (chunk: Buffer) => {
      proxyOutput = (proxyOutput + chunk.toString('utf8')).slice(-OUTPUT_KEEP_CHARS);
    });
    const proxyExited = new Promise<void>((resolve) => proxy.once('exit', () => resolve()));
    cleanups.push(async () => {
      running.delete(proxy);
      if (proxy.exitCode === null && proxy.signalCode === null) proxy.kill('SIGTERM');
      await proxyExited;
    });
    if ((await waitForStatus(`${origin}/healthz`, 200, 15_000)) !== 200) {
      throw new Error(`nginx did not answer at ${origin}:\n${proxyOutput}\n${safeRead(errorLog)}`);
    }
    log(`nginx: ${origin} (config ${configFile})`);

    const migrate = () => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/db/migrate-cli.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...instanceEnv(0), LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (result.status !== 0) throw new Error(`npm run migrate failed:\n${result.stdout}\n${result.stderr}`);
      return result.stdout.trim();
    };
    const waitReady = async (instance: AppProcess) => {
      const status = await waitForStatus(`${instance.origin}/readyz`, 200, 60_000);
      if (status !== 200) throw new Error(`${instance.name} is not ready (/readyz ${status}):\n${instance.output()}`);
    };
    if (options.migrate ?? true) {
      log(`migrate: ${migrate()}`);
      for (const instance of instances) await waitReady(instance);
    }

    return {
      origin,
      instances,
      cluster,
      databaseName,
      databaseUrl,
      migrate,
      async restart(index) {
        if (instances[index]!.isRunning()) throw new Error(`${instances[index]!.name} is still running`);
        const started = await start(index);
        instances[index] = started;
        await waitReady(started);
        return started;
      },
      async roll(index) {
        const exit = await instances[index]!.stop();
        const started = await start(index);
        instances[index] = started;
        await waitReady(started);
        // nginx marked it failed while it was down: until fail_timeout passes, it sends it nothing,
        // and stopping the next instance now would leave it no live upstream.
        await sleep(FAIL_TIMEOUT_SECONDS * 1000 + 500);
        return exit;
      },
      nginxLog: () => `${proxyOutput}${safeRead(errorLog)}`,
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const stack = await startSchoolStack({ log: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(`\nThe school stack is up at ${stack.origin}. Ctrl+C stops it and removes everything.\n`);
  const stop = async () => {
    process.stdout.write('tearing down…\n');
    await stack.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
