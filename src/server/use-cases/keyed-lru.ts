/**
 * A bounded in-process cache of one value per id, valid only under the key it was stored with (a
 * revision the database keeps, plus whatever else the value depends on): a get with another key
 * misses. Least recently used go first once there are more than `maxEntries` ids or, with
 * `weightOf`, more than `maxWeight` in all; a value heavier than the whole budget is not kept.
 * Used by the advisor readiness cache and the journal deck cache.
 */
export type KeyedLru<K, V> = {
  get(id: string, key: K): V | undefined;
  set(id: string, key: K, value: V): void;
  readonly size: number;
  readonly weight: number;
};

export function createKeyedLru<K, V>(limits: {
  maxEntries: number;
  maxWeight?: number;
  weightOf?: (value: V) => number;
}): KeyedLru<K, V> {
  const { maxEntries, maxWeight = Infinity, weightOf = () => 0 } = limits;
  const entries = new Map<string, { key: K; value: V; weight: number }>();
  let weight = 0;
  const remove = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    weight -= entry.weight;
  };
  return {
    get(id, key) {
      const entry = entries.get(id);
      if (!entry || entry.key !== key) return undefined;
      // Most recently used last.
      entries.delete(id);
      entries.set(id, entry);
      return entry.value;
    },
    set(id, key, value) {
      remove(id);
      const w = weightOf(value);
      if (w > maxWeight) return;
      entries.set(id, { key, value, weight: w });
      weight += w;
      while (entries.size > maxEntries || weight > maxWeight) remove(entries.keys().next().value!);
    },
    get size() {
      return entries.size;
    },
    get weight() {
      return weight;
    },
  };
}

/** One cache per database handle (the Kysely instance or `ctx.database`), made on first use. */
export function perDatabase<C>(make: () => C): (database: object) => C {
  const caches = new WeakMap<object, C>();
  return (database) => {
    let cache = caches.get(database);
    if (!cache) {
      cache = make();
      caches.set(database, cache);
    }
    return cache;
  };
}
