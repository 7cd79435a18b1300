import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * argon2id with @node-rs/argon2's defaults (19 MiB, 2 passes, 1 lane: the OWASP minimum),
 * about 48 ms a hash on this kind of machine (DESIGN.md).
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real hash to verify against when the email is unknown, so both paths take the same time. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash('comeback-decoy-password-never-valid');
  return decoyHash;
}

let commonPasswords: Set<string> | null = null;

/**
 * True for a password found in zxcvbn-ts's list of ~49,000 most common passwords (leaked-password
 * frequency lists), compared case-insensitively, or one that is just the email address.
 */
export function isCommonPassword(password: string, email?: string): boolean {
  commonPasswords ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return true;
  if (email && (lowered === email.toLowerCase() || lowered === email.toLowerCase().split('@')[0])) return true;
  return false;
}

export const COMMON_PASSWORD_MESSAGE =
  'That password is on lists of the most common passwords, so it would be guessed quickly. Choose something less predictable: a few unrelated words work well.';
