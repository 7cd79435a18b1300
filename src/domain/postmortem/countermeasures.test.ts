import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_SETTINGS, sleepHours, timeOf, type PlanSettings } from '../plan/settings.ts';
import { CAUSE_IDS, diagnoseCauses, type CauseId, type Diagnosis } from './causes.ts';
import {
  applyCountermeasures,
  CRISIS_LINE_HREF,
  MAX_WEEKLY_TOTAL_CHANGE_HOURS,
  QUESTION_BANK_HOURS_CEILING,
  type Countermeasures,
} from './countermeasures.ts';
import {
  BLOCK_MODES,
  CONTENT_CATEGORY_IDS,
  DISTANCES,
  KEPT_DATE_REASONS,
  PRACTICE_VERDICTS,
  REVIEW_HABITS,
  SCHEDULE_HABITS,
  type PostmortemAnswers,
  type PracticeScore,
} from './questionnaire.ts';
import { classifyPracticeScore } from './rules.ts';
import { diagnosisWith } from './test-fixtures.ts';

function settingsWith(overrides: Partial<PlanSettings>): PlanSettings {
  return { ...DEFAULT_PLAN_SETTINGS, ...overrides };
}

function changesOf(result: Countermeasures) {
  return result.changes.map(({ cause, setting, from, to }) => ({ cause, setting, from, to }));
}

/** A base the student already set stricter than every countermeasure asks. */
const STRICT_BASE: PlanSettings = settingsWith({
  weeklyHours: { questionBank: 36, practiceExams: 5, contentReview: 4, rest: 10 },
  sleep: { start: '22:00', end: '07:00' },
  questionBank: { questionsLeft: 2000, blockFormat: '40-in-60', reviewMinutesPerBlock: 90, mode: 'timed' },
  practiceExamEveryDays: 5,
  fullLengthDays: 4,
  restWeekday: 6,
});

describe('denial about practice scores → practice-exam schedule and a hard readiness gate', () => {
  it('keeps the default 7-day spacing and switches the hard readiness gate on', () => {
    const result = applyCountermeasures(DEFAULT_PLAN_SETTINGS, diagnosisWith(['denial-practice-scores']));
    expect(changesOf(result)).toEqual([
      { cause: 'denial-practice-scores', setting: 'flags.hardReadinessGate', from: false, to: true },
    ]);
    expect(result.flags.hardReadinessGate).toBe(true);
    expect(result.settings).toEqual(DEFAULT_PLAN_SETTINGS);
    expect(result.actions).toHaveLength(1);
  });

  it('tightens a looser base from every 14 days to every 7', () => {
    const result = applyCountermeasures(
      settingsWith({ practiceExamEveryDays: 14 }),
      diagnosisWith(['denial-practice-scores']),
    );
    expect(changesOf(result)[0]).toEqual({
      cause: 'denial-practice-scores',
      setting: 'practiceExamEveryDays',
      from: 14,
      to: 7,
    });
    expect(result.changes[0]!.why).toMatch(/every 7 days instead of every 14/);
  });

  it('keeps a stricter 5-day spacing', () => {
    const result = applyCountermeasures(STRICT_BASE, diagnosisWith(['denial-practice-scores']));
    expect(result.settings.practiceExamEveryDays).toBe(5);
    expect(changesOf(result).map((c) => c.setting)).toEqual(['flags.hardReadinessGate']);
  });
});

describe('poor structure → fixed daily blocks on a written weekly plan', () => {
  it('switches fixed daily blocks on, names the rest day and asks for four dated weeks', () => {
    const result = applyCountermeasures(DEFAULT_PLAN_SETTINGS, diagnosisWith(['poor-structure']));
    expect(changesOf(result)).toEqual([
      { cause: 'poor-structure', setting: 'flags.fixedDailyBlocks', from: false, to: true },
    ]);
    expect(result.changes[0]!.why).toMatch(/Sunday as the rest day/);
    expect(result.actions).toEqual([expect.objectContaining({ cause: 'poor-structure', href: '/plan' })]);
  });

  it('gives rest a fixed day when the base has none that is valid', () => {
    const result = applyCountermeasures(settingsWith({ restWeekday: 9 }), diagnosisWith(['poor-structure']));
    expect(changesOf(result)[0]).toEqual({ cause: 'poor-structure', setting: 'restWeekday', from: 9, to: 0 });
  });

  it('keeps the rest day the student chose', () => {
    const result = applyCountermeasures(STRICT_BASE, diagnosisWith(['poor-structure']));
    expect(result.settings.restWeekday).toBe(6);
    expect(result.changes[0]!.why).toMatch(/Saturday as the rest day/);
  });
});

describe('content instead of questions → a question-heavy split', () => {
  it('moves 2 hours from content review to the question bank on the default 25/10 split, keeping the total', () => {
    // Given 25 h of questions and 10 h of content: a quarter of 35 h is 8 h
    const result = applyCountermeasures(DEFAULT_PLAN_SETTINGS, diagnosisWith(['content-over-questions']));
    // Then content drops to 8 h and the question bank rises to 27 h
    expect(changesOf(result)).toEqual([
      { cause: 'content-over-questions', setting: 'weeklyHours.contentReview', from: 10, to: 8 },
      { cause: 'content-over-questions', setting: 'weeklyHours.questionBank', from: 25, to: 27 },
    ]);
    expect(result.settings.weeklyHours).toEqual({ questionBank: 27, practiceExams: 5, contentReview: 8, rest: 8 });
    expect(result.actions).toHaveLength(1);
  });

  it('raises review after each block to at least the block length', () => {
    const long = applyCountermeasures(
      settingsWith({
        questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, blockFormat: '40-in-60', reviewMinutesPerBlock: 30 },
      }),
      diagnosisWith(['content-over-questions']),
    );
    expect(changesOf(long).at(-1)).toEqual({
      cause: 'content-over-questions',
      setting: 'questionBank.reviewMinutesPerBlock',
      from: 30,
      to: 60,
    });
    const short = applyCountermeasures(
      settingsWith({
        questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, blockFormat: '20-in-30', reviewMinutesPerBlock: 20 },
      }),
      diagnosisWith(['content-over-questions']),
    );
    expect(short.settings.questionBank.reviewMinutesPerBlock).toBe(30);
  });

  it('stops the question bank at its ceiling of 60 hours', () => {
    const result = applyCountermeasures(
      settingsWith({ weeklyHours: { questionBank: 58, practiceExams: 5, contentReview: 30, rest: 7 } }),
      diagnosisWith(['content-over-questions']),
    );
    expect(result.settings.weeklyHours).toMatchObject({ questionBank: QUESTION_BANK_HOURS_CEILING, contentReview: 28 });
  });

  it('changes nothing on a base that is already question-heavy', () => {
    const result = applyCountermeasures(STRICT_BASE, diagnosisWith(['content-over-questions']));
    expect(result.changes).toEqual([]);
    expect(result.settings).toEqual(STRICT_BASE);
  });
});

describe('burnout and mental health → protected sleep, weekly rest and support now', () => {
  it('protects sleep and prompts for support on the default settings, which already hold 8 h of sleep and rest', () => {
    const result = applyCountermeasures(
      DEFAULT_PLAN_SETTINGS,
      diagnosisWith(['burnout-mental-health'], { isSupportInPlace: false }),
    );
    expect(changesOf(result)).toEqual([
      { cause: 'burnout-mental-health', setting: 'flags.protectedSleep', from: false, to: true },
      { cause: 'burnout-mental-health', setting: 'flags.supportPromptNow', from: false, to: true },
    ]);
    expect(result.actions[0]!.text).toMatch(/counselling or student wellness service, or your own doctor/);
    expect(result.actions[1]).toMatchObject({ href: CRISIS_LINE_HREF });
    expect(result.actions[1]!.text).toMatch(/call or text 988/);
  });

  it('widens a 6-hour night by moving bedtime earlier and takes missing rest from content review', () => {
    // Given sleep 00:30–06:30 (6 h) and 4 h of rest a week
    const base = settingsWith({
      sleep: { start: '00:30', end: '06:30' },
      weeklyHours: { questionBank: 25, practiceExams: 5, contentReview: 10, rest: 4 },
    });
    const result = applyCountermeasures(base, diagnosisWith(['burnout-mental-health']));
    // Then bedtime is 22:30, and 4 hours move from content review to rest
    expect(changesOf(result).slice(0, 3)).toEqual([
      { cause: 'burnout-mental-health', setting: 'sleep.start', from: '00:30', to: '22:30' },
      { cause: 'burnout-mental-health', setting: 'weeklyHours.contentReview', from: 10, to: 6 },
      { cause: 'burnout-mental-health', setting: 'weeklyHours.rest', from: 4, to: 8 },
    ]);
    expect(sleepHours(result.settings.sleep)).toBe(8);
    expect(result.changes[0]!.why).toMatch(/from 00:30 to 22:30.*instead of 6/);
  });

  it('takes rest from the question bank once content review is used up, and adds to the week only as a last resort', () => {
    const fromBank = applyCountermeasures(
      settingsWith({ weeklyHours: { questionBank: 25, practiceExams: 5, contentReview: 2, rest: 0 } }),
      diagnosisWith(['burnout-mental-health']),
    );
    expect(fromBank.settings.weeklyHours).toEqual({ questionBank: 19, practiceExams: 5, contentReview: 0, rest: 8 });
    const added = applyCountermeasures(
      settingsWith({ weeklyHours: { questionBank: 0, practiceExams: 5, contentReview: 0, rest: 2 } }),
      diagnosisWith(['burnout-mental-health']),
    );
    expect(added.settings.weeklyHours.rest).toBe(8);
    expect(added.changes.find((c) => c.setting === 'weeklyHours.rest')!.why).toMatch(/6 hours added to the week/);
  });

  it('widens a window that ends at midnight', () => {
    const result = applyCountermeasures(
      settingsWith({ sleep: { start: '18:00', end: '24:00' } }),
      diagnosisWith(['burnout-mental-health']),
    );
    expect(result.settings.sleep).toEqual({ start: '16:00', end: '24:00' });
  });

  it('asks a student whose support is in place to keep it going', () => {
    const result = applyCountermeasures(
      DEFAULT_PLAN_SETTINGS,
      diagnosisWith(['burnout-mental-health'], { isSupportInPlace: true }),
    );
    expect(result.actions[0]!.text).toMatch(/^Keep the support you have/);
  });

  it('keeps a longer night and more rest', () => {
    const result = applyCountermeasures(STRICT_BASE, diagnosisWith(['burnout-mental-health']));
    expect(result.settings).toEqual(STRICT_BASE);
    expect(changesOf(result).map((c) => c.setting)).toEqual(['flags.protectedSleep', 'flags.supportPromptNow']);
  });
});

describe('exam-day timing or anxiety → timed only, one more full-length day, help now', () => {
  it('adds a full-length day (2 → 3) and turns timed-only on, with help for anxiety and pacing', () => {
    const result = applyCountermeasures(
      DEFAULT_PLAN_SETTINGS,
      diagnosisWith(['exam-day-timing-anxiety'], { hadPanic: true, blocksOutOfTime: 2 }),
    );
    expect(changesOf(result)).toEqual([
      { cause: 'exam-day-timing-anxiety', setting: 'flags.timedOnly', from: false, to: true },
      { cause: 'exam-day-timing-anxiety', setting: 'fullLengthDays', from: 2, to: 3 },
    ]);
    expect(result.actions.map((a) => a.text)).toEqual([
      expect.stringMatching(/^Get help for exam anxiety now, not in the week before the exam/),
      expect.stringMatching(/in a 20-question block, be past question 10 at the 15-minute mark/),
    ]);
  });

  it('switches tutor mode to timed', () => {
    const result = applyCountermeasures(
      settingsWith({ questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, mode: 'tutor' } }),
      diagnosisWith(['exam-day-timing-anxiety']),
    );
    expect(changesOf(result)[0]).toEqual({
      cause: 'exam-day-timing-anxiety',
      setting: 'questionBank.mode',
      from: 'tutor',
      to: 'timed',
    });
    expect(result.actions).toEqual([]);
  });

  it('states the pace for the block format in use: 20 questions in 30 minutes → question 10 at 15 minutes', () => {
    const result = applyCountermeasures(
      settingsWith({ questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, blockFormat: '20-in-30' } }),
      diagnosisWith(['exam-day-timing-anxiety'], { blocksOutOfTime: 1 }),
    );
    expect(result.actions[0]!.text).toMatch(/in a 20-question block, be past question 10 at the 15-minute mark/);
  });

  it('stops adding full-length days at 4 and keeps more than that', () => {
    expect(
      applyCountermeasures(settingsWith({ fullLengthDays: 3 }), diagnosisWith(['exam-day-timing-anxiety'])).settings
        .fullLengthDays,
    ).toBe(4);
    expect(applyCountermeasures(STRICT_BASE, diagnosisWith(['exam-day-timing-anxiety'])).settings.fullLengthDays).toBe(
      4,
    );
    expect(
      applyCountermeasures(settingsWith({ fullLengthDays: 6 }), diagnosisWith(['exam-day-timing-anxiety'])).settings
        .fullLengthDays,
    ).toBe(6);
  });
});

describe('all five causes together', () => {
  it('changes only flags on a base stricter than every countermeasure', () => {
    const result = applyCountermeasures(STRICT_BASE, diagnosisWith([...CAUSE_IDS]));
    expect(result.settings).toEqual(STRICT_BASE);
    expect(result.changes.every((c) => c.setting.startsWith('flags.'))).toBe(true);
    expect(result.flags).toEqual({
      hardReadinessGate: true,
      timedOnly: true,
      fixedDailyBlocks: true,
      protectedSleep: true,
      supportPromptNow: true,
    });
  });

  it('changes nothing when no cause is named, and never mutates the base', () => {
    const base = settingsWith({ practiceExamEveryDays: 14 });
    const snapshot = JSON.stringify(base);
    expect(applyCountermeasures(base, diagnosisWith([])).changes).toEqual([]);
    applyCountermeasures(base, diagnosisWith([...CAUSE_IDS]));
    expect(JSON.stringify(base)).toBe(snapshot);
  });
});

// ---- Properties ----------------------------------------------------------------------------

/** Plan settings inside the limits the plan contract accepts. */
const baseSettingsArb: fc.Arbitrary<PlanSettings> = fc
  .record({
    questionBank: fc.integer({ min: 0, max: 60 }),
    practiceExams: fc.integer({ min: 0, max: 20 }),
    contentReview: fc.integer({ min: 0, max: 40 }),
    rest: fc.integer({ min: 0, max: 40 }),
    wakeMinutes: fc.integer({ min: 0, max: 1440 }),
    sleepMinutes: fc.integer({ min: 240, max: 840 }),
    blockFormat: fc.constantFrom('40-in-60' as const, '20-in-30' as const),
    reviewMinutesPerBlock: fc.integer({ min: 0, max: 240 }),
    mode: fc.constantFrom('timed' as const, 'tutor' as const),
    practiceExamEveryDays: fc.integer({ min: 3, max: 30 }),
    fullLengthDays: fc.integer({ min: 0, max: 6 }),
    restWeekday: fc.integer({ min: 0, max: 6 }),
  })
  .filter((r) => r.questionBank + r.practiceExams + r.contentReview + r.rest <= 100)
  .map((r) => ({
    ...DEFAULT_PLAN_SETTINGS,
    weeklyHours: {
      questionBank: r.questionBank,
      practiceExams: r.practiceExams,
      contentReview: r.contentReview,
      rest: r.rest,
    },
    sleep: { start: timeOf((r.wakeMinutes - r.sleepMinutes + 2880) % 1440), end: timeOf(r.wakeMinutes) },
    questionBank: {
      questionsLeft: 3000,
      blockFormat: r.blockFormat,
      reviewMinutesPerBlock: r.reviewMinutesPerBlock,
      mode: r.mode,
    },
    practiceExamEveryDays: r.practiceExamEveryDays,
    fullLengthDays: r.fullLengthDays,
    restWeekday: r.restWeekday,
  }));

const diagnosisArb: fc.Arbitrary<Diagnosis> = fc
  .record({
    causes: fc.subarray([...CAUSE_IDS]),
    isSupportInPlace: fc.option(fc.boolean(), { nil: null }),
    hadPanic: fc.boolean(),
    blocksOutOfTime: fc.integer({ min: 0, max: 7 }),
  })
  .map(({ causes, ...facts }) => diagnosisWith(causes as CauseId[], facts));

const detailArb = fc.constantFrom(
  'Block 3 went blank.',
  'I skipped renal in second year.',
  'Untreated depression since spring.',
);

const scoreArb: fc.Arbitrary<PracticeScore> = fc.oneof(
  fc.record({ scale: fc.constant('three-digit' as const), value: fc.integer({ min: 150, max: 260 }) }),
  fc.record({ scale: fc.constant('percent' as const), value: fc.integer({ min: 30, max: 90 }) }),
);

/** Answers that pass the rules: consistent by construction. */
const answersArb: fc.Arbitrary<PostmortemAnswers> = fc
  .record({
    distance: fc.constantFrom(...DISTANCES),
    weakestAreas: fc.uniqueArray(fc.constantFrom(...CONTENT_CATEGORY_IDS), { minLength: 1, maxLength: 6 }),
    schedule: fc.constantFrom(...SCHEDULE_HABITS),
    behindAreas: fc.uniqueArray(fc.constantFrom(...CONTENT_CATEGORY_IDS), { maxLength: 5 }),
    percentDone: fc.integer({ min: 0, max: 100 }),
    reviewHabit: fc.constantFrom(...REVIEW_HABITS),
    blockMode: fc.constantFrom(...BLOCK_MODES),
    contentSharePercent: fc.integer({ min: 0, max: 100 }),
    examsTaken: fc.integer({ min: 0, max: 10 }),
    scores: fc.array(scoreArb, { minLength: 1, maxLength: 3 }),
    verdict: fc.constantFrom(...PRACTICE_VERDICTS),
    satAnyway: fc.boolean(),
    reasons: fc.uniqueArray(fc.constantFrom(...KEPT_DATE_REASONS), { minLength: 1, maxLength: 5 }),
    hadProblems: fc.boolean(),
    isSupportInPlace: fc.boolean(),
    sleepHalfHours: fc.integer({ min: 0, max: 28 }),
    blockCount: fc.integer({ min: 1, max: 16 }),
    outOfTimeShare: fc.double({ min: 0, max: 1, noNaN: true }),
    hadPanic: fc.boolean(),
    detail: detailArb,
  })
  .map((r) => {
    const lastScores = r.examsTaken === 0 ? [] : r.scores.slice(0, r.examsTaken);
    const latest = lastScores[0];
    return {
      scoreReport: { distance: r.distance, wording: null },
      weakestAreas: r.weakestAreas,
      dedicated: {
        schedule: r.schedule,
        startedBehind: r.behindAreas.length > 0,
        behindAreas: r.behindAreas,
        detail: null,
      },
      questionBank: {
        percentDone: r.percentDone,
        reviewHabit: r.reviewHabit,
        blockMode: r.blockMode,
        contentSharePercent: r.contentSharePercent,
        detail: null,
      },
      practiceExams: {
        examsTaken: r.examsTaken,
        lastScores,
        verdict: latest ? (classifyPracticeScore(latest) ?? r.verdict) : null,
        satAnyway: r.examsTaken === 0 ? null : r.satAnyway,
        reasons: r.examsTaken > 0 && r.satAnyway ? r.reasons : [],
        detail: r.detail,
      },
      wellbeing: {
        hadProblems: r.hadProblems,
        detail: r.hadProblems ? r.detail : null,
        isSupportInPlace: r.hadProblems ? r.isSupportInPlace : null,
        sleepHoursPerNight: r.sleepHalfHours / 2,
      },
      examDay: {
        blockCount: r.blockCount,
        blocksOutOfTime: Math.floor(r.outOfTimeShare * r.blockCount),
        hadPanic: r.hadPanic,
        detail: r.detail,
      },
      ownWords: 'I ran out of time in the last blocks and never reviewed my wrong answers properly.',
    } satisfies PostmortemAnswers;
  });

const totalHours = (s: PlanSettings) =>
  s.weeklyHours.questionBank + s.weeklyHours.practiceExams + s.weeklyHours.contentReview + s.weeklyHours.rest;

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) {
      for (const [path, leaf] of flatten(inner, prefix ? `${prefix}.${key}` : key)) out.set(path, leaf);
    }
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/** The guarantees of applyCountermeasures, checked on one base and one diagnosis. */
function expectNeverLoosens(base: PlanSettings, diagnosis: Diagnosis): void {
  const snapshot = JSON.stringify(base);
  const result = applyCountermeasures(base, diagnosis);
  const after = result.settings;
  expect(JSON.stringify(base)).toBe(snapshot);
  expect(after.practiceExamEveryDays).toBeLessThanOrEqual(base.practiceExamEveryDays);
  expect(after.weeklyHours.rest).toBeGreaterThanOrEqual(base.weeklyHours.rest);
  expect(sleepHours(after.sleep)).toBeGreaterThanOrEqual(sleepHours(base.sleep));
  expect(after.fullLengthDays).toBeGreaterThanOrEqual(base.fullLengthDays);
  expect(after.questionBank.reviewMinutesPerBlock).toBeGreaterThanOrEqual(base.questionBank.reviewMinutesPerBlock);
  if (base.questionBank.mode === 'timed') expect(after.questionBank.mode).toBe('timed');
  const drift = totalHours(after) - totalHours(base);
  expect(drift).toBeGreaterThanOrEqual(0);
  expect(drift).toBeLessThanOrEqual(MAX_WEEKLY_TOTAL_CHANGE_HOURS);
  // Still inside the plan contract's limits.
  expect(after.weeklyHours.questionBank).toBeLessThanOrEqual(QUESTION_BANK_HOURS_CEILING);
  expect(totalHours(after)).toBeLessThanOrEqual(100);
  expect(after.fullLengthDays).toBeLessThanOrEqual(6);

  // Every changed leaf is listed; its first `from` is the base value and its last `to` the result.
  const before = flatten({
    ...base,
    flags: {
      hardReadinessGate: false,
      timedOnly: false,
      fixedDailyBlocks: false,
      protectedSleep: false,
      supportPromptNow: false,
    },
  });
  const now = flatten({ ...after, flags: result.flags });
  for (const [path, value] of now) {
    const listed = result.changes.filter((c) => c.setting === path);
    if (before.get(path) === value) {
      expect(listed, path).toEqual([]);
      continue;
    }
    expect(listed.length, path).toBeGreaterThan(0);
    expect(JSON.stringify(listed[0]!.from), path).toBe(before.get(path));
    expect(JSON.stringify(listed.at(-1)!.to), path).toBe(value);
  }
  for (const change of result.changes) {
    expect(change.from).not.toEqual(change.to);
    expect(change.why.length).toBeGreaterThan(20);
    expect(diagnosis.causes.map((c) => c.id)).toContain(change.cause);
  }
}

describe('applyCountermeasures never loosens a setting (property)', () => {
  it('holds for any named causes on any valid base', () => {
    fc.assert(
      fc.property(baseSettingsArb, diagnosisArb, (base, diagnosis) => expectNeverLoosens(base, diagnosis)),
      { numRuns: 400 },
    );
  });

  it('holds for any valid answers that name a cause, on any valid base', () => {
    fc.assert(
      fc.property(answersArb, baseSettingsArb, (answers, base) => {
        const diagnosis = diagnoseCauses(answers);
        if (!diagnosis.ok) {
          // Valid answers are refused only when they show no cause.
          expect(diagnosis.error.fields).toBeUndefined();
          return;
        }
        expect(diagnosis.value.causes.length).toBeGreaterThan(0);
        expectNeverLoosens(base, diagnosis.value);
      }),
      { numRuns: 300 },
    );
  });
});
