import { describe, expect, it } from 'vitest';
import { parseIdempotencyKey } from './idempotency.ts';

const KEY = '0193a5e2-7c1d-7f3a-9b2e-4d5f6a7b8c9d';

describe('parseIdempotencyKey', () => {
  it('takes one UUID, any case, with spaces or tabs around it, and stores it lower-cased', () => {
    expect(parseIdempotencyKey(undefined)).toEqual({ kind: 'absent' });
    expect(parseIdempotencyKey(KEY.toUpperCase())).toEqual({ kind: 'key', key: KEY });
    expect(parseIdempotencyKey(` \t${KEY}\t `)).toEqual({ kind: 'key', key: KEY });
  });

  it('refuses what only looks like a key, saying what is wrong', () => {
    const problem = (header: string | string[]) => {
      const parsed = parseIdempotencyKey(header);
      expect(parsed.kind, JSON.stringify(header)).toBe('invalid');
      return parsed.kind === 'invalid' ? parsed.problem : '';
    };
    expect(problem('')).toMatch(/^The header is empty\./);
    expect(problem('   ')).toMatch(/^The header is empty\./);
    expect(problem([KEY, KEY])).toMatch(/not several/);
    expect(problem(`${KEY}, ${KEY}`)).toMatch(/not several/);
    // JavaScript's trim() would take these away and accept the key: HTTP's whitespace is spaces and tabs.
    for (const invisible of ['\ufeff', '\u00a0', '\u2028', '\u200b', '\u0000', '\n'])
      expect(problem(`${invisible}${KEY}`)).toMatch(/outside printable ASCII/);
    expect(problem(KEY.replace('a', '\u0430'))).toMatch(/outside printable ASCII/);
    expect(problem(`${KEY}0`)).toMatch(/longer than a UUID/);
    expect(problem(KEY.replace(/-/g, ''))).toMatch(/^Use a UUID/);
    expect(problem(`{${KEY}}`)).toMatch(/longer than a UUID/);
  });
});
