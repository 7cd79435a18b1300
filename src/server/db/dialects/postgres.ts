import { PostgresDialect } from 'kysely';
import pg from 'pg';

export type PostgresOptions = {
  /** Becomes the search_path, so that tests (and several deployments on one server) keep their tables apart. */
  schema?: string | undefined;
  /** Shown in pg_stat_activity; lets an operator (or a test) find this app's connections. */
  applicationName?: string | undefined;
  /** Told about connections the server ended while the pool held them (a restart, a failover). */
  onConnectionError: (error: Error) => void;
};

/**
 * Waits for a connection from a full pool, or for a new connection to the server, at most this
 * long; then the request answers 503 instead of hanging while the database is away.
 */
const CONNECTION_TIMEOUT_MS = 5_000;
/** Idle connections are closed after this, so a pool refills with fresh ones after a failover. */
const IDLE_TIMEOUT_MS = 30_000;

/** The school-wide database, on a pool that survives the server going away and coming back. */
export function createPostgresDialect(
  url: string,
  options: PostgresOptions,
): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    // Without a keep-alive a connection to a server that vanished (failover, network cut) looks alive.
    keepAlive: true,
    application_name: options.applicationName ?? 'comeback',
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // node-postgres emits 'error' for a connection the server ends (pg_terminate_backend, a restart):
  // on an idle connection through the pool, on a checked-out one through the client. Without a
  // listener Node throws and the process exits. The broken connection is dropped by the pool (it
  // is no longer queryable) and the next request opens a new one.
  pool.on('error', (error) => options.onConnectionError(error));
  pool.on('connect', (client) => {
    client.on('error', (error) => options.onConnectionError(error));
  });
  return { dialect: new PostgresDialect({ pool }), pool };
}
