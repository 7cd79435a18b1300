import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

const pathOf = (url: string) => new URL(url).pathname;

describeEachDatabase('calendar reminders', (kind) => {
  let t: TestApp;
  let student: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    await student.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
    const built = await student.request({
      method: 'PUT',
      url: '/api/plan',
      payload: { settings: buildPlanSettings() },
    });
    expect(built.statusCode, built.body).toBe(200);
  });
  afterAll(() => t.close());

  const setReminder = (payload: unknown) =>
    student.request({ method: 'PUT', url: '/api/calendar-feed/reminder', payload: payload as object });
  async function feedAlarms(feedPath: string) {
    const response = await t.app.inject({ method: 'GET', url: feedPath });
    expect(response.statusCode).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    return calendar.getAllSubcomponents('vevent').map((event) => ({
      summary: String(event.getFirstPropertyValue('summary')),
      triggers: event
        .getAllSubcomponents('valarm')
        .map((alarm) => (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()),
    }));
  }

  it('is off by default, and a chosen reminder reaches the feed and the download, across a new link', async () => {
    expect((await student.request({ method: 'GET', url: '/api/calendar-feed' })).json().reminder).toBe('none');
    const first = (await student.request({ method: 'POST', url: '/api/calendar-feed' })).json().url as string;
    expect((await feedAlarms(pathOf(first))).every((e) => e.triggers.length === 0)).toBe(true);

    const saved = await setReminder({ reminder: '15-minutes' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ reminder: '15-minutes' });
    expect((await student.request({ method: 'GET', url: '/api/calendar-feed' })).json().reminder).toBe('15-minutes');
    const events = await feedAlarms(pathOf(first));
    const studyEvents = events.filter((e) => !/rest/i.test(e.summary));
    expect(studyEvents.length).toBeGreaterThan(0);
    expect(studyEvents.every((e) => e.triggers.length === 1 && e.triggers[0] === -900)).toBe(true);

    // A new link keeps the choice; the download carries it too.
    await setReminder({ reminder: '1-hour' });
    const second = (await student.request({ method: 'POST', url: '/api/calendar-feed' })).json().url as string;
    expect((await feedAlarms(pathOf(second))).some((e) => e.triggers[0] === -3600)).toBe(true);
    const download = await student.request({ method: 'GET', url: '/api/plan/calendar.ics' });
    expect(download.body).toContain('TRIGGER:-PT1H');

    await setReminder({ reminder: 'none' });
    expect(download.body).toContain('BEGIN:VALARM');
    expect((await student.request({ method: 'GET', url: '/api/plan/calendar.ics' })).body).not.toContain('VALARM');
  });

  it('keeps one student’s choice out of another’s calendar', async () => {
    await setReminder({ reminder: 'evening-before' });
    const other = await signUpClient(t.app);
    await other.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
    await other.request({ method: 'PUT', url: '/api/plan', payload: { settings: buildPlanSettings() } });
    expect((await other.request({ method: 'GET', url: '/api/calendar-feed' })).json().reminder).toBe('none');
    expect((await other.request({ method: 'GET', url: '/api/plan/calendar.ics' })).body).not.toContain('VALARM');
  });

  it.each([[{}], [{ reminder: '2-hours' }], [{ reminder: null }], [{ reminder: 'none', extra: true }], [null]])(
    'refuses %j with a field message, not a 500',
    async (payload) => {
      const response = await setReminder(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    },
  );
});
