import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { AppError } from '../../../lib/errors.js';
import { describeChecks, mailboxDomainStatuses, type MailboxDomainStatus } from '../../deliverability/sendingDomainStatus.js';

async function campaignDomainStatuses(db: ScopedDb, campaignId: string): Promise<MailboxDomainStatus[]> {
  const attached = await db.campaignMailbox.findMany({ where: { campaignId, mailbox: { status: 'active' } }, select: { mailboxId: true } });
  return mailboxDomainStatuses(
    db,
    attached.map((row) => row.mailboxId),
  );
}

const mailboxOf = (status: MailboxDomainStatus) => ({ id: status.mailboxId, email: status.email });

const named = (statuses: MailboxDomainStatus[]) => [...new Set(statuses.map((status) => status.domain))].join(', ');

/**
 * The start check of the active mailboxes' sending domains, from their latest reports: a failure
 * blocks the start unless it is overridden with a reason; warnings and domains not checked yet do not.
 */
export async function sendingDomainCheck(db: ScopedDb, campaignId: string) {
  const statuses = await campaignDomainStatuses(db, campaignId);
  const base = { code: 'sending_domains' as const, blocking: true, overridable: true };
  const failing = statuses.filter((status) => status.status === 'fail');
  if (failing.length > 0) {
    const which = failing.map((status) => `${status.email} (${status.domain}) fails ${describeChecks(status.failing)}`).join('; ');
    return {
      ...base,
      passed: false,
      message: `${which}: fix the DNS records shown on the mailbox's page, or start anyway with a reason`,
      mailboxes: failing.map(mailboxOf),
    };
  }
  const unchecked = statuses.filter((status) => status.status === 'unchecked');
  const warned = statuses.filter((status) => status.status === 'warn');
  const notes = [
    ...(warned.length ? [`${named(warned)} passes with warnings`] : []),
    ...(unchecked.length ? [`${named(unchecked)} not checked yet`] : []),
  ];
  if (notes.length > 0)
    return {
      ...base,
      passed: true,
      message: `${notes.join('; ')}: see the mailbox's domain check`,
      mailboxes: [...warned, ...unchecked].map(mailboxOf),
    };
  if (statuses.length === 0) return { ...base, passed: true, message: 'No active mailbox whose domain to check' };
  return { ...base, passed: true, message: `${named(statuses)} passes SPF, DKIM, DMARC and MX` };
}

/**
 * Refuses a start while a sending domain fails its checks, unless the start carries an override with
 * a reason; answers what was overridden, for the audit log.
 */
export async function assertSendingDomainsPass(
  db: ScopedDb,
  campaignId: string,
  override: { reason: string } | undefined,
): Promise<{ reason: string; failing: Array<{ mailboxId: string; domain: string; checks: string[] }> } | undefined> {
  const failing = (await campaignDomainStatuses(db, campaignId))
    .filter((status) => status.status === 'fail')
    .map((status) => ({ mailboxId: status.mailboxId, email: status.email, domain: status.domain, checks: status.failing }));
  if (failing.length === 0) return undefined;
  if (override) return { reason: override.reason, failing: failing.map(({ email: _email, ...rest }) => rest) };
  throw new AppError(
    'sending_domain_failing',
    `The campaign cannot start: ${failing.map((status) => `${status.domain} fails ${describeChecks(status.checks)}`).join('; ')}. Fix the DNS records, or start with domainOverride.reason to send anyway`,
    { failing },
  );
}
