import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

// The story scope (issue 12 × issue 14): off by default; when the student switches it on, the
// advisor's student page carries the student's own saved texts and where they plan to put the
// story, with the note they wrote for the advisor; switched off again, none of it.
describeEachDatabase('advisor student page, story scope', (kind) => {
  let t: TestApp;
  let student: Client;
  let advisor: Client;
  const NOTE = 'Can we go over the interview answer on Thursday?';
  const STATEMENT = 'I failed Step 1 in June 2026. I now take one timed block every morning.';

  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    advisor = await signUpClient(t.app, 'advisor');
    const invitation = await student.request({ method: 'POST', url: '/api/sharing/invitations', payload: {} });
    expect(invitation.statusCode, invitation.body).toBe(201);
    const accepted = await advisor.request({
      method: 'POST',
      url: '/api/advisor/invitations/accept',
      payload: { code: invitation.json().code },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    for (const [url, payload] of [
      ['/api/story/texts', { kind: 'statement', text: STATEMENT }],
      ['/api/story/placement', { choice: 'interview-only', advisorNote: NOTE }],
    ] as const) {
      const saved = await student.request({ method: 'PUT', url, payload });
      expect(saved.statusCode, saved.body).toBeLessThan(300);
    }
  });
  afterAll(() => t.close());

  const page = async () => {
    const response = await advisor.request({ method: 'GET', url: `/api/advisor/students/${student.id}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const setStory = async (story: boolean) => {
    const linkId = (await student.request({ method: 'GET', url: '/api/sharing' })).json().links[0].id;
    const changed = await student.request({
      method: 'PUT',
      url: `/api/sharing/links/${linkId}/scopes`,
      payload: { scopes: { story } },
    });
    expect(changed.statusCode, changed.body).toBe(200);
  };

  it('shares nothing of the story by default', async () => {
    const body = await page();
    expect(body.story).toBeNull();
    expect(JSON.stringify(body)).not.toContain(NOTE);
    expect(JSON.stringify(body)).not.toContain(STATEMENT);
  });

  it('with the story scope on, carries the saved statement and the placement with its note; off again, none', async () => {
    await setStory(true);
    const on = await page();
    expect(on.story.statement).toBe(STATEMENT);
    expect(on.story.interview).toBeNull();
    expect(on.story.placement.note).toBe(NOTE);
    expect(on.story.placement.title).toMatch(/interview/i);
    await setStory(false);
    const off = await page();
    expect(off.story).toBeNull();
    expect(JSON.stringify(off)).not.toContain(NOTE);
  });
});
