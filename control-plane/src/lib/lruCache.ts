/**
 * A map that forgets its least recently used entries beyond `maxEntries`, or beyond `maxWeight`
 * when entries are weighed (for example by the length of a key that is a whole template).
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private totalWeight = 0;

  constructor(private readonly options: { maxEntries: number; maxWeight?: number; weigh?: (key: K, value: V) => number }) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map iteration follows insertion order: re-inserting makes this the most recent.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.options.weigh?.(key, value) ?? 1;
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    const maxWeight = this.options.maxWeight ?? Number.POSITIVE_INFINITY;
    // The newest entry always stays, even when it alone outweighs the bound.
    while (this.entries.size > 1 && (this.entries.size > this.options.maxEntries || this.totalWeight > maxWeight)) {
      this.delete(this.entries.keys().next().value as K);
    }
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.totalWeight;
  }
}
