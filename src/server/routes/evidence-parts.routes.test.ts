import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVIDENCE_PARTS } from '#shared/contracts/evidence-api.ts';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

// Test clock: 2026-11-24T15:00Z (09:00 in Chicago). Internal medicine, 10-point buffer: target 240.
// The exam is 57 days out: the scores in the 170s below bring "delay" even before the decision window.
describeEachDatabase('evidence API, one part at a time (issue 13)', (kind) => {
  let t: TestApp;
  let student: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    await student.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate: '2027-01-20', reviewStartDate: '2027-09-22' }),
    });
    await student.request({
      method: 'PUT',
      url: '/api/plan',
      payload: {
        settings: buildPlanSettings({
          questionBank: { questionsLeft: 800, blockFormat: '40-in-60', reviewMinutesPerBlock: 60, mode: 'timed' },
        }),
      },
    });
  });
  afterAll(() => t.close());
  afterEach(() => vi.restoreAllMocks());

  const get = async (client: Client, url: string) => {
    const response = await client.request({ method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const post = async (url: string, payload: object) => {
    const response = await student.request({ method: 'POST', url, payload });
    expect(response.statusCode, response.body).toBe(201);
  };
  const CONTEXT_KEYS = ['examDate', 'passingScore', 'targetScore', 'today'];
  const KEYS: Record<(typeof EVIDENCE_PARTS)[number], string[]> = {
    overview: ['help', 'nextExam', 'prediction', 'readiness'],
    exams: ['practiceExams', 'prediction', 'verdict'],
    bank: ['blocks'],
    'weak-areas': ['weakAreas'],
    endurance: ['endurance'],
    wellbeing: ['counselling', 'wellbeing'],
  };

  it('answers each part with its own keys only; before any exam the overview names the plan’s first one', async () => {
    for (const part of EVIDENCE_PARTS) {
      const body = await get(student, `/api/evidence/${part}`);
      expect(Object.keys(body).sort(), part).toEqual([...CONTEXT_KEYS, ...KEYS[part]].sort());
      expect(body).toMatchObject({ today: '2026-11-24', examDate: '2027-01-20', targetScore: 240 });
    }
    const overview = await get(student, '/api/evidence/overview');
    expect(overview.prediction.status).toBe('no-evidence');
    const planned = (await t.ctx.repos.plans.get(student.id))!.summary.practiceExamDates;
    const first = [...planned].sort((a, b) => (a.date < b.date ? -1 : 1)).find((p) => p.date >= '2026-11-24');
    expect(first).toBeDefined();
    expect(overview.nextExam).toEqual({ form: first!.form, date: first!.date });
    expect(overview.help).toEqual({ prompt: null, reasons: [] });
  });

  it('says the same as GET /api/evidence, part by part, once everything is logged', async () => {
    await post('/api/evidence/blocks', {
      bank: 'uworld',
      mode: 'timed',
      questions: 40,
      correct: 28,
      minutes: 58,
      date: '2026-11-24',
      missedSystems: ['cardiovascular', 'cardiovascular', 'renal-urinary'],
      missedDisciplines: ['medicine'],
    });
    await post('/api/evidence/practice-exams', { form: 'NBME13', date: '2026-11-10', score: 172 });
    await post('/api/evidence/practice-exams', { form: 'UWSA1', date: '2026-11-20', score: 176 });
    await post('/api/evidence/full-length-days', { date: '2026-11-22' });
    for (const [date, sleepHours] of [
      ['2026-11-21', 4],
      ['2026-11-22', 5],
      ['2026-11-23', 4.5],
    ] as const) {
      await post('/api/evidence/wellbeing', { date, sleepHours, stress: 4, mood: 2 });
    }

    const all = await get(student, '/api/evidence');
    const context = {
      today: all.today,
      examDate: all.examDate,
      targetScore: all.targetScore,
      passingScore: all.passingScore,
    };
    const overview = await get(student, '/api/evidence/overview');
    expect(overview.readiness.verdict).toBe('delay');
    expect(overview.readiness.delayProposal.focusAreas.length).toBeGreaterThan(0);
    expect(overview).toEqual({
      ...context,
      prediction: all.prediction,
      readiness: all.readiness,
      nextExam: overview.nextExam,
      help: { prompt: all.wellbeing.assessment.prompt, reasons: all.wellbeing.assessment.reasons },
    });
    expect(overview.help.prompt).not.toBeNull();
    // NBME13 and UWSA1 are logged: the next exam is none of them.
    if (overview.nextExam) expect(['NBME13', 'UWSA1']).not.toContain(overview.nextExam.form);
    expect(await get(student, '/api/evidence/exams')).toEqual({
      ...context,
      practiceExams: all.practiceExams,
      prediction: all.prediction,
      verdict: { verdict: 'delay', headline: all.readiness.headline },
    });
    expect(await get(student, '/api/evidence/bank')).toEqual({ ...context, blocks: all.blocks });
    expect(await get(student, '/api/evidence/weak-areas')).toEqual({ ...context, weakAreas: all.weakAreas });
    expect(await get(student, '/api/evidence/endurance')).toEqual({ ...context, endurance: all.endurance });
    expect(await get(student, '/api/evidence/wellbeing')).toEqual({
      ...context,
      wellbeing: all.wellbeing,
      counselling: all.counselling,
    });
  });

  it('reads only the tables a part needs', async () => {
    const { evidence, plans, journal } = t.ctx.repos;
    const spies = {
      blocks: vi.spyOn(evidence, 'listBlocks'),
      exams: vi.spyOn(evidence, 'listPracticeExams'),
      checkIns: vi.spyOn(evidence, 'listCheckIns'),
      planItems: vi.spyOn(plans, 'listItems'),
      journal: vi.spyOn(journal, 'listMissSignals'),
    };
    const calls = () => Object.fromEntries(Object.entries(spies).map(([name, spy]) => [name, spy.mock.calls.length]));
    const reset = () => Object.values(spies).forEach((spy) => spy.mockClear());

    await get(student, '/api/evidence/bank');
    expect(calls()).toEqual({ blocks: 1, exams: 0, checkIns: 0, planItems: 0, journal: 0 });
    reset();
    await get(student, '/api/evidence/wellbeing');
    expect(calls()).toEqual({ blocks: 0, exams: 0, checkIns: 1, planItems: 0, journal: 0 });
    reset();
    await get(student, '/api/evidence/exams');
    // The "delay" verdict's proposal names the weak areas: blocks and the journal are read for it.
    expect(calls()).toEqual({ blocks: 1, exams: 1, checkIns: 0, planItems: 0, journal: 1 });
    reset();
    // Everything at once still reads each table once.
    await get(student, '/api/evidence');
    expect(calls()).toEqual({ blocks: 1, exams: 1, checkIns: 1, planItems: 1, journal: 1 });
  });

  describe('another student', () => {
    it('gets their own empty parts, none of the owner’s logs', async () => {
      const other = await signUpClient(t.app);
      await other.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
      expect((await get(other, '/api/evidence/bank')).blocks.recent).toEqual([]);
      expect((await get(other, '/api/evidence/exams')).practiceExams).toEqual([]);
      expect((await get(other, '/api/evidence/wellbeing')).wellbeing.recent).toEqual([]);
      expect((await get(other, '/api/evidence/endurance')).endurance.fullLengthDone).toEqual([]);
      expect((await get(other, '/api/evidence/weak-areas')).weakAreas.systems).toEqual([]);
      expect((await get(other, '/api/evidence/overview')).help.prompt).toBeNull();
    });

    it('without a profile, still gets each part (no exam date, no verdict)', async () => {
      const fresh = await signUpClient(t.app);
      const overview = await get(fresh, '/api/evidence/overview');
      expect(overview).toMatchObject({ examDate: null, targetScore: null, prediction: null, readiness: null });
      expect((await get(fresh, '/api/evidence/exams')).verdict).toBeNull();
    });
  });

  it('answers 404 for a part that does not exist', async () => {
    const response = await student.request({ method: 'GET', url: '/api/evidence/everything' });
    expect(response.statusCode).toBe(404);
  });
});
