// Unit: the health score's inbox-placement part and the warming days, from counts and dates alone.
import { describe, expect, it } from 'vitest';
import { warmingDay } from '../limits/warming.js';
import { placementRate } from './inboxPlacement.js';
import { placementPart } from './mailboxHealth.js';

describe('the inbox placement part', () => {
  it('is absent, not zero, for a mailbox with no observed warm-up message', () => {
    expect(placementRate({ inbox: 0, spam: 0, missing: 0 })).toBeNull();
    expect(placementPart({ inbox: 0, spam: 0, missing: 0 })).toBeNull();
  });

  it('gives full points from 90% in the inbox, none at 50% or less, and scales linearly between', () => {
    const points = (inbox: number, spam: number, missing = 0) => placementPart({ inbox, spam, missing })!.points;
    expect(points(20, 0)).toBe(20);
    expect(points(18, 2)).toBeCloseTo(20);
    expect(points(14, 6)).toBeCloseTo(10); // 70%: half way
    expect(points(15, 3, 2)).toBeCloseTo(12.5); // 75%: missing counts against it like spam
    expect(points(10, 10)).toBe(0);
    expect(points(2, 18)).toBe(0);
  });

  it('says what landed where, and does not judge fewer than 10 observed messages', () => {
    expect(placementPart({ inbox: 14, spam: 5, missing: 1 })).toEqual({
      maxPoints: 20,
      points: expect.closeTo(10, 5),
      explanation: '14 of 20 warm-up messages in the inbox over 7 days (70.0%; 5 in spam, 1 missing); full points from 90.0%, 0 at 50.0%',
    });
    expect(placementPart({ inbox: 1, spam: 5, missing: 0 })).toEqual({
      maxPoints: 20,
      points: 20,
      explanation: '1 of 6 warm-up messages in the inbox over 7 days (16.7%; 5 in spam, 0 missing): too few to judge yet',
    });
  });
});

describe('warming', () => {
  const startedAt = new Date('2026-03-02T09:00:00Z');
  it('counts local days from the day warm-up started, up to day 14', () => {
    const on = { enabled: true, startedAt };
    expect(warmingDay(on, new Date('2026-03-02T23:00:00Z'), 'UTC')).toBe(1);
    expect(warmingDay(on, new Date('2026-03-02T23:00:00Z'), 'Europe/Berlin')).toBe(2);
    expect(warmingDay(on, new Date('2026-03-15T12:00:00Z'), 'UTC')).toBe(14);
    expect(warmingDay(on, new Date('2026-03-16T00:00:00Z'), 'UTC')).toBeNull();
  });

  it('is never warming with warm-up off or never started', () => {
    expect(warmingDay({ enabled: false, startedAt }, startedAt, 'UTC')).toBeNull();
    expect(warmingDay({ enabled: true, startedAt: null }, startedAt, 'UTC')).toBeNull();
    expect(warmingDay(null, startedAt, 'UTC')).toBeNull();
  });
});
