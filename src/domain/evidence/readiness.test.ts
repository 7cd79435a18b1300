import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../common/dates.ts';
import { PRACTICE_FORM_IDS, type PracticeFormId } from '../exam/practice-forms.ts';
import type { PracticeExamInput } from './logging.ts';
import { correctPracticeExam } from './practice-scores.ts';
import {
  assessReadiness,
  NEAR_PASSING_POINTS,
  NEAR_TARGET_POINTS,
  proposeDelay,
  RECENT_EXAM_COUNT,
  RECENT_WINDOW_DAYS,
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

function passedRules(a: ReadinessAssessment): Record<ReadinessRuleId, boolean> {
  return Object.fromEntries(a.reasons.map((r) => [r.rule, r.passed])) as Record<ReadinessRuleId, boolean>;
}

function reasonOf(a: ReadinessAssessment, rule: ReadinessRuleId): string {
  return a.reasons.find((r) => r.rule === rule)!.text;
}

const STRONG = [
  { form: 'UWSA2', date: '2027-02-01', score: 251 }, // → 248
  { form: 'FREE120', date: '2027-02-20', percentCorrect: 74 }, // → 250.6 → 251
];

describe('the readiness rule, branch by branch', () => {
  it('proceeds when all four conditions hold: 248 and 251 against 245, one full-length day', () => {
    const result = assess({ exams: STRONG });
    expect(result.verdict).toBe('proceed');
    expect(passedRules(result)).toEqual({
      'latest-near-target': true,
      'two-at-target': true,
      'clear-of-passing-line': true,
      'full-length-day': true,
    });
    expect(reasonOf(result, 'two-at-target')).toBe(
      'Your last two practice exams both reach your target of 245 (UWorld Self-Assessment 2 (2027-02-01): 251 → 248 after its known bias; USMLE Free 120 (2027-02-20): 74 % correct ≈ 251).',
    );
    expect(reasonOf(result, 'clear-of-passing-line')).toMatch(
      /both at least 10 points above the passing score of 218 \(lowest: 248\)/,
    );
    expect(result.headline).toMatch(/^Proceed with your exam on 2027-03-01.*not a guarantee/);
    expect(result).toMatchObject({ passingScore: 218, targetScore: 245, pointsShort: 0 });
  });

  it('is not ready with strong scores but no full-length day', () => {
    const result = assess({ exams: STRONG, fullLengthDaysCompleted: 0 });
    expect(result.verdict).toBe('not-ready');
    expect(reasonOf(result, 'full-length-day')).toMatch(
      /not completed a full-length day yet.*9-hour day \(16 blocks of 30 minutes\)/,
    );
    expect(result.headline).toMatch(/not yet rehearsed the full exam day/);
  });

  it('delays when the latest is 9 points under the target (more than the 5 that count as near)', () => {
    const result = assess({
      exams: [
        { form: 'NBME13', date: '2027-02-05', score: 247 },
        { form: 'NBME14', date: '2027-02-15', score: 236 },
      ],
    });
    expect(result.verdict).toBe('delay');
    expect(reasonOf(result, 'latest-near-target')).toBe(
      'Your latest practice exam is 9 points under your target of 245; near the target means within 5 points: NBME CCSSA Form 14 (2027-02-15): 236.',
    );
    expect(result.pointsShort).toBe(9);
    expect(result.headline).toMatch(/^Delay: your practice scores are not yet consistently at your target of 245/);
  });

  it('delays when the latest is near the target (242, 3 under) but the last two do not both reach it', () => {
    const result = assess({
      exams: [
        { form: 'NBME13', date: '2027-02-05', score: 250 },
        { form: 'NBME14', date: '2027-02-15', score: 242 },
      ],
    });
    expect(result.verdict).toBe('delay');
    expect(passedRules(result)).toMatchObject({ 'latest-near-target': true, 'two-at-target': false });
    expect(reasonOf(result, 'latest-near-target')).toMatch(
      /3 points under your target of 245, which counts as near it/,
    );
    expect(reasonOf(result, 'two-at-target')).toMatch(
      /^Only one of your last two practice exams reaches your target of 245/,
    );
  });

  it('delays with only one recent exam, however good', () => {
    const result = assess({ exams: [{ form: 'NBME14', date: '2027-02-15', score: 262 }] });
    expect(result.verdict).toBe('delay');
    expect(reasonOf(result, 'two-at-target')).toMatch(/^Only one practice exam in the last 28 days/);
  });

  it('says neither when both of the last two miss the target', () => {
    const result = assess({
      exams: [
        { form: 'NBME13', date: '2027-02-05', score: 243 },
        { form: 'NBME14', date: '2027-02-15', score: 244 },
      ],
    });
    expect(reasonOf(result, 'two-at-target')).toMatch(/^Neither of your last two practice exams reaches/);
  });

  it('is not ready when a recent exam sits within 10 points of the passing line (224 < 228), even after two good ones', () => {
    const result = assess({
      exams: [
        { form: 'NBME13', date: '2027-01-30', score: 224 },
        { form: 'NBME14', date: '2027-02-08', score: 246 },
        { form: 'UWSA2', date: '2027-02-18', score: 250 },
      ],
    });
    expect(result.verdict).toBe('not-ready');
    expect(passedRules(result)).toMatchObject({
      'latest-near-target': true,
      'two-at-target': true,
      'clear-of-passing-line': false,
    });
    expect(reasonOf(result, 'clear-of-passing-line')).toBe(
      'NBME CCSSA Form 13 (2027-01-30): 224 is within 10 points of the passing score of 218. Anything under 228 is too close: one practice score can miss the real one by that much, so a second fail is a real risk.',
    );
    expect(result.headline).toMatch(/safely clear of the passing line/);
  });

  it('reads only the last 3 recent exams: a near-pass followed by three good exams no longer blocks', () => {
    const result = assess({
      exams: [
        { form: 'NBME13', date: '2027-01-30', score: 224 },
        { form: 'NBME14', date: '2027-02-05', score: 246 },
        { form: 'NBME15', date: '2027-02-12', score: 247 },
        { form: 'UWSA2', date: '2027-02-18', score: 251 },
      ],
    });
    expect(result.recentExams.map((e) => e.score)).toEqual([246, 247, 248]);
    expect(result.verdict).toBe('proceed');
  });

  it('says "under the passing score" for a recent exam below 218', () => {
    const result = assess({ exams: [{ form: 'NBME14', date: '2027-02-15', score: 210 }] });
    expect(reasonOf(result, 'clear-of-passing-line')).toMatch(/210 is under the passing score of 218/);
  });

  it('lets not ready win over delay when both fail: latest 225 against a target of 245', () => {
    const result = assess({
      exams: [
        { form: 'NBME13', date: '2027-02-05', score: 231 },
        { form: 'NBME14', date: '2027-02-15', score: 225 },
      ],
    });
    expect(passedRules(result)).toEqual({
      'latest-near-target': false,
      'two-at-target': false,
      'clear-of-passing-line': false,
      'full-length-day': true,
    });
    expect(result.verdict).toBe('not-ready');
  });

  it('treats a latest exam older than 28 days as no evidence of now', () => {
    const result = assess({
      exams: [
        { form: 'NBME13', date: '2027-01-05', score: 255 },
        { form: 'NBME14', date: '2027-01-15', score: 258 },
      ],
    });
    expect(result.verdict).toBe('not-ready');
    expect(reasonOf(result, 'latest-near-target')).toMatch(/^Your latest practice exam was 38 days ago, more than 28/);
    expect(reasonOf(result, 'two-at-target')).toMatch(/^No practice exam in the last 28 days/);
    expect(reasonOf(result, 'clear-of-passing-line')).toMatch(/^No practice exam in the last 28 days shows you clear/);
    expect(result.recentExams).toEqual([]);
  });

  it('is not ready with no practice exam at all, and says to take one', () => {
    const result = assess({ exams: [], fullLengthDaysCompleted: 0 });
    expect(result.verdict).toBe('not-ready');
    expect(result.reasons.every((r) => !r.passed)).toBe(true);
    expect(reasonOf(result, 'latest-near-target')).toMatch(/no practice exam logged yet.*Take one first/);
    expect(result.pointsShort).toBeNull();
  });

  it('ignores Clinical Mastery Series forms, and lets a repeat sitting only make the verdict stricter', () => {
    const withCms = assess({ exams: [...STRONG, { form: 'CMS_MEDICINE', date: '2027-02-21', score: 14 }] });
    expect(withCms.verdict).toBe('proceed');
    expect(withCms.skipped.map((s) => s.form)).toEqual(['CMS_MEDICINE']);
    // A low repeat of UWSA2 at 219 sits on the pass line: it blocks "proceed" even though it is a repeat.
    const lowRepeat = assess({ exams: [...STRONG, { form: 'UWSA2', date: '2027-02-21', score: 219 }] });
    expect(lowRepeat.verdict).toBe('not-ready');
    expect(lowRepeat.skipped.map((s) => s.form)).toEqual(['UWSA2']);
  });
});

describe('readiness: bad input changes nothing', () => {
  it.each([
    ['a score of 400', { exams: [{ form: 'NBME13', date: '2027-02-01', score: 400 }] }, 'exams.0.score'],
    ['an exam in the future', { exams: [{ form: 'NBME13', date: '2027-02-25', score: 240 }] }, 'exams.0.date'],
    ['an unknown form', { exams: [{ form: 'NBME17', date: '2027-02-01', score: 240 }] }, 'exams.0.form'],
    ['an exam date already past', { exams: [], examDate: '2027-02-01' }, 'examDate'],
    ['a broken exam date', { exams: [], examDate: 'March' }, 'examDate'],
    ['a broken today', { exams: [], today: '22/02/2027' }, 'today'],
    ['a target of 400', { exams: [], targetScore: 400 }, 'targetScore'],
    ['−1 full-length days', { exams: [], fullLengthDaysCompleted: -1 }, 'fullLengthDaysCompleted'],
  ] as const)('refuses %s', (_name, overrides, field) => {
    const result = assessReadiness({
      targetScore: 245,
      fullLengthDaysCompleted: 1,
      examDate: EXAM_DATE,
      today: TODAY,
      ...overrides,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(result.error.fields ?? {})).toContain(field);
    }
  });
});

describe('readiness: never "proceed" when a condition fails (property)', () => {
  const examArb: fc.Arbitrary<PracticeExamInput> = fc.oneof(
    fc.record({
      form: fc.constantFrom<PracticeFormId>(...PRACTICE_FORM_IDS.filter((f) => f !== 'FREE120')),
      date: fc.integer({ min: 0, max: 50 }).map((d) => addDays(TODAY, -d)),
      score: fc.integer({ min: 200, max: 275 }),
    }),
    fc.record({
      form: fc.constant<PracticeFormId>('FREE120'),
      date: fc.integer({ min: 0, max: 50 }).map((d) => addDays(TODAY, -d)),
      percentCorrect: fc.integer({ min: 55, max: 90 }),
    }),
  );

  /** The rule, restated from PRODUCT.md E on the raw history, independently of readiness.ts. */
  function conditionsOf(input: ReadinessInput): Record<ReadinessRuleId, boolean> {
    const firstSittings = new Map<string, PracticeExamInput>();
    const ordered = input.exams
      .map((exam, i) => ({ exam, i }))
      .sort((a, b) => (a.exam.date < b.exam.date ? -1 : a.exam.date > b.exam.date ? 1 : a.i - b.i));
    for (const { exam } of ordered) if (!firstSittings.has(exam.form)) firstSittings.set(exam.form, exam);
    const scored = [...firstSittings.values()]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((e) => ({
        date: e.date,
        score: Math.round(correctPracticeExam({ ...e, form: e.form as PracticeFormId }).correctedScore),
      }));
    const isRecent = (e: { date: string }) => daysBetween(e.date, input.today) <= RECENT_WINDOW_DAYS;
    const recent = scored.filter(isRecent).slice(-RECENT_EXAM_COUNT);
    // Every sitting, repeats included: they can only make the verdict stricter.
    const sittings = ordered.map(({ exam }) => ({
      date: exam.date,
      score: Math.round(correctPracticeExam({ ...exam, form: exam.form as PracticeFormId }).correctedScore),
    }));
    const recentSittings = sittings.filter(isRecent).slice(-RECENT_EXAM_COUNT);
    const latest = sittings.at(-1);
    const lastTwo = recent.slice(-2);
    return {
      'latest-near-target':
        latest !== undefined && isRecent(latest) && latest.score >= input.targetScore - NEAR_TARGET_POINTS,
      'two-at-target': lastTwo.length === 2 && lastTwo.every((e) => e.score >= input.targetScore),
      'clear-of-passing-line':
        recentSittings.length > 0 && recentSittings.every((e) => e.score >= PASSING + NEAR_PASSING_POINTS),
      'full-length-day': input.fullLengthDaysCompleted >= 1,
    };
  }

  it('proceeds only when every condition holds, and reports each condition truthfully', () => {
    let proceeds = 0;
    fc.assert(
      fc.property(
        fc.array(examArb, { maxLength: 7 }),
        fc.integer({ min: 220, max: 260 }),
        fc.integer({ min: 0, max: 3 }),
        (exams, targetScore, fullLengthDaysCompleted) => {
          const input = { exams, targetScore, fullLengthDaysCompleted, examDate: EXAM_DATE, today: TODAY };
          const result = assessReadiness(input);
          if (!result.ok) throw new Error(JSON.stringify(result.error));
          const expected = conditionsOf(input);
          expect(passedRules(result.value)).toEqual(expected);
          const isAllMet = Object.values(expected).every(Boolean);
          if (!isAllMet) expect(result.value.verdict).not.toBe('proceed');
          else expect(result.value.verdict).toBe('proceed');
          if (!expected['clear-of-passing-line'] || !expected['full-length-day']) {
            expect(result.value.verdict).toBe('not-ready');
          }
          if (result.value.verdict === 'proceed') proceeds += 1;
        },
      ),
      { numRuns: 400 },
    );
    // The generator reaches "proceed" too, so the property is not vacuous.
    expect(proceeds).toBeGreaterThan(0);
  });
});

describe('proposeDelay', () => {
  it('proposes 3 weeks for 9 points short, aimed at the costliest areas, released before review', () => {
    const proposal = proposeDelay({
      today: TODAY,
      examDate: EXAM_DATE,
      pointsShort: 9,
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
    expect(proposal.text[0]).toBe(
      'Move your exam from 2027-03-01 to 2027-03-22: 3 weeks more, for the 9 points between your latest score and your target.',
    );
    expect(proposal.text[1]).toMatch(/Cardiovascular system, Medicine and Renal and urinary system/);
    expect(proposal.text.at(-1)).toMatch(/before programs start reviewing on 2027-09-22: the delay costs you nothing/);
  });

  it.each([
    [0, 2],
    [5, 2],
    [6, 3],
    [10, 3],
    [11, 4],
    [40, 4],
    [null, 4],
  ])('extends %s points short by %i weeks (2–4)', (pointsShort, weeks) => {
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
    expect(proposal.text.join('\n')).toMatch(/up to 28 days after programs start reviewing on 2027-09-22/);
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
    expect(proposal.text[1]).toMatch(/^Tag the systems and disciplines you miss/);
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
