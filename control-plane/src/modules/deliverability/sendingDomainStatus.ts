import type { ScopedDb } from '../../lib/db/tenantScope.js';
import type { CheckName, DomainFinding } from './checks/finding.js';
import { toStoredReport, type StoredDomainReport } from './domainChecks.service.js';

export interface MailboxDomainStatus {
  mailboxId: string;
  email: string;
  domain: string;
  status: StoredDomainReport['status'];
  /** The checks that failed in the latest report. */
  failing: CheckName[];
  checkedAt: Date | null;
}

const checkWords: Record<CheckName, string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', mx: 'MX', blocklist: 'a blocklist' };

export const describeChecks = (checks: CheckName[]) => checks.map((check) => checkWords[check]).join(', ');

/** The latest report of each mailbox's sending domain, as the campaign start check and the health score read it. */
export async function mailboxDomainStatuses(db: ScopedDb, mailboxIds: string[]): Promise<MailboxDomainStatus[]> {
  if (mailboxIds.length === 0) return [];
  const mailboxes = await db.mailbox.findMany({
    where: { id: { in: mailboxIds } },
    select: { id: true, email: true, domainCheck: true },
    orderBy: { email: 'asc' },
  });
  return mailboxes.map((mailbox) => {
    const report = toStoredReport(mailbox, mailbox.domainCheck);
    return {
      mailboxId: mailbox.id,
      email: mailbox.email,
      domain: report.domain,
      status: report.status,
      failing: report.findings.filter((finding: DomainFinding) => finding.status === 'fail').map((finding) => finding.check),
      checkedAt: report.checkedAt,
    };
  });
}

/** The sending-domain part of a mailbox's health score (0..1 of its points), explained. */
export async function sendingDomainHealth(db: ScopedDb, mailboxId: string): Promise<{ share: number; explanation: string }> {
  const [status] = await mailboxDomainStatuses(db, [mailboxId]);
  if (!status || status.status === 'unchecked') return { share: 1, explanation: 'Sending domain not checked yet: not judged' };
  if (status.status === 'fail') return { share: 0, explanation: `${status.domain} fails ${describeChecks(status.failing)}` };
  if (status.status === 'warn') return { share: 0.5, explanation: `${status.domain} passes with warnings (see the domain check)` };
  return { share: 1, explanation: `${status.domain} passes SPF, DKIM, DMARC and MX` };
}
