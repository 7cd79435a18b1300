// write-good ships no types; this is the part of its API the story checker uses (README, v1.0.8).
declare module 'write-good' {
  type Suggestion = { index: number; offset: number; reason: string };
  type Checks = Partial<
    Record<'passive' | 'illusion' | 'so' | 'thereIs' | 'weasel' | 'adverb' | 'tooWordy' | 'cliches' | 'eprime', boolean>
  >;
  function writeGood(text: string, checks?: Checks): Suggestion[];
  export default writeGood;
}
