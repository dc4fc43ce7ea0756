// Unit: the ramp, the weekdays rule, the pairing, and the reply rate and timing (the corpus: warmupCorpus.test.ts).
import { describe, expect, it } from 'vitest';
import { pairRecipients } from './warmupPairing.js';
import { rampAllowance, warmupQuota } from './warmupRamp.js';
import { answersNth, replyDueAt } from './warmupReplies.js';
import { newWarmupTag } from './warmupTag.js';
import { nextWarmupInstant } from './warmupWindow.js';

const defaults = { targetPerDay: 30, rampStart: 2, rampStep: 2, weekdaysOnly: true };

describe('the warm-up ramp', () => {
  it('sends min(target, 2 + 2·(n−1)) on day n', () => {
    expect([1, 2, 3, 5, 14, 15, 16, 40].map((day) => rampAllowance(defaults, day))).toEqual([2, 4, 6, 10, 28, 30, 30, 30]);
    expect(rampAllowance(defaults, 0)).toBe(0);
  });

  it('counts days in the mailbox zone and sends nothing at weekends when weekdays only', () => {
    const startedAt = new Date('2026-03-02T09:00:00Z'); // a Monday
    const settings = { ...defaults, startedAt };
    expect(warmupQuota(settings, new Date('2026-03-02T23:30:00Z'), 'UTC')).toEqual({ rampDay: 1, quota: 2 });
    // 23:30 UTC on Monday is already Tuesday in Berlin.
    expect(warmupQuota(settings, new Date('2026-03-02T23:30:00Z'), 'Europe/Berlin')).toEqual({ rampDay: 2, quota: 4 });
    expect(warmupQuota(settings, new Date('2026-03-07T12:00:00Z'), 'UTC')).toEqual({ rampDay: 6, quota: 0 }); // Saturday
    expect(warmupQuota({ ...settings, weekdaysOnly: false }, new Date('2026-03-07T12:00:00Z'), 'UTC')).toEqual({ rampDay: 6, quota: 12 });
    expect(warmupQuota(settings, new Date('2026-03-09T12:00:00Z'), 'UTC')).toEqual({ rampDay: 8, quota: 16 }); // the ramp kept counting
  });
});

describe('pairing within the pool', () => {
  it('never pairs a mailbox with itself and spreads recipients evenly', () => {
    const pool = ['a', 'b', 'c', 'd'].map((mailboxId) => ({ mailboxId, sends: 9, receivedSoFar: 0 }));
    const pairs = pairRecipients(pool);
    expect(pairs).toHaveLength(36);
    expect(pairs.every((pair) => pair.senderId !== pair.recipientId)).toBe(true);
    const received = new Map<string, number>();
    for (const pair of pairs) received.set(pair.recipientId, (received.get(pair.recipientId) ?? 0) + 1);
    expect([...received.values()]).toEqual([9, 9, 9, 9]);
    // Each sender writes to each of the three others equally.
    const perPair = new Map<string, number>();
    for (const pair of pairs)
      perPair.set(`${pair.senderId}>${pair.recipientId}`, (perPair.get(`${pair.senderId}>${pair.recipientId}`) ?? 0) + 1);
    expect(new Set(perPair.values())).toEqual(new Set([3]));
  });

  it('evens out what earlier plans of the day gave, and pairs nothing with fewer than two mailboxes', () => {
    const pairs = pairRecipients([
      { mailboxId: 'a', sends: 2, receivedSoFar: 0 },
      { mailboxId: 'b', sends: 0, receivedSoFar: 5 },
      { mailboxId: 'c', sends: 0, receivedSoFar: 0 },
    ]);
    expect(pairs).toEqual([
      { senderId: 'a', recipientId: 'c' },
      { senderId: 'a', recipientId: 'c' },
    ]);
    expect(pairRecipients([{ mailboxId: 'a', sends: 5, receivedSoFar: 0 }])).toEqual([]);
  });
});

describe('replies', () => {
  it('answers exactly floor(n·rate) of the first n messages, for any n', () => {
    for (const rate of [0, 7, 30, 50, 100]) {
      let answered = 0;
      for (let index = 0; index < 200; index += 1) {
        if (answersNth(index, rate)) answered += 1;
        expect(answered).toBe(Math.floor(((index + 1) * rate) / 100));
      }
    }
  });

  it('waits 10 minutes to 3 hours, inside the replier window', () => {
    const observedAt = new Date('2026-03-03T10:00:00Z'); // Tuesday
    for (let i = 0; i < 50; i += 1) {
      const due = replyDueAt(observedAt, newWarmupTag(), { timezone: 'UTC', weekdaysOnly: true });
      const minutes = (due.getTime() - observedAt.getTime()) / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(10);
      expect(minutes).toBeLessThan(180);
    }
    // Observed on Friday evening: the reply waits for Monday's window.
    expect(nextWarmupInstant(new Date('2026-03-06T19:00:00Z'), 'UTC', true).toISOString()).toBe('2026-03-09T08:00:00.000Z');
    expect(nextWarmupInstant(new Date('2026-03-06T19:00:00Z'), 'UTC', false).toISOString()).toBe('2026-03-07T08:00:00.000Z');
  });
});
