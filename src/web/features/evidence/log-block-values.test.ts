import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFS,
  countTags,
  defaultMinutes,
  expandTags,
  missedCount,
  parsePrefs,
  toBlockBody,
  toNumberOrNull,
} from './log-block-values.ts';

describe('the quick block form', () => {
  it('prefills the minutes at the real exam’s 90 seconds a question', () => {
    expect(defaultMinutes(40)).toBe(60);
    expect(defaultMinutes(20)).toBe(30);
    expect(defaultMinutes(1)).toBe(2);
  });

  it('sends one tag per missed question, repeats included', () => {
    expect(expandTags({ cardiovascular: 2, skin: 1, endocrine: 0 })).toEqual([
      'cardiovascular',
      'cardiovascular',
      'skin',
    ]);
    expect(countTags({ medicine: 3, surgery: 1 })).toBe(4);
  });

  it('knows the misses only once the counts make sense', () => {
    expect(missedCount({ questions: '40', correct: '28' })).toBe(12);
    expect(missedCount({ questions: '40', correct: '' })).toBeNull();
    expect(missedCount({ questions: '40', correct: '45' })).toBeNull();
    expect(missedCount({ questions: '40', correct: '2.5' })).toBeNull();
  });

  it('sends what was typed, leaving the server to refuse an empty or odd number', () => {
    expect(toNumberOrNull(' ')).toBeNull();
    expect(Number.isNaN(toNumberOrNull('abc'))).toBe(true);
    expect(
      toBlockBody({
        bank: 'amboss',
        mode: 'tutor',
        questions: '20',
        correct: '',
        minutes: '30',
        date: '2027-01-10',
        missedSystems: { 'renal-urinary': 1 },
        missedDisciplines: {},
      }),
    ).toEqual({
      bank: 'amboss',
      mode: 'tutor',
      questions: 20,
      correct: null,
      minutes: 30,
      date: '2027-01-10',
      missedSystems: ['renal-urinary'],
      missedDisciplines: [],
    });
  });

  it('remembers the bank, mode and size, and ignores anything it cannot read', () => {
    expect(parsePrefs('{"bank":"amboss","mode":"tutor","questions":20}')).toEqual({
      bank: 'amboss',
      mode: 'tutor',
      questions: 20,
    });
    expect(parsePrefs('{"bank":"kaplan","mode":"tutor","questions":-3}')).toEqual({ ...DEFAULT_PREFS, mode: 'tutor' });
    expect(parsePrefs('not json')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
  });
});
