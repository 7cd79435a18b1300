/**
 * `comeback story-check`: the story checker (issue 14) on one text. Input
 * `{"kind":"statement"|"interview","text":"…"}`; output the word and sentence counts, each finding
 * with its span, why and what to write instead, and each criterion passed or not (docs/cli.md).
 */
import { checkStory } from '#domain/story/check.ts';
import { fieldErrorsFrom } from '#shared/contracts/errors.ts';
import { storyCheckRequestSchema } from '#shared/contracts/story.ts';

type CliResult = { code: number; stdout: string; stderr: string };

export function runStoryCheck(input: unknown): CliResult {
  const parsed = storyCheckRequestSchema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrorsFrom(parsed.error);
    const lines = [
      'The input is not a valid story check request.',
      ...Object.entries(fields).map(([k, v]) => `  ${k}: ${v}`),
    ];
    return { code: 2, stdout: '', stderr: `${lines.join('\n')}\n` };
  }
  const check = checkStory(parsed.data);
  const output = {
    kind: check.kind,
    words: check.words,
    sentences: check.sentences,
    speakingSeconds: check.speakingSeconds,
    findings: check.findings.map((f) => ({
      rule: f.rule,
      id: f.id,
      start: f.start,
      end: f.end,
      text: f.text,
      sentence: f.sentenceIndex + 1,
      why: f.why,
      suggestion: f.suggestion,
      source: f.source,
    })),
    criteria: check.criteria.map((c) => ({ name: c.name, passed: c.passed, why: c.why, source: c.source })),
  };
  return { code: 0, stdout: `${JSON.stringify(output, null, 2)}\n`, stderr: '' };
}
