/**
 * Invitation codes: single use, valid for INVITATION_VALID_DAYS, shown once to the student. The
 * server draws the random code and keeps only its hash; these are the rules on its text and life.
 */

/** PRODUCT.md H / issue 12: an invitation lasts a week. */
export const INVITATION_VALID_DAYS = 7;

/**
 * Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or copied by hand has no
 * look-alike letters. 16 characters carry 80 bits: guessing one of a school's live codes online
 * is hopeless, and only a hash of each code is stored.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 16;
const CODE_GROUP = 4;

/** The code as shown: groups of four, "7K2M-9QXD-…". */
export function formatCode(code: string): string {
  return code.match(new RegExp(`.{1,${CODE_GROUP}}`, 'g'))?.join('-') ?? code;
}

/**
 * The code as typed or pasted, in its stored form (upper case, no dashes or spaces; the look-alikes
 * O, I and L read as 0, 1 and 1), or null when it cannot be a code.
 *
 * @example normalizeCode(' 7k2m-9qxd-ab0c-de1f ') === '7K2M9QXDAB0CDE1F'
 */
export function normalizeCode(text: string): string | null {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const ch of cleaned) if (!CODE_ALPHABET.includes(ch)) return null;
  return cleaned;
}

export type InvitationState = {
  expiresAt: string;
  acceptedAt: string | null;
  cancelledAt: string | null;
};

/** When an invitation made at `createdAt` stops working (UTC ISO instant). */
export function invitationExpiry(createdAt: string): string {
  return new Date(new Date(createdAt).getTime() + INVITATION_VALID_DAYS * 86_400_000).toISOString();
}

/** Why an invitation cannot be accepted at `now`, or null when it can. */
export function invitationProblem(invitation: InvitationState, now: string): 'used' | 'cancelled' | 'expired' | null {
  if (invitation.acceptedAt !== null) return 'used';
  if (invitation.cancelledAt !== null) return 'cancelled';
  if (invitation.expiresAt <= now) return 'expired';
  return null;
}

/**
 * The one answer to any code that cannot be accepted (unknown, mistyped, expired, used, cancelled):
 * the same words for each, so the answer tells nobody whether a code ever existed or who made it.
 */
export const UNUSABLE_INVITATION_MESSAGE =
  'This invitation code cannot be used. Codes work once and for 7 days, so it may have expired, been used already, been cancelled, or been mistyped. Ask the student to make a new one.';
