import { tagFraction } from './warmupTag.js';
import { nextWarmupInstant } from './warmupWindow.js';

/**
 * Whether the n-th warm-up message a mailbox received (0-based, in the order they were observed) gets
 * a reply, so that exactly floor(n·rate/100) of the first n do: the rate holds over any run of
 * messages within one, rather than only on average as a coin toss would.
 */
export function answersNth(index: number, replyRatePercent: number): boolean {
  return Math.floor(((index + 1) * replyRatePercent) / 100) > Math.floor((index * replyRatePercent) / 100);
}

/** Shortest and longest wait before a warm-up reply, as a person reading mail between other work would. */
export const REPLY_DELAY_MINUTES = { min: 10, max: 180 } as const;

/** When a reply to a message observed at `observedAt` goes out: a delay fixed by the reply's tag, moved into the replier's window. */
export function replyDueAt(observedAt: Date, replyTag: string, replier: { timezone: string; weekdaysOnly: boolean }): Date {
  const { min, max } = REPLY_DELAY_MINUTES;
  const delayMinutes = min + Math.floor(tagFraction(replyTag, 'reply-delay') * (max - min));
  return nextWarmupInstant(new Date(observedAt.getTime() + delayMinutes * 60_000), replier.timezone, replier.weekdaysOnly);
}
