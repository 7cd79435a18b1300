/**
 * An HTTP client that behaves like a browser tab for the purposes of these tests: it keeps the
 * cookies the server sets (one jar per user, shared by every instance on 127.0.0.1, as a browser
 * shares cookies across ports of one host) and sends an Origin equal to the instance's own origin on
 * unsafe methods, so the origin check (src/server/plugins/security.ts) lets it through.
 *
 * A request never throws: a connection reset or refusal comes back as status 0 with the error code,
 * so a test can count it as the failure it is.
 */
import type { Instance } from './instance.ts';

export type Reply = {
  status: number;
  /** Parsed JSON when the body is JSON, else the text; null for a connection failure. */
  body: unknown;
  isJson: boolean;
  /** For status 0: the network error's code (ECONNRESET, ECONNREFUSED, UND_ERR_SOCKET, …). */
  error?: string;
  headers: Headers | null;
};

export type RequestOptions = {
  body?: unknown;
  /** A raw body sent as is (for hostile payloads); `body` is JSON-encoded. */
  rawBody?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function errorCodeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (error instanceof Error && error.name === 'TimeoutError') return 'TIMEOUT';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export async function send(
  instance: Pick<Instance, 'origin'>,
  method: string,
  url: string,
  options: RequestOptions & { cookie?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.cookie) headers.cookie = options.cookie;
  if (UNSAFE.has(method) && headers.origin === undefined) headers.origin = instance.origin;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(`${instance.origin}${url}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    let isJson = false;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
        isJson = true;
      } catch {
        // not JSON after all
      }
    }
    return { status: response.status, body: parsed, isJson, headers: response.headers };
  } catch (error) {
    return { status: 0, body: null, isJson: false, error: errorCodeOf(error), headers: null };
  }
}

let addresses = 0;
/** A client address of its own (198.18.0.0/15, the benchmarking range), sent as X-Forwarded-For. */
export function nextAddress(): string {
  const n = ++addresses;
  return `198.18.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * One user's browser: a cookie jar, and a network address of its own. The instances run with
 * TRUST_PROXY=true, as behind the school's reverse proxy, so each simulated student comes from their
 * own address and the per-address throttles see what they would see in production.
 */
export class User {
  readonly cookies = new Map<string, string>();
  id = '';
  readonly address = nextAddress();

  constructor(
    readonly email: string,
    public password: string,
  ) {}

  get cookie(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Takes the Set-Cookie headers of a reply into the jar (an expired or empty one clears it). */
  absorb(reply: Reply): void {
    for (const header of reply.headers?.getSetCookie() ?? []) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const isExpired = attributes.some((a) => {
        const [key = '', raw = ''] = a.split('=');
        const k = key.trim().toLowerCase();
        return (k === 'max-age' && Number(raw) <= 0) || (k === 'expires' && new Date(raw).getTime() < Date.now());
      });
      if (value === '' || isExpired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(instance: Pick<Instance, 'origin'>, method: string, url: string, options: RequestOptions = {}) {
    const headers = { 'x-forwarded-for': this.address, ...(options.headers ?? {}) };
    const reply = await send(instance, method, url, { ...options, headers, cookie: this.cookie });
    this.absorb(reply);
    return reply;
  }
}

let counter = 0;
export const PASSWORD = 'tidal-marigold-cactus-47';

/** Signs a new student up on `instance`; throws unless it answers 201. */
export async function signUp(instance: Pick<Instance, 'origin'>, label: string, password = PASSWORD): Promise<User> {
  const user = new User(`${label}-${process.pid}-${++counter}@school.edu`, password);
  const reply = await user.request(instance, 'POST', '/api/auth/sign-up', {
    body: { email: user.email, password, role: 'student' },
  });
  if (reply.status !== 201) throw new Error(`sign-up of ${user.email}: ${reply.status} ${JSON.stringify(reply.body)}`);
  user.id = (reply.body as { user: { id: string } }).user.id;
  return user;
}

/** Throws with the reply unless the status is the expected one. */
export function expectStatus(
  reply: Reply,
  expected: number,
  what: string,
  instance?: Pick<Instance, 'name' | 'output'>,
): void {
  if (reply.status !== expected) {
    const output = instance ? `\n--- ${instance.name} output ---\n${instance.output().slice(-4000)}` : '';
    throw new Error(
      `${what}: expected ${expected}, got ${reply.status} ${reply.error ?? ''} ${JSON.stringify(reply.body)}${output}`,
    );
  }
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** A status tally for messages: { 200: 12, 409: 3, "0 ECONNRESET": 1 }. */
export function tally(replies: readonly Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of replies) {
    const key = r.status === 0 ? `0 ${r.error}` : String(r.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** One line of figures for the run's log (stderr, so vitest shows it beside the test). */
export function report(line: string): void {
  process.stderr.write(`faults: ${line}\n`);
}
