import { describe, expect, it } from 'vitest';
import { redactStack, redactTokens, redactUrl } from './redact.ts';

const TOKEN = 'Q2hvb3NlLWEtdG9rZW4tdGhhdC1sb29rcy1yZWFsLTEyMw';
const percentEncoded = [...TOKEN].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');

describe('log redaction', () => {
  it('masks a feed token whatever the path encoding, and normalises the path', () => {
    for (const url of [
      `/feed/${TOKEN}.ics`,
      `/%66eed/${TOKEN}.ics`,
      `//feed/${TOKEN}.ics`,
      `/./feed/${TOKEN}.ics`,
      `/x/../feed/${TOKEN}.ics`,
      `/feed%2F${TOKEN}.ics`,
      `/feed/${percentEncoded}.ics`,
      `/feed/${percentEncoded.replaceAll('%', '%25')}.ics`,
      `\\feed\\${TOKEN}.ics`,
    ]) {
      expect(redactUrl(url)).toBe('/feed/[redacted].ics');
    }
  });

  it('masks token-like query values and keeps short ones', () => {
    expect(redactUrl(`/api/plan?from=2027-01-01&token=${TOKEN}`)).toBe('/api/plan?from=2027-01-01&token=[redacted]');
    expect(redactUrl('/api/plan?from=2027-01-01&to=2027-02-01')).toBe('/api/plan?from=2027-01-01&to=2027-02-01');
  });

  it('keeps malformed escapes as they are instead of throwing', () => {
    expect(redactUrl(`/feed/%zz${TOKEN}`)).toBe('/feed/%[redacted]');
    expect(redactUrl('/%E0%A4%A')).toBe('/%E0%A4%A');
  });

  it('masks a token quoted in an error message and in the message lines of a stack, not in its frames', () => {
    expect(redactTokens(`'/%66eed/${TOKEN}.ics' is not a valid url component`)).toBe(
      "'/feed/[redacted].ics' is not a valid url component",
    );
    const stack = `Error: bad /feed/${TOKEN}.ics\n    at createCalendarFeedsRepo (/work/src/x.ts:1:2)`;
    expect(redactStack(stack)).toBe(
      'Error: bad /feed/[redacted].ics\n    at createCalendarFeedsRepo (/work/src/x.ts:1:2)',
    );
  });
});
