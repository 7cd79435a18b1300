import { describe, expect, it } from 'vitest';
import { addDays } from '../../common/dates.ts';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings, type ProtectedSlot } from '../settings.ts';
import { generatePlan, type Plan } from './index.ts';
import { placeNewBlocks } from './question-bank.ts';
import { freeStudyDay } from './test-days.ts';
import type { WeekLedger, WorkDay } from './types.ts';

const START = '2026-11-25'; // a Wednesday

const rotation = (start: string, end: string): ProtectedSlot[] =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end, label: 'Rotation' }));

function settingsWith(patch: Partial<PlanSettings>, questionsLeft: number): PlanSettings {
  return { ...DEFAULT_PLAN_SETTINGS, ...patch, questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, questionsLeft } };
}

const newQuestionsIn = (plan: Plan) =>
  plan.days
    .flatMap((d) => d.items)
    .filter((i) => i.kind === 'qbank-block')
    .reduce((sum, i) => sum + (i.questions ?? 0), 0);

const day = (index: number, capMinutes: number) => freeStudyDay(capMinutes, index);

/** A week of study days with hours enough for every block, then the last 7 days, which take no new blocks. */
function oneWeek(caps: number[]): { days: WorkDay[]; weeks: WeekLedger[] } {
  const days = caps.map((cap, i) => day(i, cap));
  const week: WeekLedger = {
    week: 1,
    days,
    totalMinutes: 100 * 60,
    askedQbankMinutes: 100 * 60,
    askedContentMinutes: 0,
    qbankMinutes: 0,
    contentMinutes: 0,
    qbankLimit: null,
    contentLimit: null,
  };
  // New blocks end QBANK_FINISH_DAYS_BEFORE (7) days before the exam: a second week with no room.
  const tail = Array.from({ length: 7 }, (_, i) => day(7 + i, 0));
  return { days: [...days, ...tail], weeks: [week, { ...week, week: 2, days: tail, askedQbankMinutes: 0 }] };
}

describe('new question-bank blocks', () => {
  it('with a fixed routine, a day with no room (a 24-hour call) does not hold the other days to one block', () => {
    // Given five days capped at 4 sessions, a call day with no room at all, and a day capped at 4
    const settings = settingsWith({ fixedDailyBlocks: true }, 24 * 20);
    const { days, weeks } = oneWeek([240, 240, 240, 0, 240, 240, 240]);
    // When 24 blocks are asked for (4 on each of the six days with room)
    const placed = placeNewBlocks(days, weeks, settings);
    // Then all 24 are placed, 4 a day, and none on the call day
    expect(placed.ok && placed.value).toMatchObject({ blocksNeeded: 24, questionsScheduled: 480 });
    const blocksOn = days.slice(0, 7).map((d) => d.items.filter((i) => i.kind === 'qbank-block').length);
    expect(blocksOn).toEqual([4, 4, 4, 0, 4, 4, 4]);
  });

  it('with a fixed routine, counts only the blocks the routine places: 6 weekdays of 4 sessions and a free day of 8 take 4 × 6 + 5', () => {
    // Given six days capped at 4 sessions of an hour (20-in-30 with a 30-minute review) and a day
    // capped at 8, with the same blocks every study day
    const settings = settingsWith({ fixedDailyBlocks: true }, 30 * 20);
    const { days, weeks } = oneWeek([240, 240, 240, 240, 240, 240, 480]);
    // When 30 blocks are asked for: the free day may take only one above the others, so 29 fit
    const refused = placeNewBlocks(days, weeks, settings);
    // Then there is no plan, with the real count, rather than a plan with a block left out
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('PLAN_INFEASIBLE');
      expect(refused.error.message).toMatch(/need 30 blocks of 20; only 29 fit/);
    }
    // And 29 blocks are all placed, with a finish date
    const again = oneWeek([240, 240, 240, 240, 240, 240, 480]);
    const placed = placeNewBlocks(again.days, again.weeks, settingsWith({ fixedDailyBlocks: true }, 29 * 20));
    expect(placed.ok && placed.value).toMatchObject({ blocksNeeded: 29, questionsScheduled: 580 });
    expect(placed.ok && placed.value.finishDate).toBeTruthy();
  });

  it('without a fixed routine, the roomy day takes its whole room: 4 × 6 + 8', () => {
    const { days, weeks } = oneWeek([240, 240, 240, 240, 240, 240, 480]);
    const placed = placeNewBlocks(days, weeks, settingsWith({}, 32 * 20));
    expect(placed.ok && placed.value).toMatchObject({ blocksNeeded: 32, questionsScheduled: 640 });
    expect(placed.ok && placed.value.finishDate).toBeTruthy();
  });

  it('reproduces the walk-through: 3,900 questions, a 08:00–16:00 rotation, a fixed routine, exam 12 weeks out', () => {
    // Before the fix: a plan with 3,840 questions (192 of 195 blocks) and no finish date, and no
    // shortfall naming the 60 left over; the plan page said "No new questions planned".
    const result = generatePlan({
      startDate: START,
      examDate: '2027-02-17',
      settings: settingsWith({ protectedTime: rotation('08:00', '16:00'), fixedDailyBlocks: true }, 3900),
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.summary.questionsScheduled).toBe(3900);
    expect(newQuestionsIn(result.value)).toBe(3900);
    expect(result.value.summary.questionBankFinishDate).not.toBeNull();
  });

  // Rotation hours, block formats, bank sizes and weeks to the exam: every plan made schedules
  // every question with a finish date; a bank that does not fit is refused with what fits.
  const shapes = [
    { rotation: ['08:00', '16:00'], format: '20-in-30', questions: 3840, weeks: 12, hours: 25, fits: true },
    { rotation: ['08:00', '16:00'], format: '20-in-30', questions: 4000, weeks: 12, hours: 35, fits: true },
    { rotation: ['07:00', '17:00'], format: '20-in-30', questions: 3600, weeks: 10, hours: 35, fits: false },
    { rotation: ['06:00', '18:00'], format: '20-in-30', questions: 3900, weeks: 14, hours: 25, fits: true },
    { rotation: ['06:00', '18:00'], format: '40-in-60', questions: 3900, weeks: 18, hours: 25, fits: true },
    { rotation: ['06:00', '18:00'], format: '40-in-60', questions: 3700, weeks: 16, hours: 20, fits: false },
  ] as const;
  for (const shape of shapes) {
    it(`with a fixed routine, a ${shape.rotation.join('–')} rotation, ${shape.questions} questions in ${shape.format}, ${shape.weeks} weeks at ${shape.hours} h: ${shape.fits ? 'every question, with a finish date' : 'a refusal that says what fits'}`, () => {
      const settings = settingsWith(
        {
          protectedTime: rotation(shape.rotation[0], shape.rotation[1]),
          fixedDailyBlocks: true,
          weeklyHours: { ...DEFAULT_PLAN_SETTINGS.weeklyHours, questionBank: shape.hours },
        },
        shape.questions,
      );
      settings.questionBank = {
        ...settings.questionBank,
        blockFormat: shape.format,
        reviewMinutesPerBlock: shape.format === '20-in-30' ? 30 : 60,
      };
      const result = generatePlan({ startDate: START, examDate: addDays(START, shape.weeks * 7), settings });
      expect(result.ok).toBe(shape.fits);
      if (!result.ok) {
        expect(result.error.code).toBe('PLAN_INFEASIBLE');
        expect(result.error.message).toMatch(/questions left need \d+ blocks of \d+; only \d+ fit/);
        return;
      }
      expect(result.value.summary.questionsScheduled).toBe(shape.questions);
      expect(newQuestionsIn(result.value)).toBe(shape.questions);
      expect(result.value.summary.questionBankFinishDate).not.toBeNull();
    });
  }
});
