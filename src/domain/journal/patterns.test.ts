import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.ts';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from '../plan/settings.ts';
import type { ErrorType } from './entry.ts';
import {
  CHANGED_ANSWER_REVIEW_MINUTES,
  detectPatterns,
  PATTERN_MIN_ENTRIES,
  PATTERN_MIN_SHARE,
  PATTERN_WINDOW_DAYS,
} from './patterns.ts';

const TODAY = '2027-01-10';
const entries = (type: ErrorType, count: number, daysAgo = 0) =>
  Array.from({ length: count }, () => ({ errorType: type, date: addDays(TODAY, -daysAgo) }));
const tutor: PlanSettings = {
  ...DEFAULT_PLAN_SETTINGS,
  questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, mode: 'tutor', questionsLeft: 1200 },
};

describe('error patterns', () => {
  it(`shows timing at ${PATTERN_MIN_ENTRIES} entries and a ${PATTERN_MIN_SHARE * 100} % share, with tutor blocks switched to timed`, () => {
    const [pattern, ...rest] = detectPatterns({
      entries: [...entries('timing', 5), ...entries('knowledge-gap', 15)],
      today: TODAY,
      ahead: tutor,
    });
    expect(rest).toEqual([]);
    expect(pattern).toMatchObject({ kind: 'timing', count: 5, total: 20, noChangeReason: null });
    expect(pattern!.finding).toBe(
      '5 of your 20 journal entries from the last 28 days (25 %) were missed for lack of time.',
    );
    // The patch names the whole question-bank setting, with the work ahead as it is: only the mode moves.
    expect(pattern!.change!.patch).toEqual({ questionBank: { ...tutor.questionBank, mode: 'timed' } });
  });

  it('needs both the count and the share, and reads only the last four weeks', () => {
    expect(detectPatterns({ entries: entries('timing', 4), today: TODAY, ahead: tutor })).toEqual([]);
    // 5 of 30 is under a fifth.
    expect(
      detectPatterns({ entries: [...entries('timing', 5), ...entries('misread', 25)], today: TODAY, ahead: tutor }),
    ).toEqual([]);
    expect(detectPatterns({ entries: entries('timing', 9, PATTERN_WINDOW_DAYS), today: TODAY, ahead: tutor })).toEqual(
      [],
    );
    expect(
      detectPatterns({ entries: entries('timing', 5, PATTERN_WINDOW_DAYS - 1), today: TODAY, ahead: tutor }),
    ).toHaveLength(1);
  });

  it('offers no plan change when the blocks are already timed, only the pacing rule', () => {
    const [pattern] = detectPatterns({ entries: entries('timing', 6), today: TODAY, ahead: DEFAULT_PLAN_SETTINGS });
    expect(pattern!.change).toBeNull();
    expect(pattern!.noChangeReason).toMatch(/already timed/);
    expect(pattern!.rule).toMatch(/90 seconds/);
  });

  it(`gives changed answers a rule and review time of the block's minutes + ${CHANGED_ANSWER_REVIEW_MINUTES}, once`, () => {
    const ahead = DEFAULT_PLAN_SETTINGS; // 20-in-30 blocks, 30 minutes of review
    const [pattern] = detectPatterns({ entries: entries('changed-right-answer', 7), today: TODAY, ahead });
    expect(pattern!.kind).toBe('changed-right-answer');
    expect(pattern!.rule).toMatch(/^Change an answer only when/);
    expect(pattern!.change!.patch).toEqual({ questionBank: { ...ahead.questionBank, reviewMinutesPerBlock: 40 } });
    // Applied: the same entries offer nothing more.
    const applied = { ...ahead, questionBank: { ...ahead.questionBank, reviewMinutesPerBlock: 40 } };
    const [again] = detectPatterns({ entries: entries('changed-right-answer', 7), today: TODAY, ahead: applied });
    expect(again!.change).toBeNull();
    expect(again!.noChangeReason).toMatch(/40 minutes/);
  });

  it('shows both patterns together, and says to build a plan first without one', () => {
    const found = detectPatterns({
      entries: [...entries('timing', 5), ...entries('changed-right-answer', 5)],
      today: TODAY,
      ahead: null,
    });
    expect(found.map((p) => [p.kind, p.change, p.noChangeReason])).toEqual([
      ['timing', null, 'Build your plan first; then this change can go into it.'],
      ['changed-right-answer', null, 'Build your plan first; then this change can go into it.'],
    ]);
  });
});
