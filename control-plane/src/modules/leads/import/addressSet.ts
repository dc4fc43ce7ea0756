/**
 * The set of addresses already met in one import file, to recognise in-file duplicates across
 * batches. It keeps a 64-bit fingerprint per address in typed arrays (16 bytes per address at
 * worst) instead of the strings themselves, so a million-row file costs ~16 MB rather than ~100 MB.
 *
 * A fingerprint collision (odds ~1e-8 for a million addresses) can only make a new address look
 * like a duplicate; the import then merges it with an upsert that inserts it when it is not there,
 * so no lead is ever lost and the counters are corrected from what the database did.
 */
export class AddressSet {
  private high: Uint32Array;
  private low: Uint32Array;
  private used = 0;

  constructor(initialCapacity = 1 << 16) {
    this.high = new Uint32Array(initialCapacity);
    this.low = new Uint32Array(initialCapacity);
  }

  get size(): number {
    return this.used;
  }

  /** Adds the address; returns false when it was already there. */
  add(address: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < address.length; i += 1) {
      const code = address.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 0x01000193);
      h2 = Math.imul(h2 ^ code, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = (h1 ^ (h1 >>> 16)) >>> 0;
    // Unsigned, as the typed arrays store them; never 0, which marks an empty slot.
    h2 = (Math.imul(h2 ^ (h2 >>> 13), 0x85ebca6b) | 1) >>> 0;
    if ((this.used + 1) * 2 > this.high.length) this.grow();
    return this.insert(h1, h2);
  }

  private insert(h1: number, h2: number): boolean {
    const mask = this.high.length - 1;
    let slot = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
    while (this.low[slot] !== 0) {
      if (this.high[slot] === h1 && this.low[slot] === h2) return false;
      slot = (slot + 1) & mask;
    }
    this.high[slot] = h1;
    this.low[slot] = h2;
    this.used += 1;
    return true;
  }

  private grow(): void {
    const { high, low } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.used = 0;
    for (let slot = 0; slot < high.length; slot += 1) if (low[slot] !== 0) this.insert(high[slot]!, low[slot]!);
  }
}
