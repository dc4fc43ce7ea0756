import { describe, expect, it } from 'vitest';
import { exponentialBackoff, fixedWindow, type ThrottleState } from './throttlePolicies.js';

const start = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

describe('exponentialBackoff', () => {
  const policy = exponentialBackoff({ freeAttempts: 3, windowSeconds: 900, maxDelaySeconds: 900 });

  it('doubles the wait after the free attempts and never waits longer than the cap, however hard it is hammered', () => {
    let state: ThrottleState | undefined;
    let now = 0;
    const waits: number[] = [];
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const decision = policy(state, at(now));
      expect(decision.allowed).toBe(true);
      if (!decision.allowed) return;
      state = decision.next;
      const wait = state.blockedUntil ? (state.blockedUntil.getTime() - at(now).getTime()) / 1000 : 0;
      waits.push(wait);
      // A hundred attempts during the wait are refused, are not counted, and never push the wait further.
      for (let hammer = 0; wait > 0 && hammer < 100; hammer += 1) {
        const refused = policy(state, at(now + (wait * hammer) / 100));
        expect(refused.allowed).toBe(false);
        if (!refused.allowed) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(wait);
      }
      now += wait;
    }
    expect(waits.slice(0, 14)).toEqual([0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    expect(Math.max(...waits)).toBe(900);
  });

  it('forgets the failures a window after the last wait ended', () => {
    const first = policy(undefined, at(0));
    const second = first.allowed ? policy(first.next, at(1)) : first;
    expect(second.allowed && second.next.attempts).toBe(2);
    const later = second.allowed ? policy(second.next, at(1 + 900)) : second;
    expect(later.allowed && later.next.attempts).toBe(1);
  });
});

describe('fixedWindow', () => {
  it('allows the limit per window, then tells how long until the window ends', () => {
    const policy = fixedWindow({ limit: 2, windowSeconds: 60 });
    const first = policy(undefined, at(0));
    const second = first.allowed ? policy(first.next, at(10)) : first;
    const third = second.allowed ? policy(second.next, at(20)) : second;
    expect(third).toEqual({ allowed: false, retryAfterSeconds: 40 });
    const nextWindow = second.allowed ? policy(second.next, at(60)) : second;
    expect(nextWindow.allowed && nextWindow.next.attempts).toBe(1);
  });
});
