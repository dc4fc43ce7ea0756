import { z } from 'zod';
import type { MailboxDomainCheck } from '../../generated/prisma/client.js';
import type { Clock } from '../../lib/clock.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { scopedDb, type ScopedDb } from '../../lib/db/tenantScope.js';
import { NotFoundError } from '../../lib/errors.js';
import type { DomainDns } from './checks/domainDns.js';
import { checkSendingDomain } from './checks/domainReport.js';
import type { DomainFinding, FindingStatus } from './checks/finding.js';
import { providerSender } from './checks/providerSender.js';

export interface StoredDomainReport {
  mailboxId: string;
  domain: string;
  /** The worst finding's status, or unchecked before the first check. */
  status: FindingStatus | 'unchecked';
  dkimSelector: string | null;
  findings: DomainFinding[];
  checkedAt: Date | null;
}

export interface DomainChecksDeps {
  prisma: PrismaClient;
  clock: Clock;
  dns: DomainDns;
  blocklistZones: string[];
  /** A report older than this is checked again by the sweep. */
  maxAgeMs: number;
}

const smtpHostOf = z.object({ smtp: z.object({ host: z.string() }) });

export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

export function toStoredReport(mailbox: { id: string; email: string }, row: MailboxDomainCheck | null): StoredDomainReport {
  return {
    mailboxId: mailbox.id,
    domain: row?.domain ?? domainOf(mailbox.email),
    status: (row?.status as FindingStatus | undefined) ?? 'unchecked',
    dkimSelector: row?.dkimSelector ?? null,
    findings: (row?.findings ?? []) as unknown as DomainFinding[],
    checkedAt: row?.checkedAt ?? null,
  };
}

/** Checks mailboxes' sending domains (on demand and when their report is stale) and keeps each one's latest report. */
export class DomainChecks {
  constructor(private readonly deps: DomainChecksDeps) {}

  private async mailbox(db: ScopedDb, mailboxId: string) {
    const mailbox = await db.mailbox.findUnique({
      where: { id: mailboxId },
      select: { id: true, organizationId: true, email: true, provider: true, settings: true, domainCheck: true },
    });
    if (!mailbox) throw new NotFoundError('Mailbox');
    return mailbox;
  }

  async latest(db: ScopedDb, mailboxId: string): Promise<StoredDomainReport> {
    const mailbox = await this.mailbox(db, mailboxId);
    return toStoredReport(mailbox, mailbox.domainCheck);
  }

  /**
   * Checks the mailbox's domain now and stores the report in place of the last one. A selector given
   * here is kept for later checks; null forgets it, undefined keeps the stored one.
   */
  async check(db: ScopedDb, mailboxId: string, options: { dkimSelector?: string | null } = {}): Promise<StoredDomainReport> {
    const mailbox = await this.mailbox(db, mailboxId);
    const dkimSelector = options.dkimSelector === undefined ? (mailbox.domainCheck?.dkimSelector ?? null) : options.dkimSelector;
    const smtp = smtpHostOf.safeParse(mailbox.settings);
    const report = await checkSendingDomain(this.deps.dns, {
      domain: domainOf(mailbox.email),
      sender: providerSender({ provider: mailbox.provider, ...(smtp.success ? { smtpHost: smtp.data.smtp.host } : {}) }),
      dkimSelector,
      blocklistZones: this.deps.blocklistZones,
    });
    const fields = {
      domain: report.domain,
      dkimSelector,
      status: report.status,
      findings: report.findings as unknown as object[],
      checkedAt: this.deps.clock.now(),
    };
    const row = await db.mailboxDomainCheck.upsert({
      where: { mailboxId: mailbox.id },
      create: { organizationId: mailbox.organizationId, mailboxId: mailbox.id, ...fields },
      update: fields,
    });
    return toStoredReport(mailbox, row);
  }

  /**
   * Checks every mailbox whose report is missing or older than the maximum age, one at a time (a
   * day's checks are a handful of queries per mailbox). Sandbox mailboxes never send to the internet:
   * they are checked only when asked. Returns how many were checked; one that fails is skipped.
   */
  async checkStale(onError: (error: unknown, mailboxId: string) => void): Promise<number> {
    const staleBefore = new Date(this.deps.clock.now().getTime() - this.deps.maxAgeMs);
    const mailboxes = await this.deps.prisma.mailbox.findMany({
      where: {
        provider: { not: 'sandbox' },
        status: { not: 'disabled' },
        OR: [{ domainCheck: null }, { domainCheck: { checkedAt: { lt: staleBefore } } }],
      },
      select: { id: true, organizationId: true },
    });
    let checked = 0;
    for (const mailbox of mailboxes) {
      try {
        await this.check(scopedDb(this.deps.prisma, mailbox.organizationId), mailbox.id);
        checked += 1;
      } catch (error) {
        onError(error, mailbox.id);
      }
    }
    return checked;
  }
}
