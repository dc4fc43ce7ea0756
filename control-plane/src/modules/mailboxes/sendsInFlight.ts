import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { AppError } from '../../lib/errors.js';
import { counted } from '../../lib/words.js';

/**
 * Refuses to remove a mailbox while sends claimed for it hold a live lease: n8n may be sending them
 * right now, and their results name the mailbox. Once the leases expire, the next claim returns those
 * sends to the queue, and a late result naming a deleted mailbox is dropped by the results path.
 */
export async function assertNoSendsInFlight(db: ScopedDb, mailbox: { id: string; email: string }, now: Date): Promise<void> {
  const inFlight = await db.sendLease.aggregate({
    where: { mailboxId: mailbox.id, leaseExpiresAt: { gt: now } },
    _count: { _all: true },
    _max: { leaseExpiresAt: true },
  });
  const count = inFlight._count._all;
  if (count === 0) return;
  const leasesExpireAt = inFlight._max.leaseExpiresAt!.toISOString();
  throw new AppError(
    'mailbox_has_sends_in_flight',
    `${counted(count, 'send')} from ${mailbox.email} ${count === 1 ? 'is' : 'are'} in flight; pause the mailbox so nothing new is claimed for it, then delete it after their leases expire (by ${leasesExpireAt})`,
    { mailboxId: mailbox.id, sendsInFlight: count, leasesExpireAt },
  );
}
