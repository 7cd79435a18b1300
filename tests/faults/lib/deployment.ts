/**
 * A deployment under test: on PostgreSQL, two app instances on one fresh database (the school
 * set-up); on SQLite, one instance on a fresh data directory (the laptop set-up). Both run with
 * TRUST_PROXY=1, as behind one reverse proxy, so that every simulated student has an address of
 * their own (X-Forwarded-For, lib/client.ts).
 */
import { describe } from 'vitest';
import { createDataDir, startInstance, type Instance, type TestClock } from './instance.ts';
import { createFreshDatabase, IS_CI, isReachable, SHARED_POSTGRES_URL } from './postgres.ts';

export type Kind = 'postgres' | 'sqlite';

const postgresReachable = await isReachable(SHARED_POSTGRES_URL);
if (!postgresReachable && !IS_CI) {
  process.stderr.write(`note: PostgreSQL not reachable at ${SHARED_POSTGRES_URL}; its fault tests are skipped.\n`);
}
/** PostgreSQL runs whenever it answers, and always under CI (where its absence fails the run). */
export const KINDS: Kind[] = postgresReachable || IS_CI ? ['postgres', 'sqlite'] : ['sqlite'];

export type Deployment = {
  kind: Kind;
  instances: Instance[];
  /** The database the instances use: a URL on PostgreSQL, a data directory on SQLite. */
  database: { kind: 'postgres'; url: string } | { kind: 'sqlite'; dataDir: string };
  /** Starts another instance on the same database (after a kill -9, say), on `port` if given. */
  startAnother(name: string, port?: number): Promise<Instance>;
  close(): Promise<void>;
};

export async function startDeployment(
  kind: Kind,
  clock: TestClock,
  options: {
    instances?: number;
    env?: Record<string, string>;
    /** PostgreSQL: the server to create the fresh database on (default: the shared test server). */
    serverUrl?: string;
  } = {},
): Promise<Deployment & { databaseName: string | null }> {
  const count = options.instances ?? (kind === 'postgres' ? 2 : 1);
  let cleanup: () => Promise<void> | void;
  let database: Deployment['database'];
  let databaseName: string | null = null;
  if (kind === 'postgres') {
    const fresh = await createFreshDatabase(options.serverUrl);
    database = { kind: 'postgres', url: fresh.url };
    databaseName = fresh.name;
    cleanup = () => fresh.drop();
  } else {
    const data = createDataDir();
    database = { kind: 'sqlite', dataDir: data.dir };
    cleanup = () => data.remove();
  }
  const instances: Instance[] = [];
  const startAnother = async (name: string, port?: number) => {
    const instance = await startInstance({
      name,
      database,
      clock,
      ...(port === undefined ? {} : { port }),
      // Behind the school's proxy: clients are told apart by X-Forwarded-For (lib/client.ts).
      env: { TRUST_PROXY: '1', ...options.env },
    });
    instances.push(instance);
    return instance;
  };
  try {
    // One after the other: the first migrates, the others find the schema ready.
    for (let i = 0; i < count; i++) await startAnother(`${kind}-${String.fromCharCode(97 + i)}`);
  } catch (error) {
    await Promise.all(instances.map((i) => i.kill9()));
    await cleanup();
    throw error;
  }
  return {
    kind,
    instances,
    database,
    databaseName,
    startAnother,
    async close() {
      await Promise.all(instances.map((i) => i.stop()));
      await cleanup();
    },
  };
}

/** Runs a suite once per database kind. */
export function describeEachKind(name: string, suite: (kind: Kind) => void) {
  for (const kind of KINDS) describe(`${name} [${kind}]`, () => suite(kind));
}

/** A small deterministic PRNG (mulberry32), so a run's interleaving is reproducible from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
