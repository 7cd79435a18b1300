/**
 * The story checker's rules, as data: what each pattern catches, why it hurts the reader's trust,
 * what to write instead, and where the rule comes from (sources.ts). The excuse, blame, hedge and
 * self-deprecation lists are ours (issue 14), and so is the passive-voice pattern (decision 014: write-good's
 * passive check assigns an undeclared global, which throws in the strict-mode browser bundle).
 *
 * Patterns are written with a plain apostrophe; `compilePattern` lets it match ’ as well, and every
 * pattern is case-insensitive. Each is tested in check.test.ts with a sentence it must catch.
 */
import type { StorySourceId } from './sources.ts';

export const FINDING_RULES = [
  'excuse',
  'blame',
  'self-deprecation',
  'hedge',
  'vague-effort',
  'minimising',
  'distancing',
  'fill-in',
] as const;
export type FindingRule = (typeof FINDING_RULES)[number];

export type PatternRule = {
  rule: FindingRule;
  /** A stable name for tests and logs. */
  id: string;
  pattern: string;
  why: string;
  suggestion: string;
  source: StorySourceId;
  /** A sentence the pattern must catch (checked in the tests). */
  example: string;
};

const EXCUSE_WHY =
  'Programs read this as an excuse: it points away from you, and the rest of the paragraph then has to win back the trust it costs.';

export const PATTERN_RULES: readonly PatternRule[] = [
  // Excuses: the result explained by something other than the preparation.
  {
    rule: 'excuse',
    id: 'always-struggled',
    pattern: String.raw`\bI(?: have|'ve)? (?:always|historically|long) (?:struggled|had trouble|had difficulty) (?:with|on|in) (?:standardi[sz]ed |timed |high[- ]stakes )?(?:tests?|testing|exams?|examinations?)\b`,
    why: 'A lifelong trait cannot be fixed, so it tells a program the fail may happen again. ResidencyAdvisor names this exact line as one to avoid.',
    suggestion:
      'Name the specific habit that failed (untimed practice, no practice exams, content over questions) and what you do now instead.',
    source: 'residencyadvisor',
    example: 'I’ve always struggled with standardized tests.',
  },
  {
    rule: 'excuse',
    id: 'unfortunately',
    pattern: String.raw`\bunfortunately\b`,
    why: 'It frames the fail as something that happened to you rather than something you did.',
    suggestion: 'Drop the word and state the fact plainly: “I failed Step 1 at my first sitting.”',
    source: 'seed',
    example: 'Unfortunately, I did not pass Step 1.',
  },
  {
    rule: 'excuse',
    id: 'beyond-control',
    pattern: String.raw`\b(?:due to |because of )?(?:circumstances|factors|events|reasons) (?:that were |which were )?(?:beyond|outside|out of) my control\b|\bthrough no fault of my own\b`,
    why: EXCUSE_WHY,
    suggestion:
      'If something outside your control mattered, name it in a few words, then say what you control now and how you prepared for it.',
    source: 'seed',
    example: 'Due to circumstances beyond my control, my Step 1 did not go well.',
  },
  {
    rule: 'excuse',
    id: 'bad-luck',
    pattern: String.raw`\b(?:bad luck|unlucky|an off day|a bad day|a fluke|had a rough day)\b`,
    why: 'Luck cannot be planned against, so it suggests nothing needed to change.',
    suggestion: 'Say what in your preparation left no margin for a bad day, and what margin you build in now.',
    source: 'seed',
    example: 'It was simply an off day for me.',
  },
  {
    rule: 'excuse',
    id: 'does-not-reflect',
    pattern: String.raw`\b(?:does|did|do)(?: not|n't) (?:accurately |truly |really )?(?:reflect|represent|show|measure) (?:my|the extent of my) (?:true |real |actual )?(?:abilit(?:y|ies)|knowledge|potential|capabilit(?:y|ies)|intelligence)\b`,
    why: 'Arguing with the result reads as denial; the reader’s question is what changed, not whether the score was fair.',
    suggestion: 'Accept the result in one sentence and let your Step 2 CK and practice numbers show your ability.',
    source: 'seed',
    example: 'The score does not reflect my true knowledge.',
  },
  {
    rule: 'excuse',
    id: 'despite-best-efforts',
    pattern: String.raw`\bdespite (?:my|all my) (?:best )?efforts\b`,
    why: 'It says the preparation was right and the result wrong, which leaves nothing to change.',
    suggestion: 'Say what your effort went into and why that was the wrong place, then what replaced it.',
    source: 'seed',
    example: 'Despite my best efforts, I failed.',
  },
  // Blame: the school, the exam, other people.
  {
    rule: 'blame',
    id: 'blame-school',
    pattern: String.raw`\b(?:my|our|the) (?:school|medical school|curriculum|program|professors?|faculty|deans?|advisors?|administration)(?:'s)? (?:did(?: not|n't)|never|failed to|was(?: not|n't)|were(?: not|n't)|gave us|only gave|would(?: not|n't)) (?:prepare|teach|support|help|give|cover|provide|allow|enough|adequate)?`,
    why: 'Blaming the school reads as not owning the result, and the reader may have trained there or know who did.',
    suggestion:
      'Describe what you did with what you had (“I relied on lectures and did few questions”) and what you do differently now.',
    source: 'seed',
    example: 'My school did not prepare us for the exam.',
  },
  {
    rule: 'blame',
    id: 'blame-exam',
    pattern: String.raw`\b(?:the|that) (?:exam|test|questions?|nbme|usmle|step 1|proctors?|testing cent(?:er|re)) (?:was|were|is|are) (?:unfair|poorly written|badly written|ridiculous|unreasonable|harder than|much harder|nothing like|tricky|impossible|too long)\b`,
    why: 'Every applicant sat the same exam; calling it unfair tells the reader you may blame the next one too.',
    suggestion:
      'Say what the exam asked that you had not practised (timing, long stems, two-step questions) and how you practise it now.',
    source: 'seed',
    example: 'The exam was unfair and poorly written.',
  },
  {
    rule: 'blame',
    id: 'they-told-me',
    pattern: String.raw`\b(?:nobody|no one|they|everyone) (?:told|warned|showed|taught) (?:me|us)\b`,
    why: 'It puts the responsibility on others.',
    suggestion: 'Own the decision: “I kept my date although my practice scores were under the line.”',
    source: 'seed',
    example: 'Nobody told me how different the exam would be.',
  },
  // Self-deprecation: a fixed trait, which cannot change.
  {
    rule: 'self-deprecation',
    id: 'bad-at-tests',
    pattern: String.raw`\b(?:I'm|I am|I was) (?:just |simply |naturally |always )?(?:bad|terrible|awful|hopeless|poor|weak|not (?:very |that |so )?good) (?:at|with) (?:taking )?(?:standardi[sz]ed )?(?:tests?|testing|exams?|multiple[- ]choice)\b`,
    why: '“Bad at tests” describes the result, not the reason, and a reader hears that it will happen again.',
    suggestion: 'Name the reason behind the result (pacing, review, no practice exams) and what you changed.',
    source: 'residencyadvisor',
    example: 'I’m just bad at tests.',
  },
  {
    rule: 'self-deprecation',
    id: 'bad-test-taker',
    pattern: String.raw`\b(?:a |an )?(?:bad|poor|weak|nervous|terrible|slow|(?:not|never been) (?:a |an )?(?:good|strong|natural)) (?:standardi[sz]ed )?(?:test|exam)[- ]?takers?\b`,
    why: 'A label about who you are, not what you did: it cannot be fixed, so it reads as a risk.',
    suggestion: 'Replace the label with the behaviour: “I had never practised full timed blocks.”',
    source: 'residencyadvisor',
    example: 'I have never been a good test-taker.',
  },
  {
    rule: 'self-deprecation',
    id: 'not-smart-enough',
    pattern: String.raw`\b(?:I'm|I am|I was|I felt) (?:not (?:smart|clever|good) enough|stupid|not cut out|a failure|dumb)\b`,
    why: 'It argues against you to the people deciding on you, and it is not what the evidence says.',
    suggestion: 'Describe the gap in your preparation, not in yourself.',
    source: 'seed',
    example: 'I felt I was not smart enough for medicine.',
  },
  // Hedges: doubt where the reader needs a clear statement.
  {
    rule: 'hedge',
    id: 'hope',
    pattern: String.raw`\b(?:I (?:really |truly )?hope|hopefully)\b`,
    why: 'Hope is not evidence; the reader wants to see what you did and what it produced.',
    suggestion: 'State what you did and the result it produced, or what you will do, as a plain fact.',
    source: 'seed',
    example: 'I hope my Step 2 CK score shows that I have changed.',
  },
  {
    rule: 'hedge',
    id: 'think-might',
    pattern: String.raw`\bI (?:think|feel|believe|guess|suppose) (?:that )?I (?:might|may|could|can|should)\b|\bI (?:might|may) have\b`,
    why: 'Stacked doubt makes the reader doubt too.',
    suggestion: 'Say it without the hedge: “I had not done timed practice,” not “I think I might not have.”',
    source: 'seed',
    example: 'I think I might have underestimated the exam.',
  },
  {
    rule: 'hedge',
    id: 'soft-words',
    pattern: String.raw`\b(?:maybe|perhaps|kind of|sort of|somewhat|a little bit|I guess|I feel like|I'd like to think|I would like to think)\b`,
    why: 'Softeners blur a statement that should be clear.',
    suggestion: 'Remove the softener, or replace it with the number it stands for.',
    source: 'seed',
    example: 'I kind of fell behind in dedicated.',
  },
  {
    rule: 'hedge',
    id: 'will-try',
    pattern: String.raw`\bI (?:will|'ll|am going to|plan to) (?:try|attempt) to\b`,
    why: '“Try” leaves room for not doing it.',
    suggestion: 'Say what you will do and how it is checked: “I take a practice exam every week.”',
    source: 'seed',
    example: 'I will try to do better on boards.',
  },
  // Vague effort: "I worked harder" without the change behind it.
  {
    rule: 'vague-effort',
    id: 'worked-harder',
    pattern: String.raw`\bI (?:worked|studied|tried|pushed|prepared) (?:much |a lot |even |really )?(?:harder|more|longer)\b|\b(?:worked|studied|tried) (?:really |very |so )hard\b|\b(?:put in|gave it) (?:more effort|my all|everything|110)\b|\bdoubled down\b`,
    why: 'More of the same is what the reader fears; effort without a different method does not explain a different result.',
    suggestion:
      'Name the change: what you do now that you did not do then (timed blocks, weekly practice exams, a dated plan, protected sleep).',
    source: 'seed',
    example: 'After the fail I worked harder than ever.',
  },
  // Minimising: the fail made smaller than programs see it.
  {
    rule: 'minimising',
    id: 'no-big-deal',
    pattern: String.raw`\b(?:no big deal|just (?:one|a single) (?:exam|test)|(?:a |only a )?(?:minor|small|slight) (?:setback|bump|hiccup|stumble)|a bump in the road|a blip)\b`,
    why: 'Programs treat a fail as a real risk; making it small reads as not having understood that.',
    suggestion: 'Name it for what it is, once, and spend the words on what changed.',
    source: 'seed',
    example: 'Step 1 was only a minor setback.',
  },
  // Distancing: the fail said without saying it.
  {
    rule: 'distancing',
    id: 'euphemism',
    pattern: String.raw`\b(?:did(?: not|n't) go (?:as planned|as I (?:had )?hoped|my way|well)|(?:an |my )unsuccessful (?:attempt|outcome|result)|things did(?: not|n't) work out|(?:was|were) not successful|the outcome was(?: not| less than)? (?:ideal|favou?rable|what I)|fell short of passing)\b`,
    why: 'Talking around the word draws more attention to it than saying it.',
    suggestion: 'Say it directly, with yourself as the subject: “I failed Step 1.”',
    source: 'seed',
    example: 'My first attempt at Step 1 did not go as planned.',
  },
  // A marker left from the draft.
  {
    rule: 'fill-in',
    id: 'marker',
    pattern: String.raw`\[[^\]\n]{1,200}\]`,
    why: 'This is a gap in the draft where only you have the fact.',
    suggestion: 'Replace the bracket with your own figure or words, or delete the sentence.',
    source: 'seed',
    example: 'My Step 2 CK score is [your Step 2 CK score].',
  },
];

/** A pattern as a global, case-insensitive Unicode regex that reads ’ as an apostrophe. */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(pattern.replaceAll("'", "['’]"), 'giu');
}

/**
 * Passive voice: a form of "to be", an optional adverb or "not", then a past participle (a word in
 * -ed, or a common irregular one). The same shape write-good's passive-voice check looks for.
 */
const IRREGULAR_PARTICIPLES = [
  'been',
  'born',
  'begun',
  'broken',
  'brought',
  'built',
  'caught',
  'chosen',
  'done',
  'drawn',
  'driven',
  'fallen',
  'felt',
  'forgotten',
  'given',
  'gone',
  'held',
  'hidden',
  'kept',
  'known',
  'left',
  'lost',
  'made',
  'meant',
  'met',
  'missed',
  'paid',
  'put',
  'run',
  'said',
  'seen',
  'set',
  'shown',
  'sent',
  'spent',
  'taken',
  'taught',
  'thought',
  'told',
  'understood',
  'won',
  'written',
];
export const PASSIVE_PATTERN = String.raw`\b(?:am|are|is|was|were|be|been|being)\s+(?:(?:not|never|\w+ly)\s+)?(?:\w+ed|${IRREGULAR_PARTICIPLES.join('|')})\b`;

/** Passive voice near the fail, kept only in a sentence about the result. */
export const PASSIVE_RULE = {
  rule: 'distancing' as const,
  id: 'passive-about-the-fail',
  why: 'In the passive the fail happens without anyone doing it; readers notice the missing “I”.',
  suggestion: 'Put yourself in as the subject: “I failed”, “I made the choice”, “I changed”.',
  source: 'seed' as const,
};

/** Words that make a sentence about the fail itself (for the passive rule). */
export const FAIL_WORDS = String.raw`\b(?:fail(?:ed|ing|ure)?|did(?: not|n't) pass|step 1|result|mistakes?|errors?)\b`;
