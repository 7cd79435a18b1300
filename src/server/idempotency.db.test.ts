// Idempotency keys on the replayable writes (issue 13), on SQLite and PostgreSQL: a replay answers
// the stored response and applies nothing, a reused key on another request answers 422, keys are
// per user and expire, and concurrent replays (one instance and two) apply once.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createSecondInstance, createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';
import type { DB } from './db/schema.ts';
import { canonicalJson, IDEMPOTENCY_KEY_TTL_MS, parseIdempotencyKey } from './idempotency.ts';
import { pruneExpired } from './use-cases/prune-expired.ts';

let keyCounter = 0;
/** Deterministic, distinct UUID-shaped keys. */
const newKey = () => `0193a5e2-7c1d-7f3a-9b2e-${String(++keyCounter).padStart(12, '0')}`;

const block = (overrides: object = {}) => ({
  bank: 'uworld',
  mode: 'timed',
  questions: 40,
  correct: 28,
  minutes: 58,
  date: '2026-11-24',
  missedSystems: ['cardiovascular', 'renal-urinary'],
  missedDisciplines: ['medicine'],
  ...overrides,
});

const entry = (overrides: object = {}) => ({
  bank: 'uworld',
  questionId: '104233',
  system: 'gastrointestinal',
  discipline: 'surgery',
  errorType: 'knowledge-gap',
  keyPoint: 'Painless jaundice with a palpable gallbladder: pancreatic head cancer',
  confidence: 'sure',
  ...overrides,
});

describe('parseIdempotencyKey and canonicalJson', () => {
  it('accepts a UUID in any case, refuses anything else with a message', () => {
    expect(parseIdempotencyKey(undefined)).toEqual({ kind: 'absent' });
    expect(parseIdempotencyKey('0193A5E2-7C1D-7F3A-9B2E-4D5F6A7B8C9D')).toEqual({
      kind: 'key',
      key: '0193a5e2-7c1d-7f3a-9b2e-4d5f6a7b8c9d',
    });
    for (const bad of ['', 'abc', '0193a5e2-7c1d-7f3a-9b2e-4d5f6a7b8c9', '0193a5e2x7c1d-7f3a-9b2e-4d5f6a7b8c9d']) {
      expect(parseIdempotencyKey(bad).kind).toBe('invalid');
    }
    expect(parseIdempotencyKey(['a', 'b']).kind).toBe('invalid');
  });
  it('hashes objects independently of key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe(canonicalJson({ a: [{ c: null, d: 2 }], b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});

describeEachDatabase('idempotency keys', (kind) => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof createSecondInstance>>;
  let student: Client;
  let other: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    second = await createSecondInstance(t);
    student = await signUpClient(t.app);
    other = await signUpClient(t.app);
    for (const client of [student, other]) {
      await client.request({
        method: 'PUT',
        url: '/api/profile',
        payload: buildProfileInput({ examDate: '2027-01-20', reviewStartDate: '2027-09-22' }),
      });
      const put = await client.request({
        method: 'PUT',
        url: '/api/plan',
        payload: { settings: buildPlanSettings({ protectedTime: [] }) },
      });
      expect(put.statusCode).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const send = (client: Client, options: InjectOptions & { key?: string }, app: FastifyInstance = t.app) => {
    const { key, ...rest } = options;
    return app.inject({
      ...rest,
      headers: { ...(rest.headers ?? {}), cookie: client.cookie, ...(key ? { 'idempotency-key': key } : {}) },
    });
  };
  const count = async (table: keyof DB, userId: string) => {
    const row = await t.ctx.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('answers a replayed block log with the stored response and stores one block', async () => {
    const key = newKey();
    const before = await count('qbank_blocks', student.id);
    const first = await send(student, { method: 'POST', url: '/api/evidence/blocks', payload: block(), key });
    expect(first.statusCode).toBe(201);
    const again = await send(student, { method: 'POST', url: '/api/evidence/blocks', payload: block(), key });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count('qbank_blocks', student.id)).toBe(before + 1);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const key = newKey();
    const payload = block({ date: '2026-11-23' });
    const reordered = Object.fromEntries(Object.entries(payload).reverse());
    const first = await send(student, { method: 'POST', url: '/api/evidence/blocks', payload, key });
    const again = await send(student, { method: 'POST', url: '/api/evidence/blocks', payload: reordered, key });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
  });

  it('refuses a key reused on a different body with 422 and applies nothing', async () => {
    const key = newKey();
    await send(student, { method: 'POST', url: '/api/evidence/blocks', payload: block(), key });
    const before = await count('qbank_blocks', student.id);
    const other = await send(student, {
      method: 'POST',
      url: '/api/evidence/blocks',
      payload: block({ correct: 30 }),
      key,
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.json().error.fields).toHaveProperty('Idempotency-Key');
    // Another endpoint with the key is another request too.
    const checkIn = await send(student, {
      method: 'POST',
      url: '/api/evidence/wellbeing',
      payload: { date: '2026-11-24', sleepHours: 7, stress: 2, mood: 4 },
      key,
    });
    expect(checkIn.statusCode).toBe(422);
    expect(await count('qbank_blocks', student.id)).toBe(before);
  });

  it('refuses a malformed key with 400 and a field message, and stores nothing', async () => {
    const before = await count('qbank_blocks', student.id);
    for (const key of ['not-a-uuid', '12345', "0193a5e2-7c1d-7f3a-9b2e-4d5f6a7b8c9d' or 1=1"]) {
      const response = await send(student, { method: 'POST', url: '/api/evidence/blocks', payload: block(), key });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.fields['Idempotency-Key']).toMatch(/UUID/);
    }
    expect(await count('qbank_blocks', student.id)).toBe(before);
  });

  it('keeps keys per user: another student with the same key logs their own block', async () => {
    const key = newKey();
    const mine = await send(student, { method: 'POST', url: '/api/evidence/blocks', payload: block(), key });
    const before = await count('qbank_blocks', other.id);
    const theirs = await send(other, { method: 'POST', url: '/api/evidence/blocks', payload: block(), key });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect(await count('qbank_blocks', other.id)).toBe(before + 1);
  });

  it('does not record a refused write: the same key with a corrected body then applies', async () => {
    const key = newKey();
    const bad = await send(student, {
      method: 'POST',
      url: '/api/evidence/blocks',
      payload: block({ correct: 41 }),
      key,
    });
    expect(bad.statusCode).toBe(400);
    const fixed = await send(student, { method: 'POST', url: '/api/evidence/blocks', payload: block(), key });
    expect(fixed.statusCode).toBe(201);
  });

  it('replays practice exams, check-ins, full-length days, journal entries and ratings once each', async () => {
    const cases: { url: string; payload: object; table: keyof DB }[] = [
      {
        url: '/api/evidence/practice-exams',
        payload: { form: 'NBME14', date: '2026-11-20', score: 231 },
        table: 'practice_exams',
      },
      {
        url: '/api/evidence/wellbeing',
        payload: { date: '2026-11-22', sleepHours: 6, stress: 3, mood: 3 },
        table: 'wellbeing_checkins',
      },
      { url: '/api/evidence/full-length-days', payload: { date: '2026-11-21' }, table: 'full_length_days' },
      { url: '/api/journal/entries', payload: entry(), table: 'journal_entries' },
    ];
    for (const { url, payload, table } of cases) {
      const key = newKey();
      const before = await count(table, student.id);
      const first = await send(student, { method: 'POST', url, payload, key });
      expect(first.statusCode, `${url}: ${first.body}`).toBe(201);
      const replies = await Promise.all([1, 2, 3].map(() => send(student, { method: 'POST', url, payload, key })));
      for (const reply of replies) {
        expect(reply.statusCode).toBe(201);
        expect(reply.json()).toEqual(first.json());
      }
      expect(await count(table, student.id), url).toBe(before + 1);
    }
    const { id: entryId } = (
      await send(student, { method: 'POST', url: '/api/journal/entries', payload: entry({ questionId: '9' }) })
    ).json();
    const key = newKey();
    const rating = { entryId, rating: 3, durationMs: 12_000 };
    const rated = await send(student, { method: 'POST', url: '/api/journal/reviews', payload: rating, key });
    expect(rated.statusCode).toBe(201);
    const replayed = await send(student, { method: 'POST', url: '/api/journal/reviews', payload: rating, key });
    expect(replayed.json()).toEqual(rated.json());
    const reviews = await t.ctx.database.db
      .selectFrom('journal_reviews')
      .select('id')
      .where('entry_id', '=', entryId)
      .execute();
    expect(reviews).toHaveLength(1);
  });

  it('a replayed tick after an untick answers the old response and does not tick again', async () => {
    const plan = (await send(student, { method: 'GET', url: '/api/plan?from=2026-11-25&to=2026-11-30' })).json() as {
      days: { items: { id: string; kind: string; status: string | null }[] }[];
    };
    const item = plan.days.flatMap((d) => d.items).find((i) => i.kind === 'qbank-block' && i.status === null)!;
    expect(item).toBeDefined();
    const url = `/api/plan/items/${item.id}`;
    const tickKey = newKey();
    const ticked = await send(student, { method: 'POST', url, payload: { status: 'done' }, key: tickKey });
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json().item.status).toBe('done');
    const unticked = await send(student, { method: 'POST', url, payload: { status: null }, key: newKey() });
    expect(unticked.json().item.status).toBeNull();
    const replay = await send(student, { method: 'POST', url, payload: { status: 'done' }, key: tickKey });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(ticked.json());
    const stored = await t.ctx.database.db
      .selectFrom('plan_items')
      .select('status')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBeNull();
    // The same key on another item's URL is another request.
    const elsewhere = await send(student, {
      method: 'POST',
      url: `/api/plan/items/${item.id}x`,
      payload: { status: 'done' },
      key: tickKey,
    });
    expect(elsewhere.statusCode).toBe(422);
  });

  it('applies parallel replays of one key once, sent to two instances', async () => {
    for (let round = 0; round < 3; round++) {
      const key = newKey();
      const before = await count('qbank_blocks', student.id);
      const payload = block({ date: '2026-11-24', correct: 20 + round });
      const replies = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          send(
            student,
            { method: 'POST', url: '/api/evidence/blocks', payload, key },
            i % 2 === 0 ? t.app : second.app,
          ),
        ),
      );
      for (const reply of replies) expect(reply.statusCode, reply.body).toBe(201);
      expect(new Set(replies.map((r) => r.json().id)).size).toBe(1);
      expect(replies.filter((r) => r.headers['idempotent-replayed'] !== 'true').length).toBe(1);
      expect(await count('qbank_blocks', student.id)).toBe(before + 1);
      expect(await count('idempotency_keys', student.id)).toBeGreaterThan(0);
    }
  });

  it('forgets a key after 7 days (a replay then applies), and prune-expired deletes it', async () => {
    const key = newKey();
    const payload = block({ date: '2026-11-24', correct: 33 });
    await send(student, { method: 'POST', url: '/api/evidence/blocks', payload, key });
    t.clock.advance(IDEMPOTENCY_KEY_TTL_MS - 1000);
    const inTime = await send(student, { method: 'POST', url: '/api/evidence/blocks', payload, key });
    expect(inTime.headers['idempotent-replayed']).toBe('true');
    const keysBefore = await count('idempotency_keys', student.id);
    t.clock.advance(2000);
    await pruneExpired(t.ctx);
    expect(await count('idempotency_keys', student.id)).toBeLessThan(keysBefore);
    const stored = await t.ctx.database.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('user_id', '=', student.id)
      .where('key', '=', key)
      .execute();
    expect(stored).toHaveLength(0);
  });
});
