import { afterAll, beforeAll, expect, it } from 'vitest';
import { generatePlan, type Plan } from '#domain/plan/scheduler.ts';
import { DEFAULT_PLAN_SETTINGS } from '#domain/plan/settings.ts';
import { insertUser } from '#tests/factories/users.ts';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { createPlansRepo } from './plans.repo.ts';

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

  it('stores items with their sequence, change time and status, and remembers removed ids', async () => {
    const plans = createPlansRepo(testDb.database.db);
    const items = plan.days
      .flatMap((day) => day.items)
      .map((item, i) => ({
        ...item,
        id: `item-${i}`,
        sequence: i % 3,
        changedAt: i === 0 ? '2026-11-25T09:00:00.000Z' : null,
        status: i === 0 ? ('done' as const) : null,
        statusAt: i === 0 ? '2026-11-25T09:30:00.000Z' : null,
      }));
    await plans.replaceFrom('u1', {
      plan,
      settings: DEFAULT_PLAN_SETTINGS,
      items,
      removedIds: ['gone-1', 'gone-2'],
      now: '2026-11-25T10:00:00.000Z',
    });
    const stored = await plans.listItems('u1');
    expect(stored).toHaveLength(items.length);
    expect(await plans.getItem('u1', 'item-0')).toMatchObject({
      status: 'done',
      statusAt: '2026-11-25T09:30:00.000Z',
      sequence: 0,
      changedAt: '2026-11-25T09:00:00.000Z',
    });
    expect((await plans.getItem('u1', 'item-2'))?.sequence).toBe(2);
    expect(await plans.wasRemoved('u1', 'gone-1')).toBe(true);
    expect(await plans.wasRemoved('u1', 'item-1')).toBe(false);
    // Removals are pruned after a while
    await plans.deleteRemovalsBefore('2026-11-26T00:00:00.000Z');
    expect(await plans.wasRemoved('u1', 'gone-1')).toBe(false);
  });
});
