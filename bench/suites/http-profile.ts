/**
 * HTTP throughput of the authenticated profile read compared with the bare health check.
 *
 * GET /healthz is the floor cost of a request through Fastify and its global hooks; GET /api/profile
 * adds cookie parsing, the session lookup (SHA-256 + a SQLite join), the profile read and the risk
 * summary. Target: the profile read keeps at least half of the health check's throughput.
 */
import { isClean, measureInterleaved, median } from '../lib/load.ts';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';

const TARGET_RATIO = 0.5;
const SESSION_COOKIE = 'comeback_session';
const PASSWORD = 'a long unusual passphrase 42';

function isoDatePlusDays(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function expectStatus(response: Response, expected: number, what: string): Promise<void> {
  if (response.status !== expected) {
    const body = await response.text().catch(() => '');
    throw new Error(`${what}: expected HTTP ${expected}, got ${response.status}: ${body.slice(0, 500)}`);
  }
}

/** Signs a new user up and returns the `name=value` cookie pair for the session. */
async function signUp(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: PASSWORD }),
  });
  await expectStatus(response, 201, 'POST /api/auth/sign-up');
  const pair = response.headers
    .getSetCookie()
    .map((header) => header.split(';', 1)[0] ?? '')
    .find((first) => first.startsWith(`${SESSION_COOKIE}=`));
  if (!pair || pair === `${SESSION_COOKIE}=`) throw new Error(`sign-up did not set the ${SESSION_COOKIE} cookie`);
  return pair;
}

async function saveProfile(baseUrl: string, cookie: string) {
  const profile = {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: 'America/Chicago',
    examDate: isoDatePlusDays(120),
    reviewStartDate: '2027-09-22',
    bufferPoints: 10,
  };
  const response = await fetch(`${baseUrl}/api/profile`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(profile),
  });
  await expectStatus(response, 200, 'PUT /api/profile');
  return profile;
}

async function checkProfileRead(baseUrl: string, cookie: string, saved: { specialty: string; examDate: string }) {
  const response = await fetch(`${baseUrl}/api/profile`, { headers: { cookie } });
  await expectStatus(response, 200, 'GET /api/profile');
  const body = (await response.json()) as {
    profile?: { specialty?: unknown; examDate?: unknown } | null;
    summary?: unknown;
  };
  if (body.profile?.specialty !== saved.specialty || body.profile.examDate !== saved.examDate || !body.summary) {
    throw new Error(`GET /api/profile did not return the saved profile: ${JSON.stringify(body).slice(0, 500)}`);
  }
  const unauthenticated = await fetch(`${baseUrl}/api/profile`);
  await expectStatus(unauthenticated, 401, 'GET /api/profile without a cookie');
}

export const httpProfileSuite: Suite = {
  name: 'http-profile',
  description: 'GET /healthz vs authenticated GET /api/profile (SQLite, one user)',
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const server = await ctx.startServer({ nodeArgs: ctx.settings.serverNodeArgs });
    ctx.log(`server pid ${server.pid} on ${server.baseUrl}, data in ${server.dataDir}`);

    const cookie = await signUp(server.baseUrl);
    const saved = await saveProfile(server.baseUrl, cookie);
    await checkProfileRead(server.baseUrl, cookie, saved);
    ctx.log('signed up, saved a profile, GET /api/profile returns it');

    const measurements = await measureInterleaved(
      [
        { name: 'GET /healthz', url: `${server.baseUrl}/healthz` },
        { name: 'GET /api/profile', url: `${server.baseUrl}/api/profile`, headers: { cookie } },
      ],
      ctx.settings,
      ctx.log,
    );

    const [health, profile] = measurements;
    if (!health || !profile) throw new Error('missing measurements');
    const unclean = measurements.filter((m) => !isClean(m));
    if (unclean.length > 0) {
      const detail = unclean
        .map(
          (m) =>
            `${m.name}: ${m.requests} requests, ${m.non2xx} non-2xx ${JSON.stringify(m.statusCounts)}, ${m.errors} errors, ${m.timeouts} timeouts`,
        )
        .join('\n  ');
      throw new Error(
        `requests failed during the measurement:\n  ${detail}\n--- server output ---\n${server.recentOutput().trim()}`,
      );
    }

    // Each round measured both endpoints back to back, so a per-round ratio compares like with
    // like; the median discards a round disturbed by other work on the machine.
    const roundRatios = profile.roundRps.map((rps, i) => rps / (health.roundRps[i] ?? Number.NaN));
    const ratio = roundRatios.length > 1 ? median(roundRatios) : profile.rps / health.rps;
    return {
      measurements,
      checks: [
        {
          name: `profile req/s ÷ healthz req/s${roundRatios.length > 1 ? ' (median of rounds)' : ''}`,
          value: ratio,
          target: `≥ ${TARGET_RATIO}`,
          passed: ratio >= TARGET_RATIO,
          detail: roundRatios.length > 1 ? `rounds: ${roundRatios.map((r) => r.toFixed(2)).join(' ')}` : '',
        },
      ],
    };
  },
};
