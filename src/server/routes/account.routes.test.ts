import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildPostmortemAnswers } from '#tests/factories/postmortem.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type TestApp } from '#tests/setup/test-app.ts';

describeEachDatabase('account API', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('exports everything the user owns as one versioned JSON file, without secrets', async () => {
    const student = await signUpClient(t.app);
    await student.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ backupSpecialty: 'Psychiatry' }),
    });
    await student.request({ method: 'PUT', url: '/api/postmortem', payload: buildPostmortemAnswers() });
    await student.request({ method: 'PUT', url: '/api/plan', payload: { settings: buildPlanSettings() } });
    await student.request({ method: 'POST', url: '/api/calendar-feed' });
    await student.request({
      method: 'POST',
      url: '/api/evidence/blocks',
      payload: { bank: 'uworld', mode: 'timed', questions: 40, correct: 31, minutes: 60, date: '2026-11-24' },
    });
    await student.request({
      method: 'POST',
      url: '/api/evidence/practice-exams',
      payload: { form: 'NBME13', date: '2026-11-20', score: 231 },
    });
    await student.request({
      method: 'POST',
      url: '/api/evidence/wellbeing',
      payload: { date: '2026-11-24', sleepHours: 7, stress: 2, mood: 4 },
    });
    await student.request({
      method: 'PUT',
      url: '/api/evidence/counselling',
      payload: { name: 'Wellness Center', contact: '555-0100' },
    });
    const response = await student.request({ method: 'GET', url: '/api/account/export' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="comeback-export-2026-11-24\.json"/);
    expect(response.headers['cache-control']).toBe('no-store');
    const data = response.json();
    expect(data.schemaVersion).toBe(2);
    expect(data.account).toMatchObject({ id: student.id, email: student.email, role: 'student' });
    expect(data.profile).toMatchObject({ examDate: '2027-03-24', backupSpecialty: 'Psychiatry' });
    expect(data.postmortem.answers.ownWords).toMatch(/three blocks/);
    expect(data.plan.items.length).toBeGreaterThan(100);
    expect(data.questionBlocks).toHaveLength(1);
    expect(data.practiceExams[0]).toMatchObject({ form: 'NBME13', score: 231 });
    expect(data.wellbeingCheckIns).toHaveLength(1);
    expect(data.profile.counsellingService).toEqual({ name: 'Wellness Center', contact: '555-0100' });
    expect(data.calendarFeeds).toHaveLength(1);
    expect(data.sessions).toHaveLength(1);
    expect(data.sessions[0].isCurrent).toBe(true);
    expect(response.body).not.toMatch(/argon2|password_hash|token_hash/);
  });

  it('deletes the account and every row it owns once the password is confirmed', async () => {
    const student = await signUpClient(t.app);
    await student.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
    const response = await student.request({
      method: 'POST',
      url: '/api/account/delete',
      payload: { password: student.password },
    });
    expect(response.statusCode).toBe(204);
    const db = t.ctx.database.db;
    expect(await db.selectFrom('users').select('id').where('id', '=', student.id).execute()).toEqual([]);
    expect(await db.selectFrom('profiles').select('user_id').where('user_id', '=', student.id).execute()).toEqual([]);
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', student.id).execute()).toEqual([]);
    expect((await student.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: student.email, password: student.password },
    });
    expect(signIn.statusCode).toBe(401);
  });

  it('keeps the account when the confirmation password is wrong', async () => {
    const student = await signUpClient(t.app);
    const response = await student.request({
      method: 'POST',
      url: '/api/account/delete',
      payload: { password: 'not-my-password' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.fields.password).toMatch(/nothing was deleted/);
    expect((await student.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('lets the email be used again after the account is deleted', async () => {
    const student = await signUpClient(t.app);
    await student.request({ method: 'POST', url: '/api/account/delete', payload: { password: student.password } });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: { email: student.email, password: student.password },
    });
    expect(again.statusCode).toBe(201);
  });

  it('stops password guesses through the delete confirmation after 5 wrong tries', async () => {
    const student = await signUpClient(t.app);
    for (let i = 0; i < 5; i++) {
      const wrong = await student.request({
        method: 'POST',
        url: '/api/account/delete',
        payload: { password: `guess-number-${i}` },
      });
      expect(wrong.statusCode).toBe(401);
    }
    const blocked = await student.request({
      method: 'POST',
      url: '/api/account/delete',
      payload: { password: student.password },
    });
    expect(blocked.statusCode).toBe(429);
    expect((await student.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });
});
