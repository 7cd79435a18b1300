import { describe, expect, it } from 'vitest';
import { waysOutFrom } from './ways-out.ts';

describe('ways out in a PLAN_INFEASIBLE error', () => {
  it('reads the labels with their settings patch or exam date', () => {
    expect(
      waysOutFrom({
        waysOut: [
          { label: 'Add 6 h a week of questions', settingsPatch: { dailyCapHours: 7 } },
          { label: 'Move the exam 9 days, to 2027-04-02', examDate: '2027-04-02' },
        ],
      }),
    ).toEqual([
      { label: 'Add 6 h a week of questions', settingsPatch: { dailyCapHours: 7 } },
      { label: 'Move the exam 9 days, to 2027-04-02', examDate: '2027-04-02' },
    ]);
  });

  it('leaves out what it cannot act on, and anything not shaped like a way out', () => {
    expect(waysOutFrom(undefined)).toEqual([]);
    expect(waysOutFrom({})).toEqual([]);
    expect(waysOutFrom({ waysOut: 'add hours' })).toEqual([]);
    expect(
      waysOutFrom({
        waysOut: [
          null,
          { label: '', settingsPatch: {} },
          { label: 'Just a label' },
          { label: 'Bad date', examDate: '2027-02-30' },
          { label: 'Patch as a list', settingsPatch: [1] },
          { label: 'Fine', settingsPatch: { fullLengthDays: 1 } },
        ],
      }),
    ).toEqual([{ label: 'Fine', settingsPatch: { fullLengthDays: 1 } }]);
  });
});
