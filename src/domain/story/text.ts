/**
 * Sentences and words of a text the student writes, with character offsets so the page can
 * highlight a finding where it is. Sentences come from the platform's Unicode sentence segmenter
 * (Intl.Segmenter, UAX #29), with two repairs it does not make: a break after a common abbreviation
 * ("Dr.", "e.g.") is joined back, and a line break always ends a sentence.
 */

export type Sentence = {
  /** 0-based position among the sentences. */
  index: number;
  /** Offsets into the original text: text.slice(start, end) is the sentence, trimmed. */
  start: number;
  end: number;
  text: string;
};

/** Words whose full stop does not end a sentence (lower case, without the final dot). */
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'st',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'cf',
  'approx',
  'no',
  'u.s',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

function endsWithAbbreviation(segment: string): boolean {
  const match = /(?:^|[\s(])([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.\s*$/.exec(segment);
  return match !== null && ABBREVIATIONS.has(match[1]!.toLowerCase());
}

/** The sentences of `text`, in order; blank stretches are skipped. */
export function splitSentences(text: string): Sentence[] {
  const raw: { start: number; end: number }[] = [];
  for (const { index, segment } of segmenter.segment(text)) {
    const previous = raw.at(-1);
    if (previous && endsWithAbbreviation(text.slice(previous.start, previous.end))) {
      previous.end = index + segment.length;
    } else {
      raw.push({ start: index, end: index + segment.length });
    }
  }
  const sentences: Sentence[] = [];
  for (const piece of raw) {
    // A line break inside a segment (a list, a heading) ends a sentence too.
    let lineStart = piece.start;
    for (const line of text.slice(piece.start, piece.end).split('\n')) {
      const lead = line.length - line.trimStart().length;
      const trimmed = line.trim();
      if (trimmed.length > 0) {
        const start = lineStart + lead;
        sentences.push({ index: sentences.length, start, end: start + trimmed.length, text: trimmed });
      }
      lineStart += line.length + 1;
    }
  }
  return sentences;
}

/** Words as a reader counts them: runs of letters or digits, with inner apostrophes and hyphens. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/**
 * Text reduced for comparing wordings: lower case, curly quotes and apostrophes straightened then
 * dropped, dashes and every other punctuation turned into spaces, runs of space collapsed.
 */
export function normaliseForComparison(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘ʼ´`']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The n-word sequences of a normalised text, joined by single spaces. */
export function wordNgrams(normalised: string, n: number): string[] {
  const words = normalised.split(' ').filter(Boolean);
  const grams: string[] = [];
  for (let i = 0; i + n <= words.length; i += 1) grams.push(words.slice(i, i + n).join(' '));
  return grams;
}
