import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { zonedDayBounds } from '../limits/zonedDay.js';

/** Where a mailbox's sent warm-up messages landed, counted (docs/warmup.md, "Observations and replies"). */
export interface PlacementCounts {
  inbox: number;
  spam: number;
  missing: number;
}

/** How many local days the health score's placement part, and the warm-up card's 7-day rate, look back (today included). */
export const PLACEMENT_WINDOW_DAYS = 7;

/** inbox / (inbox + spam + missing); null when nothing was observed. A message rescued from spam still landed in spam. */
export function placementRate(counts: PlacementCounts): number | null {
  const observed = counts.inbox + counts.spam + counts.missing;
  return observed === 0 ? null : counts.inbox / observed;
}

/** The first instant of the `days` local days that end with today's, in the mailbox's zone. */
export function localDaysStart(now: Date, timeZone: string, days: number): Date {
  let start = zonedDayBounds(now, timeZone).start;
  for (let day = 1; day < days; day += 1) start = zonedDayBounds(new Date(start.getTime() - 1), timeZone).start;
  return start;
}

/** The placement of what the mailbox sent over the last PLACEMENT_WINDOW_DAYS local days; messages not observed yet are not counted. */
export async function recentPlacement(db: ScopedDb, mailbox: { id: string; timezone: string }, now: Date): Promise<PlacementCounts> {
  const groups = await db.warmupMessage.groupBy({
    by: ['placement'],
    where: {
      senderMailboxId: mailbox.id,
      status: 'sent',
      placement: { not: null },
      sentAt: { gte: localDaysStart(now, mailbox.timezone, PLACEMENT_WINDOW_DAYS) },
    },
    _count: { _all: true },
  });
  const counts: PlacementCounts = { inbox: 0, spam: 0, missing: 0 };
  for (const group of groups) if (group.placement) counts[group.placement] = group._count._all;
  return counts;
}
