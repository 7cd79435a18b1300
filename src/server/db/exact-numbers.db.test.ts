// Fractional numbers read back exactly on both databases (issue 8 item 5: PostgreSQL's 4-byte `real`
// read 7.123456789 back as 7.123457 and refused 5e-324 with a 500). The contracts take each field at a
// stated resolution; the columns keep any double, so what was accepted is what is read.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';
import * as exactNumbers from './migrations/202612010200_exact_numbers.ts';

const EXACT = [7.123456789, 0.1 + 0.2, Number.MIN_VALUE, 1e308, 68.55, 1 / 3];

describeEachDatabase('exact numbers', (kind) => {
  let t: TestApp;
  let student: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    await student.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object) => student.request({ method: 'POST', url, payload });
  const evidence = async () => (await student.request({ method: 'GET', url: '/api/evidence' })).json();

  async function columnTypes(): Promise<Record<string, string>> {
    const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema()
        and (table_name, column_name) in (('practice_exams', 'percent_correct'), ('wellbeing_checkins', 'sleep_hours'))
    `.execute(t.ctx.database.db);
    return Object.fromEntries(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.data_type]));
  }

  // PostgreSQL only (SQLite's REAL is already 8 bytes): defined only there, so nothing is skipped.
  if (kind === 'postgres')
    it('stores the fractional columns as double precision, and down goes back to real', async () => {
      expect(await columnTypes()).toEqual({
        'practice_exams.percent_correct': 'double precision',
        'wellbeing_checkins.sleep_hours': 'double precision',
      });
      await exactNumbers.down(t.ctx.database.db);
      expect(Object.values(await columnTypes())).toEqual(['real', 'real']);
      await exactNumbers.up(t.ctx.database.db);
      expect(Object.values(await columnTypes())).toEqual(['double precision', 'double precision']);
    });

  it('reads every double back exactly from the columns (7.123456789 stays 7.123456789)', async () => {
    const repo = t.ctx.repos.evidence;
    for (const [i, value] of EXACT.entries()) {
      const meta = { id: `exact-${kind}-${i}`, now: '2026-11-24T15:00:00.000Z' };
      await repo.insertCheckIn(student.id, { date: '2026-11-20', sleepHours: value, stress: 2, mood: 4 }, meta);
      await repo.insertPracticeExam(
        student.id,
        { form: 'FREE120', date: '2026-11-20', score: null, percentCorrect: value, isPredictive: true, breakdown: [] },
        meta,
      );
    }
    const checkIns = await repo.listCheckIns(student.id);
    const exams = await repo.listPracticeExams(student.id);
    for (const [i, value] of EXACT.entries()) {
      expect(checkIns.find((c) => c.id === `exact-${kind}-${i}`)?.sleepHours).toBe(value);
      expect(exams.find((e) => e.id === `exact-${kind}-${i}`)?.percentCorrect).toBe(value);
    }
    for (const [i] of EXACT.entries()) {
      await repo.deletePracticeExam(student.id, `exact-${kind}-${i}`);
      await t.ctx.database.db.deleteFrom('wellbeing_checkins').where('id', '=', `exact-${kind}-${i}`).execute();
    }
  });

  it('takes sleep to 0.01 h and percents to 0.1 through the API, and reads them back as sent', async () => {
    for (const sleepHours of [6.75, 7.33, 0.01, 23.99, 24, 0]) {
      const response = await post('/api/evidence/wellbeing', { date: '2026-11-23', sleepHours, stress: 2, mood: 4 });
      expect(response.statusCode, String(sleepHours)).toBe(201);
    }
    const logged = await post('/api/evidence/practice-exams', {
      form: 'FREE120',
      date: '2026-11-22',
      percentCorrect: 68.5,
      breakdown: [
        { area: 'cardiovascular', percentCorrect: 99.9 },
        { area: 'surgery', percentCorrect: 0.1 },
      ],
    });
    expect(logged.statusCode).toBe(201);
    const { wellbeing, practiceExams } = await evidence();
    expect(
      wellbeing.recent.map((c: { sleepHours: number }) => c.sleepHours).sort((a: number, b: number) => a - b),
    ).toEqual([0, 0.01, 6.75, 7.33, 23.99, 24]);
    const exam = practiceExams.find((e: { id: string }) => e.id === logged.json().id);
    expect(exam.percentCorrect).toBe(68.5);
    expect(exam.breakdown).toEqual([
      { area: 'cardiovascular', percentCorrect: 99.9 },
      { area: 'surgery', percentCorrect: 0.1 },
    ]);
  });

  it('refuses numbers no one could mean, saying what to enter, and stores nothing', async () => {
    const before = await evidence();
    const cases: [string, object, string, RegExp][] = [
      ['/api/evidence/wellbeing', { sleepHours: 7.123456789 }, 'sleepHours', /two decimals/],
      ['/api/evidence/wellbeing', { sleepHours: Number.MIN_VALUE }, 'sleepHours', /two decimals/],
      ['/api/evidence/wellbeing', { sleepHours: 1e308 }, 'sleepHours', /24 hours/],
      ['/api/evidence/wellbeing', { sleepHours: -Number.MIN_VALUE }, 'sleepHours', /below 0/],
      ['/api/evidence/practice-exams', { percentCorrect: 68.55 }, 'percentCorrect', /one decimal/],
      ['/api/evidence/practice-exams', { percentCorrect: Number.MIN_VALUE }, 'percentCorrect', /one decimal/],
    ];
    for (const [url, fields, field, message] of cases) {
      const base =
        url === '/api/evidence/wellbeing'
          ? { date: '2026-11-23', sleepHours: 7, stress: 2, mood: 4 }
          : { form: 'FREE120', date: '2026-11-22', percentCorrect: 60 };
      const response = await post(url, { ...base, ...fields });
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      expect(response.json().error.fields[field]).toMatch(message);
    }
    expect(await evidence()).toEqual(before);
  });
});
