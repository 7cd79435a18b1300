import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_PLAN_SETTINGS } from '#domain/plan/settings.ts';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

// Test clock: 2026-11-24T15:00Z (09:00 in Chicago); the exam is on 2027-01-20.
describeEachDatabase('journal summary, error patterns and the weak-area ranking', (kind) => {
  let t: TestApp;
  let student: Client;
  let other: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    other = await signUpClient(t.app);
    for (const c of [student, other]) {
      await c.request({
        method: 'PUT',
        url: '/api/profile',
        payload: buildProfileInput({ examDate: '2027-01-20' }),
      });
    }
    const saved = await student.request({
      method: 'PUT',
      url: '/api/plan',
      payload: {
        settings: buildPlanSettings({
          questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, questionsLeft: 800, mode: 'tutor' },
        }),
      },
    });
    expect(saved.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const summary = async (client = student) =>
    (await client.request({ method: 'GET', url: '/api/journal/summary' })).json();
  const entry = (errorType: string, system = 'renal-urinary') => ({
    bank: 'uworld',
    errorType,
    system,
    keyPoint: 'Read the last line of the stem before the vignette',
  });

  it('shows a timing pattern whose change, applied through the plan API, switches the blocks to timed once', async () => {
    expect(await summary()).toEqual({
      entryCount: 0,
      dueToday: 0,
      backlog: { count: 0, perDay: null, lastDay: null },
      patterns: [],
    });
    const added = await student.request({
      method: 'POST',
      url: '/api/journal/entries/batch',
      payload: {
        entries: [
          ...Array.from({ length: 6 }, () => entry('timing')),
          ...Array.from({ length: 4 }, () => entry('knowledge-gap', 'cardiovascular')),
        ],
      },
    });
    expect(added.statusCode).toBe(201);
    const found = await summary();
    expect(found).toMatchObject({ entryCount: 10, dueToday: 10 });
    expect(found.patterns).toHaveLength(1);
    const [pattern] = found.patterns;
    expect(pattern).toMatchObject({ kind: 'timing', count: 6, total: 10, noChangeReason: null });
    expect(pattern.change.patch.questionBank).toMatchObject({ mode: 'timed', questionsLeft: 800 });

    const applied = await student.request({
      method: 'PUT',
      url: '/api/plan',
      payload: { settingsPatch: pattern.change.patch },
    });
    expect(applied.statusCode).toBe(200);
    const plan = (await student.request({ method: 'GET', url: '/api/plan' })).json();
    expect(plan.plan.settings.questionBank).toMatchObject({ mode: 'timed', questionsLeft: 800 });
    const after = await summary();
    expect(after.patterns[0]).toMatchObject({ kind: 'timing', change: null });
    expect(after.patterns[0].noChangeReason).toMatch(/already timed/);

    // Another student sees none of it.
    expect(await summary(other)).toMatchObject({ entryCount: 0, patterns: [] });
  });

  it('counts the journal in the weak-area ranking: entries not from a block are misses, with their error type', async () => {
    const evidence = (await student.request({ method: 'GET', url: '/api/evidence' })).json();
    const renal = evidence.weakAreas.systems.find((a: { id: string }) => a.id === 'renal-urinary');
    expect(renal).toMatchObject({ misses: 6, journalEntries: 6, repeatMisses: 0, topErrorType: 'timing' });
    expect(renal.explanation).toMatch(/6 journal entries not from a block/);
    const otherEvidence = (await other.request({ method: 'GET', url: '/api/evidence' })).json();
    expect(otherEvidence.weakAreas.systems).toEqual([]);
  });
});
