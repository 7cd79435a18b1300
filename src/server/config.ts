/**
 * The only module that reads `process.env`. It parses the environment with zod, fails fast with a
 * message naming each bad key, and exports a frozen object. With no configuration at all the app
 * runs on SQLite in ./data on 127.0.0.1:3000.
 */
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    COMEBACK_DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://')
      .optional(),
    /** The public origin (https://comeback.example.edu) when behind a proxy; decides Secure cookies. */
    PUBLIC_ORIGIN: z.url().optional(),
    TRUST_PROXY: booleanFlag,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_IDLE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 7),
    SESSION_ABSOLUTE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
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
  });

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };
  publicOrigin: string | null;
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  session: { idleMs: number; absoluteMs: number };
  webRoot: string;
  testClockFile: string | null;
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
      ? { kind: 'postgres' as const, url: e.DATABASE_URL }
      : { kind: 'sqlite' as const, file: path.join(dataDir, 'comeback.sqlite') },
    // The origin alone: a trailing slash or path would make every browser write look cross-site.
    publicOrigin: e.PUBLIC_ORIGIN ? new URL(e.PUBLIC_ORIGIN).origin : null,
    cookieSecure: e.PUBLIC_ORIGIN?.startsWith('https://') ?? false,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    session: { idleMs: e.SESSION_IDLE_HOURS * 3_600_000, absoluteMs: e.SESSION_ABSOLUTE_DAYS * 86_400_000 },
    webRoot: path.resolve('dist/web'),
    testClockFile: e.COMEBACK_TEST_CLOCK_FILE ?? null,
  });
}
