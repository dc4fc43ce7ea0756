import { LruCache } from '../../lib/lruCache.js';

const windowMs = 60_000;

/**
 * How many opens or clicks of one message are recorded per minute. A pixel or link fetched in a
 * loop would otherwise insert an event per request; past the limit the request is still answered
 * (the pixel served, the reader redirected) but nothing is written. Counted per process: with N
 * control-plane replicas a message records at most N times the limit. The windows live in a bounded
 * LRU, so a flood of distinct tokens cannot grow memory either.
 */
export class EngagementThrottle {
  private readonly windows = new LruCache<string, { startedAt: number; recorded: number }>({ maxEntries: 100_000 });

  constructor(private readonly perMinute: number) {}

  /** True when this event may be recorded (and counts it). */
  allow(type: 'opened' | 'clicked', messageId: string, now: Date): boolean {
    const key = `${type}:${messageId}`;
    const at = now.getTime();
    const window = this.windows.get(key);
    if (!window || at - window.startedAt >= windowMs || at < window.startedAt) {
      this.windows.set(key, { startedAt: at, recorded: 1 });
      return true;
    }
    if (window.recorded >= this.perMinute) return false;
    window.recorded += 1;
    return true;
  }
}
