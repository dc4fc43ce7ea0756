/**
 * Verifies a set of leads set-wise: their distinct domains are read once, each domain gets one
 * verdict (rules, then DNS), and leads are updated per verdict with one statement per group of
 * domains — the cost follows the number of domains, not of leads.
 */
import type { Prisma } from '../../../lib/db/prisma.js';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { emailDomain } from '../leadFields.js';
import { domainVerdictWithoutDns, roleLocalParts, type Verdict } from './addressRules.js';
import { lookupDomainVerdicts, type DomainLookupOptions } from './domainVerdicts.js';

export interface VerificationCounts {
  checked: number;
  valid: number;
  risky: number;
  invalid: number;
  unknown: number;
  domains: number;
}

export const emptyCounts = (): VerificationCounts => ({ checked: 0, valid: 0, risky: 0, invalid: 0, unknown: 0, domains: 0 });

/** Domains looked up and written per step: a step's progress is reported before the next starts. */
const domainsPerStep = 1000;

// A role address is its role, or its role and a "+tag", before the @.
const roleAddress: Prisma.LeadWhereInput = {
  OR: roleLocalParts.flatMap((role) => [{ email: { startsWith: `${role}@` } }, { email: { startsWith: `${role}+` } }]),
};

/** The domains of the organization's mailboxes: leads there are colleagues, not prospects. */
export async function ownDomains(db: ScopedDb): Promise<Set<string>> {
  const mailboxes = await db.mailbox.findMany({ select: { email: true } });
  return new Set(mailboxes.map((mailbox) => emailDomain(mailbox.email.toLowerCase())));
}

export async function verifyLeads(
  db: ScopedDb,
  options: DomainLookupOptions & { where: Prisma.LeadWhereInput; now: Date; onProgress?: (counts: VerificationCounts) => Promise<void> },
): Promise<VerificationCounts> {
  const { where, now } = options;
  const own = await ownDomains(db);
  const groups = await db.lead.groupBy({ by: ['emailDomain'], where, _count: { _all: true }, orderBy: { emailDomain: 'asc' } });
  const counts = emptyCounts();
  for (let start = 0; start < groups.length; start += domainsPerStep) {
    const step = groups.slice(start, start + domainsPerStep).map((group) => group.emailDomain);
    const verdicts = new Map<string, Verdict>();
    const needDns: string[] = [];
    for (const domain of step) {
      const known = domainVerdictWithoutDns(domain, own);
      if (known) verdicts.set(domain, known);
      else needDns.push(domain);
    }
    for (const [domain, verdict] of await lookupDomainVerdicts(needDns, options)) verdicts.set(domain, verdict);

    const byVerdict = new Map<string, { verdict: Verdict; domains: string[] }>();
    for (const [domain, verdict] of verdicts) {
      const key = `${verdict.status}:${verdict.reason}`;
      const group = byVerdict.get(key) ?? { verdict, domains: [] };
      group.domains.push(domain);
      byVerdict.set(key, group);
    }
    for (const { verdict, domains } of byVerdict.values()) {
      const inDomains: Prisma.LeadWhereInput = { AND: [where, { emailDomain: { in: domains } }] };
      const stamp = { verificationStatus: verdict.status, verificationReason: verdict.reason, verifiedAt: now };
      const updated = await db.lead.updateMany({ where: inDomains, data: stamp });
      counts[verdict.status] += updated.count;
      if (verdict.status !== 'valid') continue;
      // A role address on a domain that takes mail is risky (addressRules.ts, addressVerdict).
      const roles = await db.lead.updateMany({
        where: { AND: [inDomains, roleAddress] },
        data: { verificationStatus: 'risky', verificationReason: 'role_address', verifiedAt: now },
      });
      counts.valid -= roles.count;
      counts.risky += roles.count;
    }
    counts.domains += step.length;
    counts.checked = counts.valid + counts.risky + counts.invalid + counts.unknown;
    await options.onProgress?.({ ...counts });
  }
  return counts;
}
