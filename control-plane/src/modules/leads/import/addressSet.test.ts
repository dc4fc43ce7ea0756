import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSet } from './addressSet.js';

describe('AddressSet', () => {
  it('answers like a Set of strings, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.emailAddress(), { maxLength: 300 }), (addresses) => {
        const set = new AddressSet(4);
        const reference = new Set<string>();
        for (const address of [...addresses, ...addresses.slice(0, 50)]) {
          expect(set.add(address)).toBe(!reference.has(address));
          reference.add(address);
        }
        expect(set.size).toBe(reference.size);
      }),
    );
  });

  it('keeps 200,000 distinct addresses apart', () => {
    const set = new AddressSet();
    for (let i = 0; i < 200_000; i += 1) expect(set.add(`person${i}@example${i % 7}.com`)).toBe(true);
    for (let i = 0; i < 200_000; i += 1000) expect(set.add(`person${i}@example${i % 7}.com`)).toBe(false);
  });
});
