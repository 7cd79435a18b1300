import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from './comeback.ts';

const NOW = new Date('2026-11-24T15:00:00Z');

describe('comeback plan', () => {
  it('prints a dated plan as JSON for a valid request', () => {
    const result = runCli(
      ['plan'],
      JSON.stringify({
        startDate: '2026-11-25',
        examDate: '2027-01-20',
        settings: {
          questionBank: { questionsLeft: 800, blockFormat: '20-in-30', reviewMinutesPerBlock: 30, mode: 'timed' },
        },
      }),
      NOW,
    );
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.days[0].date).toBe('2026-11-25');
    expect(plan.days.at(-1).kind).toBe('exam');
    expect(plan.summary.questionsScheduled).toBe(800);
  });

  it('prints only checked ways out: each one, applied, removes its shortfall (as in the web app)', () => {
    const request = {
      startDate: '2026-11-25',
      examDate: '2027-01-20',
      settings: {
        dailyCapHours: 2,
        questionBank: { questionsLeft: 800, blockFormat: '20-in-30', reviewMinutesPerBlock: 30, mode: 'timed' },
      },
    };
    const plan = JSON.parse(runCli(['plan'], JSON.stringify(request), NOW).stdout);
    expect(plan.summary.waysOutChecked).toBe(true);
    const shortfall = plan.summary.shortfalls[0];
    const patches = shortfall.waysOut.filter((way: { settingsPatch?: object }) => way.settingsPatch);
    expect(patches.length).toBeGreaterThan(0);
    for (const way of patches) {
      const applied = runCli(
        ['plan'],
        JSON.stringify({ ...request, settings: { ...request.settings, ...way.settingsPatch } }),
        NOW,
      );
      const after = JSON.parse(applied.stdout);
      const same = after.summary.shortfalls.filter(
        (other: { week: number; kind: string }) => other.week === shortfall.week && other.kind === shortfall.kind,
      );
      expect(same, way.label).toEqual([]);
    }
  });

  it('starts today in the given time zone when no start date is given', () => {
    const result = runCli(
      ['plan'],
      JSON.stringify({
        examDate: '2027-01-20',
        timeZone: 'Pacific/Kiritimati',
        settings: {
          questionBank: { questionsLeft: 0, blockFormat: '40-in-60', reviewMinutesPerBlock: 60, mode: 'timed' },
        },
      }),
      NOW,
    );
    expect(JSON.parse(result.stdout).days[0].date).toBe('2026-11-25');
  });

  it.each([
    ['not JSON', 'nope', /not valid JSON/],
    ['an exam date in the past', JSON.stringify({ startDate: '2026-11-25', examDate: '2020-01-01' }), /exam date/],
    [
      '100,000 questions',
      JSON.stringify({
        examDate: '2027-01-20',
        settings: {
          questionBank: { questionsLeft: 100000, blockFormat: '40-in-60', reviewMinutesPerBlock: 60, mode: 'timed' },
        },
      }),
      /settings\.questionBank\.questionsLeft/,
    ],
    [
      'an impossible bank',
      JSON.stringify({ startDate: '2026-11-25', examDate: '2026-12-20' }),
      /PLAN_INFEASIBLE: 3,900 questions left need 195 blocks of 20/,
    ],
    [
      'an exam date thousands of years away',
      JSON.stringify({ startDate: '2026-11-25', examDate: '9999-12-31' }),
      /within 3 years/,
    ],
    ['an unknown field', JSON.stringify({ examDate: '2027-01-20', extra: 1 }), /not a valid plan request/],
  ])('refuses %s on stderr with exit code 2', (_name, stdin, message) => {
    const result = runCli(['plan'], stdin, NOW);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('refuses an unknown command', () => {
    expect(runCli(['bake'], '{}', NOW)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown command "bake"/),
    });
  });

  it('runs as `npx comeback plan` through the package bin', () => {
    const stdout = execFileSync('node', ['bin/comeback.mjs', 'plan'], {
      input: JSON.stringify({
        startDate: '2026-11-25',
        examDate: '2026-12-30',
        settings: {
          questionBank: { questionsLeft: 200, blockFormat: '40-in-60', reviewMinutesPerBlock: 60, mode: 'timed' },
        },
      }),
    }).toString();
    expect(JSON.parse(stdout).summary.blocksNeeded).toBe(5);
    const bad = spawnSync('node', ['bin/comeback.mjs', 'plan'], { input: '{' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toMatch(/not valid JSON/);
  });
});

const PREDICT_EXAMPLE = {
  examDate: '2027-03-01',
  targetScore: 245,
  exams: [
    { form: 'NBME13', date: '2027-01-10', score: 236 },
    { form: 'UWSA2', date: '2027-02-01', score: 251 },
    { form: 'FREE120', date: '2027-02-20', percentCorrect: 74 },
  ],
};

describe('comeback predict', () => {
  it('prints exactly the documented keys for the docs/cli.md example', () => {
    const result = runCli(['predict'], JSON.stringify(PREDICT_EXAMPLE), NOW);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual([
      'predicted',
      'low',
      'high',
      'level',
      'passProbability',
      'targetProbability',
      'explanation',
      'currentLevel',
      'trend',
      'neededPointsPerWeek',
      'warning',
    ]);
    // Exam-day score (issue 10): level 251 on 20 February, carried 9 days at 2.3 points a week.
    expect(output).toMatchObject({ predicted: 254, low: 239, high: 269, level: 0.8, passProbability: 0.99 });
    expect(output.trend).toMatchObject({ source: 'own', usedPointsPerWeek: 2.3, daysCarried: 9 });
    expect(output.explanation[0]).toMatch(/^Predicted score on exam day, Monday 1 March 2027: 254/);
  });

  it('does not use the clock: exams after "now" are accepted unless today is sent', () => {
    expect(runCli(['predict'], JSON.stringify(PREDICT_EXAMPLE), NOW).code).toBe(0);
    const withToday = runCli(['predict'], JSON.stringify({ ...PREDICT_EXAMPLE, today: '2027-02-10' }), NOW);
    expect(withToday.code).toBe(2);
    expect(withToday.stderr).toMatch(/exams\.2\.date: 2027-02-20 is after today \(2027-02-10\)/);
  });

  it('says which exam to take first when there is none (exit 2, nothing on stdout)', () => {
    const result = runCli(['predict'], JSON.stringify({ ...PREDICT_EXAMPLE, exams: [] }), NOW);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/No practice exam yet, so there is no prediction/);
    expect(result.stderr).toMatch(/Take an NBME CCSSA form first/);
  });

  const withExam = (exam: Record<string, unknown>) => JSON.stringify({ ...PREDICT_EXAMPLE, exams: [exam] });
  it.each([
    [
      'a score of 400',
      withExam({ form: 'NBME13', date: '2027-01-10', score: 400 }),
      /exams\.0\.score: 400 is off the 1–300 scale/,
    ],
    [
      'an unknown form',
      withExam({ form: 'NBME99', date: '2027-01-10', score: 236 }),
      /exams\.0\.form: "NBME99" is not a practice exam form we know/,
    ],
    [
      'a Free 120 given as a score',
      withExam({ form: 'FREE120', date: '2027-01-10', score: 74 }),
      /exams\.0\.score: The USMLE Free 120 reports a percent correct, not a 3-digit score/,
    ],
    [
      'a percent of 140',
      withExam({ form: 'FREE120', date: '2027-01-10', percentCorrect: 140 }),
      /exams\.0\.percentCorrect: A percent correct cannot be above 100/,
    ],
    [
      'an exam after the exam date',
      withExam({ form: 'NBME13', date: '2027-03-02', score: 236 }),
      /exams\.0\.date: 2027-03-02 is after your exam date/,
    ],
    ['a missing target', JSON.stringify({ examDate: '2027-03-01', exams: [] }), /targetScore/],
    ['an unknown field', JSON.stringify({ ...PREDICT_EXAMPLE, mood: 'great' }), /not a valid prediction request/],
    ['not JSON', '{"examDate":', /not valid JSON/],
  ])('refuses %s on stderr with exit code 2', (_name, stdin, message) => {
    const result = runCli(['predict'], stdin, NOW);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('runs as `npx comeback predict` through the package bin', () => {
    const stdout = execFileSync('node', ['bin/comeback.mjs', 'predict'], {
      input: JSON.stringify(PREDICT_EXAMPLE),
    }).toString();
    expect(JSON.parse(stdout).predicted).toBe(254);
    const bad = spawnSync('node', ['bin/comeback.mjs', 'predict'], {
      input: withExam({ form: 'NBME13', date: '2027-01-10', score: 400 }),
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toMatch(/400 is off the 1–300 scale/);
  });
});

const READINESS_EXAMPLE = {
  examDate: '2027-03-01',
  today: '2027-02-22',
  targetScore: 245,
  fullLengthDaysCompleted: 1,
  exams: [
    { form: 'NBME13', date: '2027-01-10', score: 236 },
    { form: 'UWSA2', date: '2027-02-01', score: 251 },
    { form: 'FREE120', date: '2027-02-20', percentCorrect: 74 },
  ],
};

describe('comeback readiness', () => {
  it('proceeds on the docs/cli.md example, with every reason', () => {
    const result = runCli(['readiness'], JSON.stringify(READINESS_EXAMPLE), NOW);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const output = JSON.parse(result.stdout);
    expect(output.verdict).toBe('proceed');
    expect(output.reasons.map((r: { rule: string; passed: boolean }) => [r.rule, r.passed])).toEqual([
      ['latest-near-target', true],
      ['two-at-target', true],
      ['clear-of-passing-line', true],
      ['full-length-day', true],
      ['prediction-safe', true],
    ]);
    expect(output).toMatchObject({
      phase: 'deciding',
      daysToExam: 7,
      holdsUntil: '2027-03-01',
      passingScore: 218,
      targetScore: 245,
      pointsShort: 0,
      recentExams: [
        { form: 'NBME13', date: '2027-01-10', reported: '236', score: 236, isFirstSitting: true },
        { form: 'UWSA2', date: '2027-02-01', reported: '251', score: 248, isFirstSitting: true },
        { form: 'FREE120', date: '2027-02-20', reported: '74 % correct', score: 251, isFirstSitting: true },
      ].slice(1),
      notes: [],
    });
  });

  it('is not ready without a full-length day, and delays when the latest is far under target', () => {
    const notReady = JSON.parse(
      runCli(['readiness'], JSON.stringify({ ...READINESS_EXAMPLE, fullLengthDaysCompleted: 0 }), NOW).stdout,
    );
    expect(notReady.verdict).toBe('not-ready');
    const delay = JSON.parse(
      runCli(['readiness'], JSON.stringify({ ...READINESS_EXAMPLE, targetScore: 260 }), NOW).stdout,
    );
    expect(delay.verdict).toBe('delay');
    expect(delay.pointsShort).toBe(9);
  });

  it('defaults today to the current UTC date', () => {
    // NOW is 2026-11-24, before the example's exams: they are refused as in the future.
    const { today: _today, ...withoutToday } = READINESS_EXAMPLE;
    const result = runCli(['readiness'], JSON.stringify(withoutToday), NOW);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/exams\.0\.date: 2027-01-10 is after today \(2026-11-24\)/);
  });

  it.each([
    ['a score of 400', { exams: [{ form: 'NBME13', date: '2027-01-10', score: 400 }] }, /exams\.0\.score/],
    ['an exam in the future', { exams: [{ form: 'NBME13', date: '2027-02-25', score: 240 }] }, /is after today/],
    [
      'an unknown form',
      { exams: [{ form: 'STEP1', date: '2027-01-10', score: 240 }] },
      /"STEP1" is not a practice exam form/,
    ],
    ['negative full-length days', { fullLengthDaysCompleted: -2 }, /fullLengthDaysCompleted/],
    [
      'an exam date before today',
      { examDate: '2027-02-01' },
      /examDate: Your exam date \(Monday 1 February 2027\) is before today/,
    ],
  ])('refuses %s on stderr with exit code 2', (_name, overrides, message) => {
    const result = runCli(['readiness'], JSON.stringify({ ...READINESS_EXAMPLE, ...overrides }), NOW);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(message);
  });

  it('says on track / off track, never delay, 16 weeks out', () => {
    const output = JSON.parse(
      runCli(['readiness'], JSON.stringify({ ...READINESS_EXAMPLE, today: '2026-11-09', exams: [] }), NOW).stdout,
    );
    expect(output).toMatchObject({ verdict: 'off-track', phase: 'tracking', decisionOpensOn: '2027-02-08' });
  });

  it('lists the new commands in the usage text', () => {
    expect(runCli(['--help'], '', NOW).stdout).toMatch(/predict[\s\S]*readiness[\s\S]*evaluate/);
  });
});

/** mulberry32: a seeded PRNG, so the synthetic file is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('comeback evaluate', () => {
  it('prints n, bias, MAE, RMSE and coverage beside the two baselines', () => {
    const csv = 'real,exam_date,NBME13,NBME13_date,UWSA2,FREE120\n250,2027-03-01,236,2027-01-10,251,74\n230,,221,,,\n';
    const result = runCli(['evaluate'], csv, NOW);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const output = JSON.parse(result.stdout);
    expect(output.n).toBe(2);
    expect(Object.keys(output.predictor)).toEqual(['n', 'bias', 'mae', 'rmse', 'coverage80']);
    expect(output.baselines.latestNbmeAsReported).toMatchObject({ n: 2, coverage80: null });
    // Row 2: NBME13 221 alone, dated by the default spacing a week before 2027-03-01; 221 − 230 = −9.
    expect(output.baselines.meanOfLastTwo.n).toBe(2);
  });

  it('refuses a file without a real column or with an unknown form (exit 2)', () => {
    expect(runCli(['evaluate'], 'NBME13\n236\n', NOW)).toMatchObject({ code: 2, stdout: '' });
    expect(runCli(['evaluate'], 'real,STEP1\n240,236\n', NOW).stderr).toMatch(/Unknown column "STEP1"/);
  });

  it('recovers bias ≈ 0 and coverage ≈ 80 % on a synthetic file drawn from the model itself', () => {
    // Known model (the predictor's own assumptions): exam-day level ~ N(240, 15); a slope per student
    // ~ N(2.3, 3) points a week; four weekly NBME-type exams with form error √(7² + 1.25²) around the
    // level on their date; the real score = the exam-day level + N(0, 7).
    const random = seeded(10);
    const normal = () => {
      const u = Math.max(random(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    };
    const lines = ['real,NBME11,NBME12,NBME13,UWSA2'];
    for (let i = 0; i < 600; i += 1) {
      const examDay = 240 + 15 * normal();
      const perDay = (2.3 + 3 * normal()) / 7;
      const onScale = (x: number) => Math.min(300, Math.max(1, Math.round(x)));
      const at = (daysOut: number, offset: number, sd: number) =>
        onScale(examDay - perDay * Math.min(daysOut, 42) + offset + sd * normal());
      const real = onScale(examDay + 7 * normal());
      lines.push([real, at(28, 0, 8.4), at(21, 0, 8.4), at(14, 0, 7.1), at(7, 3, 7.2)].join(','));
    }
    const output = JSON.parse(runCli(['evaluate'], lines.join('\n'), NOW).stdout);
    expect(output.n).toBe(600);
    expect(Math.abs(output.predictor.bias)).toBeLessThan(1.5);
    expect(output.predictor.coverage80).toBeGreaterThan(0.74);
    expect(output.predictor.coverage80).toBeLessThan(0.88);
  });
});
