/*
 * A block logged after its plan item was ticked by hand joins that item (evidence.repo.ts
 * insertBlock). Two blocks logged at once through two instances, after one tick by hand: one joins
 * the ticked item, the other ticks the next open one; never both the same item, never two more
 * ticked. On PostgreSQL the second instance has its own pool, so the two writes truly race and the
 * student's lock is what orders them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import {
  createSecondInstance,
  createTestApp,
  sameClientOn,
  signUpClient,
  type TestApp,
} from '#tests/setup/test-app.ts';

// Test clock: 2026-11-24T15:00Z, 09:00 in Chicago.
describeEachDatabase('blocks logged at once after a tick by hand', (kind) => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof createSecondInstance>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    second = await createSecondInstance(t);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('join the ticked item once and tick one more, whatever their order', async () => {
    for (let round = 0; round < 4; round++) {
      const here = await signUpClient(t.app);
      const there = sameClientOn(second.app, here);
      await here.request({
        method: 'PUT',
        url: '/api/profile',
        payload: buildProfileInput({ examDate: '2027-01-20' }),
      });
      await here.request({ method: 'PUT', url: '/api/plan', payload: { settings: buildPlanSettings() } });
      const blocksOfDay = async () =>
        (
          (await here.request({ method: 'GET', url: '/api/plan?from=2026-11-24&to=2026-11-24' })).json() as {
            days: { items: { id: string; kind: string; status: string | null }[] }[];
          }
        ).days[0]!.items.filter((i) => i.kind === 'qbank-block');
      const [first] = await blocksOfDay();
      const ticked = await here.request({
        method: 'POST',
        url: `/api/plan/items/${first!.id}`,
        payload: { status: 'done' },
      });
      expect(ticked.statusCode).toBe(200);

      const payload = {
        bank: 'uworld',
        mode: 'timed',
        questions: 20,
        correct: 15,
        minutes: 30,
        date: '2026-11-24',
        missedSystems: [],
        missedDisciplines: [],
      };
      const answers = await Promise.all(
        [here, there].map((c) => c.request({ method: 'POST', url: '/api/evidence/blocks', payload })),
      );
      expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
      const joined = answers.map((a) => a.json() as { planItemId: string; wasTickedBefore: boolean });
      expect(joined.filter((j) => j.wasTickedBefore).map((j) => j.planItemId)).toEqual([first!.id]);
      expect(new Set(joined.map((j) => j.planItemId)).size).toBe(2);
      expect((await blocksOfDay()).filter((i) => i.status === 'done')).toHaveLength(2);
    }
  });
});
