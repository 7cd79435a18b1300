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
});
