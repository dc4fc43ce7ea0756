/** How many things one key (a user, say) holds at once, refused past `max`. Per process. */
export class ConcurrencyLimit {
  private readonly held = new Map<string, number>();

  constructor(readonly max: number) {}

  /** A function that gives the slot back (once, however often it is called), or undefined when `key` holds `max` already. */
  tryAcquire(key: string): (() => void) | undefined {
    const count = this.held.get(key) ?? 0;
    if (count >= this.max) return undefined;
    this.held.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(key) ?? 1) - 1;
      if (left > 0) this.held.set(key, left);
      else this.held.delete(key);
    };
  }
}
