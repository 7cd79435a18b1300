/**
 * The only module that reads `process.env`. It parses the environment with zod, fails fast with a
 * message naming each bad key, and exports a frozen object. With no configuration at all the app
 * runs on SQLite in ./data on 127.0.0.1:3000.
 */
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Defaults against trickling clients (about 20,000 slow connections once exhausted the file limit):
 * headers within 10 s (Node's own default is 60 s), a request (at most 64 KiB of JSON) within 30 s,
 * a silent connection closed after 60 s; keep-alive at 72 s, Fastify's default, above the 60 s
 * idle timeout of common load balancers so the proxy, not the app, closes a reused connection.
 */
export const DEFAULT_HTTP: Readonly<HttpLimits> = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 72_000,
  maxConnections: 10_000,
});

/** proxy-addr's names for address ranges, accepted in a TRUST_PROXY list as Fastify accepts them. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address (10.0.0.5, ::1), a CIDR range (10.0.0.0/24) or one of proxy-addr's range names. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which X-Forwarded-For hops to believe. Off (the default): the client is the socket's peer. A
 * number: that many proxies stand in front of the app (1 for one nginx), so the client is the entry
 * that many hops from the right, whatever a client wrote to the left of it. A list: the addresses
 * (or ranges) of the proxies; the client is the rightmost entry that is not one of them. `true`,
 * which trusted every hop, is refused: any client could then choose the address it is throttled by.
 */
const trustProxySetting = z
  .string()
  .optional()
  .transform((value, context): false | number | string[] => {
    const text = (value ?? '').trim();
    if (text === '' || text === 'false' || text === '0') return false;
    if (/^\d+$/.test(text)) {
      const hops = Number(text);
      if (hops <= 10) return hops;
      context.addIssue({ code: 'custom', message: 'must be at most 10 proxies in a row' });
      return z.NEVER;
    }
    if (text === 'true') {
      context.addIssue({
        code: 'custom',
        message:
          'must be the number of proxies in front of the app (1 for one nginx) or their addresses ' +
          '(10.0.0.5,10.0.0.6); "true" believed every X-Forwarded-For entry, so a client could pick its own address',
      });
      return z.NEVER;
    }
    const entries = text.split(',').map((entry) => entry.trim());
    const bad = entries.filter((entry) => !isProxyAddress(entry));
    if (bad.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `must be a number of proxies or a comma-separated list of proxy addresses or ranges; not an address: ${bad
          .map((entry) => JSON.stringify(entry))
          .join(', ')}`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** SIGTERM: 5 s of grace (two polls of a 2 s health check), then up to 25 s for in-flight requests. */
export const DEFAULT_SHUTDOWN: Readonly<ShutdownTimes> = Object.freeze({ graceMs: 5_000, timeoutMs: 25_000 });

function milliseconds(min: number, max: number) {
  return z.coerce.number().int().min(min).max(max);
}

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    COMEBACK_DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://')
      .optional(),
    /** Shown in pg_stat_activity for the app's connections, so an operator can tell them apart. */
    DATABASE_APPLICATION_NAME: z
      .string()
      .regex(/^[\x20-\x7e]{1,63}$/, 'must be 1 to 63 printable ASCII characters')
      .default('comeback'),
    /** The public origin (https://comeback.example.edu) when behind a proxy; decides Secure cookies. */
    PUBLIC_ORIGIN: z.url().optional(),
    TRUST_PROXY: trustProxySetting,
    /**
     * true (the default): each instance migrates the database at start, under the advisory lock.
     * false: `npm run migrate` is a step of its own, and the instance waits (listening, /readyz 503)
     * until the schema has every migration it knows.
     */
    MIGRATE_ON_START: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((value) => value !== 'false' && value !== '0'),
    /**
     * On SIGTERM: /readyz answers 503 at once and every response says Connection: close, but new
     * connections are still accepted for this long, so a proxy or load balancer that polls /readyz
     * stops sending first; then the listener closes and in-flight requests finish.
     */
    SHUTDOWN_GRACE_MS: milliseconds(0, 120_000).default(DEFAULT_SHUTDOWN.graceMs),
    /** In-flight requests get this long to finish after the grace; then the process exits anyway. */
    SHUTDOWN_TIMEOUT_MS: milliseconds(1_000, 600_000).default(DEFAULT_SHUTDOWN.timeoutMs),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_IDLE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 7),
    SESSION_ABSOLUTE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** A client must send its request headers within this, or the connection is closed (slow clients). */
    HTTP_HEADERS_TIMEOUT_MS: milliseconds(1_000, 120_000).default(DEFAULT_HTTP.headersTimeoutMs),
    /** The whole request (headers and body) must arrive within this. */
    HTTP_REQUEST_TIMEOUT_MS: milliseconds(1_000, 600_000).default(DEFAULT_HTTP.requestTimeoutMs),
    /** A connection with no traffic at all for this long is closed. */
    HTTP_IDLE_TIMEOUT_MS: milliseconds(1_000, 600_000).default(DEFAULT_HTTP.idleTimeoutMs),
    /** An idle keep-alive connection is closed after this; keep it above the proxy's own idle timeout. */
    HTTP_KEEP_ALIVE_TIMEOUT_MS: milliseconds(1_000, 600_000).default(DEFAULT_HTTP.keepAliveTimeoutMs),
    /** Connections beyond this are closed at once, so file descriptors stay free for the database. */
    HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_HTTP.maxConnections),
    /**
     * New accounts allowed per client address an hour (each costs a password hash). Raise it when a
     * whole class signs up from behind one address; behind a proxy set TRUST_PROXY, or every
     * student shares the proxy's address.
     */
    SIGN_UPS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
    NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
    /**
     * Browser tests only: a file holding an ISO instant that the server takes as "now" (empty: the
     * real clock). Lets a journey live through missed days. Refused in production.
     */
    COMEBACK_TEST_CLOCK_FILE: z.string().min(1).optional(),
  })
  .refine((e) => !(e.COMEBACK_TEST_CLOCK_FILE && e.NODE_ENV === 'production'), {
    message: 'must not be set in production',
    path: ['COMEBACK_TEST_CLOCK_FILE'],
  })
  .refine((e) => e.HTTP_HEADERS_TIMEOUT_MS <= e.HTTP_REQUEST_TIMEOUT_MS, {
    message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS',
    path: ['HTTP_HEADERS_TIMEOUT_MS'],
  });

/** Server timeouts and limits against slow or idle clients; see `HttpLimits`. */
export type HttpLimits = {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
};

/** What SIGTERM does; see `SHUTDOWN_GRACE_MS` and `SHUTDOWN_TIMEOUT_MS`. */
export type ShutdownTimes = { graceMs: number; timeoutMs: number };

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  database:
    | { kind: 'sqlite'; file: string }
    | { kind: 'postgres'; url: string; schema?: string; applicationName?: string | undefined };
  publicOrigin: string | null;
  cookieSecure: boolean;
  /** Fastify's trustProxy: off, a number of proxy hops, or the proxies' addresses. */
  trustProxy: false | number | string[];
  /** Migrate at start (true when left out), or wait for `npm run migrate`. */
  migrateOnStart?: boolean;
  /** SIGTERM's grace and drain times; `DEFAULT_SHUTDOWN` when left out. */
  shutdown?: Readonly<ShutdownTimes>;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  session: { idleMs: number; absoluteMs: number };
  webRoot: string;
  testClockFile: string | null;
  /** Server timeouts and the connection limit; `DEFAULT_HTTP` when left out (tests). */
  http?: Readonly<HttpLimits>;
  /** Sign-ups per client address an hour; sign-up.ts's default (20) when left out (tests). */
  signUpsPerAddressPerHour?: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Comeback cannot start: bad environment settings:\n${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.COMEBACK_DATA_DIR);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL, applicationName: e.DATABASE_APPLICATION_NAME }
      : { kind: 'sqlite' as const, file: path.join(dataDir, 'comeback.sqlite') },
    // The origin alone: a trailing slash or path would make every browser write look cross-site.
    publicOrigin: e.PUBLIC_ORIGIN ? new URL(e.PUBLIC_ORIGIN).origin : null,
    cookieSecure: e.PUBLIC_ORIGIN?.startsWith('https://') ?? false,
    trustProxy: e.TRUST_PROXY,
    migrateOnStart: e.MIGRATE_ON_START,
    shutdown: Object.freeze({ graceMs: e.SHUTDOWN_GRACE_MS, timeoutMs: e.SHUTDOWN_TIMEOUT_MS }),
    logLevel: e.LOG_LEVEL,
    session: { idleMs: e.SESSION_IDLE_HOURS * 3_600_000, absoluteMs: e.SESSION_ABSOLUTE_DAYS * 86_400_000 },
    webRoot: path.resolve('dist/web'),
    testClockFile: e.COMEBACK_TEST_CLOCK_FILE ?? null,
    http: Object.freeze({
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      idleTimeoutMs: e.HTTP_IDLE_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    }),
    signUpsPerAddressPerHour: e.SIGN_UPS_PER_ADDRESS_PER_HOUR,
  });
}
