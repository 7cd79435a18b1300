import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

// The test clock starts at 2026-11-24T15:00Z: 09:00 on 2026-11-24 in America/Chicago.
describeEachDatabase('plan API', (kind) => {
  let t: TestApp;
  let student: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    await student.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate: '2027-03-24' }),
    });
  });
  afterAll(() => t.close());

  const putPlan = (client: Client, settings: unknown) =>
    client.request({ method: 'PUT', url: '/api/plan', payload: { settings } as object });
  const getPlan = (client: Client, query = '') => client.request({ method: 'GET', url: `/api/plan${query}` });

  it('needs a profile first', async () => {
    const fresh = await signUpClient(t.app);
    const response = await putPlan(fresh, buildPlanSettings());
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PROFILE_MISSING');
  });

  it('generates a dated plan from today to the exam and stores it', async () => {
    const response = await putPlan(student, buildPlanSettings());
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.today).toBe('2026-11-24');
    expect(body.plan).toMatchObject({ startDate: '2026-11-24', examDate: '2027-03-24' });
    expect(body.days[0].date).toBe('2026-11-24');
    expect(body.days.at(-1)).toMatchObject({ date: '2027-03-24', kind: 'exam' });
    expect(body.plan.summary.questionsScheduled).toBe(2000);
    const stored = (await getPlan(student, '?from=2026-12-01&to=2026-12-07')).json();
    expect(stored.days).toHaveLength(7);
    expect(stored.days[0].date).toBe('2026-12-01');
  });

  describe('bad settings change nothing and say what to fix', () => {
    it.each([
      [
        'negative hours',
        { weeklyHours: { questionBank: -5, practiceExams: 5, contentReview: 10, rest: 8 } },
        'weeklyHours.questionBank',
      ],
      ['a sleep window of 0 hours', { sleep: { start: '23:00', end: '23:00' } }, 'sleep'],
      [
        '100,000 questions left',
        { questionBank: { questionsLeft: 100_000, blockFormat: '40-in-60', reviewMinutesPerBlock: 60, mode: 'timed' } },
        'questionBank.questionsLeft',
      ],
      ['an unknown practice exam', { practiceExams: ['NBME99'] }, 'practiceExams.0'],
    ])('refuses %s', async (_name, override, field) => {
      const before = (await getPlan(student)).json().plan.updatedAt;
      const response = await putPlan(student, { ...buildPlanSettings(), ...override });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields).toHaveProperty(`settings.${field}`);
      expect((await getPlan(student)).json().plan.updatedAt).toBe(before);
    });

    it('refuses blocked days that cover everything, with PLAN_INFEASIBLE', async () => {
      const exceptions = Array.from({ length: 121 }, (_, i) => ({
        date: new Date(Date.UTC(2026, 10, 24 + i)).toISOString().slice(0, 10),
        kind: 'blocked',
        start: null,
        end: null,
        label: 'Away',
      }));
      const response = await putPlan(student, buildPlanSettings({ exceptions: exceptions as never }));
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe('PLAN_INFEASIBLE');
    });

    it('refuses a bank that cannot fit, with the numbers', async () => {
      const response = await putPlan(
        student,
        buildPlanSettings({
          questionBank: { questionsLeft: 9000, blockFormat: '40-in-60', reviewMinutesPerBlock: 60, mode: 'timed' },
        }),
      );
      expect(response.statusCode).toBe(422);
      expect(response.json().error.message).toMatch(/9,000 questions left need 225 blocks/);
    });

    it('refuses an exam date in the past on re-plan', async () => {
      const other = await signUpClient(t.app);
      await other.request({
        method: 'PUT',
        url: '/api/profile',
        payload: buildProfileInput({ examDate: '2026-11-28' }),
      });
      const created = await putPlan(
        other,
        buildPlanSettings({
          questionBank: { questionsLeft: 0, blockFormat: '40-in-60', reviewMinutesPerBlock: 60, mode: 'timed' },
        }),
      );
      expect(created.statusCode).toBe(200);
      t.clock.advance(5 * 86_400_000);
      const response = await other.request({ method: 'POST', url: '/api/plan/replan', payload: {} });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields).toHaveProperty('examDate');
      t.clock.advance(-5 * 86_400_000);
    });
  });

  it('marks an item done, refuses to mark a future practice exam done, and 404s an unknown item', async () => {
    const today = (await getPlan(student, '?from=2026-11-24&to=2026-11-24')).json().days[0];
    const item = today.items[0];
    const done = await student.request({
      method: 'POST',
      url: `/api/plan/items/${item.id}`,
      payload: { status: 'done' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().item.status).toBe('done');
    const future = (await getPlan(student))
      .json()
      .days.find((d: { kind: string }) => d.kind === 'practice-exam' && true);
    const exam = future.items.find((i: { kind: string }) => i.kind === 'practice-exam');
    if (future.date > '2026-11-24') {
      const refused = await student.request({
        method: 'POST',
        url: `/api/plan/items/${exam.id}`,
        payload: { status: 'done' },
      });
      expect(refused.statusCode).toBe(400);
    }
    const missing = await student.request({ method: 'POST', url: '/api/plan/items/nope', payload: { status: 'done' } });
    expect(missing.statusCode).toBe(404);
    const bad = await student.request({
      method: 'POST',
      url: `/api/plan/items/${item.id}`,
      payload: { status: 'finished' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('re-plans after missed days: keeps the past and done items, moves the missed work forward', async () => {
    const before = (await getPlan(student)).json();
    const doneId = before.days[0].items.find((i: { status: string | null }) => i.status === 'done').id;
    // Two days pass with nothing logged.
    t.clock.advance(2 * 86_400_000);
    const stale = (await getPlan(student)).json();
    expect(stale.missed.count).toBeGreaterThan(0);
    const response = await student.request({ method: 'POST', url: '/api/plan/replan', payload: {} });
    expect(response.statusCode).toBe(200);
    const after = response.json();
    expect(after.plan.startDate).toBe('2026-11-26');
    expect(after.missed.count).toBe(0);
    // The past is unchanged, the done item still there.
    expect(after.days.slice(0, 2)).toEqual(stale.days.slice(0, 2));
    expect(after.days[0].items.find((i: { id: string }) => i.id === doneId).status).toBe('done');
    // Every question not done is still in the plan.
    const questions = (
      days: { items: { kind: string; questions?: number; status: string | null; date: string }[] }[],
      from: string,
    ) =>
      days
        .flatMap((d) => d.items)
        .filter((i) => i.kind === 'qbank-block' && i.date >= from && i.status !== 'done')
        .reduce((s, i) => s + (i.questions ?? 0), 0);
    const doneQuestions = before.days[0].items
      .filter((i: { kind: string; status: string | null }) => i.kind === 'qbank-block' && i.status === 'done')
      .reduce((s: number, i: { questions: number }) => s + i.questions, 0);
    expect(questions(after.days, '2026-11-26')).toBe(2000 - doneQuestions);
    t.clock.advance(-2 * 86_400_000);
  });

  it('keeps ids and calendar UIDs of work that stays across a re-plan, raises SEQUENCE of what moved, and answers 409 to a tick on removed work', async () => {
    // Given a plan whose calendar a student subscribed to
    const fresh = await signUpClient(t.app);
    await fresh.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput({ examDate: '2027-03-24' }) });
    await putPlan(fresh, buildPlanSettings());
    type Item = { id: string; date: string; kind: string; start: string; end: string; status: string | null };
    const itemsOf = (body: { days: { items: Item[] }[] }) => body.days.flatMap((d) => d.items);
    const before = itemsOf((await getPlan(fresh)).json());
    const icsEvents = async () =>
      new ICAL.Component(ICAL.parse((await fresh.request({ method: 'GET', url: '/api/plan/calendar.ics' })).body))
        .getAllSubcomponents('vevent')
        .map((e) => ({
          uid: new ICAL.Event(e).uid,
          sequence: Number(e.getFirstPropertyValue('sequence') ?? 0),
          lastModified: e.getFirstPropertyValue('last-modified'),
        }));
    const eventsBefore = await icsEvents();
    // When two days pass with nothing done, and the student re-plans
    t.clock.advance(2 * 86_400_000);
    try {
      const replanned = await fresh.request({ method: 'POST', url: '/api/plan/replan', payload: {} });
      expect(replanned.statusCode).toBe(200);
      const after = itemsOf((await getPlan(fresh)).json());
      // Then the past keeps its ids, far-away work that did not move keeps its ids, and ids are unique
      const ids = after.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      const pastBefore = before.filter((i) => i.date < '2026-11-26').map((i) => i.id);
      expect(after.filter((i) => i.date < '2026-11-26').map((i) => i.id)).toEqual(pastBefore);
      const afterIds = new Set(ids);
      const keptFuture = before.filter((i) => i.date >= '2026-11-26' && afterIds.has(i.id));
      expect(keptFuture.length).toBeGreaterThan(before.filter((i) => i.date >= '2026-11-26').length / 2);
      // The exam day is the same event
      expect(after.find((i) => i.kind === 'exam')!.id).toBe(before.find((i) => i.kind === 'exam')!.id);
      // A kept item that moved carries a higher SEQUENCE and a LAST-MODIFIED; an unmoved one does not change
      const eventsAfter = new Map((await icsEvents()).map((e) => [e.uid.split('@')[0], e]));
      const byId = new Map(after.map((i) => [i.id, i]));
      const moved = keptFuture.filter((i) => byId.get(i.id)!.start !== i.start || byId.get(i.id)!.end !== i.end);
      for (const item of moved) expect(eventsAfter.get(item.id)!.sequence).toBeGreaterThan(0);
      const unmoved = keptFuture.filter((i) => !moved.includes(i));
      expect(unmoved.length).toBeGreaterThan(0);
      const sequenceBefore = new Map(eventsBefore.map((e) => [e.uid.split('@')[0], e.sequence]));
      for (const item of unmoved) expect(eventsAfter.get(item.id)!.sequence).toBe(sequenceBefore.get(item.id));
      // A tick from a page opened before a re-plan, on work the re-plan took out, is told so
      await putPlan(
        fresh,
        buildPlanSettings({ questionBank: { ...buildPlanSettings().questionBank, questionsLeft: 400 } }),
      );
      const smaller = new Set(itemsOf((await getPlan(fresh)).json()).map((i) => i.id));
      const removed = after.find((i) => i.kind === 'qbank-block' && !smaller.has(i.id))!;
      expect(removed).toBeDefined();
      const tick = await fresh.request({
        method: 'POST',
        url: `/api/plan/items/${removed.id}`,
        payload: { status: 'done' },
      });
      expect(tick.statusCode).toBe(409);
      expect(tick.json().error).toMatchObject({ code: 'PLAN_CHANGED', message: expect.stringMatching(/Reload/) });
      // An id that never existed is still a plain 404
      const unknown = await fresh.request({
        method: 'POST',
        url: '/api/plan/items/no-such-item',
        payload: { status: 'done' },
      });
      expect(unknown.statusCode).toBe(404);
    } finally {
      t.clock.advance(-2 * 86_400_000);
    }
  });

  it('exports an iCalendar file that an independent parser reads, with stable UIDs and times in the student’s zone', async () => {
    const response = await student.request({ method: 'GET', url: '/api/plan/calendar.ics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const plan = (await getPlan(student)).json();
    const items = plan.days.flatMap((d: { items: unknown[] }) => d.items) as {
      id: string;
      date: string;
      start: string;
      kind: string;
    }[];
    expect(events).toHaveLength(items.length);
    const examItem = items.find((i) => i.kind === 'exam')!;
    const exam = events.find((e) => e.uid.startsWith(`${examItem.id}@`))!;
    expect(exam.uid).toMatch(/^[0-9a-z-]+@[0-9a-z_-]{16}\.comeback$/);
    expect(exam.uid).not.toContain(student.id);
    expect(exam.summary).toMatch(/^Step 2 CK: 16 blocks of 30 minutes/);
    // 08:00 in Chicago on 2027-03-24 (CDT, UTC−5) is 13:00 UTC.
    expect(exam.startDate.toJSDate().toISOString()).toBe('2027-03-24T13:00:00.000Z');
    // A December item: CST, UTC−6.
    const december = items.find((i) => i.date === '2026-12-05')!;
    const event = events.find((e) => e.uid.startsWith(`${december.id}@`))!;
    const [h, m] = december.start.split(':').map(Number) as [number, number];
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(Date.UTC(2026, 11, 5, h + 6, m)).toISOString());
    // Exporting again gives the same UIDs, so a refresh updates instead of duplicating.
    const again = new ICAL.Component(
      ICAL.parse((await student.request({ method: 'GET', url: '/api/plan/calendar.ics' })).body),
    );
    expect(again.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e).uid)).toEqual(events.map((e) => e.uid));
  });

  it('serves a private subscription feed that stops at once when revoked or rotated', async () => {
    const created = (await student.request({ method: 'POST', url: '/api/calendar-feed' })).json();
    const path = new URL(created.url).pathname;
    const first = await t.app.inject({ method: 'GET', url: path });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('BEGIN:VCALENDAR');
    expect((await student.request({ method: 'GET', url: '/api/calendar-feed' })).json().feed.lastReadAt).not.toBeNull();

    const rotated = (await student.request({ method: 'POST', url: '/api/calendar-feed' })).json();
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    const newPath = new URL(rotated.url).pathname;
    expect((await t.app.inject({ method: 'GET', url: newPath })).statusCode).toBe(200);

    expect((await student.request({ method: 'DELETE', url: '/api/calendar-feed' })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: newPath })).statusCode).toBe(404);
    expect((await student.request({ method: 'GET', url: '/api/calendar-feed' })).json().feed).toBeNull();
    const stored = await t.ctx.database.db.selectFrom('calendar_feeds').select('token_hash').execute();
    expect(stored.every((row) => !created.url.includes(row.token_hash))).toBe(true);
  });

  it('answers a malformed Host header without a server error', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/feed/not-a-real-token-value-at-all-123.ics',
      headers: { host: 'a b' },
    });
    expect(response.statusCode).toBe(404);
  });

  it('answers an unknown or malformed feed token with the same 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/feed/not-a-real-token-value-at-all-123.ics' })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: 'GET', url: '/feed/x.ics' })).statusCode).toBe(404);
  });
});
