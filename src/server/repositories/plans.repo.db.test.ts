import { afterAll, beforeAll, expect, it } from 'vitest';
import { generatePlan, type Plan } from '#domain/plan/scheduler.ts';
import { DEFAULT_PLAN_SETTINGS } from '#domain/plan/settings.ts';
import { insertUser } from '#tests/factories/users.ts';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { createPlansRepo, PlanChangedError } from './plans.repo.ts';

describeEachDatabase('plans repository', (kind) => {
  let testDb: TestDatabase;
  let plan: Plan;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    await insertUser(testDb.database.db, 'u1');
    const result = generatePlan({
      startDate: '2026-11-25',
      examDate: '2027-01-20',
      settings: {
        ...DEFAULT_PLAN_SETTINGS,
        questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, questionsLeft: 400 },
      },
    });
    if (!result.ok) throw new Error(result.error.message);
    plan = result.value;
  });
  afterAll(() => testDb.drop());

  it('refuses to replace items when one was ticked after they were read, changing nothing', async () => {
    const plans = createPlansRepo(testDb.database.db);
    await plans.replaceFrom('u1', plan, DEFAULT_PLAN_SETTINGS, new Map(), '2026-11-25T10:00:00.000Z');
    const first = plan.days[0]!.items[0]!;
    // A block logged from a phone ticks an item while a re-plan was computing without it.
    await plans.setStatus('u1', first.id, 'done', '2026-11-25T10:01:00.000Z');
    await expect(
      plans.replaceFrom('u1', plan, DEFAULT_PLAN_SETTINGS, new Map(), '2026-11-25T10:02:00.000Z'),
    ).rejects.toBeInstanceOf(PlanChangedError);
    expect((await plans.getItem('u1', first.id))?.status).toBe('done');
    // Knowing of the tick, the replacement goes through and keeps it.
    await plans.replaceFrom(
      'u1',
      plan,
      DEFAULT_PLAN_SETTINGS,
      new Map([[first.id, { status: 'done', at: '2026-11-25T10:01:00.000Z' }]]),
      '2026-11-25T10:03:00.000Z',
    );
    expect((await plans.getItem('u1', first.id))?.status).toBe('done');
  });
});
