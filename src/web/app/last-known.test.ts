import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '#shared/contracts/auth.ts';
import { forgetLastKnown, lastKnownRead, lastKnownUser, rememberRead, rememberUser } from './last-known.ts';

/** A Storage over a Map: vitest runs in Node, which has no localStorage. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

const ANA: User = { id: 'u-ana', email: 'ana@example.edu', role: 'student', createdAt: '2028-01-03T10:00:00.000Z' };
const BEN: User = { id: 'u-ben', email: 'ben@example.edu', role: 'student', createdAt: '2028-01-04T10:00:00.000Z' };

describe('last-known session and reads', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = memoryStorage();
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('remembers the signed-in user and refuses anything that is not one', () => {
    expect(lastKnownUser()).toBeNull();
    rememberUser(ANA);
    expect(lastKnownUser()).toEqual(ANA);
    storage.setItem('comeback:last-user', JSON.stringify({ id: 'x', role: 'admin' }));
    expect(lastKnownUser()).toBeNull();
    storage.setItem('comeback:last-user', '{ broken');
    expect(lastKnownUser()).toBeNull();
  });

  it('gives a read back only to the user who stored it', () => {
    rememberRead(ANA.id, 'log-day', { today: '2028-01-10', recent: [] });
    expect(lastKnownRead(ANA.id, 'log-day')?.value).toEqual({ today: '2028-01-10', recent: [] });
    expect(lastKnownRead(BEN.id, 'log-day')).toBeNull();
    expect(lastKnownRead(ANA.id, 'other')).toBeNull();
  });

  it('forgets everyone at sign-out, and everyone but the new user when another signs in', () => {
    rememberUser(ANA);
    rememberRead(ANA.id, 'log-day', { today: '2028-01-10' });
    rememberRead(BEN.id, 'log-day', { today: '2028-01-11' });
    storage.setItem('comeback:unrelated', 'kept');

    forgetLastKnown(BEN.id);
    expect(lastKnownUser()).toBeNull();
    expect(lastKnownRead(ANA.id, 'log-day')).toBeNull();
    expect(lastKnownRead(BEN.id, 'log-day')?.value).toEqual({ today: '2028-01-11' });

    rememberUser(BEN);
    forgetLastKnown(BEN.id);
    expect(lastKnownUser()).toEqual(BEN);

    forgetLastKnown();
    expect(lastKnownUser()).toBeNull();
    expect(lastKnownRead(BEN.id, 'log-day')).toBeNull();
    expect(storage.getItem('comeback:unrelated')).toBe('kept');
  });

  it('works without storage (private mode): nothing remembered, nothing thrown', () => {
    Reflect.deleteProperty(globalThis, 'localStorage');
    rememberUser(ANA);
    rememberRead(ANA.id, 'log-day', {});
    forgetLastKnown();
    expect(lastKnownUser()).toBeNull();
    expect(lastKnownRead(ANA.id, 'log-day')).toBeNull();
  });
});
