import { expect, it } from 'vitest';
import { LruCache } from './lruCache.js';

it('forgets the least recently used entries beyond its entry and weight bounds', () => {
  const cache = new LruCache<string, number>({ maxEntries: 3, maxWeight: 10, weigh: (key) => key.length });
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('c', 3);
  expect(cache.get('a')).toBe(1);
  cache.set('d', 4);
  // "b" was the least recently used once "a" was read.
  expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.get('d')]).toEqual([1, undefined, 3, 4]);
  // Weighs 8: "a" (the oldest after the reads above) goes to keep the total at 10.
  cache.set('long-key', 5);
  expect([cache.get('a'), cache.get('c'), cache.get('d'), cache.get('long-key')]).toEqual([undefined, 3, 4, 5]);
  expect(cache.weight).toBe(10);
  cache.set('longer-than-ten', 6);
  expect(cache.size).toBe(1);
  expect(cache.get('longer-than-ten')).toBe(6);
});
