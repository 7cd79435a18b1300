import { describe, expect, it } from 'vitest';
import { draftEntriesFromBlock, validateJournalEntry } from './entry.ts';

const base = {
  bank: 'uworld',
  errorType: 'misread',
  keyPoint: 'Painless jaundice + palpable gallbladder = pancreatic head cancer',
};

describe('journal entries', () => {
  it('keeps a quick entry with only bank, error type and key point', () => {
    const result = validateJournalEntry(base);
    expect(result.ok && result.value).toMatchObject({ bank: 'uworld', system: null, rule: null, wrongOptions: [] });
  });

  it('keeps a full entry, trimmed', () => {
    const result = validateJournalEntry({
      ...base,
      questionId: ' 104233 ',
      system: 'gastrointestinal',
      discipline: 'surgery',
      wrongOptions: [{ option: 'B', why: ' Choledocholithiasis hurts ' }],
      teachingPoint: 'Courvoisier sign',
      rule: { when: 'painless jaundice', then: 'order CT abdomen', because: 'malignancy until proven otherwise' },
      confidence: 'sure',
    });
    expect(result.ok && result.value).toMatchObject({
      questionId: '104233',
      wrongOptions: [{ option: 'B', why: 'Choledocholithiasis hurts' }],
      confidence: 'sure',
    });
  });

  it('says what to fix, field by field', () => {
    const result = validateJournalEntry({
      bank: 'kaplan',
      errorType: 'tired',
      keyPoint: ' ',
      system: 'spleen',
      wrongOptions: [
        { option: 'A', why: 'x' },
        { option: 'a', why: '' },
      ],
      rule: { when: 'X' },
      confidence: 'very',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.error.fields!).sort()).toEqual(
      [
        'bank',
        'confidence',
        'errorType',
        'keyPoint',
        'rule.because',
        'rule.then',
        'system',
        'wrongOptions.1.option',
        'wrongOptions.1.why',
      ].sort(),
    );
  });

  it('drafts one entry per missed system of a block', () => {
    expect(
      draftEntriesFromBlock({
        bank: 'amboss',
        missedSystems: ['cardiovascular', 'renal-urinary'],
        missedDisciplines: ['medicine'],
      }),
    ).toEqual([
      { bank: 'amboss', system: 'cardiovascular', discipline: 'medicine' },
      { bank: 'amboss', system: 'renal-urinary', discipline: null },
    ]);
  });
});
