import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../common/dates.ts';
import { PRACTICE_FORM_IDS, type PracticeFormId } from '../exam/practice-forms.ts';
import type { PracticeExamInput } from './logging.ts';
import { predictScore } from './predictor.ts';
import { correctPracticeExam } from './practice-scores.ts';
import {
  assessReadiness,
  DECISION_WINDOW_DAYS,
  NEAR_PASSING_POINTS,
  NEAR_TARGET_POINTS,
  proposeDelay,
  RECENT_WINDOW_DAYS,
  SAFE_PASS_PROBABILITY,
  type ReadinessAssessment,
  type ReadinessInput,
  type ReadinessRuleId,
} from './readiness.ts';

const TODAY = '2027-02-22';
const EXAM_DATE = '2027-03-01';
const PASSING = 218;

function assess(overrides: Partial<ReadinessInput> & { exams: ReadinessInput['exams'] }): ReadinessAssessment {
  const result = assessReadiness({
    targetScore: 245,
    fullLengthDaysCompleted: 1,
    examDate: EXAM_DATE,
    today: TODAY,
    ...overrides,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function passedRules(a: ReadinessAssessment): Partial<Record<ReadinessRuleId, boolean>> {
  return Object.fromEntries(a.reasons.map((r) => [r.rule, r.passed]));
}

function reasonOf(a: ReadinessAssessment, rule: ReadinessRuleId): string {
  return a.reasons.find((r) => r.rule === rule)!.text;
}

const STRONG = [
  { form: 'UWSA2', date: '2027-02-01', score: 251 }, // → 248
  { form: 'FREE120', date: '2027-02-20', percentCorrect: 74 }, // → 250.6 → 251
];

describe('the readiness rule inside the decision window', () => {
  it('proceeds when all five conditions hold, and says until when', () => {
    const result = assess({ exams: STRONG });
    expect(result).toMatchObject({ verdict: 'proceed', phase: 'deciding', daysToExam: 7 });
    expect(passedRules(result)).toEqual({
      'latest-near-target': true,
      'two-at-target': true,
      'clear-of-passing-line': true,
      'full-length-day': true,
      'prediction-safe': true,
    });
    // The UWSA 2 of 1 February leaves the 28-day window on 1 March, the exam day itself.
    expect(result.holdsUntil).toBe('2027-03-01');
    expect(reasonOf(result, 'two-at-target')).toBe(
      'Your last two practice exams both reach your target of 245 (UWorld Self-Assessment 2 (Monday 1 February): 251 → 248 after its known offset; USMLE Free 120 (Saturday 20 February): 74 % correct ≈ 251).',
    );
    expect(reasonOf(result, 'clear-of-passing-line')).toMatch(/^Both your practice exams of the last 28 days are/);
  });

  it('gives a proceed 20 days out a "holds until" date before the exam', () => {
    const result = assess({
      today: '2027-02-09',
      exams: [
        { form: 'NBME13', date: '2027-01-20', score: 252 },
        { form: 'UWSA2', date: '2027-02-08', score: 258 },
      ],
    });
    expect(result.verdict).toBe('proceed');
    expect(result.holdsUntil).toBe('2027-02-17');
    expect(result.headline).toMatch(/It holds until Wednesday 17 February; each new practice exam checks it again/);
  });

  it('reads EVERY exam of the last 28 days: a 222 taken 26 days ago beside three later 250s is not ready', () => {
    const result = assess({
      exams: [
        { form: 'NBME11', date: '2027-01-27', score: 222 },
        { form: 'NBME12', date: '2027-02-05', score: 250 },
        { form: 'NBME13', date: '2027-02-12', score: 250 },
        { form: 'NBME14', date: '2027-02-19', score: 250 },
      ],
    });
    expect(result.verdict).toBe('not-ready');
    expect(reasonOf(result, 'clear-of-passing-line')).toMatch(
      /NBME CCSSA Form 11 \(Wednesday 27 January\): 222 is within 10 points/,
    );
  });

  it('gives the same verdict for two same-day sittings in either order: the lower counts', () => {
    const sittings = [
      { form: 'UWSA2', date: '2027-02-10', score: 253 },
      { form: 'NBME14', date: '2027-02-20', score: 250 },
      { form: 'NBME14', date: '2027-02-20', score: 238 },
    ];
    const a = assess({ exams: sittings });
    const b = assess({ exams: [sittings[2]!, sittings[1]!, sittings[0]!] });
    expect(a).toEqual(b);
    expect(a.verdict).toBe('delay');
    expect(reasonOf(a, 'latest-near-target')).toMatch(/7 points under your target[^\n]*238/);
  });

  it('gives the same answer, to the last field, for an identical sitting logged twice in either order', () => {
    const twice = { form: 'NBME14', date: '2027-02-20', score: 250 };
    const other = { form: 'UWSA2', date: '2027-02-20', score: 252 };
    expect(assess({ exams: [twice, other, { ...twice }] })).toEqual(assess({ exams: [{ ...twice }, twice, other] }));
  });

  it('never proceeds beside a predictor warning: target 228, exams of 228 and 229', () => {
    const exams = [
      { form: 'NBME13', date: '2027-02-15', score: 228 },
      { form: 'NBME14', date: '2027-02-22', score: 229 },
    ];
    const result = assess({ exams, targetScore: 228 });
    const prediction = predictScore({ exams, examDate: EXAM_DATE, targetScore: 228, today: TODAY });
    expect(prediction.ok && prediction.value.status === 'predicted' && prediction.value.warning).toMatch(
      /risk of a second fail/,
    );
    expect(result.verdict).toBe('not-ready');
    expect(passedRules(result)['prediction-safe']).toBe(false);
    expect(reasonOf(result, 'prediction-safe')).toMatch(/under the 95 % this rule asks for/);
  });

  it('does not say "both" when only one exam is recent, nor count a high repeat toward the target', () => {
    const one = assess({ exams: [{ form: 'NBME14', date: '2027-02-20', score: 250 }] });
    expect(reasonOf(one, 'two-at-target')).toMatch(/^You have only one practice exam in the last 28 days/);
    expect(reasonOf(one, 'clear-of-passing-line')).toMatch(/^Your one practice exam of the last 28 days is/);
    const repeat = assess({
      exams: [
        { form: 'NBME14', date: '2027-02-01', score: 240 },
        { form: 'UWSA2', date: '2027-02-10', score: 252 },
        { form: 'NBME14', date: '2027-02-20', score: 262 },
      ],
    });
    expect(repeat.verdict).toBe('delay');
    expect(reasonOf(repeat, 'two-at-target')).toMatch(/a repeat sitting[\s\S]*does not count toward the target/);
  });

  it('is not ready with strong scores but no full-length day', () => {
    expect(assess({ exams: STRONG, fullLengthDaysCompleted: 0 }).verdict).toBe('not-ready');
  });

  it('refuses a target below the passing score', () => {
    const result = assessReadiness({
      exams: STRONG,
      targetScore: 210,
      fullLengthDaysCompleted: 1,
      examDate: EXAM_DATE,
      today: TODAY,
    });
    expect(!result.ok && result.error.fields?.targetScore).toMatch(/below the passing score of 218/);
  });

  it('writes no ISO date in its headline or reasons', () => {
    for (const exams of [STRONG, [], [{ form: 'NBME13', date: '2026-12-01', score: 230 }]]) {
      const result = assess({ exams });
      expect([result.headline, ...result.reasons.map((r) => r.text)].join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });
});

describe('the readiness rule before the decision window: on track / off track', () => {
  it('116 days out with no practice exam: off track for lack of evidence, never a delay', () => {
    const result = assess({ exams: [], today: addDays(EXAM_DATE, -116) });
    expect(result).toMatchObject({ verdict: 'off-track', phase: 'tracking', holdsUntil: null, trajectory: null });
    expect(result.decisionOpensOn).toBe(addDays(EXAM_DATE, -DECISION_WINDOW_DAYS));
    expect(result.headline).toMatch(/go \/ delay decision comes from Monday 8 February/);
    expect(result.headline).not.toMatch(/^Delay/);
  });

  it('60 days out on a rising series toward 245: on track, with the trend in points a week', () => {
    const today = addDays(EXAM_DATE, -60);
    const result = assess({
      today,
      exams: [
        { form: 'NBME10', date: addDays(today, -21), score: 232 },
        { form: 'NBME11', date: addDays(today, -14), score: 237 },
        { form: 'NBME12', date: addDays(today, -7), score: 241 },
        { form: 'NBME13', date: today, score: 244 },
      ],
    });
    expect(result.verdict).toBe('on-track');
    expect(result.trajectory).toMatchObject({ pointsPerWeek: expect.any(Number) });
    expect(result.trajectory!.pointsPerWeek).toBeGreaterThan(2.3);
    expect(reasonOf(result, 'trajectory')).toMatch(/carried forward at \d+(\.\d)? points a week/);
  });

  it('off track near the target says what holds it back: never "short of" a target the prediction reaches', () => {
    const today = addDays(EXAM_DATE, -60);
    let nearButUnsafe = 0;
    for (const targetScore of [225, 230, 235, 240, 245, 250]) {
      for (let score = 215; score <= 255; score += 1) {
        const result = assess({ today, targetScore, exams: [{ form: 'NBME13', date: today, score }] });
        const trajectory = result.trajectory;
        if (result.verdict !== 'off-track' || !trajectory) continue;
        const reason = reasonOf(result, 'trajectory');
        if (trajectory.predicted >= targetScore) {
          nearButUnsafe += 1;
          expect(result.headline, `${score} toward ${targetScore}`).not.toMatch(/short of/);
          expect(result.headline).toMatch(/at your target of \d+ or above it, but your chance of passing is \d+ %/);
          expect(reason).toMatch(/needs a 95 % chance of passing; yours is \d+ %/);
        } else if (trajectory.predicted >= targetScore - NEAR_TARGET_POINTS) {
          expect(result.headline).toMatch(/just short of your target/);
        } else {
          expect(result.headline).toMatch(/short of your target/);
        }
      }
    }
    // One exam 60 days out leaves a wide band: at a low target the prediction reaches it unsafely.
    expect(nearButUnsafe).toBeGreaterThan(0);
  });

  it('60 days out at 225: off track, with what it takes in points a week, still no delay', () => {
    const today = addDays(EXAM_DATE, -60);
    const result = assess({ today, exams: [{ form: 'NBME13', date: today, score: 225 }] });
    expect(result.verdict).toBe('off-track');
    expect(result.headline).toMatch(/reaching it takes about \d+(\.\d)? points a week/);
  });

  it('delays early only when even the top of the band misses the passing line plus 10', () => {
    const today = addDays(EXAM_DATE, -35);
    const result = assess({
      today,
      exams: [
        { form: 'NBME12', date: addDays(today, -14), score: 185 },
        { form: 'NBME13', date: addDays(today, -7), score: 183 },
        { form: 'NBME14', date: today, score: 184 },
      ],
    });
    expect(result.trajectory!.high).toBeLessThan(PASSING + NEAR_PASSING_POINTS);
    expect(result.verdict).toBe('delay');
  });
});

const FORMS_3_DIGIT = PRACTICE_FORM_IDS.filter((f) => f !== 'FREE120');
const examArb: fc.Arbitrary<PracticeExamInput> = fc.oneof(
  fc.record({
    form: fc.constantFrom<PracticeFormId>(...FORMS_3_DIGIT),
    date: fc.integer({ min: 0, max: 50 }).map((d) => addDays(TODAY, -d)),
    score: fc.integer({ min: 205, max: 275 }),
  }),
  fc.record({
    form: fc.constant<PracticeFormId>('FREE120'),
    date: fc.integer({ min: 0, max: 50 }).map((d) => addDays(TODAY, -d)),
    percentCorrect: fc.integer({ min: 55, max: 90 }),
  }),
);
const inputArb = fc.record({
  exams: fc.array(examArb, { maxLength: 7 }),
  targetScore: fc.integer({ min: 225, max: 260 }),
  fullLengthDaysCompleted: fc.integer({ min: 0, max: 2 }),
  daysToExam: fc.integer({ min: 0, max: 40 }),
});

function run(i: {
  exams: PracticeExamInput[];
  targetScore: number;
  fullLengthDaysCompleted: number;
  daysToExam: number;
}) {
  const input: ReadinessInput = {
    exams: i.exams,
    targetScore: i.targetScore,
    fullLengthDaysCompleted: i.fullLengthDaysCompleted,
    today: TODAY,
    examDate: addDays(TODAY, i.daysToExam),
  };
  const result = assessReadiness(input);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { input, result: result.value };
}

/** The rule's score, restated: as reported, lowered for a form known to run high, never raised. */
function ruleScoreOf(exam: PracticeExamInput): number {
  return Math.round(correctPracticeExam({ ...exam, form: exam.form as PracticeFormId }).ruleScore);
}

describe('readiness: properties', () => {
  it('never proceeds when any exam of the last 28 days is within 10 points of the passing line', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const { input, result } = run(i);
        const recent = input.exams.filter((e) => daysBetween(e.date, TODAY) <= RECENT_WINDOW_DAYS);
        if (recent.some((e) => ruleScoreOf(e) < PASSING + NEAR_PASSING_POINTS))
          expect(result.verdict).not.toBe('proceed');
      }),
      { numRuns: 300 },
    );
  });

  it('never proceeds without a full-length day, outside the window, or with fewer than two recent exams at target', () => {
    let proceeds = 0;
    fc.assert(
      fc.property(inputArb, (i) => {
        const { input, result } = run(i);
        if (result.verdict !== 'proceed') return;
        proceeds += 1;
        expect(input.fullLengthDaysCompleted).toBeGreaterThanOrEqual(1);
        expect(result.daysToExam).toBeLessThanOrEqual(DECISION_WINDOW_DAYS);
        const atTarget = result.recentExams.filter((e) => e.score >= input.targetScore && e.isFirstSitting);
        expect(atTarget.length).toBeGreaterThanOrEqual(2);
        expect(result.holdsUntil).not.toBeNull();
        expect(result.trajectory!.passProbability).toBeGreaterThanOrEqual(SAFE_PASS_PROBABILITY);
        expect(result.trajectory!.low).toBeGreaterThanOrEqual(PASSING);
      }),
      { numRuns: 400 },
    );
    expect(proceeds).toBeGreaterThan(0);
  });

  it('says on track / off track, never proceed or a plain delay, before the window', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: DECISION_WINDOW_DAYS + 1, max: 150 }), (i, days) => {
        const { result } = run({ ...i, daysToExam: days });
        expect(['on-track', 'off-track', 'delay']).toContain(result.verdict);
        if (result.verdict === 'delay') expect(result.trajectory!.high).toBeLessThan(PASSING + NEAR_PASSING_POINTS);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 1000 }), (i, seed) => {
        const shuffled = i.exams
          .map((e, k) => ({ e, key: (k * 7919 + seed * 104729) % 1009 }))
          .sort((a, b) => a.key - b.key)
          .map(({ e }) => e);
        expect(run({ ...i, exams: shuffled }).result).toEqual(run(i).result);
      }),
      { numRuns: 200 },
    );
  });
});

describe('proposeDelay', () => {
  it('proposes 3 weeks for 6 points short, aimed at the costliest areas, released before review', () => {
    const proposal = proposeDelay({
      today: TODAY,
      examDate: EXAM_DATE,
      pointsShort: 6,
      weakAreas: [
        { name: 'Cardiovascular system' },
        { name: 'Medicine' },
        { name: 'Renal and urinary system' },
        { name: 'Skin' },
      ],
      reviewStartDate: '2027-09-22',
    });
    expect(proposal).toMatchObject({
      weeks: 3,
      originalExamDate: '2027-03-01',
      newExamDate: '2027-03-22',
      focusAreas: ['Cardiovascular system', 'Medicine', 'Renal and urinary system'],
      scoreRelease: { earliest: '2027-04-14', latest: '2027-04-21' },
      isReleaseBeforeReview: true,
      daysAfterReviewStart: 0,
    });
    expect(proposal.text[0]).toBe('Move your exam from Monday 1 March to Monday 22 March: 3 weeks more.');
    // 3 weeks × 2.3 = 6.9 ≥ 6: said as an expectation, consistent with the predictor's prior rise
    expect(proposal.text[1]).toMatch(/about 2.3 points a week, 3 weeks would cover the 6 points[^\n]*not a promise/);
    expect(proposal.text[2]).toMatch(/Cardiovascular system, Medicine and Renal and urinary system/);
    const last = proposal.text.at(-1)!;
    expect(last).toMatch(/before programs start reviewing on Wednesday 22 September/);
    expect(last).not.toMatch(/costs you nothing/);
    expect(proposal.text.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('does not promise more than the typical rise: 24 points short in 4 weeks is "less than the gap"', () => {
    const proposal = proposeDelay({
      today: TODAY,
      examDate: EXAM_DATE,
      pointsShort: 24,
      weakAreas: [],
      reviewStartDate: '2027-09-22',
    });
    expect(proposal.weeks).toBe(4);
    expect(proposal.text[1]).toMatch(/4 weeks would add about 9 points, less than the 24 points to your target/);
  });

  it.each([
    [0, 2],
    [4, 2],
    [5, 3],
    [6, 3],
    [7, 4],
    [40, 4],
    [null, 4],
  ])('extends %s points short by %i weeks (2–4, at 2.3 points a week)', (pointsShort, weeks) => {
    const proposal = proposeDelay({
      today: TODAY,
      examDate: EXAM_DATE,
      pointsShort,
      weakAreas: [],
      reviewStartDate: '2027-09-22',
    });
    expect(proposal.weeks).toBe(weeks);
    expect(daysBetween(EXAM_DATE, proposal.newExamDate)).toBe(weeks * 7);
  });

  it('says plainly when the delay pushes the score past review start', () => {
    // 2027-08-20 → release by 2027-09-22 (in time); +4 weeks → 2027-09-17 → release 2027-10-13 to 10-20
    const proposal = proposeDelay({
      today: '2027-08-01',
      examDate: '2027-08-20',
      pointsShort: 12,
      weakAreas: [{ name: 'Pediatrics' }],
      reviewStartDate: '2027-09-22',
    });
    expect(proposal).toMatchObject({
      weeks: 4,
      newExamDate: '2027-09-17',
      isReleaseBeforeReview: false,
      daysAfterReviewStart: 28,
    });
    expect(proposal.text.join('\n')).toMatch(/up to 28 days after programs start reviewing on Wednesday 22 September/);
    expect(proposal.text.join('\n')).toMatch(/this is the real cost of the delay/);
  });

  it('starts from today when the exam date has passed, and asks for tags when no weak area is known', () => {
    const proposal = proposeDelay({
      today: '2027-10-01',
      examDate: '2027-09-17',
      pointsShort: 3,
      weakAreas: [],
      reviewStartDate: '2027-09-22',
    });
    expect(proposal.newExamDate).toBe('2027-10-15');
    expect(proposal.text[2]).toMatch(/^Tag the systems and disciplines you miss/);
    expect(proposal.text.at(-1)).toMatch(/would not arrive in time either/);
  });
});

describe('readiness with a repeat sitting', () => {
  it('never says proceed when a repeat sitting of a form scores under the pass line', () => {
    // Given two first sittings at target and a full-length day, then NBME13 again at 212 (pass line 218)
    const result = assessReadiness({
      exams: [
        { form: 'NBME13', date: '2027-02-10', score: 252 },
        { form: 'UWSA2', date: '2027-02-20', score: 256 },
        { form: 'NBME13', date: '2027-02-28', score: 212 },
      ],
      targetScore: 245,
      fullLengthDaysCompleted: 1,
      examDate: '2027-03-10',
      today: '2027-03-01',
    });
    // Then the low repeat counts as the latest score and as a score near the line
    expect(result.ok && result.value.verdict).toBe('not-ready');
  });
});

describe('the trend in the trajectory reason says how far it is carried', () => {
  // Three rising exams, the latest on Jan 4: the exam 16 weeks later, or 5 weeks later.
  const exams: PracticeExamInput[] = [
    { form: 'NBME11', date: '2026-12-07', score: 200, percentCorrect: null },
    { form: 'NBME12', date: '2026-12-21', score: 205, percentCorrect: null },
    { form: 'NBME13', date: '2027-01-04', score: 210, percentCorrect: null },
  ];
  const trajectoryText = (examDate: string) =>
    assess({ exams, examDate, today: '2027-01-05', targetScore: 240 }).reasons.find((r) => r.rule === 'trajectory')!
      .text;

  it('with the exam more than 6 weeks after the latest practice exam: carried 6 weeks, then held', () => {
    const text = trajectoryText('2027-04-26');
    expect(text).toMatch(/a week for 6 weeks after your latest exam, then held level/);
    expect(text).toMatch(/every week from here to the exam/);
  });

  it('with the exam within 6 weeks: carried to the exam, nothing more said', () => {
    expect(trajectoryText('2027-02-08')).not.toMatch(/then held level/);
  });
});
