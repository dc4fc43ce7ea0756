import { zonedDayNumber } from './zonedDay.js';

/** How long a mailbox shows as warming after its warm-up started, in local days (docs/warmup.md). */
export const WARMING_DAYS = 14;

/** Whether a mailbox is in its first WARMING_DAYS local days of warm-up. */
export function isWarming(warmup: { enabled: boolean; startedAt: Date | null } | null, now: Date, timeZone: string): boolean {
  if (!warmup?.enabled || warmup.startedAt === null) return false;
  return zonedDayNumber(now, timeZone) - zonedDayNumber(warmup.startedAt, timeZone) < WARMING_DAYS;
}
