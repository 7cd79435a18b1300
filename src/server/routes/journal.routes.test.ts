import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

// Test clock: 2026-11-24T15:00Z (09:00 in Chicago); the exam is on 2027-01-20.
describeEachDatabase('journal API', (kind) => {
  let t: TestApp;
  let student: Client;
  let other: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    other = await signUpClient(t.app);
    for (const c of [student, other]) {
      await c.request({
        method: 'PUT',
        url: '/api/profile',
        payload: buildProfileInput({ examDate: '2027-01-20', reviewStartDate: '2027-09-22' }),
      });
    }
  });
  afterAll(() => t.close());

  const send = (client: Client, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    client.request({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  const journal = async (client = student) => (await client.request({ method: 'GET', url: '/api/journal' })).json();
  const queue = async (client = student) =>
    (await client.request({ method: 'GET', url: '/api/journal/review' })).json();
  const entry = (overrides: object = {}) => ({
    bank: 'uworld',
    questionId: '104233',
    system: 'gastrointestinal',
    discipline: 'surgery',
    errorType: 'knowledge-gap',
    keyPoint: 'Painless jaundice with a palpable gallbladder: pancreatic head cancer',
    wrongOptions: [{ option: 'B', why: 'Choledocholithiasis is painful' }],
    teachingPoint: 'Courvoisier sign',
    rule: { when: 'painless jaundice', then: 'get a CT of the abdomen', because: 'malignancy until shown otherwise' },
    confidence: 'sure',
    ...overrides,
  });

  it('adds an entry that is due at once, and lists it', async () => {
    const response = await send(student, 'POST', '/api/journal/entries', entry());
    expect(response.statusCode).toBe(201);
    const { entries, dueToday } = await journal();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: response.json().id, keyPoint: entry().keyPoint, reps: 0 });
    expect(dueToday).toBe(1);
  });

  describe('bad input says what to fix and stores nothing', () => {
    it.each([
      ['no key point', entry({ keyPoint: '' }), 'keyPoint'],
      ['an unknown system', entry({ system: 'spleen' }), 'system'],
      ['an unknown error type', entry({ errorType: 'tired' }), 'errorType'],
      ['half a rule', entry({ rule: { when: 'x' } }), 'rule.then'],
      [
        'an option twice',
        entry({
          wrongOptions: [
            { option: 'B', why: 'x' },
            { option: 'b', why: 'y' },
          ],
        }),
        'wrongOptions.1.option',
      ],
      ['a NUL byte', entry({ keyPoint: 'a\u0000b' }), 'keyPoint'],
      ['an unknown field', entry({ score: 3 }), '_'],
      ['a block that is not theirs', entry({ blockId: 'nope' }), 'blockId'],
      ['a NUL in the block id', entry({ blockId: 'x\u0000' }), 'blockId'],
    ])('refuses %s', async (_name, payload, field) => {
      const before = (await journal()).entries.length;
      const response = await send(student, 'POST', '/api/journal/entries', payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields).toHaveProperty(field);
      expect((await journal()).entries).toHaveLength(before);
    });

    it.each([
      ['a rating of 5', { entryId: 'x', rating: 5 }, 'rating'],
      ['no entry id', { rating: 3 }, 'entryId'],
      [
        'a NUL in the entry id (found by the fuzz: PostgreSQL answered 500)',
        { entryId: 'a\u0000b', rating: 3 },
        'entryId',
      ],
    ])('refuses a review with %s', async (_name, payload, field) => {
      const response = await send(student, 'POST', '/api/journal/reviews', payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields).toHaveProperty(field);
    });
  });

  it('adds several entries from a just-logged block, all or none', async () => {
    const logged = await send(student, 'POST', '/api/evidence/blocks', {
      bank: 'amboss',
      mode: 'timed',
      questions: 40,
      correct: 37,
      minutes: 58,
      date: '2026-11-24',
      missedSystems: ['cardiovascular', 'renal-urinary', 'endocrine'],
    });
    const blockId = logged.json().id;
    const drafts = ['cardiovascular', 'renal-urinary', 'endocrine'].map((system, i) =>
      entry({ bank: 'amboss', system, blockId, keyPoint: `Point ${i}`, questionId: null }),
    );
    const bad = await send(student, 'POST', '/api/journal/entries/batch', {
      entries: [drafts[0], { ...drafts[1], keyPoint: '' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['entries.1.keyPoint']);
    expect((await journal()).entries).toHaveLength(1);
    const good = await send(student, 'POST', '/api/journal/entries/batch', { entries: drafts });
    expect(good.statusCode).toBe(201);
    expect(good.json().ids).toHaveLength(3);
    const { entries } = await journal();
    expect(entries.filter((e: { blockId: string }) => e.blockId === blockId)).toHaveLength(3);
  });

  it('reviews the queue least retained first, and undo restores the card exactly', async () => {
    const first = await queue();
    expect(first.queue).toHaveLength(4);
    expect(first.examDate).toBe('2027-01-20');
    expect(first.forecast.days[0]).toEqual({ date: '2026-11-24', count: 4 });
    expect(first.forecast.days.at(-1).date).toBe('2027-01-19');
    const card = first.queue[0];
    const rated = await send(student, 'POST', '/api/journal/reviews', {
      entryId: card.id,
      rating: 3,
      durationMs: 20_000,
    });
    expect(rated.statusCode).toBe(201);
    expect(Date.parse(rated.json().due)).toBeGreaterThan(t.clock.now().getTime());
    const after = await queue();
    expect(after.canUndo).toBe(true);
    const undone = await send(student, 'POST', '/api/journal/reviews/undo');
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toEqual({ entryId: card.id, due: card.due });
    const entries = (await journal()).entries;
    expect(entries.find((e: { id: string }) => e.id === card.id)).toMatchObject({ due: card.due, reps: 0 });
    const nothing = await send(student, 'POST', '/api/journal/reviews/undo');
    expect(nothing.statusCode).toBe(404);
  });

  it('edits and deletes an entry', async () => {
    const { entries } = await journal();
    const id = entries[0].id;
    const edited = await send(student, 'PUT', `/api/journal/entries/${id}`, entry({ keyPoint: 'Rewritten' }));
    expect(edited.statusCode).toBe(204);
    expect((await journal()).entries.find((e: { id: string }) => e.id === id).keyPoint).toBe('Rewritten');
    expect((await send(student, 'DELETE', `/api/journal/entries/${id}`)).statusCode).toBe(204);
    expect((await journal()).entries.some((e: { id: string }) => e.id === id)).toBe(false);
    expect((await send(student, 'DELETE', `/api/journal/entries/${id}`)).statusCode).toBe(404);
  });

  it('lets another student neither read nor change an entry', async () => {
    const { entries } = await journal();
    const id = entries[0].id;
    expect((await journal(other)).entries).toEqual([]);
    expect((await queue(other)).queue).toEqual([]);
    expect((await send(other, 'PUT', `/api/journal/entries/${id}`, entry())).statusCode).toBe(404);
    expect((await send(other, 'DELETE', `/api/journal/entries/${id}`)).statusCode).toBe(404);
    expect((await send(other, 'POST', '/api/journal/reviews', { entryId: id, rating: 1 })).statusCode).toBe(404);
    expect((await send(other, 'POST', '/api/journal/reviews/undo')).statusCode).toBe(404);
    const csv = await other.request({ method: 'GET', url: '/api/journal/export.csv' });
    expect(csv.body.trim().split('\n')).toHaveLength(1);
    expect((await journal()).entries.find((e: { id: string }) => e.id === id)).toEqual(entries[0]);
  });

  it('exports CSV that imports back, previews every refused row with its reasons, and exports JSON', async () => {
    const csv = await student.request({ method: 'GET', url: '/api/journal/export.csv' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const count = (await journal()).entries.length;
    expect(csv.body.trim().split('\r\n')).toHaveLength(count + 1);

    const sheet = [
      'Bank,QID,System,Why,Key point,Wrong options',
      'UWorld,1001,Cardiovascular system,Knowledge gap,"Beta blockers first, then nitrates","B: raises HR; C: no benefit"',
      'Kaplan,1002,cardiovascular,misread,Something,',
      'uworld,1003,spleen,timing,,',
      'amboss,1004,renal-urinary,changed a right answer,Trust the first read,no label here',
    ].join('\n');
    const mapping = {
      bank: 'Bank',
      questionId: 'QID',
      system: 'System',
      errorType: 'Why',
      keyPoint: 'Key point',
      wrongOptions: 'Wrong options',
    };
    const preview = await send(student, 'POST', '/api/journal/import', { csv: sheet, mapping, commit: false });
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ rows: 4, accepted: 1, ids: [] });
    expect(body.refused.map((r: { row: number }) => r.row)).toEqual([3, 4, 5]);
    expect(Object.keys(body.refused[0].reasons)).toEqual(['bank']);
    expect(Object.keys(body.refused[1].reasons).sort()).toEqual(['keyPoint', 'system']);
    expect(Object.keys(body.refused[2].reasons)).toEqual(['wrongOptions']);
    expect((await journal()).entries).toHaveLength(count);

    const missingColumn = await send(student, 'POST', '/api/journal/import', {
      csv: sheet,
      mapping: { ...mapping, teachingPoint: 'Notes' },
    });
    expect(missingColumn.statusCode).toBe(400);
    expect(missingColumn.json().error.fields).toHaveProperty(['mapping.teachingPoint']);

    const committed = (
      await send(student, 'POST', '/api/journal/import', { csv: sheet, mapping, commit: true })
    ).json();
    expect(committed.ids).toHaveLength(1);
    const imported = (await journal()).entries.find((e: { id: string }) => e.id === committed.ids[0]);
    expect(imported).toMatchObject({
      bank: 'uworld',
      system: 'cardiovascular',
      errorType: 'knowledge-gap',
      wrongOptions: [
        { option: 'B', why: 'raises HR' },
        { option: 'C', why: 'no benefit' },
      ],
    });

    await send(student, 'POST', '/api/journal/reviews', { entryId: imported.id, rating: 2 });
    const exported = (await student.request({ method: 'GET', url: '/api/account/export' })).json();
    expect(exported.journal.entries).toHaveLength(count + 1);
    expect(exported.journal.reviews).toHaveLength(1);
    expect(exported.journal.reviews[0]).toMatchObject({ entryId: imported.id, rating: 2 });
  });
});
