import { describe, expect, it } from 'vitest';
import { checkOwnWords, isBadAtTestsExplanation } from './text-checks.ts';

describe('the "bad at tests" detector', () => {
  it.each([
    "I'm just bad at tests.",
    'Im just bad at tests',
    'I’m just BAD AT TESTS!!!',
    'Honestly, I’m not a good test-taker.',
    "I've never been a good test taker",
    'I am a bad test taker, always have been.',
    'bad test-taker',
    'I choke on exams.',
    'I always freeze during standardized tests',
    "Standardized tests aren't my thing.",
    'Standardised tests are not for me',
    'Exams have never been my strength.',
    "I don't test well.",
    'I just test poorly, that is all.',
    "I can't do standardized tests",
    'Not good at exams. Never was.',
    'I am terrible at multiple choice exams',
  ])('refuses %j as the whole explanation', (text) => {
    // Given an explanation that is only a label
    // When it is checked
    // Then it is recognised as "bad at tests" without specifics
    expect(isBadAtTestsExplanation(text)).toBe(true);
  });

  it.each([
    'I did my practice tests untimed and ran out of time in 3 of 7 blocks.',
    'My last two practice tests were under passing and I kept the date because it was booked.',
    'I stopped taking practice exams after the first one scared me.',
    "I'm a bad test taker, but really: I ran out of time in 4 blocks and never reviewed explanations.",
    'People say I am bad at tests, but my NBME was 188 and I sat anyway.',
    'I was depressed for most of dedicated and barely slept.',
    'Tests of endurance were missing: I never sat a full-length practice day.',
  ])('accepts %j because it names specifics', (text) => {
    expect(isBadAtTestsExplanation(text)).toBe(false);
  });

  it('refuses through checkOwnWords with VALIDATION_FAILED on ownWords, asking for the specifics behind it', () => {
    // Given "standardized tests aren't my thing" as the student's own words
    const result = checkOwnWords('Standardized tests aren’t my thing.');
    // Then the failure names the field and asks about exam day, blocks and scores
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    const message = result.error.fields?.ownWords ?? '';
    expect(message).toMatch(/exam day/);
    expect(message).toMatch(/blocks/);
    expect(message).toMatch(/scores/);
  });

  it('passes a specific explanation through unchanged', () => {
    const text = 'I read explanations only for the questions I got wrong.';
    expect(checkOwnWords(text)).toEqual({ ok: true, value: text });
  });
});
