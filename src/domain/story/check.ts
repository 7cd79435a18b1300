/**
 * The story checker (issue 14): any text the student writes about the fail, theirs or a draft, read
 * against the frame. Findings mark a span of the text with why it hurts and what to write instead;
 * criteria say, one by one, whether a part of the frame is there. There is no overall grade: each
 * criterion stands on its own, with its source.
 */
import { compilePattern, FAIL_WORDS, PASSIVE_PATTERN, PASSIVE_RULE, PATTERN_RULES, type FindingRule } from './rules.ts';
import { STORY_SOURCES, type StorySourceId } from './sources.ts';
import { countWords, splitSentences, type Sentence } from './text.ts';

export type StoryKind = 'statement' | 'interview';

export type Finding = {
  rule: FindingRule;
  /** The pattern that matched (rules.ts), for tests and for grouping. */
  id: string;
  start: number;
  end: number;
  text: string;
  /** The sentence it sits in: its 0-based index and its words. */
  sentenceIndex: number;
  sentence: string;
  why: string;
  suggestion: string;
  source: StorySourceId;
};

export const CRITERION_NAMES = [
  'length',
  'sentences',
  'states-the-fact',
  'names-the-cause',
  'takes-ownership',
  'concrete-change',
  'has-evidence',
  'ends-on-the-present',
  'fail-part-brief',
  'no-excuses',
  'no-hedging',
  'direct-voice',
  'filled-in',
] as const;
export type CriterionName = (typeof CRITERION_NAMES)[number];

export type Criterion = {
  name: CriterionName;
  label: string;
  passed: boolean;
  /** What passed, or what to do to pass. */
  why: string;
  source: StorySourceId;
};

export type StoryCheck = {
  kind: StoryKind;
  words: number;
  sentences: number;
  /** Estimated speaking time at WORDS_PER_MINUTE, whole seconds. */
  speakingSeconds: number;
  findings: Finding[];
  criteria: Criterion[];
};

export type LengthTarget = {
  minWords: number;
  maxWords: number;
  minSentences: number | null;
  maxSentences: number | null;
  /** Where the numbers come from, in words. */
  basis: string;
  source: StorySourceId;
};

/**
 * Speaking rate for the timer: 150 words a minute. An assumption, not a measured figure: it is the
 * rate implied by issue 14's own equivalence (60–90 s spoken ≈ 150–220 words, i.e. 145–150 words a
 * minute). People speak faster or slower; the timer on the practice page measures the real time.
 */
export const WORDS_PER_MINUTE = 150;

export const LENGTH_TARGETS: Readonly<Record<StoryKind, LengthTarget>> = {
  statement: {
    // 5–7 sentences: residencystatement.com. The word range is ours: 5–7 sentences of 15–25 words.
    minWords: 75,
    maxWords: 175,
    minSentences: 5,
    maxSentences: 7,
    basis:
      'one paragraph of 5–7 sentences (residencystatement.com); 75–175 words is our assumption of 15–25 words a sentence',
    source: 'residencystatement',
  },
  interview: {
    // Issue 14: a 60–90-second answer, about 150–220 words.
    minWords: 150,
    maxWords: 220,
    minSentences: null,
    maxSentences: null,
    basis: 'a 60–90-second spoken answer, about 150–220 words (issue 14; speaking rate assumed at 150 words a minute)',
    source: 'medresidency',
  },
};

/** The fail part (everything before the first sentence of change) may take at most this share of the words. */
export const MAX_FAIL_SHARE: Readonly<Record<StoryKind, number>> = {
  // Assumption: in the statement the fact and the cause are two of four parts; in the interview
  // acknowledge, context and ownership are three of five, so a half.
  statement: 0.4,
  interview: 0.5,
};

const FACT =
  /\b(?:I|I've|I have) (?:failed|did fail|did(?: not|n't) pass|was(?: not|n't) successful on|had a fail(?:ure)? on)\b[^.!?]*\bstep 1\b|\bI (?:failed|did fail|did(?: not|n't) pass) (?:usmle )?step 1\b|\bmy (?:first )?(?:attempt|sitting) (?:at|of) (?:usmle )?step 1 (?:was|ended in) a fail/iu;
const CAUSE =
  /\b(?:because|the cause|the reason|came down to|I had(?: not|n't)|I did(?: not|n't)|I relied|I treated|I ignored|I kept (?:my|the) (?:date|exam)|I skipped|I spent|I sat (?:the exam|it|step 1)|instead of|without (?:a|any|practi[cs]e|real|timed)|I (?:was|had been) (?:studying|reading|carrying|sleeping|dealing)|I ran out of time|I panicked|I blanked|I finished only|I went into)\b/iu;
const OWNERSHIP =
  /\b(?:my (?:choice|decision|responsibility|doing)|I own|I take (?:full )?responsibility|I was responsible|on me|I chose|I decided|the (?:result|fail|failure|choice) (?:was|is) mine|mine to fix|I made (?:that|the|a) (?:choice|decision|call)|I accept|(?:choice|decision|call) (?:was|is) mine|I own (?:it|that))\b/iu;
/** A change said as one: a change word, or a present-tense habit of the writer's ("I take", "I review"). */
const CHANGE =
  /\b(?:now|changed|switched|rebuilt|replaced|since then|this time|no longer|these days|nowadays|from then on)\b|\bI (?:take|do|work|practi[cs]e|review|keep|protect|spend|use|study|sit|follow|track|log|plan|schedule|set|write|answer|complete|go to|see|meet)\b/iu;
const CONCRETE =
  /\b(?:timed|blocks?|practice (?:exams?|tests?|scores?)|nbmes?|uwsas?|free 120|self[- ]assessments?|questions?|question bank|qbank|uworld|amboss|explanations?|review(?:ed|ing)?|schedule|plan|calendar|sleep|hours?|minutes?|week(?:s|ly)?|days?|full[- ]length|counsel(?:l)?(?:ing|or)|therap(?:y|ist)|coach(?:ing)?|learning specialist|support|wrong options?|error log|deadline|date)\b|\d/iu;
const STEP_NAMES = /\b(?:usmle )?step\s*[123](?:\s*ck)?\b/giu;
const MARKER = /\[[^\]\n]*\]/gu;
const PRESENT =
  /\b(?:now|today|currently|current|recent(?:ly)?|latest|since|this (?:year|month|spring|summer|autumn|fall|winter)|step 2 ck|rotations?|clerkships?|clinical|residency|boards|ready|readiness)\b|\d/iu;
const PAST_FAIL = /\b(?:failed|fail(?:ure)?|did(?: not|n't) pass)\b/iu;

function hasNumberEvidence(sentence: string): boolean {
  return /\d/.test(sentence.replace(STEP_NAMES, ' ').replace(MARKER, ' '));
}

function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  return sentences.find((s) => offset >= s.start && offset < s.end) ?? sentences.at(-1);
}

function findPatterns(text: string, sentences: readonly Sentence[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of PATTERN_RULES) {
    for (const match of text.matchAll(compilePattern(rule.pattern))) {
      const start = match.index;
      const sentence = sentenceAt(sentences, start);
      if (!sentence || match[0].trim().length === 0) continue;
      findings.push({
        rule: rule.rule,
        id: rule.id,
        start,
        end: start + match[0].length,
        text: match[0],
        sentenceIndex: sentence.index,
        sentence: sentence.text,
        why: rule.why,
        suggestion: rule.suggestion,
        source: rule.source,
      });
    }
  }
  return findings;
}

/** Passive voice in a sentence about the fail, unless "I" is its subject ("I was diagnosed" is fine). */
function findPassiveDistancing(text: string, sentences: readonly Sentence[]): Finding[] {
  const failWords = new RegExp(FAIL_WORDS, 'iu');
  const hits = [...text.matchAll(compilePattern(PASSIVE_PATTERN))].map((m) => ({
    index: m.index,
    offset: m[0].length,
  }));
  return hits.flatMap((hit): Finding[] => {
    const sentence = sentenceAt(sentences, hit.index);
    if (!sentence || !failWords.test(sentence.text)) return [];
    const before = text.slice(sentence.start, hit.index);
    if (/\b(?:I|we)(?:\s+\w+ly)?\s*$/iu.test(before)) return [];
    return [
      {
        rule: PASSIVE_RULE.rule,
        id: PASSIVE_RULE.id,
        start: hit.index,
        end: hit.index + hit.offset,
        text: text.slice(hit.index, hit.index + hit.offset),
        sentenceIndex: sentence.index,
        sentence: sentence.text,
        why: PASSIVE_RULE.why,
        suggestion: PASSIVE_RULE.suggestion,
        source: PASSIVE_RULE.source,
      },
    ];
  });
}

/** Findings in text order; one inside a fill-in marker or inside another of the same rule is dropped. */
function tidy(findings: Finding[]): Finding[] {
  const markers = findings.filter((f) => f.rule === 'fill-in');
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  for (const f of sorted) {
    if (f.rule !== 'fill-in' && markers.some((m) => f.start >= m.start && f.end <= m.end)) continue;
    if (kept.some((k) => k.rule === f.rule && f.start >= k.start && f.end <= k.end)) continue;
    kept.push(f);
  }
  return kept;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function quoteSentence(s: Sentence): string {
  return `Sentence ${s.index + 1} (“${s.text.length > 70 ? `${s.text.slice(0, 69).trimEnd()}…` : s.text}”)`;
}

function listRules(findings: readonly Finding[], rules: readonly FindingRule[]): Finding[] {
  return findings.filter((f) => rules.includes(f.rule));
}

function describeHits(hits: readonly Finding[]): string {
  const shown = hits.slice(0, 3).map((h) => `“${h.text}” in sentence ${h.sentenceIndex + 1}`);
  return `${shown.join('; ')}${hits.length > 3 ? `, and ${hits.length - 3} more` : ''}`;
}

/**
 * Checks a statement paragraph or an interview answer. Deterministic; an empty text gets every
 * criterion failed with what to write first.
 *
 * @example checkStory({ kind: 'statement', text: 'Unfortunately I failed Step 1.' }).findings[0].rule === 'excuse'
 */
export function checkStory({ kind, text }: { kind: StoryKind; text: string }): StoryCheck {
  const sentences = splitSentences(text);
  const words = countWords(text);
  const findings = tidy([...findPatterns(text, sentences), ...findPassiveDistancing(text, sentences)]);
  const target = LENGTH_TARGETS[kind];
  const criteria: Criterion[] = [];
  const add = (name: CriterionName, label: string, passed: boolean, why: string, source: StorySourceId) =>
    criteria.push({ name, label, passed, why, source });

  const isLengthOk = words >= target.minWords && words <= target.maxWords;
  add(
    'length',
    'Length',
    isLengthOk,
    isLengthOk
      ? `${plural(words, 'word')}: inside ${target.minWords}–${target.maxWords}.`
      : words < target.minWords
        ? `${plural(words, 'word')}: under ${target.minWords}. Add what changed and the evidence before anything else.`
        : `${plural(words, 'word')}: over ${target.maxWords}. Cut from the part about the fail first, not from the change or the evidence.`,
    target.source,
  );
  if (target.minSentences !== null && target.maxSentences !== null) {
    const n = sentences.length;
    const isOk = n >= target.minSentences && n <= target.maxSentences;
    add(
      'sentences',
      'Sentences',
      isOk,
      isOk
        ? `${plural(n, 'sentence')}: inside ${target.minSentences}–${target.maxSentences}.`
        : n < target.minSentences
          ? `${plural(n, 'sentence')}: aim for ${target.minSentences}–${target.maxSentences}, one for the fact, one for the cause, the rest for what changed and the evidence.`
          : `${plural(n, 'sentence')}: aim for ${target.minSentences}–${target.maxSentences}. Merge or cut sentences about the fail first.`,
      'residencystatement',
    );
  }

  const fact = sentences.find((s) => FACT.test(s.text));
  add(
    'states-the-fact',
    kind === 'interview' ? 'Acknowledges the fail' : 'States the fact',
    fact !== undefined,
    fact
      ? `${quoteSentence(fact)} says it in the first person.`
      : 'No sentence says plainly, with “I”, that you failed Step 1. Start with it: “I failed Step 1 at my first sitting.”',
    kind === 'interview' ? 'medresidency' : 'iatrox',
  );

  const cause =
    sentences.find((s) => s !== fact && CAUSE.test(s.text)) ?? (fact && CAUSE.test(fact.text) ? fact : undefined);
  add(
    'names-the-cause',
    kind === 'interview' ? 'Gives the context' : 'Names the cause',
    cause !== undefined,
    cause
      ? `${quoteSentence(cause)} names what went wrong in the preparation.`
      : 'Say in one line what in your preparation caused it (for example: no practice exams, untimed blocks, content instead of questions).',
    kind === 'interview' ? 'medresidency' : 'iatrox',
  );

  if (kind === 'interview') {
    const owned = sentences.find((s) => OWNERSHIP.test(s.text));
    add(
      'takes-ownership',
      'Takes ownership',
      owned !== undefined,
      owned
        ? `${quoteSentence(owned)} takes responsibility.`
        : 'Add one sentence that makes the result yours: “That was my decision, and I own it.”',
      'medresidency',
    );
  }

  const vague = listRules(findings, ['vague-effort']);
  const change = sentences.find((s) => s !== fact && s !== cause && CHANGE.test(s.text) && CONCRETE.test(s.text));
  add(
    'concrete-change',
    kind === 'interview' ? 'Shows growth' : 'Says what changed',
    change !== undefined,
    change
      ? `${quoteSentence(change)} names a change someone could check.`
      : vague.length > 0
        ? `${describeHits(vague)} says you tried harder, not what you changed. Name the method: timed blocks, weekly practice exams, a dated plan, protected sleep.`
        : 'Add what you do now that you did not do then, in terms someone could check: how many practice exams, timed blocks, hours, a written plan.',
    'seed',
  );

  // Evidence is a number after the change (a result, not the plan), or, without a change, anywhere
  // but the fact and the cause.
  // A further sentence of change ("I review for 30 minutes") is the plan, not its result.
  const evidence = sentences.find(
    (s) =>
      (change ? s.index > change.index && !CHANGE.test(s.text) : s !== fact && s !== cause) &&
      hasNumberEvidence(s.text),
  );
  add(
    'has-evidence',
    'Has evidence',
    evidence !== undefined,
    evidence
      ? `${quoteSentence(evidence)} gives a number.`
      : change
        ? 'No number comes after what changed: add your Step 2 CK score, or your practice scores with their dates, so the change can be seen, not only claimed.'
        : 'There is no number: add your Step 2 CK score, or your practice scores with their dates, so the change can be seen, not only claimed.',
    'seed',
  );

  const last = sentences.at(-1);
  const endsOnPresent = last !== undefined && PRESENT.test(last.text) && !PAST_FAIL.test(last.text);
  add(
    'ends-on-the-present',
    kind === 'interview' ? 'Ends on present readiness' : 'Ends on the evidence',
    endsOnPresent,
    endsOnPresent
      ? `The last sentence is about where you are now.`
      : last === undefined
        ? 'Nothing to read yet.'
        : 'End on where you are now (your Step 2 CK score, your latest practice scores, your clinical work), not on the fail.',
    kind === 'interview' ? 'medresidency' : 'seed',
  );

  const firstChange = change?.index ?? sentences.length;
  const failWords = sentences.slice(0, firstChange).reduce((sum, s) => sum + countWords(s.text), 0);
  const share = words === 0 ? 1 : failWords / words;
  const maxShare = MAX_FAIL_SHARE[kind];
  const isBrief = words > 0 && change !== undefined && share <= maxShare;
  add(
    'fail-part-brief',
    'The fail part is brief',
    isBrief,
    isBrief
      ? `The part before what changed is ${Math.round(share * 100)} % of the words (at most ${Math.round(maxShare * 100)} %, our assumption).`
      : change === undefined
        ? 'Everything here is about the fail; the change and the evidence should take most of the words.'
        : `The part before what changed is ${Math.round(share * 100)} % of the words; keep it to ${Math.round(maxShare * 100)} % or less (our assumption) by cutting the account of what went wrong.`,
    'assumption',
  );

  const excuses = listRules(findings, ['excuse', 'blame', 'self-deprecation', 'minimising']);
  add(
    'no-excuses',
    'No excuses or blame',
    excuses.length === 0,
    excuses.length === 0
      ? 'No excuse, blame or self-labelling found.'
      : `${describeHits(excuses)}: each is marked in the text with what to write instead.`,
    excuses.some((f) => f.source === 'residencyadvisor') ? 'residencyadvisor' : 'seed',
  );

  const hedges = listRules(findings, ['hedge']);
  add(
    'no-hedging',
    'No hedging',
    hedges.length === 0,
    hedges.length === 0 ? 'No hedges found.' : `${describeHits(hedges)}: say it as a plain statement.`,
    'seed',
  );

  const distancing = listRules(findings, ['distancing']);
  add(
    'direct-voice',
    'Direct voice',
    distancing.length === 0,
    distancing.length === 0
      ? 'The fail is said directly.'
      : `${describeHits(distancing)}: put “I” back as the subject.`,
    'seed',
  );

  const markers = listRules(findings, ['fill-in']);
  add(
    'filled-in',
    'Filled in',
    markers.length === 0,
    markers.length === 0
      ? 'No gaps left.'
      : `${plural(markers.length, 'gap')} in square brackets still to fill: ${describeHits(markers)}.`,
    'seed',
  );

  return {
    kind,
    words,
    sentences: sentences.length,
    speakingSeconds: estimateSpeakingSeconds(words),
    findings,
    criteria,
  };
}

/** Seconds to say `words` aloud at WORDS_PER_MINUTE (an assumption; see its comment). */
export function estimateSpeakingSeconds(words: number): number {
  return Math.round((words / WORDS_PER_MINUTE) * 60);
}

/** The source's display name, for text that cites it. */
export function nameSource(id: StorySourceId): string {
  return STORY_SOURCES[id].name;
}
