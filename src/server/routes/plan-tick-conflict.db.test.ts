// A tick that reaches the server after the plan changed under it (issue 13: a tick queued offline
// while a re-plan or a push-back was made elsewhere), on both databases: it lands on the same item
// when its rules allow, and otherwise the refusal says what became of the item.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

type Item = { id: string; date: string; kind: string; start: string; status: string | null };
type Body = { days: { date: string; items: Item[] }[] };

// The test clock starts at 2026-11-24T15:00Z: 09:00 on Tuesday 2026-11-24 in America/Chicago.
const TODAY = '2026-11-24';
const TOMORROW = '2026-11-25';
const roomy = buildPlanSettings({ protectedTime: [], dailyCapHours: 9 });

describeEachDatabase('a tick after the plan changed', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function studentWithPlan(): Promise<Client> {
    const student = await signUpClient(t.app);
    await student.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate: '2027-02-24' }),
    });
    const put = await student.request({ method: 'PUT', url: '/api/plan', payload: { settings: roomy } });
    expect(put.statusCode).toBe(200);
    return student;
  }
  const items = async (client: Client): Promise<Item[]> =>
    ((await client.request({ method: 'GET', url: '/api/plan' })).json() as Body).days.flatMap((d) => d.items);
  const tick = (client: Client, id: string, key: string) =>
    client.request({
      method: 'POST',
      url: `/api/plan/items/${id}`,
      payload: { status: 'done' },
      headers: { 'idempotency-key': key },
    });

  it('after a push-back: a block lands on the same moved item; a review is refused with where it is now', async () => {
    const student = await studentWithPlan();
    const todays = (await items(student)).filter((i) => i.date === TODAY);
    const block = todays.find((i) => i.kind === 'qbank-block')!;
    const review = todays.find((i) => i.kind === 'qbank-review')!;
    expect(block && review).toBeTruthy();
    expect((await student.request({ method: 'POST', url: '/api/plan/push-back', payload: {} })).statusCode).toBe(200);

    const onBlock = await tick(student, block.id, '0193a5e2-7c1d-7f3a-9b2e-00000000b001');
    expect(onBlock.statusCode).toBe(200);
    expect(onBlock.json().item).toMatchObject({ id: block.id, date: TOMORROW, status: 'done' });

    const onReview = await tick(student, review.id, '0193a5e2-7c1d-7f3a-9b2e-00000000b002');
    expect(onReview.statusCode).toBe(400);
    expect(onReview.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { item: { id: review.id, date: TOMORROW, kind: 'qbank-review', status: null } },
    });
    // The stored item view only: no internal columns.
    expect(Object.keys(onReview.json().error.details.item)).not.toContain('sequence');

    const after = await items(student);
    expect(after.filter((i) => i.status !== null).map((i) => i.id)).toEqual([block.id]);
    // The refused tick recorded no key: sent again it is checked again (and refused again).
    expect((await tick(student, review.id, '0193a5e2-7c1d-7f3a-9b2e-00000000b002')).statusCode).toBe(400);
  });

  it('after a re-plan that took the item out: 409 PLAN_CHANGED marked removed, and nothing is ticked', async () => {
    const student = await studentWithPlan();
    const block = (await items(student)).find((i) => i.date === TODAY && i.kind === 'qbank-block')!;
    const settings = { ...roomy, protectedTime: [{ weekday: 2, start: '06:00', end: '23:30', label: 'Rotation' }] };
    expect((await student.request({ method: 'PUT', url: '/api/plan', payload: { settings } })).statusCode).toBe(200);
    const before = await items(student);
    expect(before.some((i) => i.id === block.id)).toBe(false);

    const response = await tick(student, block.id, '0193a5e2-7c1d-7f3a-9b2e-00000000b003');
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'PLAN_CHANGED', details: { removed: true } });
    expect(await items(student)).toEqual(before);
  });
});
