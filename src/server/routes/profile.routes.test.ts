import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

describeEachDatabase('profile API', (kind) => {
  let t: TestApp;
  let student: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
  });
  afterAll(() => t.close());

  const put = (client: Client, payload: unknown) =>
    client.request({ method: 'PUT', url: '/api/profile', payload: payload as object });
  const get = (client: Client) =>
    client.request({ method: 'GET', url: '/api/profile', headers: { 'x-time-zone': 'America/Chicago' } });

  it('starts empty, with defaults: a 10-point buffer and the estimated review start', async () => {
    const body = (await get(student)).json();
    expect(body.profile).toBeNull();
    expect(body.summary).toBeNull();
    expect(body.defaults).toMatchObject({
      bufferPoints: 10,
      recommendedBuffer: { min: 10, max: 15 },
      reviewStartDate: '2027-09-22',
      reviewStartIsEstimate: true,
      today: '2026-11-24',
    });
    expect(body.defaults.reviewStartSource).toMatch(/AAMC/);
  });

  it('refuses an exam date in the past with a message on that field, and saves nothing', async () => {
    const response = await put(student, buildProfileInput({ examDate: '2026-10-01' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.fields.examDate).toMatch(/passed/);
    expect((await get(student)).json().profile).toBeNull();
  });

  it('reports a past exam date together with the other bad fields', async () => {
    const response = await put(student, { ...buildProfileInput({ examDate: '2026-10-01' }), schoolType: 'unknown' });
    expect(Object.keys(response.json().error.fields).sort()).toEqual(['examDate', 'schoolType']);
  });

  it('names each bad field at once', async () => {
    const response = await put(student, {
      ...buildProfileInput(),
      failCount: '3',
      specialty: 'astronaut',
      examDate: '2027-02-30',
      bufferPoints: 40,
      timeZone: 'Mars/Olympus',
    });
    expect(Object.keys(response.json().error.fields).sort()).toEqual([
      'bufferPoints',
      'examDate',
      'failCount',
      'specialty',
      'timeZone',
    ]);
  });

  it('saves a valid profile and returns the tier, targets, passing score and days to the exam', async () => {
    const response = await put(student, buildProfileInput({ examDate: '2027-03-24' }));
    expect(response.statusCode).toBe(200);
    const { profile, summary } = response.json();
    expect(profile).toMatchObject({ specialty: 'internal-medicine', examDate: '2027-03-24', bufferPoints: 10 });
    expect(summary.tier).toMatchObject({ targetScore: 230, risk: 'moderate' });
    expect(summary.planningTarget.score).toBe(240);
    expect(summary.passing.score).toBe(218);
    expect(summary.exam.daysToExam).toBe(120);
    expect(summary.matchSignal.label).toBe('≈70 %');
    expect((await get(student)).json().profile.examDate).toBe('2027-03-24');
  });

  it('judges "today" in the student’s own time zone', async () => {
    // 2026-11-24T15:00Z is already 2026-11-25 in Kiritimati (UTC+14): the 24th has passed there.
    const response = await put(student, buildProfileInput({ timeZone: 'Pacific/Kiritimati', examDate: '2026-11-24' }));
    expect(response.json().error.fields.examDate).toMatch(/passed/);
    const ok = await put(student, buildProfileInput({ timeZone: 'America/Chicago', examDate: '2026-11-24' }));
    expect(ok.json().summary.exam.daysToExam).toBe(0);
  });

  it('stores the backup specialty asked for after a fail with a highly competitive choice', async () => {
    const response = await put(
      student,
      buildProfileInput({ specialty: 'dermatology', backupSpecialty: 'Internal medicine' }),
    );
    expect(response.json().summary.backupSpecialty).toMatchObject({ isNeeded: true, name: 'Internal medicine' });
    expect((await get(student)).json().profile.backupSpecialty).toBe('Internal medicine');
  });

  it('keeps the previous profile when an update is refused', async () => {
    await put(student, buildProfileInput({ bufferPoints: 12 }));
    await put(student, buildProfileInput({ bufferPoints: -1 }));
    expect((await get(student)).json().profile.bufferPoints).toBe(12);
  });

  it('derives the journey stage from the data: stage 1 until a profile exists, then the postmortem', async () => {
    const fresh = await signUpClient(t.app);
    const before = (await fresh.request({ method: 'GET', url: '/api/journey' })).json();
    expect(before.current).toBe('fail-recorded');
    expect(before.nextAction.href).toBe('/profile');
    expect(before.daysToExam).toBeNull();
    await put(fresh, buildProfileInput());
    const after = (await fresh.request({ method: 'GET', url: '/api/journey' })).json();
    expect(after.current).toBe('postmortem');
    expect(after.stages[0].status).toBe('done');
    expect(after.daysToExam).toBe(120);
  });

  describe('reference lists', () => {
    it('lists every specialty with its tier, and the four tiers', async () => {
      const body = (await student.request({ method: 'GET', url: '/api/reference' })).json();
      expect(body.specialties.find((s: { id: string }) => s.id === 'dermatology').tier).toBe('highly-competitive');
      expect(Object.keys(body.tiers)).toHaveLength(4);
    });
  });
});
