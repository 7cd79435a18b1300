import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

// Test clock: 2026-11-24. The exam 57 days out; scores in the 170s against a target of 240 make the
// readiness check propose a delay (as in evidence.routes.test.ts). Decision 013.
describeEachDatabase('readiness gate', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function studentWithDelay(readinessGate: boolean | undefined): Promise<Client> {
    const student = await signUpClient(t.app);
    const put = async (url: string, payload: object) => {
      const response = await student.request({ method: 'PUT', url, payload });
      expect(response.statusCode, response.body).toBe(200);
    };
    await put('/api/profile', buildProfileInput({ examDate: '2027-01-20', reviewStartDate: '2027-09-22' }));
    const settings = buildPlanSettings({
      questionBank: { questionsLeft: 800, blockFormat: '20-in-30', reviewMinutesPerBlock: 30, mode: 'timed' },
    });
    await put('/api/plan', { settings: readinessGate === undefined ? settings : { ...settings, readinessGate } });
    for (const exam of [
      { form: 'NBME13', date: '2026-11-10', score: 172, breakdown: [] },
      { form: 'UWSA1', date: '2026-11-20', score: 176 },
    ]) {
      const response = await student.request({ method: 'POST', url: '/api/evidence/practice-exams', payload: exam });
      expect(response.statusCode, response.body).toBe(201);
    }
    return student;
  }
  const readinessOf = async (student: Client) =>
    (await student.request({ method: 'GET', url: '/api/evidence' })).json().readiness;

  it('puts the proposal behind the gate when the plan settings turn it on', async () => {
    const readiness = await readinessOf(await studentWithDelay(true));
    expect(readiness.verdict).toBe('delay');
    expect(readiness.delayProposal).not.toBeNull();
    expect(readiness.isGated).toBe(true);
  });

  it('still proposes the delay with the gate off or never set, for the student to choose', async () => {
    for (const gate of [false, undefined]) {
      const readiness = await readinessOf(await studentWithDelay(gate));
      expect(readiness.verdict).toBe('delay');
      expect(readiness.delayProposal).not.toBeNull();
      expect(readiness.isGated).toBe(false);
    }
  });

  it('keeps the gate through a save and a reload of the plan settings', async () => {
    const student = await studentWithDelay(true);
    const plan = (await student.request({ method: 'GET', url: '/api/plan' })).json();
    expect(plan.plan.settings.readinessGate).toBe(true);
  });
});
