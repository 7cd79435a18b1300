import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPostmortemAnswers } from '#tests/factories/postmortem.ts';

const VALID_ANSWERS = buildPostmortemAnswers();
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

describeEachDatabase('postmortem API', (kind) => {
  let t: TestApp;
  let student: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
  });
  afterAll(() => t.close());

  const put = (payload: unknown) =>
    student.request({ method: 'PUT', url: '/api/postmortem', payload: payload as object });

  it('serves the questionnaire with the five probes and the content categories', async () => {
    const body = (await student.request({ method: 'GET', url: '/api/postmortem/questionnaire' })).json();
    const ids = body.sections.map((s: { id: string }) => s.id);
    expect(ids).toEqual(
      expect.arrayContaining(['question-bank', 'dedicated', 'practice-exams', 'wellbeing', 'exam-day', 'score-report']),
    );
    expect(body.contentCategories.length).toBeGreaterThanOrEqual(17);
  });

  it('starts empty, and the plan defaults are the seed’s until a postmortem exists', async () => {
    expect((await student.request({ method: 'GET', url: '/api/postmortem' })).json()).toEqual({ postmortem: null });
    const defaults = (await student.request({ method: 'GET', url: '/api/plan/defaults' })).json();
    expect(defaults).toMatchObject({ hasPostmortem: false, changes: [] });
    expect(defaults.settings.weeklyHours).toEqual({ questionBank: 25, practiceExams: 5, contentReview: 10, rest: 8 });
  });

  it('refuses "I\'m just bad at tests" as the explanation, asking for specifics, and saves nothing', async () => {
    const response = await put({ ...VALID_ANSWERS, ownWords: "I'm just bad at tests." });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.ownWords).toBeDefined();
    expect((await student.request({ method: 'GET', url: '/api/postmortem' })).json().postmortem).toBeNull();
  });

  it('saves the answers, names the causes with evidence, and shows which settings they changed', async () => {
    const response = await put(VALID_ANSWERS);
    expect(response.statusCode).toBe(200);
    const { postmortem } = response.json();
    expect(postmortem.diagnosis.causes.length).toBeGreaterThan(0);
    for (const cause of postmortem.diagnosis.causes) expect(cause.evidence.length).toBeGreaterThan(0);
    const defaults = (await student.request({ method: 'GET', url: '/api/plan/defaults' })).json();
    expect(defaults.hasPostmortem).toBe(true);
    expect(defaults.changes).toEqual(postmortem.countermeasures.changes);
    expect(defaults.settings).toEqual({
      ...postmortem.countermeasures.settings,
      fixedDailyBlocks: postmortem.countermeasures.flags.fixedDailyBlocks,
    });
  });

  it('refuses inconsistent answers field by field, keeping the saved postmortem', async () => {
    const before = (await student.request({ method: 'GET', url: '/api/postmortem' })).json().postmortem.updatedAt;
    const response = await put({ ...VALID_ANSWERS, questionBank: { ...VALID_ANSWERS.questionBank, percentDone: 140 } });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toContain('questionBank.percentDone');
    expect((await student.request({ method: 'GET', url: '/api/postmortem' })).json().postmortem.updatedAt).toBe(before);
  });
});
