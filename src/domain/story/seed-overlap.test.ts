/**
 * Product text is written fresh (PRODUCT.md; issue 14): no sentence of the seed article may appear in
 * a draft. This checks every template fragment, every product string of the story domain and every
 * sentence of drafts generated for many students against every sentence of the article, normalised
 * (lower case, punctuation and apostrophes dropped). A text overlaps when it equals a seed sentence,
 * contains a seed sentence of 4 words or more, or shares any run of SEED_N_GRAM = 6 words with one.
 * The article is read as its committed fingerprint (hashes only: seed-fingerprint.ts), so the check
 * runs where ../shared is absent; where the article is present the fingerprint must match it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PracticeResult } from '../evidence/practice-scores.ts';
import { PASSIVE_RULE, PATTERN_RULES } from './rules.ts';
import { draftInterview, draftStatement, MARKER_HELP, TEMPLATES, type StoryInput } from './drafts.ts';
import { INTERVIEW_PROMPTS } from './interview.ts';
import { PLACEMENT_CAVEAT, PLACEMENT_OPTIONS } from './placement.ts';
import { STORY_SOURCES } from './sources.ts';
import { POSTMORTEMS, postmortemFrom } from './test-fixtures.ts';
import { checkStory } from './check.ts';
import { fingerprintOf, seedOverlaps, SEED_N_GRAM as N_GRAM, type SeedFingerprint } from './seed-fingerprint.ts';

const SEED_PATH = fileURLToPath(new URL('../../../../shared/seed/step1-fail-step2ck-article.txt', import.meta.url));
const FINGERPRINT = JSON.parse(
  readFileSync(fileURLToPath(new URL('./seed-fingerprint.json', import.meta.url)), 'utf8'),
) as SeedFingerprint;

const overlaps = (text: string) => seedOverlaps(FINGERPRINT, text);

/** Every string inside a nested value. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/** A template's literal parts, split at its placeholders. */
function fragmentsOf(template: string): string[] {
  return template.split(/\{\w+\}/).filter((f) => f.trim().length > 0);
}

const EXAMS: PracticeResult[][] = [
  [],
  [{ form: 'NBME13', date: '2026-11-02', score: 231 }],
  [
    { form: 'NBME10', date: '2026-09-14', score: 214 },
    { form: 'UWSA2', date: '2026-11-16', score: 243 },
  ],
  [
    { form: 'NBME11', date: '2026-09-14', score: 236 },
    { form: 'FREE120', date: '2026-10-30', percentCorrect: 71 },
  ],
];

function generatedDrafts(): string[] {
  const texts: string[] = [];
  const postmortems = [null, ...Object.values(POSTMORTEMS).map(postmortemFrom)];
  for (const postmortem of postmortems) {
    for (const practiceExams of EXAMS) {
      for (const step2ck of [null, { score: 251, date: '2027-02-01' }]) {
        for (let i = 0; i < 12; i += 1) {
          const input: StoryInput = {
            seed: `student-${i}`,
            postmortem,
            practiceExams,
            timedBlocksDone: i % 2 === 0 ? 0 : 30,
            questionsDone: 1200,
            fullLengthDaysDone: i % 3,
            step2ck,
          };
          for (const draft of [draftStatement(input), draftInterview(input)]) texts.push(draft.text, ...draft.notes);
        }
      }
    }
  }
  return [...new Set(texts)];
}

describe('no sentence of the seed article in story text', () => {
  it('holds the fingerprint of the whole seed article (and matches the article where it is present)', () => {
    expect(FINGERPRINT.sentences.length).toBeGreaterThan(150);
    expect(FINGERPRINT.grams.length).toBeGreaterThan(1000);
    if (existsSync(SEED_PATH)) expect(fingerprintOf(readFileSync(SEED_PATH, 'utf8'))).toEqual(FINGERPRINT);
  });

  it('catches a copied seed sentence and a long shared run (so this test can fail)', () => {
    expect(overlaps('I failed Step 1 the first time I took it.')).not.toEqual([]);
    expect(overlaps('Back then I treated it like another school exam, sadly.')).not.toEqual([]);
    expect(overlaps('I failed USMLE Step 1 at my first sitting.')).toEqual([]);
  });

  it(`every template fragment (n = ${N_GRAM})`, () => {
    const fragments = stringsOf(TEMPLATES).flatMap(fragmentsOf);
    expect(fragments.length).toBeGreaterThan(40);
    const hits = fragments.flatMap((f) => overlaps(f).map((o) => `${f} → ${o}`));
    expect(hits).toEqual([]);
  });

  it('every product string of the story domain: rules, prompts, placement options, sources, fill-in help', () => {
    const strings = [
      ...PATTERN_RULES.flatMap((r) => [r.why, r.suggestion]),
      PASSIVE_RULE.why,
      PASSIVE_RULE.suggestion,
      ...stringsOf(INTERVIEW_PROMPTS),
      ...stringsOf(PLACEMENT_OPTIONS),
      PLACEMENT_CAVEAT,
      ...Object.values(STORY_SOURCES).map((s) => s.says),
      ...MARKER_HELP.map(([, help]) => help),
    ];
    const hits = strings.flatMap((s) => overlaps(s).map((o) => `${s} → ${o}`));
    expect(hits).toEqual([]);
  });

  it('every sentence of drafts generated for many students, postmortems and score histories', () => {
    const texts = generatedDrafts();
    expect(texts.length).toBeGreaterThan(100);
    const hits = texts.flatMap((t) => overlaps(t).map((o) => `${t.slice(0, 60)}… → ${o}`));
    expect(hits).toEqual([]);
  });

  it('the checker’s own texts for a draft', () => {
    const whys = checkStory({
      kind: 'statement',
      text: 'Unfortunately I failed Step 1 and I worked harder.',
    }).criteria.flatMap((c) => [c.label, c.why]);
    expect(whys.flatMap(overlaps)).toEqual([]);
  });
});
