/** Warm-up history written straight into the database, for tests that read what the receiving side would have recorded. */
import type { PrismaClient } from '../lib/db/prisma.js';
import { newWarmupTag } from '../modules/warmup/warmupTag.js';

/** One day of a mailbox's warm-up: what it sent and where that landed, and what it received. */
export interface WarmupDayFixture {
  /** 0 for today, 1 for yesterday, ... (the mailboxes' zone is UTC). */
  daysAgo: number;
  sent: number;
  inbox?: number;
  spam?: number;
  missing?: number;
  /** Of the ones in spam, moved to the inbox. */
  rescued?: number;
  replied?: number;
  received?: number;
}

const DAY = 86_400_000;

/**
 * Sent warm-up messages between two mailboxes of one organization, one day at a time: of each day's
 * `sent`, the first land in the inbox, the next in spam (the first `rescued` of them rescued), the next
 * go missing and the rest are not observed yet; the first `replied` were answered.
 */
export async function seedWarmupDays(
  prisma: PrismaClient,
  pair: { organizationId: string; mailboxId: string; peerMailboxId: string; now: Date },
  days: WarmupDayFixture[],
): Promise<void> {
  const rows = days.flatMap((day) => {
    // The same time of day as now, noon at the latest: inside that UTC day, never in the future.
    const sentAt = new Date(pair.now.getTime() - day.daysAgo * DAY - Math.max(0, (pair.now.getTime() % DAY) - DAY / 2));
    const { inbox = 0, spam = 0, missing = 0, rescued = 0, replied = 0, received = 0 } = day;
    const placementOf = (index: number) =>
      index < inbox ? 'inbox' : index < inbox + spam ? 'spam' : index < inbox + spam + missing ? 'missing' : null;
    const message = (senderMailboxId: string, recipientMailboxId: string) => ({
      organizationId: pair.organizationId,
      recipientOrganizationId: pair.organizationId,
      tag: newWarmupTag(),
      senderMailboxId,
      recipientMailboxId,
      kind: 'initial' as const,
      status: 'sent' as const,
      attempt: 1,
      dueAt: sentAt,
      sentAt,
    });
    return [
      ...Array.from({ length: day.sent }, (_, index) => ({
        ...message(pair.mailboxId, pair.peerMailboxId),
        placement: placementOf(index),
        observedAt: placementOf(index) === 'inbox' || placementOf(index) === 'spam' ? sentAt : null,
        rescuedAt: index >= inbox && index < inbox + rescued ? sentAt : null,
        repliedAt: index < replied ? sentAt : null,
      })),
      ...Array.from({ length: received }, () => message(pair.peerMailboxId, pair.mailboxId)),
    ];
  });
  await prisma.warmupMessage.createMany({ data: rows });
}
