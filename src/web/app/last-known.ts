import type { User } from '#shared/contracts/auth.ts';

/**
 * What this device last heard from the server, so that a warm start shows the screen at once and
 * checks with the server after (issue 13, "≤ 1.0 s from a warm service worker"): who was signed in,
 * and a few small page reads (the log form's day). Kept in localStorage (read synchronously before
 * the first render; IndexedDB would cost a round trip through the event loop).
 *
 * Never across users: each read is stored under its user's id and only given back for that id; a
 * sign-out, a session the server ended and a different user signing in delete the others' (the
 * session does this, with the service worker's page-data copies). Never for writes: only GET
 * answers are remembered, and a screen shown from them is refreshed from the network at once.
 */

const USER_KEY = 'comeback:last-user';
const READ_PREFIX = 'comeback:last-read:';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function isUser(value: unknown): value is User {
  if (typeof value !== 'object' || value === null) return false;
  const user = value as Record<string, unknown>;
  return (
    typeof user.id === 'string' &&
    typeof user.email === 'string' &&
    (user.role === 'student' || user.role === 'advisor') &&
    typeof user.createdAt === 'string'
  );
}

/** The user this device last saw signed in (not yet confirmed by the server), or null. */
export function lastKnownUser(): User | null {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(USER_KEY) ?? 'null');
    return isUser(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function rememberUser(user: User): void {
  try {
    storage()?.setItem(USER_KEY, JSON.stringify(user));
  } catch {
    // Private mode or a full storage: the next start waits for the server, as before.
  }
}

/** Forgets who was signed in and every remembered read (of every user), or all but `keepUserId`'s. */
export function forgetLastKnown(keepUserId?: string): void {
  const store = storage();
  if (!store) return;
  try {
    if (keepUserId === undefined || lastKnownUser()?.id !== keepUserId) store.removeItem(USER_KEY);
    const keep = keepUserId === undefined ? null : `${READ_PREFIX}${keepUserId}:`;
    const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter(
      (key): key is string => key !== null && key.startsWith(READ_PREFIX) && (keep === null || !key.startsWith(keep)),
    );
    for (const key of keys) store.removeItem(key);
  } catch {
    // nothing stored
  }
}

const readKey = (userId: string, name: string) => `${READ_PREFIX}${userId}:${name}`;

/** A read this user's device remembered, with when it was stored; null when there is none. */
export function lastKnownRead<T>(userId: string, name: string): { value: T; storedAt: string } | null {
  try {
    const parsed = JSON.parse(storage()?.getItem(readKey(userId, name)) ?? 'null') as {
      value: T;
      storedAt: string;
    } | null;
    return parsed && typeof parsed.storedAt === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function rememberRead(userId: string, name: string, value: unknown): void {
  try {
    storage()?.setItem(readKey(userId, name), JSON.stringify({ value, storedAt: new Date().toISOString() }));
  } catch {
    // A full storage: the screen then waits for the network on the next start.
  }
}
