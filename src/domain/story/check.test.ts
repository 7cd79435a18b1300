import { describe, expect, it } from 'vitest';
import { checkStory, estimateSpeakingSeconds, LENGTH_TARGETS, WORDS_PER_MINUTE } from './check.ts';
import { compilePattern, PATTERN_RULES } from './rules.ts';
import { countWords, splitSentences } from './text.ts';

const STRONG =
  'I failed USMLE Step 1 at my first sitting. ' +
  'The cause was my preparation: I took no practice exam and kept my date without knowing whether I was ready. ' +
  'I now take a practice exam every seven days, and my exam date holds only when those scores reach my target. ' +
  'Every question block I do is timed, and I review each explanation, wrong options included, for as long as the block took. ' +
  'My practice scores rose from 214 on NBME 10 in September 2026 to 243 on UWSA 2 in November 2026. ' +
  'I scored 247 on Step 2 CK in January 2027.';

const EXCUSES =
  'Unfortunately, my Step 1 did not go as planned. ' +
  'I’ve always struggled with standardized tests. ' +
  'Due to circumstances beyond my control, I could not prepare properly. ' +
  'My school did not prepare us for the exam, and the exam was unfair. ' +
  'I’m just bad at tests, but I worked harder than ever. ' +
  'I hope my next score shows who I am.';

function rulesOf(text: string, kind: 'statement' | 'interview' = 'statement') {
  return checkStory({ kind, text }).findings.map((f) => f.id);
}

describe('the pattern rules', () => {
  it.each(PATTERN_RULES.map((r) => [r.id, r]))('%s catches its own example', (_id, rule) => {
    expect(rule.example.match(compilePattern(rule.pattern))).not.toBeNull();
  });

  it('every rule says why and what to do instead', () => {
    for (const rule of PATTERN_RULES) {
      expect(rule.why.length, rule.id).toBeGreaterThan(20);
      expect(rule.suggestion.length, rule.id).toBeGreaterThan(20);
    }
  });
});

describe('checkStory', () => {
  it('flags a paragraph full of excuses on each excuse, naming its sentence', () => {
    // Given a paragraph with six kinds of excuse, hedge and distancing
    const result = checkStory({ kind: 'statement', text: EXCUSES });
    const ids = result.findings.map((f) => f.id);
    // Then each one is found, in the sentence it sits in
    expect(ids).toEqual(
      expect.arrayContaining([
        'unfortunately',
        'euphemism',
        'always-struggled',
        'beyond-control',
        'blame-school',
        'blame-exam',
        'bad-at-tests',
        'worked-harder',
        'hope',
      ]),
    );
    const struggled = result.findings.find((f) => f.id === 'always-struggled')!;
    expect(struggled.sentenceIndex).toBe(1);
    expect(struggled.source).toBe('residencyadvisor');
    expect(EXCUSES.slice(struggled.start, struggled.end)).toBe(struggled.text);
    // And the criteria say so one by one, with no overall grade
    const failed = result.criteria.filter((c) => !c.passed).map((c) => c.name);
    expect(failed).toEqual(expect.arrayContaining(['no-excuses', 'no-hedging', 'direct-voice', 'concrete-change']));
    expect(result).not.toHaveProperty('score');
  });

  it('passes a strong paragraph (fact, cause, change, evidence, within the length) on every criterion', () => {
    const result = checkStory({ kind: 'statement', text: STRONG });
    expect(result.findings).toEqual([]);
    expect(result.criteria.filter((c) => !c.passed)).toEqual([]);
    expect(result.sentences).toBe(6);
    expect(result.words).toBeGreaterThanOrEqual(LENGTH_TARGETS.statement.minWords);
    expect(result.words).toBeLessThanOrEqual(LENGTH_TARGETS.statement.maxWords);
  });

  it('finds hedges and self-deprecation', () => {
    expect(rulesOf('I think I might have underestimated it. I am not a good test-taker.')).toEqual(
      expect.arrayContaining(['think-might', 'bad-test-taker']),
    );
    expect(rulesOf('Maybe I kind of fell behind. I will try to do better.')).toEqual(
      expect.arrayContaining(['soft-words', 'will-try']),
    );
    expect(rulesOf('I felt I was not smart enough for this.')).toContain('not-smart-enough');
  });

  it('tells a text without a number that it lacks evidence', () => {
    const text =
      'I failed Step 1 at my first sitting. I had not done timed practice. I now do every block timed. I am ready.';
    const evidence = checkStory({ kind: 'statement', text }).criteria.find((c) => c.name === 'has-evidence')!;
    expect(evidence.passed).toBe(false);
    expect(evidence.why).toMatch(/number/);
  });

  it('does not count "Step 1" or a fill-in marker as evidence', () => {
    const text = 'I failed Step 1. I had no plan. I now keep a weekly plan. My score on Step 2 CK is [your score].';
    const result = checkStory({ kind: 'statement', text });
    expect(result.criteria.find((c) => c.name === 'has-evidence')!.passed).toBe(false);
    expect(result.criteria.find((c) => c.name === 'filled-in')!.passed).toBe(false);
    expect(result.findings.map((f) => f.rule)).toContain('fill-in');
  });

  it('marks passive voice about the fail, not passive voice elsewhere or with "I" as subject', () => {
    expect(rulesOf('Step 1 was failed on my first attempt.')).toContain('passive-about-the-fail');
    expect(rulesOf('Mistakes were made in my preparation for the exam.')).toContain('passive-about-the-fail');
    expect(rulesOf('I was diagnosed with anxiety in my second year.')).not.toContain('passive-about-the-fail');
    expect(rulesOf('The lecture was recorded.')).not.toContain('passive-about-the-fail');
  });

  it('says the fail part is too long when the account of what went wrong takes most of the words', () => {
    const text =
      'I failed Step 1 at my first sitting. I had not reviewed explanations. I had not taken practice exams. ' +
      'I had slept five hours a night for a month. I had kept my date although my scores were low. ' +
      'I now take a practice exam every week. My latest score is 238.';
    const brief = checkStory({ kind: 'statement', text }).criteria.find((c) => c.name === 'fail-part-brief')!;
    expect(brief.passed).toBe(false);
    expect(brief.why).toMatch(/\d+ %/);
  });

  it('counts words and estimates speaking time at the stated rate', () => {
    expect(WORDS_PER_MINUTE).toBe(150);
    expect(estimateSpeakingSeconds(150)).toBe(60);
    expect(estimateSpeakingSeconds(220)).toBe(88);
    expect(checkStory({ kind: 'interview', text: STRONG }).speakingSeconds).toBe(
      estimateSpeakingSeconds(countWords(STRONG)),
    );
  });

  it('asks an interview answer for ownership, and a statement for 5–7 sentences', () => {
    const interview = checkStory({ kind: 'interview', text: STRONG });
    expect(interview.criteria.find((c) => c.name === 'takes-ownership')!.passed).toBe(false);
    expect(interview.criteria.some((c) => c.name === 'sentences')).toBe(false);
    const short = checkStory({ kind: 'statement', text: 'I failed Step 1. I now plan.' });
    expect(short.criteria.find((c) => c.name === 'sentences')!.passed).toBe(false);
  });

  it('fails every criterion of an empty text without throwing', () => {
    const result = checkStory({ kind: 'statement', text: '' });
    expect(result.words).toBe(0);
    expect(result.criteria.filter((c) => c.passed).map((c) => c.name)).toEqual([
      'no-excuses',
      'no-hedging',
      'direct-voice',
      'filled-in',
    ]);
  });
});

describe('splitSentences', () => {
  it('keeps abbreviations inside a sentence, breaks at line ends, and gives offsets into the text', () => {
    const text = 'Dr. Lee helped me (e.g. with NBME 12). I hope so!\nNext';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(['Dr. Lee helped me (e.g. with NBME 12).', 'I hope so!', 'Next']);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
