import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPostmortemAnswers } from '#tests/factories/postmortem.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

const ANSWERS = buildPostmortemAnswers();
/** The same answers with a struggle during dedicated and no support yet: the burnout cause. */
const STRUGGLING = {
  ...ANSWERS,
  wellbeing: { ...ANSWERS.wellbeing, hadProblems: true, isSupportInPlace: false, detail: 'panic attacks at night' },
};

describeEachDatabase('support prompt API', (kind) => {
  let t: TestApp;
  let student: Client;
  let other: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    other = await signUpClient(t.app);
  });
  afterAll(() => t.close());

  const prompt = (client: Client) => client.request({ method: 'GET', url: '/api/postmortem/support-prompt' });
  const confirm = (client: Client, payload: unknown) =>
    client.request({ method: 'PUT', url: '/api/postmortem/support-prompt', payload: payload as object });

  it('asks nothing without a postmortem, and has nothing to confirm', async () => {
    expect((await prompt(student)).json()).toEqual({ isAsked: false, confirmedAt: null, actions: [] });
    const response = await confirm(student, { isDone: true });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('asks nothing when the postmortem found no burnout', async () => {
    expect((await student.request({ method: 'PUT', url: '/api/postmortem', payload: ANSWERS })).statusCode).toBe(200);
    expect((await prompt(student)).json()).toMatchObject({ isAsked: false, actions: [] });
  });

  it('asks with the postmortem’s own steps and the crisis line until confirmed, then stops for good', async () => {
    expect((await student.request({ method: 'PUT', url: '/api/postmortem', payload: STRUGGLING })).statusCode).toBe(
      200,
    );
    const asked = (await prompt(student)).json();
    expect(asked.isAsked).toBe(true);
    expect(asked.confirmedAt).toBeNull();
    expect(asked.actions.map((a: { text: string }) => a.text).join(' ')).toMatch(/support this week/);
    expect(asked.actions.some((a: { href?: string }) => a.href === 'https://988lifeline.org')).toBe(true);

    // Another student's confirmation changes nothing here.
    expect((await confirm(other, { isDone: true })).statusCode).toBe(404);
    expect((await prompt(student)).json().isAsked).toBe(true);

    const done = await confirm(student, { isDone: true });
    expect(done.statusCode).toBe(200);
    expect(done.json().isAsked).toBe(false);
    const first = done.json().confirmedAt as string;
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT/);
    // A second confirmation keeps the first instant, and saving the postmortem again does not re-ask.
    expect((await confirm(student, { isDone: true })).json().confirmedAt).toBe(first);
    await student.request({ method: 'PUT', url: '/api/postmortem', payload: STRUGGLING });
    expect((await prompt(student)).json()).toMatchObject({ isAsked: false, confirmedAt: first });
  });

  it.each([[{}], [{ isDone: false }], [{ isDone: 'yes' }], [{ isDone: true, extra: 1 }], [null]])(
    'refuses %j with a field message, not a 500',
    async (payload) => {
      const response = await confirm(student, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    },
  );
});
