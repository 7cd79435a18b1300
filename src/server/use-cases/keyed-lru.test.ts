import { describe, expect, it } from 'vitest';
import { createKeyedLru, perDatabase } from './keyed-lru.ts';

describe('createKeyedLru', () => {
  it('answers only under the key a value was stored with', () => {
    const lru = createKeyedLru<number, string>({ maxEntries: 10 });
    lru.set('a', 1, 'deck at revision 1');
    expect(lru.get('a', 1)).toBe('deck at revision 1');
    expect(lru.get('a', 2)).toBeUndefined();
    expect(lru.get('b', 1)).toBeUndefined();
  });

  it('drops the least recently used once over its count, a get counting as a use', () => {
    const lru = createKeyedLru<number, string>({ maxEntries: 2 });
    lru.set('a', 1, 'A');
    lru.set('b', 1, 'B');
    lru.get('a', 1);
    lru.set('c', 1, 'C');
    expect([lru.get('a', 1), lru.get('b', 1), lru.get('c', 1)]).toEqual(['A', undefined, 'C']);
    expect(lru.size).toBe(2);
  });

  it('keeps the total weight within its budget and never keeps a value heavier than all of it', () => {
    const lru = createKeyedLru<number, number[]>({ maxEntries: 10, maxWeight: 5, weightOf: (v) => v.length });
    lru.set('a', 1, [1, 2, 3]);
    lru.set('b', 1, [1, 2]);
    expect(lru.weight).toBe(5);
    lru.set('c', 1, [1]);
    expect(lru.get('a', 1)).toBeUndefined();
    expect(lru.weight).toBe(3);
    lru.set('b', 2, [1, 2, 3, 4, 5, 6]);
    expect(lru.get('b', 2)).toBeUndefined();
    expect(lru.get('b', 1)).toBeUndefined(); // replaced, so the old one is gone too
    expect(lru.weight).toBe(1);
  });
});

describe('perDatabase', () => {
  it('makes one cache per database handle', () => {
    const cacheFor = perDatabase(() => ({}));
    const one = {};
    expect(cacheFor(one)).toBe(cacheFor(one));
    expect(cacheFor(one)).not.toBe(cacheFor({}));
  });
});
