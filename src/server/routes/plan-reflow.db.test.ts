// Re-flow (push back a day, spread what was missed), one-tap ways out, the journal's review slot
// and the tick rule, through the API on both databases (issue 9, issue 11 "On the plan").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

type Item = {
  id: string;
  date: string;
  kind: string;
  start: string;
  end: string;
  minutes: number;
  status: string | null;
};
type Body = {
  days: { date: string; items: Item[] }[];
  today: string;
  missed: { count: number };
  plan: { settings: { dailyCapHours?: number }; summary: { shortfalls: unknown[]; waysOutChecked?: boolean } };
  reflow?: { moved: number; removed: number; notPlaced: number; message: string };
};

const DAY_MS = 86_400_000;
// The test clock starts at 2026-11-24T15:00Z: 09:00 on Tuesday 2026-11-24 in America/Chicago.
const roomy = buildPlanSettings({ protectedTime: [], dailyCapHours: 9 });

describeEachDatabase('plan re-flow API', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function studentWithPlan(settings = roomy): Promise<Client> {
    const student = await signUpClient(t.app);
    await student.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate: '2027-02-24' }),
    });
    const put = await student.request({ method: 'PUT', url: '/api/plan', payload: { settings } });
    expect(put.statusCode).toBe(200);
    return student;
  }
  const plan = async (client: Client): Promise<Body> =>
    (await client.request({ method: 'GET', url: '/api/plan' })).json();
  const items = (body: Body) => body.days.flatMap((d) => d.items);

  it('pushes today’s open work and later back a day, keeping every id', async () => {
    const student = await studentWithPlan();
    const before = items(await plan(student));
    const todays = before.filter((i) => i.date === '2026-11-24' && i.kind !== 'rest');
    expect(todays.length).toBeGreaterThan(0);
    const response = await student.request({ method: 'POST', url: '/api/plan/push-back', payload: {} });
    expect(response.statusCode).toBe(200);
    const body: Body = response.json();
    expect(body.reflow!.moved).toBeGreaterThan(todays.length);
    expect(body.reflow!.message).toMatch(/^Pushed back a day: \d+ items moved/);
    const after = new Map(items(body).map((i) => [i.id, i]));
    for (const item of todays) {
      // Same id, a later day
      expect(after.get(item.id)!.date > item.date).toBe(true);
    }
    expect(items(body).filter((i) => i.date === '2026-11-24' && i.kind !== 'rest')).toEqual([]);
  });

  it('spreads a missed day over the next 3 days: the missed count goes to 0 and nothing lands outside them', async () => {
    const student = await studentWithPlan();
    const before = items(await plan(student));
    t.clock.advance(DAY_MS);
    const missed = (await plan(student)).missed.count;
    expect(missed).toBeGreaterThan(0);
    const response = await student.request({ method: 'POST', url: '/api/plan/spread-missed', payload: { days: 3 } });
    expect(response.statusCode).toBe(200);
    const body: Body = response.json();
    expect(body.reflow!.moved + body.reflow!.notPlaced).toBe(missed);
    expect(body.reflow!.moved).toBeGreaterThan(0);
    expect(body.missed.count).toBe(body.reflow!.notPlaced);
    // The missed day stays a day of the plan, now with nothing on it
    expect(body.days[0]!.date).toBe('2026-11-24');
    const was = new Map(before.map((i) => [i.id, i]));
    for (const item of items(body)) {
      const old = was.get(item.id)!;
      expect(old, 'no item is new: the same work, moved').toBeDefined();
      if (old.date !== item.date) expect(['2026-11-25', '2026-11-26', '2026-11-27']).toContain(item.date);
    }
  });

  describe('bad input says what to fix and moves nothing', () => {
    it.each([
      ['0 days', { days: 0 }],
      ['8 days', { days: 8 }],
      ['half a day', { days: 1.5 }],
      ['a string', { days: 'three' }],
      ['no days', {}],
      ['an unknown field', { days: 3, all: true }],
    ])('spread-missed with %s: 400', async (_name, payload) => {
      const student = await studentWithPlan();
      const before = items(await plan(student));
      const response = await student.request({ method: 'POST', url: '/api/plan/spread-missed', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(response.json().error.fields ?? {}).length).toBeGreaterThan(0);
      expect(items(await plan(student))).toEqual(before);
    });

    it('push-back with a body field: 400', async () => {
      const student = await studentWithPlan();
      const response = await student.request({ method: 'POST', url: '/api/plan/push-back', payload: { days: 2 } });
      expect(response.statusCode).toBe(400);
    });

    it('without a plan: 404 PLAN_MISSING', async () => {
      const student = await signUpClient(t.app);
      await student.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
      const response = await student.request({ method: 'POST', url: '/api/plan/push-back', payload: {} });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('PLAN_MISSING');
    });
  });

  it('refuses a tick on rest or the exam day with 422 and says why', async () => {
    const student = await studentWithPlan();
    const all = items(await plan(student));
    for (const target of [all.find((i) => i.kind === 'rest')!, all.find((i) => i.kind === 'exam')!]) {
      const response = await student.request({
        method: 'POST',
        url: `/api/plan/items/${target.id}`,
        payload: { status: 'skipped' },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe('ITEM_NOT_TICKABLE');
    }
  });

  it('applies a way out as a settings patch, on the work still ahead', async () => {
    const student = await studentWithPlan(buildPlanSettings());
    const response = await student.request({
      method: 'PUT',
      url: '/api/plan',
      payload: { settingsPatch: { dailyCapHours: 8 } },
    });
    expect(response.statusCode).toBe(200);
    const body: Body = response.json();
    expect(body.plan.settings.dailyCapHours).toBe(8);
    expect(body.plan.summary.waysOutChecked).toBe(true);
    const bad = await student.request({
      method: 'PUT',
      url: '/api/plan',
      payload: { settingsPatch: { dailyCapHours: 11 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['settingsPatch.dailyCapHours']);
  });

  it('moves the review time with a new block format when it was the block’s length (the domain rule)', async () => {
    const student = await studentWithPlan(buildPlanSettings());
    const questionBank = { questionsLeft: 2000, blockFormat: '40-in-60', reviewMinutesPerBlock: 30, mode: 'timed' };
    const response = await student.request({
      method: 'PUT',
      url: '/api/plan',
      payload: { settingsPatch: { questionBank } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().plan.settings.questionBank).toMatchObject({
      blockFormat: '40-in-60',
      reviewMinutesPerBlock: 60,
    });
  });

  it('answers PLAN_INFEASIBLE with its ways out as data, each with a patch or an exam date', async () => {
    const student = await signUpClient(t.app);
    await student.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate: '2027-01-10' }),
    });
    const response = await student.request({
      method: 'PUT',
      url: '/api/plan',
      payload: { settings: buildPlanSettings({ questionBank: { ...roomy.questionBank, questionsLeft: 3900 } }) },
    });
    expect(response.statusCode).toBe(422);
    const error = response.json().error;
    expect(error.code).toBe('PLAN_INFEASIBLE');
    expect(error.details.waysOut.length).toBeGreaterThan(0);
    for (const way of error.details.waysOut) {
      expect(typeof way.label).toBe('string');
      expect(way.settingsPatch !== undefined || way.examDate !== undefined).toBe(true);
    }
  });

  it('reserves a journal review slot once the journal has due cards', async () => {
    const student = await studentWithPlan();
    expect(items(await plan(student)).some((i) => i.kind === 'journal-review')).toBe(false);
    for (let k = 0; k < 12; k++) {
      const added = await student.request({
        method: 'POST',
        url: '/api/journal/entries',
        payload: {
          bank: 'uworld',
          questionId: `q${k}`,
          system: 'gastrointestinal',
          discipline: 'surgery',
          errorType: 'knowledge-gap',
          keyPoint: `Key point ${k}`,
          wrongOptions: [],
          teachingPoint: '',
          rule: null,
          confidence: 'sure',
        },
      });
      expect(added.statusCode).toBe(201);
    }
    const replanned = await student.request({ method: 'POST', url: '/api/plan/replan', payload: {} });
    expect(replanned.statusCode).toBe(200);
    const body: Body = replanned.json();
    // 12 new cards due today at the default minute a card: a 15-minute slot today (rounded up to 5)
    const slot = items(body).find((i) => i.kind === 'journal-review' && i.date === body.today);
    expect(slot).toMatchObject({ date: body.today, minutes: 15 });
  });

  describe('with an Idempotency-Key (docs/idempotency.md)', () => {
    const keyed = (client: Client, url: string, payload: object, key: string) =>
      client.request({ method: 'POST', url, payload, headers: { 'idempotency-key': key } });
    const keyRows = async (client: Client) =>
      (
        await t.ctx.database.db
          .selectFrom('idempotency_keys')
          .select(['key', 'status'])
          .where('user_id', '=', client.id)
          .execute()
      ).map((r) => ({ key: r.key, status: Number(r.status) }));

    it('a replayed push-back answers the stored plan and pushes nothing back again', async () => {
      const student = await studentWithPlan();
      const key = '0193a5e2-7c1d-7f3a-9b2e-4d5f6a7b8c01';
      const first = await keyed(student, '/api/plan/push-back', {}, key);
      expect(first.statusCode).toBe(200);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const answered: Body = first.json();
      expect(answered.reflow!.moved).toBeGreaterThan(0);
      const afterFirst = items(await plan(student));
      expect(afterFirst).toEqual(items(answered));

      const retry = await keyed(student, '/api/plan/push-back', {}, key.toUpperCase());
      expect(retry.statusCode).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual(answered);
      expect(items(await plan(student))).toEqual(afterFirst);
      expect(await keyRows(student)).toEqual([{ key, status: 200 }]);

      // The control: a second push-back without the key does move the work again.
      const again = await student.request({ method: 'POST', url: '/api/plan/push-back', payload: {} });
      expect(again.statusCode).toBe(200);
      expect(items(again.json())).not.toEqual(afterFirst);
    });

    it('a replayed spread answers the stored plan and spreads nothing again', async () => {
      const student = await studentWithPlan();
      t.clock.advance(DAY_MS); // yesterday's work is now missed
      expect((await plan(student)).missed.count).toBeGreaterThan(0);
      const key = '0193a5e2-7c1d-7f3a-9b2e-4d5f6a7b8c02';
      const first = await keyed(student, '/api/plan/spread-missed', { days: 3 }, key);
      expect(first.statusCode).toBe(200);
      const answered: Body = first.json();
      expect(answered.reflow!.moved).toBeGreaterThan(0);
      const afterFirst = items(await plan(student));

      const retry = await keyed(student, '/api/plan/spread-missed', { days: 3 }, key);
      expect(retry.statusCode).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual(answered);
      expect(items(await plan(student))).toEqual(afterFirst);
      expect(await keyRows(student)).toEqual([{ key, status: 200 }]);
    });

    it('the same key on a different body or route answers 422 and moves nothing', async () => {
      const student = await studentWithPlan();
      t.clock.advance(DAY_MS);
      const key = '0193a5e2-7c1d-7f3a-9b2e-4d5f6a7b8c03';
      expect((await keyed(student, '/api/plan/spread-missed', { days: 3 }, key)).statusCode).toBe(200);
      const afterFirst = items(await plan(student));
      for (const [url, payload] of [
        ['/api/plan/spread-missed', { days: 2 }],
        ['/api/plan/push-back', {}],
      ] as const) {
        const reused = await keyed(student, url, payload, key);
        expect(reused.statusCode).toBe(422);
        expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
        expect(reused.json().error.fields['Idempotency-Key']).toMatch(/generate a new key/);
      }
      expect(items(await plan(student))).toEqual(afterFirst);
      expect(await keyRows(student)).toEqual([{ key, status: 200 }]);
    });

    it('a refused re-flow records no key, and a malformed key answers 400', async () => {
      const student = await signUpClient(t.app);
      await student.request({
        method: 'PUT',
        url: '/api/profile',
        payload: buildProfileInput({ examDate: '2027-02-24' }),
      });
      const key = '0193a5e2-7c1d-7f3a-9b2e-4d5f6a7b8c04';
      expect((await keyed(student, '/api/plan/push-back', {}, key)).statusCode).toBe(404);
      expect(await keyRows(student)).toEqual([]);
      const malformed = await keyed(student, '/api/plan/spread-missed', { days: 3 }, 'not-a-uuid');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.fields['Idempotency-Key']).toMatch(/Use a UUID/);
    });
  });
});
