/**
 * The school's traffic, for the school stack (bench/school-stack.ts): simulated students, each with
 * a browser of their own (cookies, an address of their own sent as X-Forwarded-For), going through
 * nginx. `setUpStudents()` signs them up with a profile, a plan and a calendar subscription;
 * `runLoad()` sends an open-loop mix of what students do in the evening (home, plan, evidence, log
 * a block, tick an item, sign in, the calendar app fetching the feed) at a fixed rate, with faults
 * injected on a timeline, and records every attempt: route, phase, status, latency.
 *
 * A client retries what a browser app retries: a connection failure, 502, 503 or 504, up to 4
 * times with a short backoff (the app's Retry-After is 5 s; a person presses the button again
 * sooner). Every attempt is recorded, so first-try failures and final failures are both counted.
 */
import { randomUUID } from 'node:crypto';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { type Reply, User, pool, send } from '#tests/faults/lib/client.ts';
import { PASSWORD } from '#tests/faults/lib/client.ts';

export type Route = 'home' | 'plan' | 'evidence' | 'log-block' | 'tick' | 'feed' | 'sign-in' | 'advisor-dashboard';

export type Student = {
  user: User;
  /** Today's plan items that take a tick (not rest, not the exam). */
  tickable: string[];
  /** /feed/<token>.ics */
  feedPath: string;
  today: string;
};

type Target = { origin: string };

/** What happened to one request (one attempt of an action); its phase is the fault it overlapped, if any. */
export type Attempt = {
  route: Route;
  phase: string;
  attempt: number;
  status: number;
  /** The network error (status 0), or the app's error code (503 DATABASE_UNAVAILABLE, …). */
  error?: string;
  ms: number;
  /** When it was sent (performance.now() of the load process). */
  sentAt: number;
  /** Who sent it, where it matters (the advisor of a dashboard). */
  by?: string;
  /** The block id of a 201, the item id of a 200 tick. */
  acknowledged?: string;
};

function errorOf(reply: Reply): string | undefined {
  if (reply.error) return reply.error;
  const code = (reply.body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const RETRYABLE = new Set([0, 502, 503, 504]);
const MAX_ATTEMPTS = 5;

let seq = 0;

async function expect2xx(reply: Reply, what: string): Promise<Reply> {
  if (reply.status < 200 || reply.status >= 300) {
    throw new Error(`${what}: ${reply.status} ${reply.error ?? ''} ${JSON.stringify(reply.body).slice(0, 300)}`);
  }
  return reply;
}

/** Signs up `count` students through `target` (`concurrency` at a time): profile, plan, feed. */
export async function setUpStudents(
  target: Target,
  count: number,
  options: { concurrency?: number; onProgress?: (done: number) => void } = {},
): Promise<Student[]> {
  let done = 0;
  const tasks = Array.from({ length: count }, () => async (): Promise<Student> => {
    const user = new User(`school-${process.pid}-${++seq}@school.edu`, PASSWORD);
    const signedUp = await expect2xx(
      await user.request(target, 'POST', '/api/auth/sign-up', {
        body: { email: user.email, password: PASSWORD, role: 'student' },
      }),
      'sign-up',
    );
    user.id = (signedUp.body as { user: { id: string } }).user.id;
    await expect2xx(
      await user.request(target, 'PUT', '/api/profile', { body: buildProfileInput({ timeZone: 'America/Chicago' }) }),
      'PUT /api/profile',
    );
    await expect2xx(
      await user.request(target, 'PUT', '/api/plan', { body: { settings: buildPlanSettings() } }),
      'PUT /api/plan',
    );
    const feed = await expect2xx(await user.request(target, 'POST', '/api/calendar-feed'), 'POST /api/calendar-feed');
    const feedPath = new URL((feed.body as { url: string }).url).pathname;
    const summary = await expect2xx(
      await user.request(target, 'GET', '/api/plan?from=1970-01-01&to=1970-01-01'),
      'GET /api/plan summary',
    );
    const today = (summary.body as { today: string }).today;
    const day = await expect2xx(
      await user.request(target, 'GET', `/api/plan?from=${today}&to=${today}`),
      'GET /api/plan today',
    );
    const days = (day.body as { days: { items: { id: string; kind: string }[] }[] }).days;
    const tickable = days.flatMap((d) =>
      d.items.filter((i) => i.kind !== 'rest' && i.kind !== 'exam').map((i) => i.id),
    );
    options.onProgress?.(++done);
    return { user, tickable, feedPath, today };
  });
  return pool(tasks, options.concurrency ?? 8);
}

/** An advisor's browser, when the advisor dashboard route exists (issue 12, helper H5). */
export type Advisor = { user: User; dashboardPath: string };

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The mix of one evening hour: how often each action comes, out of 100. */
export const MIX: readonly (readonly [Route, number])[] = [
  ['home', 24],
  ['plan', 20],
  ['evidence', 10],
  ['log-block', 12],
  ['tick', 14],
  ['feed', 16],
  ['sign-in', 2],
  ['advisor-dashboard', 2],
];

type Action = { route: Route; run: (phase: () => string, record: (a: Attempt) => void) => Promise<void> };

/** Sends one action's request, retrying as a browser app would; records every attempt. */
async function attempt(
  route: Route,
  phase: () => string,
  record: (a: Attempt) => void,
  sendOnce: () => Promise<Reply>,
  acknowledgedOf: (reply: Reply) => string | undefined = () => undefined,
  by?: string,
): Promise<void> {
  for (let n = 1; n <= MAX_ATTEMPTS; n++) {
    const at = phase();
    const started = performance.now();
    const reply = await sendOnce();
    const ms = performance.now() - started;
    // A request sent just before a fault and cut off by it belongs to the fault, not to "steady".
    const end = phase();
    const tagged = at === 'steady' ? end : at;
    const ok = reply.status >= 200 && reply.status < 300;
    record({
      route,
      phase: tagged,
      attempt: n,
      status: reply.status,
      ...(errorOf(reply) ? { error: errorOf(reply) } : {}),
      ms,
      sentAt: started,
      ...(by === undefined ? {} : { by }),
      ...(ok ? { acknowledged: acknowledgedOf(reply) } : {}),
    });
    if (!RETRYABLE.has(reply.status) || n === MAX_ATTEMPTS) return;
    await sleep(Math.min(2_000, 200 * 2 ** (n - 1)));
  }
}

function actionFor(
  route: Route,
  target: Target,
  student: Student,
  advisors: readonly Advisor[],
  next: () => number,
): Action | null {
  const { user } = student;
  const get = (url: string) => () => user.request(target, 'GET', url, { timeoutMs: 30_000 });
  switch (route) {
    case 'home':
      return { route, run: (p, r) => attempt(route, p, r, get('/api/journey')) };
    case 'plan':
      // The plan page: the week around today.
      return {
        route,
        run: (p, r) => attempt(route, p, r, get(`/api/plan?from=${student.today}&to=${addDays(student.today, 6)}`)),
      };
    case 'evidence':
      return { route, run: (p, r) => attempt(route, p, r, get('/api/evidence')) };
    case 'log-block': {
      // One key for the write and all its retries, as the web app sends (docs/idempotency.md): a
      // retry of a block the server stored before the answer was cut off is not stored twice.
      // The body is fixed with it: a retry under the same key must send the same block.
      const idempotencyKey = randomUUID();
      const correct = 26 + Math.floor(next() * 8);
      return {
        route,
        run: (p, r) =>
          attempt(
            route,
            p,
            r,
            () =>
              user.request(target, 'POST', '/api/evidence/blocks', {
                headers: { 'idempotency-key': idempotencyKey },
                body: {
                  bank: 'uworld',
                  mode: 'timed',
                  questions: 40,
                  correct,
                  minutes: 60,
                  date: student.today,
                  missedSystems: ['cardiovascular'],
                  missedDisciplines: ['medicine'],
                },
                timeoutMs: 30_000,
              }),
            (reply) => (reply.body as { id?: string }).id,
          ),
      };
    }
    case 'tick': {
      const item = student.tickable[Math.floor(next() * student.tickable.length)];
      if (item === undefined) return null;
      return {
        route,
        run: (p, r) =>
          attempt(
            route,
            p,
            r,
            () =>
              user.request(target, 'POST', `/api/plan/items/${item}`, { body: { status: 'done' }, timeoutMs: 30_000 }),
            () => item,
          ),
      };
    }
    case 'feed':
      // A calendar app: no cookie, its own address.
      return {
        route,
        run: (p, r) =>
          attempt(route, p, r, () =>
            send(target, 'GET', student.feedPath, { headers: { 'x-forwarded-for': user.address } }),
          ),
      };
    case 'sign-in':
      return {
        route,
        run: (p, r) =>
          attempt(route, p, r, () =>
            user.request(target, 'POST', '/api/auth/sign-in', { body: { email: user.email, password: user.password } }),
          ),
      };
    case 'advisor-dashboard': {
      const advisor = advisors[Math.floor(next() * advisors.length)];
      if (!advisor) return null;
      return {
        route,
        run: (p, r) =>
          attempt(
            route,
            p,
            r,
            () => advisor.user.request(target, 'GET', advisor.dashboardPath),
            undefined,
            advisor.user.email,
          ),
      };
    }
  }
}

export type FaultStep = { at: number; phase: string; run: () => Promise<void> };

export type LoadResult = {
  attempts: Attempt[];
  /** Actions not started because `maxInFlight` were already waiting (the generator was saturated). */
  dropped: number;
  seconds: number;
};

/**
 * Sends `ratePerSecond` actions a second for `seconds` (open loop: an action starts on schedule
 * whether or not earlier ones have answered, as independent students do), each by a random student.
 * `faults` run in order at their start times (seconds); while one runs, and for `settleMs` after, the
 * attempts are tagged with its phase name, else "steady".
 */
export async function runLoad(options: {
  target: Target;
  students: readonly Student[];
  advisors?: readonly Advisor[];
  ratePerSecond: number;
  seconds: number;
  random: () => number;
  faults?: readonly FaultStep[];
  settleMs?: number;
  /**
   * Keep the load on until the faults are over and this many seconds after (at least `seconds` in
   * all), so on a slow machine every fault still has load around it and a steady tail follows.
   */
  tailSeconds?: number;
  maxInFlight?: number;
  mix?: readonly (readonly [Route, number])[];
}): Promise<LoadResult> {
  const { target, students, random } = options;
  const advisors = options.advisors ?? [];
  const mix = (options.mix ?? MIX).filter(([route]) => route !== 'advisor-dashboard' || advisors.length > 0);
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);
  const pick = (): Route => {
    let r = random() * total;
    for (const [route, weight] of mix) {
      r -= weight;
      if (r < 0) return route;
    }
    return mix[0]![0];
  };
  const attempts: Attempt[] = [];
  const record = (a: Attempt) => attempts.push(a);
  let currentPhase = 'steady';
  const phase = () => currentPhase;
  const maxInFlight = options.maxInFlight ?? 400;
  let inFlight = 0;
  let dropped = 0;
  const running: Promise<void>[] = [];
  const started = performance.now();

  let endAt = started + options.seconds * 1000;
  let faultsDone = options.tailSeconds === undefined;
  const faultRunner = (async () => {
    for (const step of options.faults ?? []) {
      const wait = started + step.at * 1000 - performance.now();
      if (wait > 0) await sleep(wait);
      currentPhase = step.phase;
      await step.run();
      await sleep(options.settleMs ?? 1_000);
      currentPhase = 'steady';
    }
    if (options.tailSeconds !== undefined) {
      endAt = Math.max(endAt, performance.now() + options.tailSeconds * 1000);
      faultsDone = true;
    }
  })();

  const interval = 1000 / options.ratePerSecond;
  for (let n = 0; ; n++) {
    const due = started + n * interval;
    if (due >= endAt && faultsDone) break;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (inFlight >= maxInFlight) {
      dropped++;
      continue;
    }
    const student = students[Math.floor(random() * students.length)]!;
    const action =
      actionFor(pick(), target, student, advisors, random) ?? actionFor('home', target, student, [], random)!;
    inFlight++;
    running.push(
      action.run(phase, record).finally(() => {
        inFlight--;
      }),
    );
  }
  await Promise.all(running);
  await faultRunner;
  return { attempts, dropped, seconds: (performance.now() - started) / 1000 };
}

/** Percentile (nearest rank) of `values`, in the unit given. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export type RouteFigures = { route: Route; count: number; p50: number; p99: number; max: number; failed: number };

/** p50/p99 of the attempts that answered 2xx, and the count of actions that finally failed, per route. */
export function figuresByRoute(attempts: readonly Attempt[], phases?: ReadonlySet<string>): RouteFigures[] {
  const chosen = phases ? attempts.filter((a) => phases.has(a.phase)) : attempts;
  const routes = [...new Set(chosen.map((a) => a.route))];
  return routes.map((route) => {
    const own = chosen.filter((a) => a.route === route);
    const ok = own.filter((a) => a.status >= 200 && a.status < 300).map((a) => a.ms);
    return {
      route,
      count: own.length,
      p50: percentile(ok, 50),
      p99: percentile(ok, 99),
      max: ok.length ? Math.max(...ok) : Number.NaN,
      failed: finalFailures(own).length,
    };
  });
}

/** The last attempt of each action that did not end in 2xx (its retries exhausted or not retryable). */
export function finalFailures(attempts: readonly Attempt[]): Attempt[] {
  return attempts.filter(
    (a) => (a.status < 200 || a.status >= 300) && (!RETRYABLE.has(a.status) || a.attempt === MAX_ATTEMPTS),
  );
}

/** { "200": 12, "0 ECONNRESET": 1 } */
export function statusTally(attempts: readonly Attempt[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of attempts) {
    const key = a.error && (a.status === 0 || a.status >= 500) ? `${a.status} ${a.error}` : String(a.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * `count` advisors, each invited by an equal share of `students` (a code per student, accepted by
 * the advisor) when the advisor routes exist; null with the reason when they do not answer.
 */
export async function setUpAdvisors(
  target: Target,
  count: number,
  students: readonly Student[],
  options: { concurrency?: number } = {},
): Promise<{ advisors: Advisor[]; note: string | null }> {
  if (count === 0) return { advisors: [], note: null };
  const advisors: Advisor[] = [];
  for (let i = 0; i < count; i++) {
    const user = new User(`advisor-${process.pid}-${++seq}@school.edu`, PASSWORD);
    const reply = await user.request(target, 'POST', '/api/auth/sign-up', {
      body: { email: user.email, password: PASSWORD, role: 'advisor' },
    });
    if (reply.status !== 201) return { advisors: [], note: `advisor sign-up answered ${reply.status}` };
    advisors.push({ user, dashboardPath: '/api/advisor/dashboard' });
  }
  const probe = await advisors[0]!.user.request(target, 'GET', '/api/advisor/dashboard');
  if (probe.status !== 200) {
    return { advisors: [], note: `GET /api/advisor/dashboard answered ${probe.status}: advisors left out` };
  }
  const tasks = students.map((student, index) => async () => {
    const advisor = advisors[index % advisors.length]!;
    const invited = await student.user.request(target, 'POST', '/api/sharing/invitations', { body: {} });
    if (invited.status !== 201 && invited.status !== 200) return `invitation ${invited.status}`;
    const code = (invited.body as { code: string }).code;
    const accepted = await advisor.user.request(target, 'POST', '/api/advisor/invitations/accept', { body: { code } });
    return accepted.status >= 200 && accepted.status < 300 ? null : `accept ${accepted.status}`;
  });
  const problems = (await pool(tasks, options.concurrency ?? 8)).filter((p) => p !== null);
  return {
    advisors,
    note: problems.length ? `${problems.length} links failed (${[...new Set(problems)].join(', ')})` : null,
  };
}
