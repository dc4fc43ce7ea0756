import { zonedDayNumber } from './zonedDay.js';

/** How long a mailbox shows as warming after its warm-up started, in local days (docs/warmup.md). */
export const WARMING_DAYS = 14;

type WarmupStart = { enabled: boolean; startedAt: Date | null } | null;

/** Which of its first WARMING_DAYS local days of warm-up a mailbox is in (1 on the day it started); null when it is not warming. */
export function warmingDay(warmup: WarmupStart, now: Date, timeZone: string): number | null {
  if (!warmup?.enabled || warmup.startedAt === null) return null;
  const day = zonedDayNumber(now, timeZone) - zonedDayNumber(warmup.startedAt, timeZone) + 1;
  return day <= WARMING_DAYS ? day : null;
}

/** Whether a mailbox is in its first WARMING_DAYS local days of warm-up. */
export function isWarming(warmup: WarmupStart, now: Date, timeZone: string): boolean {
  return warmingDay(warmup, now, timeZone) !== null;
}
