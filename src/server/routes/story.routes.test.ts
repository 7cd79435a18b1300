import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPostmortemAnswers } from '#tests/factories/postmortem.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

describeEachDatabase('story API', (kind) => {
  let t: TestApp;
  let student: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    const profile = await student.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
    expect(profile.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const get = async (query = '') => {
    const response = await student.request({ method: 'GET', url: `/api/story${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  describe('drafts', () => {
    it('without a postmortem, drafts say what to fill in instead of inventing a cause', async () => {
      const story = await get();
      expect(story.hasPostmortem).toBe(false);
      expect(story.drafts.statement.text).toMatch(/\[the cause, in one line/);
      expect(story.drafts.statement.fillIns.length).toBeGreaterThan(0);
      expect(story.saved).toEqual({ statement: null, interview: null });
      expect(story.prompts.map((p: { id: string }) => p.id)).toEqual([
        'walk-me-through',
        'what-changed',
        'boards-in-residency',
        'tell-me-about-a-failure',
        'biggest-weakness',
      ]);
      expect(story.placementOptions).toHaveLength(3);
      expect(story.placementCaveat).toMatch(/differs/);
      expect(story.targets.wordsPerMinute).toBe(150);
    });

    it('builds the drafts from the postmortem, the practice exams and a recorded Step 2 CK score', async () => {
      expect(
        (await student.request({ method: 'PUT', url: '/api/postmortem', payload: buildPostmortemAnswers() }))
          .statusCode,
      ).toBe(200);
      for (const exam of [
        { form: 'NBME10', date: '2026-10-01', score: 209 },
        { form: 'UWSA1', date: '2026-11-20', score: 236 },
      ]) {
        const logged = await student.request({ method: 'POST', url: '/api/evidence/practice-exams', payload: exam });
        expect(logged.statusCode, logged.body).toBe(201);
      }
      const story = await get();
      expect(story.hasPostmortem).toBe(true);
      const { statement, interview } = story.drafts;
      // The factory's two leading causes: 3 of 7 blocks out of time, and 45 % of the bank without review.
      expect(statement.text).toMatch(/3 of 7 blocks/);
      expect(interview.text).toMatch(/3 of 7 blocks/);
      expect(interview.text).toMatch(/45 %/);
      expect(statement.text).toMatch(/209/);
      expect(statement.text).toMatch(/236/);
      expect(statement.text).toMatch(/\[your Step 2 CK score, once it is released\]/);
      expect(interview.check.words).toBeGreaterThanOrEqual(150);
      expect(interview.check.words).toBeLessThanOrEqual(220);

      await t.ctx.repos.outcomes.save(
        student.id,
        {
          examDate: '2026-11-10',
          score: 244,
          passed: true,
          resultDate: '2026-11-24',
          shareWithSchool: false,
          snapshot: null,
        },
        t.clock.now().toISOString(),
      );
      const after = (await get()).drafts.statement.text;
      expect(after).toMatch(/244 on Step 2 CK|scored 244/);
      expect(after).not.toMatch(/\[your Step 2 CK score/);
    });

    it('gives another wording on request, the same one each time, and refuses a wording that is not a number', async () => {
      const own = (await get()).drafts;
      const others = await Promise.all([1, 2, 3, 4, 5].map(async (n) => (await get(`?wording=${n}`)).drafts));
      expect(others.some((d) => d.interview.text !== own.interview.text)).toBe(true);
      expect((await get('?wording=3')).drafts.interview.text).toBe(others[2]!.interview.text);
      const bad = await student.request({ method: 'GET', url: '/api/story?wording=abc' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields.wording).toMatch(/0 to 99/);
    });
  });

  describe('the student’s own text', () => {
    it('saves an edit, checks it and keeps it across reads', async () => {
      const text = 'I failed Step 1 at my first sitting. Unfortunately, the exam was unfair.';
      const saved = await student.request({
        method: 'PUT',
        url: '/api/story/texts',
        payload: { kind: 'statement', text },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().check.findings.map((f: { id: string }) => f.id)).toEqual(['unfortunately', 'blame-exam']);
      const story = await get();
      expect(story.saved.statement.text).toBe(text);
      expect(story.saved.statement.check.criteria.find((c: { name: string }) => c.name === 'no-excuses').passed).toBe(
        false,
      );
      expect(story.saved.interview).toBeNull();
    });

    it('refuses bad input field by field and changes nothing', async () => {
      const before = (await get()).saved;
      const cases: [object, string][] = [
        [{ kind: 'statement', text: '' }, 'text'],
        [{ kind: 'essay', text: 'x' }, 'kind'],
        [{ kind: 'statement', text: 'a\u0000b' }, 'text'],
        [{ kind: 'statement', text: 'x'.repeat(4001) }, 'text'],
        [{ kind: 'statement', text: 42 }, 'text'],
      ];
      for (const [payload, field] of cases) {
        const response = await student.request({ method: 'PUT', url: '/api/story/texts', payload });
        expect(response.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
        expect(response.json().error.fields[field]).toBeTruthy();
      }
      const extra = await student.request({
        method: 'PUT',
        url: '/api/story/texts',
        payload: { kind: 'statement', text: 'x', userId: 'someone' },
      });
      expect(extra.statusCode).toBe(400);
      expect(extra.json().error.message).toMatch(/userId/);
      expect((await get()).saved).toEqual(before);
    });

    it('checks a text without saving it', async () => {
      const response = await student.request({
        method: 'POST',
        url: '/api/story/check',
        payload: { kind: 'interview', text: 'I’ve always struggled with standardized tests. I hope to do better.' },
      });
      expect(response.statusCode).toBe(200);
      const check = response.json();
      expect(check.findings.map((f: { id: string }) => f.id)).toEqual(['always-struggled', 'hope']);
      expect(check.findings[0]).toMatchObject({ sentenceIndex: 0, source: 'residencyadvisor' });
      expect(check.speakingSeconds).toBe(4); // 11 words at 150 a minute
      expect((await get()).saved.interview).toBeNull();
    });
  });

  describe('placement and practice', () => {
    it('saves where the student chose to put it, with a note for their advisor', async () => {
      const response = await student.request({
        method: 'PUT',
        url: '/api/story/placement',
        payload: { choice: 'eras-field', advisorNote: 'Ask about the field limit.' },
      });
      expect(response.statusCode).toBe(200);
      expect((await get()).placement).toMatchObject({
        choice: 'eras-field',
        advisorNote: 'Ask about the field limit.',
      });
      const bad = await student.request({ method: 'PUT', url: '/api/story/placement', payload: { choice: 'nowhere' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields.choice).toMatch(/three options/);
    });

    it('keeps practice attempts with their check and timer, and refuses a bad timer', async () => {
      const response = await student.request({
        method: 'POST',
        url: '/api/story/attempts',
        payload: { promptId: 'what-changed', text: 'I take a practice exam every 7 days now.', secondsTaken: 71 },
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ promptId: 'what-changed', words: 9, secondsTaken: 71 });
      expect((await get()).attempts).toHaveLength(1);
      for (const [payload, field] of [
        [{ promptId: 'what-changed', text: 'x', secondsTaken: -1 }, 'secondsTaken'],
        [{ promptId: 'what-changed', text: 'x', secondsTaken: 7.5 }, 'secondsTaken'],
        [{ promptId: 'why-medicine', text: 'x' }, 'promptId'],
        [{ promptId: 'what-changed', text: '   ' }, 'text'],
      ] as const) {
        const refused = await student.request({ method: 'POST', url: '/api/story/attempts', payload });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().error.fields[field]).toBeTruthy();
      }
      expect((await get()).attempts).toHaveLength(1);
    });

    it('is in the export, and DELETE /api/story removes it all while the drafts come back fresh', async () => {
      const exported = (await student.request({ method: 'GET', url: '/api/account/export' })).json();
      expect(exported.story.texts.map((x: { kind: string }) => x.kind)).toEqual(['statement']);
      expect(exported.story.placement.choice).toBe('eras-field');
      expect(exported.story.practiceAttempts).toHaveLength(1);
      const deleted = await student.request({ method: 'DELETE', url: '/api/story' });
      expect(deleted.statusCode).toBe(200);
      const story = await get();
      expect(story.saved).toEqual({ statement: null, interview: null });
      expect(story.placement).toBeNull();
      expect(story.attempts).toEqual([]);
      expect(story.drafts.statement.text.length).toBeGreaterThan(50);
    });
  });
});
