import { describe, expect, it } from 'vitest';
import type { PracticeResult } from '../evidence/practice-scores.ts';
import type { PostmortemAnswers } from '../postmortem/questionnaire.ts';
import { checkStory, LENGTH_TARGETS } from './check.ts';
import { draftInterview, draftStatement, formatMonth, type StoryInput } from './drafts.ts';
import { POSTMORTEMS, postmortemFrom } from './test-fixtures.ts';

const RISING: PracticeResult[] = [
  { form: 'NBME10', date: '2026-09-14', score: 214 },
  { form: 'NBME12', date: '2026-10-12', score: 229 },
  { form: 'UWSA2', date: '2026-11-16', score: 243 },
];

function inputFor(answers: PostmortemAnswers | null, overrides: Partial<StoryInput> = {}): StoryInput {
  return {
    seed: 'student-a',
    postmortem: answers ? postmortemFrom(answers) : null,
    practiceExams: RISING,
    timedBlocksDone: 42,
    questionsDone: 1680,
    fullLengthDaysDone: 1,
    step2ck: null,
    ...overrides,
  };
}

describe('draftStatement and draftInterview', () => {
  it('builds different drafts from three different postmortems, and each passes the checker', () => {
    const drafts = Object.values(POSTMORTEMS).map((answers) =>
      inputFor(answers, { step2ck: { score: 247, date: '2027-01-20' } }),
    );
    const statements = drafts.map(draftStatement);
    const interviews = drafts.map(draftInterview);
    expect(new Set(statements.map((d) => d.text)).size).toBe(3);
    expect(new Set(interviews.map((d) => d.text)).size).toBe(3);
    for (const draft of [...statements, ...interviews]) {
      // A marker left for a private fact (what the student was dealing with) is the only gap.
      const failed = draft.check.criteria.filter((c) => !c.passed).map((c) => c.name);
      expect(failed, draft.text).toEqual(draft.fillIns.length > 0 ? ['filled-in'] : []);
      expect(
        draft.check.findings.filter((f) => f.rule !== 'fill-in'),
        draft.text,
      ).toEqual([]);
      // Once the student fills it in with their own words, every criterion passes.
      const filled = checkStory({ kind: draft.kind, text: draft.text.replace(/\[[^\]]+\]/g, 'a family illness') });
      expect(
        filled.criteria.filter((c) => !c.passed),
        draft.text,
      ).toEqual([]);
    }
  });

  it('speaks to the student’s own causes, with their numbers', () => {
    const denial = draftStatement(inputFor(POSTMORTEMS.denial)).text;
    expect(denial).toMatch(/188/);
    expect(denial).toMatch(/every 7 days/);
    const timing = draftInterview(inputFor(POSTMORTEMS.timing)).text;
    expect(timing).toMatch(/3 of 7 blocks/);
    expect(timing).toMatch(/timed/);
    const wellbeing = draftStatement(inputFor(POSTMORTEMS.wellbeing)).text;
    // The student's own words about their health or family are never copied into a draft.
    expect(wellbeing).not.toMatch(/father/);
    expect(wellbeing).toMatch(/\[a health or family matter/);
  });

  it('keeps the statement to 5–7 sentences and the interview answer to 150–220 words', () => {
    for (const answers of Object.values(POSTMORTEMS)) {
      for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
        const statement = draftStatement(inputFor(answers, { seed }));
        expect(statement.check.sentences).toBeGreaterThanOrEqual(5);
        expect(statement.check.sentences).toBeLessThanOrEqual(7);
        expect(statement.check.words).toBeLessThanOrEqual(LENGTH_TARGETS.statement.maxWords);
        const interview = draftInterview(inputFor(answers, { seed }));
        expect(interview.check.words, interview.text).toBeGreaterThanOrEqual(LENGTH_TARGETS.interview.minWords);
        expect(interview.check.words, interview.text).toBeLessThanOrEqual(LENGTH_TARGETS.interview.maxWords);
      }
    }
  });

  it('leaves a marker for the Step 2 CK score until one is recorded, and uses the score once it is', () => {
    const before = draftStatement(inputFor(POSTMORTEMS.denial));
    expect(before.text).toMatch(/\[your Step 2 CK score, once it is released\]/);
    expect(before.fillIns.map((f) => f.marker)).toContain('[your Step 2 CK score, once it is released]');
    expect(before.text).toMatch(
      /214 on NBME CCSSA Form 10 in September 2026|214 \(NBME CCSSA Form 10, September 2026\)/,
    );
    const after = draftStatement(inputFor(POSTMORTEMS.denial, { step2ck: { score: 247, date: '2027-01-20' } }));
    expect(after.text).toMatch(/247/);
    expect(after.text).toMatch(/January 2027/);
    expect(after.text).not.toMatch(/\[/);
  });

  it('says what to fill in rather than inventing, without a postmortem or practice exams', () => {
    const draft = draftStatement(inputFor(null, { practiceExams: [], timedBlocksDone: 0 }));
    expect(draft.text).toMatch(/\[the cause, in one line/);
    expect(draft.text).toMatch(/\[what you do now/);
    expect(draft.text).toMatch(/\[your latest practice score/);
    expect(draft.fillIns.length).toBe(4);
    expect(draft.notes.join(' ')).toMatch(/no postmortem yet/);
    expect(draft.check.criteria.find((c) => c.name === 'filled-in')!.passed).toBe(false);
  });

  it('does not call a falling trend a rise', () => {
    const falling: PracticeResult[] = [
      { form: 'NBME10', date: '2026-09-14', score: 236 },
      { form: 'NBME12', date: '2026-10-12', score: 224 },
    ];
    const draft = draftStatement(inputFor(POSTMORTEMS.timing, { practiceExams: falling }));
    expect(draft.text).not.toMatch(/risen|gone from/);
    expect(draft.text).toMatch(/224/);
    expect(draft.notes.join(' ')).toMatch(/not risen/);
  });

  it('chooses the same wording for the same student every time, and varies it between students', () => {
    const one = draftInterview(inputFor(POSTMORTEMS.denial, { seed: 'student-x' })).text;
    expect(draftInterview(inputFor(POSTMORTEMS.denial, { seed: 'student-x' })).text).toBe(one);
    const others = new Set(
      Array.from({ length: 12 }, (_, i) => draftInterview(inputFor(POSTMORTEMS.denial, { seed: `s${i}` })).text),
    );
    expect(others.size).toBeGreaterThan(3);
  });

  it('writes months as month and year', () => {
    expect(formatMonth('2027-01-20')).toBe('January 2027');
  });
});
