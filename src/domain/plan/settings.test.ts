import { describe, expect, it } from 'vitest';
import { withBlockFormat, type QuestionBankSettings } from './settings.ts';

const bank = (
  blockFormat: QuestionBankSettings['blockFormat'],
  reviewMinutesPerBlock: number,
): QuestionBankSettings => ({
  questionsLeft: 1000,
  blockFormat,
  reviewMinutesPerBlock,
  mode: 'timed',
});

describe('review time follows the block length', () => {
  it('moves with the block when it was the block’s length: 40 in 60 with 60 → 20 in 30 with 30', () => {
    expect(withBlockFormat(bank('40-in-60', 60), '20-in-30')).toEqual(bank('20-in-30', 30));
    expect(withBlockFormat(bank('20-in-30', 30), '40-in-60')).toEqual(bank('40-in-60', 60));
  });

  it('keeps a review time the student chose', () => {
    expect(withBlockFormat(bank('40-in-60', 75), '20-in-30')).toEqual(bank('20-in-30', 75));
    expect(withBlockFormat(bank('20-in-30', 0), '40-in-60')).toEqual(bank('40-in-60', 0));
  });
});
