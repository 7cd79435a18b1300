/**
 * Proof 4 (issue 8), out of process: no hostile payload gets a 5xx (or kills an instance), on
 * either database. A smoke over the real HTTP stack; the wide in-process fuzz suite is
 * src/server/routes/hostile-input.test.ts.
 *
 * For every write endpoint, starting from a valid body: each field in turn replaced by a NUL byte
 * (alone and inside text), 5e-324, -5e-324, 1e308, 7.123456789, an invalid date, an unknown time
 * zone, a 4,000-deep nesting; the whole body nested 10,000 deep; prototype keys; a literal NUL
 * byte in the JSON; NUL bytes in path segments and query strings.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPostmortemAnswers } from '#tests/factories/postmortem.ts';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { type Reply, type User, pool, report, send, tally } from './lib/client.ts';
import { describeEachKind, random, shuffle, startDeployment, type Deployment } from './lib/deployment.ts';
import { createClock } from './lib/instance.ts';
import { blockBody, planItems, PLAN_MADE_AT, signUpStudentWithPlan } from './lib/students.ts';

const MAX_PER_ENDPOINT = 80;
const TODAY = PLAN_MADE_AT.slice(0, 10);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Payload = { label: string; raw: string };
type Target = { method: string; path: string; body: Json; signedOut?: boolean };

const NESTED_FIELD = '['.repeat(4000) + ']'.repeat(4000);
const NESTED_BODY = '['.repeat(10_000) + ']'.repeat(10_000);

const STRING_VALUES = ['\u0000', 'a\u0000b', '\u0000'.repeat(200), '2027-02-30', 'Mars/Olympus', '\uD800'];
const NUMBER_VALUES = ['5e-324', '-5e-324', '1e308', '-1e308', '7.123456789', '1e-7'];

/** Every path to a leaf of `value`, e.g. [['settings','sleep','start'], …]. */
function leaves(value: Json, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
  return [at];
}

function leafAt(value: Json, path: (string | number)[]): Json {
  return path.reduce<Json>((v, key) => (v as Record<string | number, Json>)[key]!, value);
}

/** `body` as JSON with the leaf at `path` replaced by the raw JSON text `raw`. */
function withLeaf(body: Json, path: (string | number)[], raw: string): string {
  const marker = '"__HOSTILE_MARKER__"';
  const copy = structuredClone(body);
  if (path.length === 0) return raw;
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  parent[path[path.length - 1]!] = '__HOSTILE_MARKER__';
  return JSON.stringify(copy).replace(marker, raw);
}

function payloadsFor(body: Json, next: () => number): Payload[] {
  const out: Payload[] = [];
  for (const path of leaves(body)) {
    const name = path.join('.') || '(body)';
    const leaf = leafAt(body, path);
    const values = typeof leaf === 'number' ? NUMBER_VALUES : STRING_VALUES.map((s) => JSON.stringify(s));
    for (const raw of values) out.push({ label: `${name}=${raw.slice(0, 12)}`, raw: withLeaf(body, path, raw) });
    // A string field given a number and a number field given a NUL string.
    out.push({
      label: `${name}=other type`,
      raw: withLeaf(body, path, typeof leaf === 'number' ? '"1\\u0000"' : '5e-324'),
    });
    out.push({ label: `${name}=nested`, raw: withLeaf(body, path, NESTED_FIELD) });
  }
  const picked = shuffle(out, next).slice(0, MAX_PER_ENDPOINT - 6);
  const valid = JSON.stringify(body);
  const inner = valid.length > 2 ? `,${valid.slice(1)}` : '}';
  return [
    ...picked,
    { label: 'body nested 10,000 deep', raw: NESTED_BODY },
    { label: '__proto__ key', raw: `{"__proto__":{"isAdmin":true}${inner}` },
    { label: 'constructor.prototype key', raw: `{"constructor":{"prototype":{"isAdmin":true}}${inner}` },
    { label: 'literal NUL byte', raw: valid.replace(/"([^"]*)"/, '"$1\u0000"') },
    { label: 'NUL key', raw: `{"\\u0000":1${inner}` },
    { label: 'lone 5e-324', raw: '5e-324' },
  ];
}

describeEachKind('hostile payloads against every write endpoint', (kind) => {
  const clock = createClock(PLAN_MADE_AT);
  let deployment: Deployment;
  const results: { target: string; label: string; reply: Reply }[] = [];

  beforeAll(async () => {
    deployment = await startDeployment(kind, clock);
    const { instances } = deployment;
    const student: User = await signUpStudentWithPlan(instances[0]!, `hostile-${kind}`);
    const itemId = (await planItems(instances[0]!, student))[0]!.id;
    const blockId = (
      (await student.request(instances[0]!, 'POST', '/api/evidence/blocks', { body: blockBody(TODAY) })).body as {
        id: string;
      }
    ).id;
    const examId = (
      (
        await student.request(instances[0]!, 'POST', '/api/evidence/practice-exams', {
          body: { form: 'NBME10', date: TODAY, score: 230 },
        })
      ).body as { id: string }
    ).id;
    const wrong = 'not-the-password-at-all';
    const targets: Target[] = [
      {
        method: 'POST',
        path: '/api/auth/sign-up',
        body: { email: 'fuzz@school.edu', password: 'x', role: 'student' },
        signedOut: true,
      },
      {
        method: 'POST',
        path: '/api/auth/sign-in',
        body: { email: 'fuzz@school.edu', password: wrong },
        signedOut: true,
      },
      {
        method: 'POST',
        path: '/api/account/password',
        body: { currentPassword: wrong, newPassword: 'a new phrase of words 9' },
      },
      { method: 'POST', path: '/api/account/delete', body: { password: wrong } },
      {
        method: 'PUT',
        path: '/api/profile',
        body: buildProfileInput({ timeZone: 'America/Chicago' }) as unknown as Json,
      },
      { method: 'PUT', path: '/api/postmortem', body: buildPostmortemAnswers() as unknown as Json },
      { method: 'PUT', path: '/api/plan', body: { settings: buildPlanSettings() as unknown as Json } },
      { method: 'POST', path: '/api/plan/replan', body: {} },
      { method: 'POST', path: `/api/plan/items/${itemId}`, body: { status: 'done' } },
      { method: 'POST', path: '/api/evidence/blocks', body: blockBody(TODAY) as unknown as Json },
      {
        method: 'POST',
        path: '/api/evidence/practice-exams',
        body: {
          form: 'NBME11',
          date: TODAY,
          score: 231,
          breakdown: [{ area: 'cardiovascular', percentCorrect: 71.5 }],
        },
      },
      { method: 'POST', path: '/api/evidence/full-length-days', body: { date: TODAY } },
      { method: 'POST', path: '/api/evidence/wellbeing', body: { date: TODAY, sleepHours: 7.5, stress: 2, mood: 4 } },
      { method: 'PUT', path: '/api/evidence/counselling', body: { name: 'Student wellness', contact: '555-0100' } },
      { method: 'POST', path: '/api/readiness/accept-delay', body: { proposedExamDate: '2027-04-24' } },
      { method: 'POST', path: '/api/calendar-feed', body: {} },
    ];
    const next = random(kind === 'postgres' ? 4 : 40);
    type Task = () => Promise<void>;
    const tasks: Task[] = [];
    for (const [t, target] of targets.entries()) {
      for (const [p, payload] of payloadsFor(target.body, next).entries()) {
        tasks.push(async () => {
          const instance = instances[(t + p) % instances.length]!;
          const options = { rawBody: payload.raw };
          const reply = target.signedOut
            ? await send(instance, target.method, target.path, options)
            : await student.request(instance, target.method, target.path, options);
          results.push({ target: `${target.method} ${target.path}`, label: payload.label, reply });
        });
      }
    }
    // NUL bytes (and their cousins) in path segments and query strings.
    const paths: [string, string][] = [
      ['POST', '/api/plan/items/%00'],
      ['POST', `/api/plan/items/${itemId}%00`],
      ['DELETE', '/api/evidence/blocks/%00'],
      ['DELETE', `/api/evidence/blocks/${blockId}%00`],
      ['DELETE', '/api/evidence/practice-exams/%00'],
      ['DELETE', `/api/evidence/practice-exams/${examId}%00x`],
      ['DELETE', '/api/evidence/blocks/%C0%80'],
      ['DELETE', '/api/evidence/blocks/%FF'],
      ['GET', '/api/plan?from=%00&to=2027-01-01'],
      ['GET', '/api/plan?from=2026-11-20%00'],
      ['GET', '/feed/%00.ics'],
      ['GET', `/feed/${'a'.repeat(30)}%00.ics`],
      ['GET', '/api/%00'],
    ];
    for (const [p, [method, path]] of paths.entries()) {
      const body = method === 'POST' ? { status: 'done' } : undefined;
      tasks.push(async () => {
        const reply = await student.request(instances[p % instances.length]!, method, path, body ? { body } : {});
        results.push({ target: `${method} ${path}`, label: 'path', reply });
      });
    }
    await pool(shuffle(tasks, next), 8);
  });

  afterAll(async () => {
    await deployment?.close();
    clock.remove();
  });

  it('answers every hostile payload below 500, with the connection intact', () => {
    const failures = results.filter((r) => r.reply.status === 0 || r.reply.status >= 500);
    const byTarget = new Map<string, number>();
    for (const f of failures) byTarget.set(f.target, (byTarget.get(f.target) ?? 0) + 1);
    report(
      `[${kind}] hostile payloads: ${results.length} sent, ${JSON.stringify(tally(results.map((r) => r.reply)))}` +
        (failures.length ? `; 5xx by endpoint ${JSON.stringify(Object.fromEntries(byTarget))}` : ''),
    );
    expect(
      failures.length,
      failures
        .slice(0, 8)
        .map((f) => `${f.target} [${f.label}] → ${f.reply.status}${f.reply.error ? ` ${f.reply.error}` : ''}`)
        .join('\n'),
    ).toBe(0);
  });

  it('every instance is still running', () => {
    for (const instance of deployment.instances) expect(instance.isRunning(), instance.output()).toBe(true);
  });
});
