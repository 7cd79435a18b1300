import { afterAll, beforeAll, expect, it } from 'vitest';
import { UNUSABLE_INVITATION_MESSAGE } from '#domain/advisor/invitation.ts';
import { parseCsv } from '#domain/journal/csv.ts';
import { INVITATION_THROTTLE } from '#server/use-cases/advisor.ts';
import { ATTEMPT_RETENTION_MS } from '#server/use-cases/sign-up.ts';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createSecondInstance, createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

// Test clock: 2026-11-24T15:00Z. Internal medicine with a 10-point buffer: planning target 240.
describeEachDatabase('advisor and sharing API', (kind) => {
  let t: TestApp;
  let student: Client;
  let advisor: Client;

  const invite = async (who: Client = student, payload: object = {}) => {
    const response = await who.request({ method: 'POST', url: '/api/sharing/invitations', payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; code: string; path: string; expiresAt: string };
  };
  const accept = (who: Client, code: string) =>
    who.request({ method: 'POST', url: '/api/advisor/invitations/accept', payload: { code } });
  const sharing = async (who: Client = student) => (await who.request({ method: 'GET', url: '/api/sharing' })).json();

  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    advisor = await signUpClient(t.app, 'advisor');
    await student.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate: '2027-02-24' }),
    });
    await student.request({ method: 'PUT', url: '/api/plan', payload: { settings: buildPlanSettings() } });
    for (const [form, date, score] of [
      ['NBME11', '2026-11-01', 236],
      ['NBME12', '2026-11-20', 224],
    ] as const) {
      const logged = await student.request({
        method: 'POST',
        url: '/api/evidence/practice-exams',
        payload: { form, date, score },
      });
      expect(logged.statusCode, logged.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('shows the code once, keeps only its hash, and links the advisor who accepts it', async () => {
    const created = await invite();
    expect(created.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(created.path).toBe(`/advisor/accept#code=${created.code}`);
    expect(created.expiresAt).toBe('2026-12-01T15:00:00.000Z');
    const stored = await t.ctx.database.db.selectFrom('advisor_invitations').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(created.code.replaceAll('-', ''));
    expect(JSON.stringify(await sharing())).not.toContain(created.code);

    const accepted = await accept(advisor, created.code.toLowerCase());
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toEqual({ studentId: student.id, studentEmail: student.email });
    const links = (await sharing()).links;
    expect(links).toHaveLength(1);
    expect(links[0].advisorEmail).toBe(advisor.email);
    expect(links[0].scopes).toEqual({ scores: true, plan: true, wellbeing: false, journal: false, story: false });
  });

  it('refuses a reused, expired, cancelled or made-up code with one message that names nothing', async () => {
    const used = await invite();
    expect((await accept(advisor, used.code)).statusCode).toBe(201);
    const expired = await invite();
    const cancelled = await invite();
    expect(
      (await student.request({ method: 'DELETE', url: `/api/sharing/invitations/${cancelled.id}` })).statusCode,
    ).toBe(204);
    t.clock.advance(7 * 86_400_000);
    try {
      // Signed up after the week passed: a week-old session would have ended.
      const other = await signUpClient(t.app, 'advisor');
      for (const code of [used.code, expired.code, cancelled.code, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'nonsense']) {
        const response = await accept(other, code);
        expect(response.statusCode, code).toBe(404);
        expect(response.json().error.message).toBe(UNUSABLE_INVITATION_MESSAGE);
        expect(response.body).not.toContain(student.email);
        expect(response.body).not.toContain(student.id);
      }
    } finally {
      t.clock.advance(-7 * 86_400_000);
    }
    expect((await sharing()).links).toHaveLength(1);
  });

  it('shows the advisor the student with the figures shared, a flag with its reason, and logs the read', async () => {
    const dashboard = await advisor.request({ method: 'GET', url: '/api/advisor/dashboard' });
    expect(dashboard.statusCode, dashboard.body).toBe(200);
    const body = dashboard.json();
    expect(body.students).toHaveLength(1);
    const row = body.students[0];
    expect(row.email).toBe(student.email);
    expect(row.daysToExam).toBe(92);
    expect(row.scores.targetScore).toBe(240);
    expect(row.scores.latest).toMatchObject({ date: '2026-11-20', reported: '224' });
    expect(row.scores.verdict).toBe('off-track');
    expect(row.plan).not.toBeNull();
    expect(row.wellbeing).toBeNull();
    expect(row.flags.map((f: { id: string }) => f.id)).toContain('scores-drifting');
    expect(body.cohort).toEqual({ shown: false, students: 1, minimum: 5 });

    const log = (await student.request({ method: 'GET', url: '/api/sharing/access-log' })).json();
    expect(log.entries[0]).toMatchObject({
      advisorEmail: advisor.email,
      view: 'dashboard',
      scopes: ['scores', 'plan'],
    });
    const csv = await student.request({ method: 'GET', url: '/api/sharing/access-log.csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('accessedAt,advisor,view,scopes');
    expect(csv.body).toContain(`${advisor.email},dashboard,scores plan`);
  });

  it('exports the dashboard as CSV with empty cells for what is not shared', async () => {
    const csv = await advisor.request({ method: 'GET', url: '/api/advisor/dashboard.csv' });
    expect(csv.statusCode).toBe(200);
    const [header, line] = csv.body.split('\r\n');
    expect(header).toContain('email,linkedSince,stage');
    expect(line).toContain(student.email);
    expect(line).toContain('Scores drifting down');
  });

  it('serves the student page within the scopes, keeps private notes, and follows a scope switched off at once', async () => {
    const page = await advisor.request({ method: 'GET', url: `/api/advisor/students/${student.id}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().scores.exams).toHaveLength(2);
    expect(page.json().wellbeing).toBeNull();
    expect(page.json().journal).toBeNull();

    const note = await advisor.request({
      method: 'POST',
      url: `/api/advisor/students/${student.id}/notes`,
      payload: { body: 'Met on Tuesday; moving NBME 13 to the weekend.' },
    });
    expect(note.statusCode, note.body).toBe(201);
    const otherAdvisor = await signUpClient(t.app, 'advisor');
    expect(
      (await otherAdvisor.request({ method: 'DELETE', url: `/api/advisor/notes/${note.json().id}` })).statusCode,
    ).toBe(404);
    expect(JSON.stringify(await sharing())).not.toContain('NBME 13 to the weekend');

    const linkId = (await sharing()).links[0].id;
    const off = await student.request({
      method: 'PUT',
      url: `/api/sharing/links/${linkId}/scopes`,
      payload: { scopes: { scores: false, wellbeing: true } },
    });
    expect(off.statusCode, off.body).toBe(200);
    const after = (await advisor.request({ method: 'GET', url: `/api/advisor/students/${student.id}` })).json();
    expect(after.scores).toBeNull();
    expect(after.student.scores).toBeNull();
    expect(after.wellbeing).toEqual({ checkIns: [] });
    expect(after.notes.map((n: { body: string }) => n.body)).toEqual([
      'Met on Tuesday; moving NBME 13 to the weekend.',
    ]);
    await student.request({
      method: 'PUT',
      url: `/api/sharing/links/${linkId}/scopes`,
      payload: { scopes: { scores: true, wellbeing: false } },
    });
  });

  it('tells the student, beside their check-ins, which advisors see them: none, then the one they chose, then none', async () => {
    const owner = await signUpClient(t.app);
    const watcher = await signUpClient(t.app, 'advisor');
    const sharedWith = async () => {
      const [part, all] = await Promise.all([
        owner.request({ method: 'GET', url: '/api/evidence/wellbeing' }),
        owner.request({ method: 'GET', url: '/api/evidence' }),
      ]);
      expect(part.statusCode, part.body).toBe(200);
      expect(all.json().wellbeing.sharedWith).toEqual(part.json().wellbeing.sharedWith);
      return part.json().wellbeing.sharedWith as string[];
    };
    expect(await sharedWith()).toEqual([]);
    expect((await accept(watcher, (await invite(owner)).code)).statusCode).toBe(201);
    // Linked with the default scopes: wellbeing is off, so nobody sees the check-ins yet.
    expect(await sharedWith()).toEqual([]);
    const linkId = (await sharing(owner)).links[0].id;
    const on = await owner.request({
      method: 'PUT',
      url: `/api/sharing/links/${linkId}/scopes`,
      payload: { scopes: { wellbeing: true } },
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(await sharedWith()).toEqual([watcher.email]);
    expect((await owner.request({ method: 'POST', url: `/api/sharing/links/${linkId}/revoke` })).statusCode).toBe(204);
    expect(await sharedWith()).toEqual([]);
  });

  it('refuses each side the other side’s endpoints', async () => {
    expect((await student.request({ method: 'GET', url: '/api/advisor/dashboard' })).statusCode).toBe(403);
    expect((await advisor.request({ method: 'GET', url: '/api/sharing' })).statusCode).toBe(403);
    expect((await advisor.request({ method: 'GET', url: '/api/plan' })).statusCode).toBe(403);
    expect((await advisor.request({ method: 'GET', url: '/api/evidence' })).statusCode).toBe(403);
  });

  it('ends access on the next request, on another instance too', async () => {
    const second = await createSecondInstance(t);
    try {
      const viaSecond = (url: string) => second.app.inject({ method: 'GET', url, headers: { cookie: advisor.cookie } });
      expect((await viaSecond(`/api/advisor/students/${student.id}`)).statusCode).toBe(200);
      const linkId = (await sharing()).links[0].id;
      const revoked = await student.request({ method: 'POST', url: `/api/sharing/links/${linkId}/revoke` });
      expect(revoked.statusCode).toBe(204);
      const refused = await viaSecond(`/api/advisor/students/${student.id}`);
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain(student.email);
      const dashboard = (await viaSecond('/api/advisor/dashboard')).json();
      expect(dashboard.students).toEqual([]);
      expect((await sharing()).revoked).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('deletes either account with its links, and the student keeps the record of who looked', async () => {
    const other = await signUpClient(t.app);
    const gone = await signUpClient(t.app, 'advisor');
    const code = (await invite(other)).code;
    expect((await accept(gone, code)).statusCode).toBe(201);
    expect((await gone.request({ method: 'GET', url: `/api/advisor/students/${other.id}` })).statusCode).toBe(200);
    await gone.request({ method: 'POST', url: `/api/advisor/students/${other.id}/notes`, payload: { body: 'x' } });
    const deleted = await gone.request({
      method: 'POST',
      url: '/api/account/delete',
      payload: { password: gone.password },
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await sharing(other)).links).toEqual([]);
    const log = (await other.request({ method: 'GET', url: '/api/sharing/access-log' })).json();
    expect(log.entries[0]).toMatchObject({ advisorEmail: gone.email, view: 'student page' });
    const studentGone = await other.request({
      method: 'POST',
      url: '/api/account/delete',
      payload: { password: other.password },
    });
    expect(studentGone.statusCode, studentGone.body).toBe(204);
  });

  it('refuses bad bodies with a field message', async () => {
    const bad = await student.request({
      method: 'POST',
      url: '/api/sharing/invitations',
      payload: { scopes: { wellbeing: 'yes' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['scopes.wellbeing']).toContain('true');
    const empty = await accept(advisor, '');
    expect(empty.statusCode).toBe(400);
  });

  it('writes negative figures in the dashboard CSV as numbers, not as guarded text', async () => {
    const late = await signUpClient(t.app);
    const reader = await signUpClient(t.app, 'advisor');
    await late.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput({ examDate: '2026-12-08' }) });
    for (const [form, date, score] of [
      ['NBME11', '2026-10-01', 240],
      ['NBME12', '2026-11-15', 220],
    ] as const) {
      const logged = await late.request({
        method: 'POST',
        url: '/api/evidence/practice-exams',
        payload: { form, date, score },
      });
      expect(logged.statusCode, logged.body).toBe(201);
    }
    expect((await accept(reader, (await invite(late)).code)).statusCode).toBe(201);
    const exported = async () => {
      const row = (await reader.request({ method: 'GET', url: '/api/advisor/dashboard' })).json().students[0];
      const csv = await reader.request({ method: 'GET', url: '/api/advisor/dashboard.csv' });
      const parsed = parseCsv(csv.body);
      expect(parsed.ok, csv.body).toBe(true);
      const [header, line] = parsed.ok ? parsed.value : [];
      expect(csv.body).not.toContain("'-");
      return { row, cell: (column: string) => line![header!.indexOf(column)] };
    };

    // Each figure is written as the number the dashboard shows (the trend's sign comes from the
    // predictor, which pulls a short fall toward the typical rise; csv.test.ts covers negatives).
    const before = await exported();
    expect(typeof before.row.scores.pointsPerWeek).toBe('number');
    expect(before.cell('pointsPerWeek')).toBe(String(before.row.scores.pointsPerWeek));
    expect(before.cell('daysToExam')).toBe(String(before.row.daysToExam));

    // The exam 5 days before today (2026-11-24): set in the database, as the profile form asks for a date ahead.
    await t.ctx.database.db
      .updateTable('profiles')
      .set({ exam_date: '2026-11-19' })
      .where('user_id', '=', late.id)
      .execute();
    const past = await exported();
    expect(past.row.daysToExam).toBe(-5);
    expect(past.cell('daysToExam')).toBe('-5');
  });

  it('cuts a burst of wrong codes off at the limit across two instances, and refuses even a right code until the window frees room', async () => {
    expect(INVITATION_THROTTLE.windowMs).toBeLessThanOrEqual(ATTEMPT_RETENTION_MS);
    const owner = await signUpClient(t.app);
    const guesser = await signUpClient(t.app, 'advisor');
    const bystander = await signUpClient(t.app, 'advisor');
    const right = (await invite(owner)).code;
    const second = await createSecondInstance(t);
    const burst = 3 * INVITATION_THROTTLE.maxFailuresPerAdvisor;
    try {
      const wrong = (i: number) => `ZZZZ-ZZZZ-ZZZZ-${String(i).padStart(4, '0')}`;
      const answers = await Promise.all(
        Array.from({ length: burst }, (_, i) =>
          i % 2 === 0
            ? accept(guesser, wrong(i))
            : second.app.inject({
                method: 'POST',
                url: '/api/advisor/invitations/accept',
                payload: { code: wrong(i) },
                headers: { cookie: guesser.cookie },
              }),
        ),
      );
      const statuses = answers.map((a) => a.statusCode);
      // At most the limit are looked up, however the burst interleaves: each attempt is counted, this
      // one and every other already inserted included, before its code is read. In a burst some
      // attempts see others that are refused and taken back later, so fewer may get through.
      const looked = statuses.filter((s) => s === 404).length;
      expect(looked).toBeLessThanOrEqual(INVITATION_THROTTLE.maxFailuresPerAdvisor);
      expect(statuses.filter((s) => s === 429)).toHaveLength(burst - looked);
      for (const refused of answers.filter((a) => a.statusCode === 429)) {
        expect(refused.json().error.code).toBe('INVITATION_THROTTLED');
        expect(refused.json().error.message).toMatch(/wait 15 minutes/i);
        expect(refused.json().error.fields.code).toBe(refused.json().error.message);
        expect(Number(refused.headers['retry-after'])).toBe(15 * 60);
      }
      // One at a time, the rest of the budget: each wrong code is looked up until the tenth failure.
      for (let i = looked; i < INVITATION_THROTTLE.maxFailuresPerAdvisor; i += 1) {
        expect((await accept(guesser, wrong(burst + i))).statusCode).toBe(404);
      }
      expect((await accept(guesser, wrong(2 * burst))).statusCode).toBe(429);
      // The refused guesses took their rows back; the failures stay counted.
      const rows = await t.ctx.database.db
        .selectFrom('login_failures')
        .select('kind')
        .where('email', '=', guesser.email)
        .execute();
      expect(rows).toEqual(
        Array.from({ length: INVITATION_THROTTLE.maxFailuresPerAdvisor }, () => ({ kind: 'invitation' })),
      );
    } finally {
      await second.close();
    }

    t.clock.advance(60_000);
    try {
      const stillRefused = await accept(guesser, right);
      expect(stillRefused.statusCode).toBe(429);
      expect(Number(stillRefused.headers['retry-after'])).toBe(14 * 60);
      expect(stillRefused.body).not.toContain(owner.email);
      expect((await sharing(owner)).links).toEqual([]);
      // Another advisor has a budget of their own, and a password sign-in is not affected.
      expect((await accept(bystander, 'ZZZZ-ZZZZ-ZZZZ-YYYY')).statusCode).toBe(404);
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: guesser.email, password: guesser.password },
      });
      expect(signIn.statusCode, signIn.body).toBe(200);

      t.clock.advance(INVITATION_THROTTLE.windowMs - 60_000);
      const acceptedLater = await accept(guesser, right);
      expect(acceptedLater.statusCode, acceptedLater.body).toBe(201);
      expect(acceptedLater.json()).toEqual({ studentId: owner.id, studentEmail: owner.email });
      expect((await sharing(owner)).links.map((l: { advisorEmail: string }) => l.advisorEmail)).toEqual([
        guesser.email,
      ]);
    } finally {
      t.clock.advance(-INVITATION_THROTTLE.windowMs);
    }
  });
});
