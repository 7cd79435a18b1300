import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.ts';
import { assessWellbeing, CRISIS_LINE, validateCheckIn, type WellbeingCheckIn } from './wellbeing.ts';

const TODAY = '2027-02-20';
const FINE = { sleepHours: 7.5, stress: 2, mood: 4 };
const COUNSELLING = { name: 'Student Wellness Center', contact: '555-0100, wellness@school.edu' };

function day(date: string, overrides: Partial<WellbeingCheckIn> = {}): WellbeingCheckIn {
  return { date, ...FINE, ...overrides };
}

describe('assessWellbeing', () => {
  it('prompts after 3 bad days out of the last 4 (5 h sleep, stress 4, a fine day, mood 2)', () => {
    const result = assessWellbeing({
      checkIns: [
        day('2027-02-17', { sleepHours: 5 }),
        day('2027-02-18', { stress: 4 }),
        day('2027-02-19'),
        day('2027-02-20', { mood: 2 }),
      ],
      today: TODAY,
      counselling: COUNSELLING,
    });
    expect(result).toMatchObject({ isHelpPromptDue: true, badDays: 3, daysConsidered: 4 });
    expect(result.reasons).toEqual(['2027-02-20: mood 2/5', '2027-02-18: stress 4/5', '2027-02-17: 5 h of sleep']);
    const body = result.prompt!.body.join('\n');
    expect(body).toMatch(/Student Wellness Center is there for exactly this, and it is confidential: 555-0100/);
    expect(body).toMatch(/call or text 988 \(988 Suicide & Crisis Lifeline, United States\)/);
    expect(result.prompt!.crisisLine).toBe(CRISIS_LINE);
  });

  it('stays quiet with 2 bad days out of 4', () => {
    const result = assessWellbeing({
      checkIns: [
        day('2027-02-17', { sleepHours: 5 }),
        day('2027-02-18'),
        day('2027-02-19'),
        day('2027-02-20', { stress: 5 }),
      ],
      today: TODAY,
      counselling: COUNSELLING,
    });
    expect(result).toMatchObject({ isHelpPromptDue: false, badDays: 2, prompt: null });
  });

  it('reads only the last 4 check-in days: three bad days followed by four good ones do not prompt', () => {
    const result = assessWellbeing({
      checkIns: [
        ...['2027-02-12', '2027-02-13', '2027-02-14'].map((d) => day(d, { mood: 1 })),
        ...['2027-02-17', '2027-02-18', '2027-02-19', '2027-02-20'].map((d) => day(d)),
      ],
      today: TODAY,
      counselling: null,
    });
    expect(result.isHelpPromptDue).toBe(false);
  });

  it('ignores check-ins older than 14 days', () => {
    const result = assessWellbeing({
      checkIns: ['2027-02-01', '2027-02-02', '2027-02-03'].map((d) => day(d, { stress: 5 })),
      today: TODAY,
      counselling: null,
    });
    expect(result).toMatchObject({ isHelpPromptDue: false, daysConsidered: 0 });
  });

  it('counts several check-ins on one day as one day, bad if any is bad', () => {
    const result = assessWellbeing({
      checkIns: [
        day('2027-02-18', { stress: 4 }),
        day('2027-02-18'),
        day('2027-02-19', { sleepHours: 4, stress: 5 }),
        day('2027-02-20', { mood: 2 }),
      ],
      today: TODAY,
      counselling: null,
    });
    expect(result).toMatchObject({ isHelpPromptDue: true, badDays: 3, daysConsidered: 3 });
    expect(result.reasons[1]).toBe('2027-02-19: 4 h of sleep, stress 5/5');
    expect(result.prompt!.body.join('\n')).toMatch(/Add its contact in Settings/);
  });

  it('prompts whenever at least 3 of the last 4 days are bad (property)', () => {
    const dayArb = fc.record({
      offset: fc.integer({ min: 0, max: 20 }),
      sleepHours: fc.constantFrom(4, 5.5, 6, 8),
      stress: fc.integer({ min: 1, max: 5 }),
      mood: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(dayArb, { selector: (d) => d.offset, maxLength: 10 }), (days) => {
        const checkIns = days.map((d) => ({
          date: addDays(TODAY, -d.offset),
          sleepHours: d.sleepHours,
          stress: d.stress,
          mood: d.mood,
        }));
        const lastFour = [...days]
          .filter((d) => d.offset < 14)
          .sort((a, b) => a.offset - b.offset)
          .slice(0, 4);
        const bad = lastFour.filter((d) => d.sleepHours < 6 || d.stress >= 4 || d.mood <= 2).length;
        const result = assessWellbeing({ checkIns, today: TODAY, counselling: null });
        expect(result.isHelpPromptDue).toBe(bad >= 3);
        expect(result.prompt === null).toBe(bad < 3);
      }),
    );
  });
});

describe('validateCheckIn', () => {
  it('keeps a valid check-in', () => {
    expect(validateCheckIn(day(TODAY), TODAY)).toEqual({ ok: true, value: day(TODAY) });
  });

  it.each([
    ['sleep of 30 hours', { sleepHours: 30 }, 'sleepHours'],
    ['stress of 6', { stress: 6 }, 'stress'],
    ['mood of 2.5', { mood: 2.5 }, 'mood'],
    ['a date tomorrow', { date: '2027-02-21' }, 'date'],
    ['an impossible date', { date: '2027-02-30' }, 'date'],
    ['a date years back', { date: '2020-02-20' }, 'date'],
  ] as const)('refuses %s', (_name, overrides, field) => {
    const result = validateCheckIn({ ...day(TODAY), ...overrides }, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.error.fields ?? {})).toEqual([field]);
  });
});
