import { afterAll, beforeAll, expect, it } from 'vitest';
import { parsePairsCsv } from '../../src/cli/evaluate-csv.ts';
import { evaluatePredictor } from '#domain/evidence/evaluation.ts';
import { writeOutcomesCsv } from '#domain/evidence/outcome-pairs.ts';
import { exportOutcomes } from '#server/export-outcomes-cli.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { clientFrom, createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

const DAY_MS = 86_400_000;

// Test clock 2026-11-24; exams 2027-01-06; results recorded on 2027-02-05, then back-dated exams logged.
describeEachDatabase('comeback export-outcomes', (kind) => {
  let t: TestApp;
  let csv = '';
  let summary = '';
  const students: Client[] = [];
  const signedInClients: Client[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind);
    const exams = [
      [
        { form: 'NBME13', date: '2026-11-10', score: 230 },
        { form: 'UWSA2', date: '2026-11-20', score: 241 },
        { form: 'NBME13', date: '2026-11-22', score: 244 }, // a repeat sitting: the first one is exported
      ],
      [{ form: 'FREE120', date: '2026-11-21', percentCorrect: 71 }],
      [{ form: 'NBME14', date: '2026-11-18', score: 250 }],
      [],
    ];
    for (const list of exams) {
      const client = await signUpClient(t.app);
      await client.request({
        method: 'PUT',
        url: '/api/profile',
        payload: buildProfileInput({ examDate: '2027-01-06' }),
      });
      for (const exam of list)
        await client.request({ method: 'POST', url: '/api/evidence/practice-exams', payload: exam });
      students.push(client);
    }
    t.clock.advance(73 * DAY_MS);
    const results = [
      { score: 247, shareWithSchool: true },
      { score: 238, shareWithSchool: true },
      { score: 255, shareWithSchool: false }, // not consented: never exported
      { score: 226, shareWithSchool: true }, // consented, but no practice exam to pair with
    ];
    for (const [i, result] of results.entries()) {
      const old = students[i]!;
      const signedIn = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: old.email, password: old.password },
      });
      const client = clientFrom(t.app, signedIn, old.email, old.password);
      const response = await client.request({
        method: 'PUT',
        url: '/api/outcome',
        payload: { ...result, passed: true, resultDate: '2027-02-03' },
      });
      expect(response.statusCode).toBe(200);
      signedInClients.push(client);
    }
    // After the results, exams typed in with dates before the exam (back-dated): they were not on
    // record on exam day, so they never enter the consented pairs.
    const backDated = [
      [0, { form: 'NBME14', date: '2026-12-30', score: 280 }],
      [0, { form: 'UWSA2', date: '2026-11-01', score: 270 }], // earlier than the first UWSA2 sitting
      [3, { form: 'NBME15', date: '2027-01-05', score: 231 }], // would turn "left out" into a row
    ] as const;
    for (const [i, exam] of backDated) {
      const response = await signedInClients[i]!.request({
        method: 'POST',
        url: '/api/evidence/practice-exams',
        payload: exam,
      });
      expect(response.statusCode).toBe(201);
    }
    await exportOutcomes(t.ctx.database.db, { stdout: (text) => (csv += text), stderr: (text) => (summary += text) });
  });
  afterAll(() => t.close());

  it('writes the evaluate CSV from consented results only, with no name, email or id, and no back-dated exam', () => {
    expect(csv.split('\n')).toEqual([
      '# comeback export-outcomes: 2 consented results; 1 left out (no practice exam before the exam)',
      'real,exam_date,NBME13,NBME13_date,UWSA2,UWSA2_date,FREE120,FREE120_date',
      '247,2027-01-06,230,2026-11-10,241,2026-11-20,,',
      '238,2027-01-06,,,,,71,2026-11-21',
      '',
    ]);
    expect(summary).toBe('2 consented result(s) written; 1 left out (no practice exam before the exam).\n');
    for (const s of students) {
      expect(csv).not.toContain(s.email);
      expect(csv).not.toContain(s.id);
    }
  });

  it('is read back by comeback evaluate', () => {
    const parsed = parsePairsCsv(csv);
    expect(parsed.problems).toEqual([]);
    expect(parsed.pairs).toHaveLength(2);
    expect(evaluatePredictor(parsed.pairs).n).toBe(2);
  });
});

it('writes only a header and the note when no result is shared', () => {
  expect(writeOutcomesCsv([]).csv).toBe(
    '# comeback export-outcomes: 0 consented results; 0 left out (no practice exam before the exam)\nreal,exam_date\n',
  );
});
