import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

// Test clock: 2026-11-24T15:00Z (09:00 in Chicago). Internal medicine, 10-point buffer: target 240.
describeEachDatabase('evidence API', (kind) => {
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

  const post = (url: string, payload: unknown) => student.request({ method: 'POST', url, payload: payload as object });
  const evidence = async () => (await student.request({ method: 'GET', url: '/api/evidence' })).json();
  const block = (overrides: object = {}) => ({
    bank: 'uworld',
    mode: 'timed',
    questions: 40,
    correct: 28,
    minutes: 58,
    date: '2026-11-24',
    missedSystems: ['cardiovascular', 'cardiovascular', 'renal-urinary'],
    missedDisciplines: ['medicine'],
    ...overrides,
  });

  it('logs a block, ticks off the matching plan item, and updates completion and % correct', async () => {
    const response = await post('/api/evidence/blocks', block());
    expect(response.statusCode).toBe(201);
    const { planItemId } = response.json();
    const plan = (await student.request({ method: 'GET', url: '/api/plan?from=2026-11-24&to=2026-11-24' })).json();
    const ticked = plan.days[0].items.find((i: { id: string }) => i.id === planItemId);
    expect(ticked).toMatchObject({ date: '2026-11-24', status: 'done' });
    expect(['qbank-block', 'second-pass-block']).toContain(ticked.kind);
    await post('/api/evidence/blocks', block({ correct: 30 }));
    await post('/api/evidence/blocks', block({ correct: 32, mode: 'tutor' }));
    const { blocks, endurance } = await evidence();
    expect(blocks.stats.overall).toMatchObject({ questions: 120, correct: 90, percentCorrect: 75 });
    expect(blocks.stats.last7Days.percentCorrect).toBe(75);
    expect(blocks.stats.banks[0]).toMatchObject({ bank: 'uworld', questionsDone: 120 });
    expect(endurance.timedBlocksDone).toBe(2);
  });

  it('joins a block logged after its plan item was ticked by hand to that item, ticking nothing more', async () => {
    // A student of their own: the day's blocks untouched by the other tests.
    const own = await signUpClient(t.app);
    await own.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput({ examDate: '2027-01-20' }) });
    await own.request({ method: 'PUT', url: '/api/plan', payload: { settings: buildPlanSettings() } });
    const day = async () =>
      (
        (await own.request({ method: 'GET', url: '/api/plan?from=2026-11-24&to=2026-11-24' })).json() as {
          days: { items: { id: string; kind: string; status: string | null }[] }[];
        }
      ).days[0]!.items.filter((i) => i.kind === 'qbank-block');
    const [first, second] = await day();
    expect(second, 'two new-question blocks on the day').toBeDefined();
    const ticked = await own.request({
      method: 'POST',
      url: `/api/plan/items/${first!.id}`,
      payload: { status: 'done' },
    });
    expect(ticked.statusCode).toBe(200);
    const log = () =>
      own.request({ method: 'POST', url: '/api/evidence/blocks', payload: block({ questions: 20, correct: 15 }) });

    // Logged after the tick: the same work, joined to the ticked item.
    const matched = await log();
    expect(matched.statusCode).toBe(201);
    expect(matched.json()).toMatchObject({ planItemId: first!.id, wasTickedBefore: true });
    expect((await day()).filter((i) => i.status === 'done').map((i) => i.id)).toEqual([first!.id]);
    // The next block is new work: it ticks the next open item.
    const next = await log();
    expect(next.json()).toMatchObject({ planItemId: second!.id, wasTickedBefore: false });
    expect((await day()).filter((i) => i.status === 'done').map((i) => i.id)).toEqual([first!.id, second!.id]);
  });

  describe('bad input says what to fix and stores nothing', () => {
    it.each([
      ['45 correct out of 40', '/api/evidence/blocks', block({ correct: 45 }), 'correct'],
      ['a block dated tomorrow', '/api/evidence/blocks', block({ date: '2026-11-25' }), 'date'],
      ['a score of 400', '/api/evidence/practice-exams', { form: 'NBME13', date: '2026-11-20', score: 400 }, 'score'],
      [
        'a taken exam dated in the future',
        '/api/evidence/practice-exams',
        { form: 'NBME13', date: '2026-12-20', score: 230 },
        'date',
      ],
      ['an unknown form', '/api/evidence/practice-exams', { form: 'NBME99', date: '2026-11-20', score: 230 }, 'form'],
    ])('refuses %s', async (_name, url, payload, field) => {
      const before = await evidence();
      const response = await post(url, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields).toHaveProperty(field);
      const after = await evidence();
      expect(after.blocks.stats.overall.questions).toBe(before.blocks.stats.overall.questions);
      expect(after.practiceExams).toHaveLength(before.practiceExams.length);
    });

    it('answers a check that reads several fields with the domain’s message, the only one', async () => {
      const cases = [
        {
          url: '/api/evidence/blocks',
          payload: block({ correct: 45, missedSystems: [], missedDisciplines: [] }),
          fields: {
            correct:
              'You answered 45 correctly out of 40 questions. Correct answers cannot exceed the questions in the block.',
          },
        },
        {
          url: '/api/evidence/practice-exams',
          payload: { form: 'FREE120', date: '2026-11-20', score: 240 },
          fields: {
            score:
              'The USMLE Free 120 reports a percent correct, not a 3-digit score. Enter percentCorrect (0–100) instead.',
          },
        },
        {
          url: '/api/evidence/practice-exams',
          payload: {
            form: 'NBME14',
            date: '2026-11-20',
            score: 240,
            breakdown: [
              { area: 'skin', percentCorrect: 50 },
              { area: 'skin', percentCorrect: 60 },
            ],
          },
          fields: { 'breakdown.1.area': 'This area is listed twice. Keep one line per area.' },
        },
      ];
      for (const { url, payload, fields } of cases) {
        const response = await post(url, payload);
        expect(response.statusCode).toBe(400);
        expect(response.json().error.fields).toEqual(fields);
      }
    });
  });

  it('predicts nothing before a practice exam and says which to take first', async () => {
    const { prediction, readiness } = await evidence();
    expect(prediction.status).toBe('no-evidence');
    expect(prediction.explanation.join(' ')).toMatch(/NBME|UWSA|practice exam/);
    expect(readiness.verdict).not.toBe('proceed');
  });

  it('says "delay" with reasons and numbers after two exams under target, and the delay re-plans when accepted', async () => {
    // 57 days out a delay is proposed only when even the band's top misses 228 (issue 10): scores in the 170s.
    await post('/api/evidence/practice-exams', { form: 'NBME13', date: '2026-11-10', score: 172, breakdown: [] });
    await post('/api/evidence/practice-exams', { form: 'UWSA1', date: '2026-11-20', score: 176 });
    const { prediction, readiness } = await evidence();
    expect(prediction.status).toBe('predicted');
    expect(prediction.low).toBeLessThan(prediction.predicted);
    expect(prediction.high).toBeGreaterThan(prediction.predicted);
    expect(prediction.passProbability).toBeGreaterThan(0);
    expect(readiness.verdict).toBe('delay');
    expect(readiness.reasons.some((r: { passed: boolean; text: string }) => !r.passed && /\d/.test(r.text))).toBe(true);
    const proposal = readiness.delayProposal;
    expect(proposal.weeks).toBeGreaterThanOrEqual(2);
    expect(proposal.weeks).toBeLessThanOrEqual(4);

    const refused = await post('/api/readiness/accept-delay', { proposedExamDate: '2027-06-01' });
    expect(refused.statusCode).toBe(400);
    const accepted = await post('/api/readiness/accept-delay', { proposedExamDate: proposal.newExamDate });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ examDate: proposal.newExamDate, isReplanned: true });
    const profile = (await student.request({ method: 'GET', url: '/api/profile' })).json();
    expect(profile.profile.examDate).toBe(proposal.newExamDate);
    const plan = (await student.request({ method: 'GET', url: '/api/plan' })).json();
    expect(plan.plan.examDate).toBe(proposal.newExamDate);
    expect(plan.days.at(-1)).toMatchObject({ date: proposal.newExamDate, kind: 'exam' });
  });

  it('says "on track", never "proceed", 57 days out once recent exams clear the target', async () => {
    await post('/api/evidence/practice-exams', { form: 'NBME14', date: '2026-11-21', score: 252 });
    await post('/api/evidence/practice-exams', { form: 'UWSA2', date: '2026-11-23', score: 256 });
    await post('/api/evidence/practice-exams', { form: 'NBME15', date: '2026-11-24', score: 254 });
    expect((await evidence()).readiness.verdict).not.toBe('proceed');
    const logged = await post('/api/evidence/full-length-days', { date: '2026-11-22' });
    expect(logged.statusCode).toBe(201);
    const { readiness, endurance } = await evidence();
    expect(endurance.fullLengthDone).toEqual(['2026-11-22']);
    // The exam is 57 days away, before the 21-day decision window (issue 10): on track, no proposal.
    // (The 170s logged by the test before still weigh on the trajectory, so either is possible.)
    expect(['on-track', 'off-track']).toContain(readiness.verdict);
    expect(readiness.phase).toBe('tracking');
    expect(readiness.delayProposal).toBeNull();
    expect(readiness.reasons.map((r: { rule: string }) => r.rule)).toEqual(['trajectory']);
  });

  it('ranks weak areas by cost from the logs', async () => {
    const { weakAreas } = await evidence();
    expect(weakAreas.systems[0].id).toBe('cardiovascular');
    expect(weakAreas.systems[0].cost).toBeGreaterThan(weakAreas.systems[1]?.cost ?? 0);
  });

  it('prompts to seek help, with the school service, when check-ins stay bad', async () => {
    expect(
      (
        await student.request({
          method: 'PUT',
          url: '/api/evidence/counselling',
          payload: { name: 'Student Wellness Center', contact: '555-0100' },
        })
      ).statusCode,
    ).toBe(204);
    for (const [date, sleepHours] of [
      ['2026-11-21', 4],
      ['2026-11-22', 5],
      ['2026-11-23', 4.5],
    ] as const) {
      expect((await post('/api/evidence/wellbeing', { date, sleepHours, stress: 4, mood: 2 })).statusCode).toBe(201);
    }
    const { wellbeing } = await evidence();
    expect(wellbeing.assessment.isHelpPromptDue).toBe(true);
    expect(wellbeing.assessment.prompt.counselling).toEqual({ name: 'Student Wellness Center', contact: '555-0100' });
    expect(JSON.stringify(wellbeing.assessment.prompt)).toMatch(/988/);
  });

  it('deletes a logged block and re-opens the plan item it ticked', async () => {
    const response = await post('/api/evidence/blocks', block({ date: '2026-11-24' }));
    const { id, planItemId } = response.json();
    expect((await student.request({ method: 'DELETE', url: `/api/evidence/blocks/${id}` })).statusCode).toBe(204);
    if (planItemId) {
      const plan = (await student.request({ method: 'GET', url: '/api/plan?from=2026-11-24&to=2026-11-24' })).json();
      expect(plan.days[0].items.find((i: { id: string }) => i.id === planItemId).status).toBeNull();
    }
    expect((await student.request({ method: 'DELETE', url: `/api/evidence/blocks/${id}` })).statusCode).toBe(404);
  });
});
