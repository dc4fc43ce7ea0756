import type { PrismaClient } from '../../lib/db/prisma.js';

/** How long a sent warm-up message may go unobserved before it counts as missing. */
export const MISSING_AFTER_MS = 24 * 3_600_000;

/** Marks sent warm-up messages nobody observed within 24 hours as missing; returns how many. */
export async function markMissingPlacements(prisma: PrismaClient, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - MISSING_AFTER_MS);
  // Across organizations on purpose: an upkeep job, and it writes nothing but the placement of each row it names.
  const { count } = await prisma.warmupMessage.updateMany({
    where: { status: 'sent', placement: null, sentAt: { lt: cutoff } },
    data: { placement: 'missing' },
  });
  return count;
}
