/**
 * The seed article as a fingerprint: hashes of its normalised sentences and word runs, never its
 * text. The overlap test (seed-overlap.test.ts) checks product text against it, so the check runs
 * on a clone without ../shared beside it (as on CI) and the article's sentences are not copied into
 * the repository. `node --import tsx scripts/seed-fingerprint.ts` rebuilds the JSON from
 * ../shared/seed/; the test also rebuilds it whenever the article is there and asserts it is equal.
 */
import { normaliseForComparison, splitSentences, wordNgrams } from './text.ts';

/** A run of this many words shared with the seed counts as an overlap. */
export const SEED_N_GRAM = 6;
/** A seed sentence of at least this many words found inside a text counts as an overlap. */
export const SEED_MIN_CONTAINED_WORDS = 4;

export type SeedFingerprint = {
  n: number;
  minContainedWords: number;
  /** Every normalised seed sentence. */
  sentences: string[];
  /** Seed sentences of at least minContainedWords words, by their word count. */
  contained: Record<string, string[]>;
  /** Every run of n words in a seed sentence. */
  grams: string[];
};

/** FNV-1a, 64 bits, as 16 hex digits: plenty for a few thousand entries; no dependency. */
export function hashText(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

const sortedUnique = (values: string[]) => [...new Set(values)].sort();

export function seedSentences(article: string): string[] {
  return article
    .split('\n')
    .flatMap((line) => splitSentences(line).map((s) => normaliseForComparison(s.text)))
    .filter((s) => s.length > 0);
}

export function fingerprintOf(article: string): SeedFingerprint {
  const sentences = seedSentences(article);
  const contained: Record<string, string[]> = {};
  for (const sentence of sentences) {
    const words = sentence.split(' ').length;
    if (words >= SEED_MIN_CONTAINED_WORDS) (contained[String(words)] ??= []).push(hashText(sentence));
  }
  for (const key of Object.keys(contained)) contained[key] = sortedUnique(contained[key]!);
  return {
    n: SEED_N_GRAM,
    minContainedWords: SEED_MIN_CONTAINED_WORDS,
    sentences: sortedUnique(sentences.map(hashText)),
    contained,
    grams: sortedUnique(sentences.flatMap((s) => wordNgrams(s, SEED_N_GRAM)).map(hashText)),
  };
}

/** How a text overlaps the fingerprinted seed, in words of the text itself, or [] when it does not. */
export function seedOverlaps(fingerprint: SeedFingerprint, text: string): string[] {
  const sentences = new Set(fingerprint.sentences);
  const grams = new Set(fingerprint.grams);
  const contained = Object.entries(fingerprint.contained).map(([k, hashes]) => [Number(k), new Set(hashes)] as const);
  const found: string[] = [];
  for (const sentence of splitSentences(text)) {
    const norm = normaliseForComparison(sentence.text);
    if (norm.length === 0) continue;
    if (sentences.has(hashText(norm))) found.push(`equals a seed sentence: "${norm}"`);
    for (const [words, hashes] of contained) {
      for (const run of wordNgrams(norm, words))
        if (hashes.has(hashText(run))) found.push(`contains the seed sentence "${run}"`);
    }
    for (const gram of wordNgrams(norm, fingerprint.n)) if (grams.has(hashText(gram))) found.push(`shares "${gram}"`);
  }
  return found;
}
