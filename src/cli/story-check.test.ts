import { describe, expect, it } from 'vitest';
import { runCli } from './comeback.ts';

const NOW = new Date('2027-01-10T12:00:00Z');

describe('comeback story-check', () => {
  it('prints counts, findings with their spans and the criteria', () => {
    const text = 'Unfortunately I failed Step 1. I worked harder.';
    const result = runCli(['story-check'], JSON.stringify({ kind: 'statement', text }), NOW);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ words: 8, sentences: 2 });
    expect(out.findings.map((f: { rule: string }) => f.rule)).toEqual(['excuse', 'vague-effort']);
    const [first] = out.findings;
    expect(text.slice(first.start, first.end)).toBe('Unfortunately');
    expect(first.why.length).toBeGreaterThan(10);
    expect(first.suggestion.length).toBeGreaterThan(10);
    expect(out.criteria.find((c: { name: string }) => c.name === 'has-evidence')).toMatchObject({ passed: false });
  });

  it('refuses bad input on stderr with exit 2', () => {
    const result = runCli(['story-check'], JSON.stringify({ kind: 'essay', text: 3 }), NOW);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/kind/);
    expect(result.stderr).toMatch(/text/);
    expect(runCli(['story-check'], 'not json', NOW).code).toBe(2);
  });
});
