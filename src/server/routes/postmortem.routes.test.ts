import { afterAll, beforeAll, expect, it, vi } from 'vitest';
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
      readinessGate: postmortem.countermeasures.flags.hardReadinessGate,
    });
  });

  it('refuses inconsistent answers field by field, keeping the saved postmortem', async () => {
    const before = (await student.request({ method: 'GET', url: '/api/postmortem' })).json().postmortem.updatedAt;
    const response = await put({ ...VALID_ANSWERS, questionBank: { ...VALID_ANSWERS.questionBank, percentDone: 140 } });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toContain('questionBank.percentDone');
    expect((await student.request({ method: 'GET', url: '/api/postmortem' })).json().postmortem.updatedAt).toBe(before);
  });

  // A stored row that no longer passes the contract (the contract tightened, or the row was damaged):
  // written straight to the database, as nothing the API accepts could produce it.
  it.each([
    ['text that is not JSON', '{"questionBank": {"percentDone": 80', 'not-json'],
    ['JSON the contract refuses', JSON.stringify({ ...VALID_ANSWERS, questionBank: { percentDone: 140 } }), 'contract'],
    ['JSON of the wrong kind', '"just a string"', 'contract'],
  ])('shows %s as unreadable, logs a warning and keeps it', async (_label, broken, reason) => {
    const owner = await signUpClient(t.app);
    expect((await owner.request({ method: 'PUT', url: '/api/postmortem', payload: VALID_ANSWERS })).statusCode).toBe(
      200,
    );
    const db = t.testDb.database.db;
    await db.updateTable('postmortems').set({ answers_json: broken }).where('user_id', '=', owner.id).execute();

    // The test app has no logger: Fastify then hands every request the app's own (null) logger.
    const warn = vi.spyOn(t.app.log, 'warn');
    const response = await owner.request({ method: 'GET', url: '/api/postmortem' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.postmortem).toBeNull();
    expect(body.unreadable.message).toMatch(/couldn’t read your saved answers/);
    expect(body.unreadable.message).toMatch(/Your answers are kept/);
    expect(body.unreadable.message).toMatch(/re-enter them/);
    expect(body.unreadable.updatedAt).toEqual(expect.any(String));
    expect(warn).toHaveBeenCalledTimes(1);
    const [details, message] = warn.mock.calls[0] as [Record<string, unknown>, string];
    expect(message).toMatch(/cannot be read/);
    expect(details).toMatchObject({ userId: owner.id, reason });
    // What broke, never what the student wrote.
    expect(JSON.stringify(details)).not.toContain('percentDone": 80');
    expect(JSON.stringify(details)).not.toContain(VALID_ANSWERS.ownWords);

    // The plan starts from the seed's defaults, and nothing was deleted: the export carries it all.
    const journey = (await owner.request({ method: 'GET', url: '/api/journey' })).json();
    // Home does not call it done while the page asks for it again.
    expect(journey.stages.find((stage: { id: string }) => stage.id === 'postmortem').status).not.toBe('done');
    const defaults = await owner.request({ method: 'GET', url: '/api/plan/defaults' });
    expect(defaults.statusCode).toBe(200);
    expect(defaults.json()).toMatchObject({ hasPostmortem: false, changes: [] });
    const row = await db
      .selectFrom('postmortems')
      .select('answers_json')
      .where('user_id', '=', owner.id)
      .executeTakeFirst();
    expect(row?.answers_json).toBe(broken);
    const exported = (await owner.request({ method: 'GET', url: '/api/account/export' })).json();
    expect(JSON.stringify(exported.postmortem.answers)).toBe(reason === 'not-json' ? JSON.stringify(broken) : broken);

    // Re-entering the answers replaces the unreadable copy.
    expect((await owner.request({ method: 'PUT', url: '/api/postmortem', payload: VALID_ANSWERS })).statusCode).toBe(
      200,
    );
    const again = (await owner.request({ method: 'GET', url: '/api/postmortem' })).json();
    expect(again.unreadable).toBeUndefined();
    expect(again.postmortem.diagnosis.causes.length).toBeGreaterThan(0);
    warn.mockRestore();
  });
});
