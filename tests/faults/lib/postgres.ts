/**
 * PostgreSQL for the faults suite.
 *
 * - `createFreshDatabase()`: a new database on the shared test server (TEST_DATABASE_URL, default
 *   postgres://postgres@127.0.0.1:5432/test), dropped at the end. The instances of a test share it.
 * - `startPrivateCluster()`: a PostgreSQL server of our own (initdb into a temporary directory,
 *   pg_ctl start on a free port), for the tests that terminate connections and restart the server:
 *   the shared server is never touched. As root, initdb and pg_ctl run as the `postgres` user
 *   (runuser), since PostgreSQL refuses to run as root. The binaries come from `pg_config --bindir`,
 *   else the newest /usr/lib/postgresql/<version>/bin, else PATH.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './instance.ts';

import { IS_CI, isReachable, POSTGRES_URL as SHARED_POSTGRES_URL } from '#tests/setup/databases.ts';

export { IS_CI, isReachable, SHARED_POSTGRES_URL };

export async function query(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export type FreshDatabase = { url: string; name: string; drop(): Promise<void> };

/** A new, empty database on the server at `serverUrl`; the app's migrations fill it. */
export async function createFreshDatabase(serverUrl = SHARED_POSTGRES_URL): Promise<FreshDatabase> {
  const name = `comeback_faults_${randomBytes(5).toString('hex')}`;
  await query(serverUrl, `create database ${name}`);
  return {
    url: withDatabase(serverUrl, name),
    name,
    async drop() {
      await query(serverUrl, `drop database if exists ${name} with (force)`).catch((error: unknown) => {
        process.stderr.write(`faults: could not drop database ${name}: ${String(error)}\n`);
      });
    },
  };
}

/** Ends every connection to `database` (except our own), as an operator or a failover would. */
export async function terminateConnections(serverUrl: string, database: string): Promise<number> {
  const result = await query(
    serverUrl,
    'select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [database],
  );
  return result.rowCount ?? 0;
}

function postgresBinDir(): string | null {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  } catch {
    // no pg_config (Debian ships it in libpq-dev)
  }
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  return null;
}

export type PrivateCluster = {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  serverUrl: string;
  port: number;
  start(): void;
  /** pg_ctl stop -m fast: connections are ended, the server is down until start(). */
  stop(): void;
  log(): string;
  destroy(): void;
};

export function privateClusterUnavailableReason(): string | null {
  const bin = postgresBinDir();
  if (!bin) return 'no PostgreSQL server binaries (initdb, pg_ctl) found';
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root and there is no `postgres` user to run initdb as';
    }
  }
  return null;
}

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl) found');
  const isRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-faults-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [command, commandArgs] = isRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
      : [path.join(bin, tool), args];
    execFileSync(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir, timeout: 60_000 });
  };
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`;
  const cluster: PrivateCluster = {
    serverUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => run('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']),
    stop: () => run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']),
    log: () => {
      try {
        return fs.readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
    destroy: () => {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    cluster.start();
  } catch (error) {
    const detail = cluster.log();
    cluster.destroy();
    throw new Error(`could not start a private PostgreSQL: ${String(error)}\n${detail}`, { cause: error });
  }
  return cluster;
}
