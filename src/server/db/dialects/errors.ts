/** True when a database error is a unique-constraint violation, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  // better-sqlite3: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; PostgreSQL: SQLSTATE 23505.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** The error and the errors it wraps (`cause`, an AggregateError's `errors`), outermost first. */
function* errorChain(error: unknown, depth = 0): Generator<object> {
  if (typeof error !== 'object' || error === null || depth > 8) return;
  yield error;
  if ('cause' in error) yield* errorChain((error as { cause: unknown }).cause, depth + 1);
  if ('errors' in error && Array.isArray((error as { errors: unknown }).errors)) {
    for (const inner of (error as { errors: unknown[] }).errors) yield* errorChain(inner, depth + 1);
  }
}

/** Socket-level codes of Node's net module: the database server cannot be reached or went away. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs that mean "the server is not there right now", not "the request is wrong":
 * class 08 (connection exception), 57P01 admin_shutdown (pg_terminate_backend, a restart),
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or in recovery), 53300
 * too_many_connections.
 */
const POSTGRES_UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Messages of node-postgres and pg-pool for a connection lost or never made (they carry no code). */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i, // the server closed the socket (restart, pg_terminate_backend)
  /^timeout exceeded when trying to connect/i, // pg-pool: no connection within connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable/i,
  /^Client was closed and is not queryable/i,
  /^Connection closed/i,
];

/**
 * True when a database call failed because the database could not be reached or dropped the
 * connection: the request did nothing, and the same request can succeed once the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const link of errorChain(error)) {
    const code = 'code' in link ? (link as { code: unknown }).code : undefined;
    if (typeof code === 'string') {
      if (SOCKET_CODES.has(code) || POSTGRES_UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    const message = 'message' in link ? (link as { message: unknown }).message : undefined;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

/**
 * True when SQLite gave up waiting for another writer (busy_timeout elapsed) or a read snapshot
 * went stale under a concurrent writer: nothing was written, and a retry a moment later succeeds.
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (const link of errorChain(error)) {
    const code = 'code' in link ? (link as { code: unknown }).code : undefined;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return true;
    if (typeof code === 'string' && POSTGRES_CONTENTION_STATES.has(code)) return true;
    if (link instanceof StudentWritesQueuedError) return true;
  }
  return false;
}

/** One student has more writes waiting on this instance than it will queue (context.ts). */
export class StudentWritesQueuedError extends Error {
  constructor() {
    super('too many writes of one student waiting on this instance');
  }
}

/**
 * PostgreSQL SQLSTATEs of contention, not of a wrong request: 40P01 deadlock detected, 40001
 * serialization failure, 55P03 lock not available (lock_timeout, see write-transaction.ts). The
 * transaction was rolled back whole; the same request succeeds a moment later.
 */
const POSTGRES_CONTENTION_STATES = new Set(['40P01', '40001', '55P03']);

/** The student's account row is gone (deleted while this request ran): see lockStudent. */
export class AccountGoneError extends Error {
  constructor() {
    super('the account was deleted while the request ran');
  }
}

/**
 * True when a write failed because the account it belongs to no longer exists: a foreign-key
 * violation (every foreign key in the schema points at users.id) or AccountGoneError.
 */
export function isAccountGone(error: unknown): boolean {
  for (const link of errorChain(error)) {
    if (link instanceof AccountGoneError) return true;
    const code = 'code' in link ? (link as { code: unknown }).code : undefined;
    if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return true;
  }
  return false;
}
