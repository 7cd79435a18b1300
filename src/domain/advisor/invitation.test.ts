import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  formatCode,
  invitationExpiry,
  invitationProblem,
  normalizeCode,
} from './invitation.ts';

const code = fc
  .array(fc.constantFrom(...CODE_ALPHABET), { minLength: CODE_LENGTH, maxLength: CODE_LENGTH })
  .map((chars) => chars.join(''));

describe('invitation codes', () => {
  it('reads back any code as shown, in lower case or with spaces', () => {
    fc.assert(
      fc.property(code, (c) => {
        expect(normalizeCode(formatCode(c))).toBe(c);
        expect(normalizeCode(` ${formatCode(c).toLowerCase().replaceAll('-', ' ')} `)).toBe(c);
      }),
    );
  });

  it('shows a code in groups of four', () => {
    expect(formatCode('7K2M9QXDAB0CDE1F')).toBe('7K2M-9QXD-AB0C-DE1F');
  });

  it('reads the look-alikes O, I and L as 0, 1 and 1, and refuses what cannot be a code', () => {
    expect(normalizeCode('7K2M-9QXD-ABOC-DEIF')).toBe('7K2M9QXDAB0CDE1F');
    expect(normalizeCode('')).toBeNull();
    expect(normalizeCode('7K2M-9QXD-AB0C')).toBeNull();
    expect(normalizeCode('7K2M-9QXD-AB0C-DE1U')).toBeNull();
    expect(normalizeCode('7K2M-9QXD-AB0C-DE1\u0000')).toBeNull();
  });
});

describe('invitation life', () => {
  const made = '2026-11-24T15:00:00.000Z';
  const live = { expiresAt: invitationExpiry(made), acceptedAt: null, cancelledAt: null };

  it('lasts exactly 7 days', () => {
    expect(live.expiresAt).toBe('2026-12-01T15:00:00.000Z');
    expect(invitationProblem(live, '2026-12-01T14:59:59.999Z')).toBeNull();
    expect(invitationProblem(live, '2026-12-01T15:00:00.000Z')).toBe('expired');
  });

  it('works once, and not after the student cancels it', () => {
    expect(invitationProblem({ ...live, acceptedAt: made }, made)).toBe('used');
    expect(invitationProblem({ ...live, cancelledAt: made }, made)).toBe('cancelled');
  });
});
