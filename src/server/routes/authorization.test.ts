// Every endpoint, asked by someone who should not get it: anonymous, another student, an advisor.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildPostmortemAnswers } from '#tests/factories/postmortem.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

type Endpoint = { method: InjectOptions['method']; url: string; payload?: object; studentOnly: boolean };

const ENDPOINTS: Endpoint[] = [
  { method: 'GET', url: '/api/auth/me', studentOnly: false },
  { method: 'POST', url: '/api/auth/sign-out-everywhere', studentOnly: false },
  {
    method: 'POST',
    url: '/api/account/password',
    payload: { currentPassword: 'x', newPassword: 'violet-harbor-tram-92' },
    studentOnly: false,
  },
  { method: 'GET', url: '/api/account/export', studentOnly: false },
  { method: 'POST', url: '/api/account/delete', payload: { password: 'x' }, studentOnly: false },
  { method: 'GET', url: '/api/profile', studentOnly: true },
  { method: 'PUT', url: '/api/profile', payload: buildProfileInput(), studentOnly: true },
  { method: 'GET', url: '/api/journey', studentOnly: true },
  { method: 'GET', url: '/api/reference', studentOnly: true },
  { method: 'GET', url: '/api/plan', studentOnly: true },
  { method: 'PUT', url: '/api/plan', payload: { settings: buildPlanSettings() }, studentOnly: true },
  { method: 'POST', url: '/api/plan/replan', payload: {}, studentOnly: true },
  { method: 'POST', url: '/api/plan/items/OWNER_ITEM', payload: { status: 'skipped' }, studentOnly: true },
  { method: 'GET', url: '/api/plan/calendar.ics', studentOnly: true },
  { method: 'GET', url: '/api/calendar-feed', studentOnly: true },
  { method: 'POST', url: '/api/calendar-feed', studentOnly: true },
  { method: 'DELETE', url: '/api/calendar-feed', studentOnly: true },
  { method: 'GET', url: '/api/postmortem/questionnaire', studentOnly: true },
  { method: 'GET', url: '/api/postmortem', studentOnly: true },
  { method: 'PUT', url: '/api/postmortem', payload: buildPostmortemAnswers(), studentOnly: true },
  { method: 'GET', url: '/api/plan/defaults', studentOnly: true },
  { method: 'GET', url: '/api/evidence', studentOnly: true },
  {
    method: 'POST',
    url: '/api/evidence/blocks',
    payload: { bank: 'uworld', mode: 'timed', questions: 40, correct: 30, minutes: 60, date: '2026-11-24' },
    studentOnly: true,
  },
  { method: 'DELETE', url: '/api/evidence/blocks/OWNER_BLOCK', studentOnly: true },
  {
    method: 'POST',
    url: '/api/evidence/practice-exams',
    payload: { form: 'NBME14', date: '2026-11-20', score: 240 },
    studentOnly: true,
  },
  { method: 'DELETE', url: '/api/evidence/practice-exams/OWNER_EXAM', studentOnly: true },
  { method: 'POST', url: '/api/evidence/full-length-days', payload: { date: '2026-11-20' }, studentOnly: true },
  {
    method: 'POST',
    url: '/api/evidence/wellbeing',
    payload: { date: '2026-11-24', sleepHours: 7, stress: 2, mood: 4 },
    studentOnly: true,
  },
  {
    method: 'PUT',
    url: '/api/evidence/counselling',
    payload: { name: 'Wellness', contact: '555-0100' },
    studentOnly: true,
  },
  {
    method: 'POST',
    url: '/api/readiness/accept-delay',
    payload: { proposedExamDate: '2027-06-01' },
    studentOnly: true,
  },
];

describeEachDatabase('authorization', (kind) => {
  let t: TestApp;
  let owner: Client;
  let advisor: Client;
  const SECRET_BACKUP = 'Backup-known-only-to-owner';
  let ownerItemId = '';
  let ownerFeedUrl = '';
  let ownerBlockId = '';
  let ownerExamId = '';
  const urlOf = (endpoint: Endpoint) =>
    endpoint.url
      .replace('OWNER_ITEM', ownerItemId)
      .replace('OWNER_BLOCK', ownerBlockId)
      .replace('OWNER_EXAM', ownerExamId);

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await signUpClient(t.app);
    advisor = await signUpClient(t.app, 'advisor');
    const saved = await owner.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ specialty: 'dermatology', backupSpecialty: SECRET_BACKUP, examDate: '2027-05-05' }),
    });
    expect(saved.statusCode).toBe(200);
    const postmortem = await owner.request({
      method: 'PUT',
      url: '/api/postmortem',
      payload: {
        ...buildPostmortemAnswers(),
        ownWords: `${SECRET_BACKUP}: I ran out of time in three blocks and sat with an NBME of 188.`,
      },
    });
    expect(postmortem.statusCode).toBe(200);
    const plan = await owner.request({ method: 'PUT', url: '/api/plan', payload: { settings: buildPlanSettings() } });
    expect(plan.statusCode).toBe(200);
    ownerItemId = plan.json().days[0].items[0].id;
    ownerFeedUrl = (await owner.request({ method: 'POST', url: '/api/calendar-feed' })).json().url;
    ownerBlockId = (
      await owner.request({
        method: 'POST',
        url: '/api/evidence/blocks',
        payload: { bank: 'uworld', mode: 'timed', questions: 40, correct: 21, minutes: 60, date: '2026-11-23' },
      })
    ).json().id;
    ownerExamId = (
      await owner.request({
        method: 'POST',
        url: '/api/evidence/practice-exams',
        payload: { form: 'NBME13', date: '2026-11-20', score: 211 },
      })
    ).json().id;
    await owner.request({
      method: 'PUT',
      url: '/api/evidence/counselling',
      payload: { name: SECRET_BACKUP, contact: '555-0199' },
    });
  });
  afterAll(() => t.close());

  async function ownerProfileIsUntouched() {
    const body = (await owner.request({ method: 'GET', url: '/api/profile' })).json();
    expect(body.profile).toMatchObject({
      specialty: 'dermatology',
      backupSpecialty: SECRET_BACKUP,
      examDate: '2027-05-05',
    });
    const plan = (await owner.request({ method: 'GET', url: '/api/plan' })).json();
    expect(plan.days[0].items[0]).toMatchObject({ id: ownerItemId, status: null });
    const postmortem = (await owner.request({ method: 'GET', url: '/api/postmortem' })).json();
    expect(postmortem.postmortem.answers.ownWords).toContain(SECRET_BACKUP);
    const evidence = (await owner.request({ method: 'GET', url: '/api/evidence' })).json();
    expect(evidence.practiceExams.map((e: { id: string; score: number }) => [e.id, e.score])).toEqual([
      [ownerExamId, 211],
    ]);
    expect(evidence.blocks.recent.map((b: { id: string }) => b.id)).toEqual([ownerBlockId]);
    expect(evidence.counselling).toEqual({ name: SECRET_BACKUP, contact: '555-0199' });
    expect(evidence.wellbeing.recent).toEqual([]);
    // The owner's feed still works: nobody else could revoke or rotate it.
    expect((await t.app.inject({ method: 'GET', url: new URL(ownerFeedUrl).pathname })).statusCode).toBe(200);
  }

  describe.each(ENDPOINTS)('$method $url', (endpoint) => {
    it('refuses an anonymous request with 401 and no data', async () => {
      const response = await t.app.inject({ method: endpoint.method, url: urlOf(endpoint), payload: endpoint.payload });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
      expect(response.body).not.toContain(SECRET_BACKUP);
      await ownerProfileIsUntouched();
    });

    it('refuses a forged session cookie', async () => {
      const response = await t.app.inject({
        method: endpoint.method,
        url: urlOf(endpoint),
        payload: endpoint.payload,
        headers: { cookie: 'comeback_session=forged-token-value' },
      });
      expect(response.statusCode).toBe(401);
    });

    if (endpoint.studentOnly) {
      it('refuses an advisor with 403 and no data', async () => {
        const response = await advisor.request({
          method: endpoint.method,
          url: urlOf(endpoint),
          payload: endpoint.payload,
        });
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
        expect(response.body).not.toContain(SECRET_BACKUP);
        await ownerProfileIsUntouched();
      });
    }

    it('never gives another student the owner’s data or changes it', async () => {
      // A fresh intruder each time, with a profile of their own, so no earlier request signed them out.
      const intruder = await signUpClient(t.app);
      await intruder.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
      const response = await intruder.request({
        method: endpoint.method,
        url: urlOf(endpoint),
        payload: endpoint.payload,
      });
      // Signed in as themselves: whatever the answer, it is not a signed-out refusal.
      if (response.statusCode === 401) expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
      expect(response.body).not.toContain(SECRET_BACKUP);
      if (/OWNER_(ITEM|BLOCK|EXAM)/.test(endpoint.url)) expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain(ownerExamId);
      if (endpoint.url.endsWith('calendar.ics')) expect(response.body).not.toContain(ownerItemId);
      expect(response.body).not.toContain(owner.email);
      expect(response.body).not.toContain(owner.id);
      expect(response.body).not.toContain(new URL(ownerFeedUrl).pathname);
      await ownerProfileIsUntouched();
    });
  });

  it('shows another student only their own (empty) profile, whatever they send', async () => {
    const third = await signUpClient(t.app);
    const response = await third.request({ method: 'GET', url: '/api/profile?userId=' + owner.id });
    expect(response.statusCode).toBe(200);
    expect(response.json().profile).toBeNull();
  });

  it('refuses a user id smuggled into the profile body', async () => {
    const third = await signUpClient(t.app);
    const response = await third.request({
      method: 'PUT',
      url: '/api/profile',
      payload: { ...buildProfileInput(), userId: owner.id },
    });
    expect(response.statusCode).toBe(400);
    await ownerProfileIsUntouched();
  });
});
