import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { isWarming } from '../../mailboxes/limits/warming.js';

/**
 * Warns (never blocks) when the campaign sends from a mailbox still in its first days of warm-up:
 * its reputation is young, and the campaign takes what the warm-up leaves of its daily budget.
 */
export async function warmingMailboxCheck(db: ScopedDb, campaignId: string, now: Date) {
  const attached = await db.campaignMailbox.findMany({
    where: { campaignId, mailbox: { status: 'active' } },
    select: { mailbox: { select: { email: true, timezone: true, warmup: { select: { enabled: true, startedAt: true } } } } },
  });
  const warming = attached.filter(({ mailbox }) => isWarming(mailbox.warmup, now, mailbox.timezone)).map(({ mailbox }) => mailbox.email);
  const base = { code: 'warming_mailboxes' as const, blocking: false };
  if (warming.length === 0) return { ...base, passed: true, message: 'No mailbox of this campaign is still warming up' };
  return {
    ...base,
    passed: false,
    message: `${warming.join(', ')} ${warming.length === 1 ? 'is' : 'are'} still warming up (first 14 days): expect fewer sends and a less settled inbox placement`,
  };
}
