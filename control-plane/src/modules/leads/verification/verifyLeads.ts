/**
 * Verifies a set of leads a page at a time: each distinct domain gets one verdict per run (rules,
 * then DNS, with lookups shared through the cache), each lead its address's verdict, and a page's
 * results are written by one statement.
 *
 * Raw SQL is not covered by the tenant scope (src/lib/db/tenantScope.ts): the statement filters by
 * `organizationId` itself.
 */
import type { Prisma } from '../../../lib/db/prisma.js';
import { organizationalDomain } from '../../../lib/net/organizationalDomain.js';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { emailDomain } from '../leadFields.js';
import { addressVerdict, domainVerdictWithoutDns, type Verdict, type VerificationStatus } from './addressRules.js';
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

/** Leads read, checked and written per step; a step's progress is reported before the next starts. */
const pageSize = 10_000;

// Into lead_verifications, not leads: a row of leads written anew writes an entry in each of its
// indexes, the trigram and array GIN ones included. Only the organization's leads are written (the
// join), so a lead deleted since the page was read is left out instead of failing the run.
const writeVerdicts = `
WITH written AS (
  INSERT INTO lead_verifications ("leadId", "organizationId", status, reason, "verifiedAt")
  SELECT l.id, l."organizationId", v.status::"LeadVerificationStatus", v.reason, $5
  FROM unnest($2::uuid[], $3::text[], $4::text[]) AS v(id, status, reason)
  JOIN leads l ON l.id = v.id AND l."organizationId" = $1::uuid
  ON CONFLICT ("leadId") DO UPDATE SET status = excluded.status, reason = excluded.reason, "verifiedAt" = excluded."verifiedAt"
  RETURNING status::text AS status
)
SELECT status, count(*)::int AS n FROM written GROUP BY status`;

/**
 * The organizational domains of the organization's mailboxes: leads there (news.acme.co.uk for a
 * mailbox at mail.acme.co.uk) are colleagues, not prospects.
 */
export async function ownDomains(db: ScopedDb): Promise<Set<string>> {
  const mailboxes = await db.mailbox.findMany({ select: { email: true } });
  return new Set(mailboxes.map((mailbox) => organizationalDomain(emailDomain(mailbox.email))));
}

interface CheckedPage {
  ids: string[];
  statuses: string[];
  reasons: string[];
  /** Whether the page was full: another may follow. */
  full: boolean;
}

export async function verifyLeads(
  db: ScopedDb,
  options: DomainLookupOptions & {
    organizationId: string;
    where: Prisma.LeadWhereInput;
    now: Date;
    /** The counts so far of a run resumed after its last written lead (leads are checked in id order). */
    resume?: { after: string; counts: VerificationCounts };
    /** After each page is written: the counts so far and the last lead written. */
    onProgress?: (counts: VerificationCounts, lastLeadId: string) => Promise<void>;
  },
): Promise<VerificationCounts> {
  const own = await ownDomains(db);
  const domainVerdicts = new Map<string, Verdict>();
  const counts = options.resume ? { ...options.resume.counts } : emptyCounts();

  const checkPage = async (after: string | undefined): Promise<CheckedPage | undefined> => {
    const page = await db.lead.findMany({
      where: { AND: [options.where, after ? { id: { gt: after } } : {}] },
      orderBy: { id: 'asc' },
      take: pageSize,
      select: { id: true, email: true, emailDomain: true },
    });
    if (page.length === 0) return undefined;
    const unlooked = new Set<string>();
    for (const { emailDomain: domain } of page) {
      if (domainVerdicts.has(domain) || unlooked.has(domain)) continue;
      const known = domainVerdictWithoutDns(domain, own);
      if (known) domainVerdicts.set(domain, known);
      else unlooked.add(domain);
    }
    for (const [domain, verdict] of await lookupDomainVerdicts(unlooked, options)) domainVerdicts.set(domain, verdict);
    const checked: CheckedPage = { ids: [], statuses: [], reasons: [], full: page.length === pageSize };
    for (const lead of page) {
      const verdict = addressVerdict(
        lead.email.slice(0, lead.email.length - lead.emailDomain.length - 1),
        domainVerdicts.get(lead.emailDomain)!,
      );
      checked.ids.push(lead.id);
      checked.statuses.push(verdict.status);
      checked.reasons.push(verdict.reason);
    }
    return checked;
  };

  // The next page is read and its domains looked up while this one is written (on another connection).
  let next = checkPage(options.resume?.after);
  try {
    for (;;) {
      const page = await next;
      if (!page) break;
      const last = page.ids.at(-1)!;
      next = page.full ? checkPage(last) : Promise.resolve(undefined);
      const written = await db.$queryRawUnsafe<Array<{ status: VerificationStatus; n: number }>>(
        writeVerdicts,
        options.organizationId,
        page.ids,
        page.statuses,
        page.reasons,
        options.now,
      );
      for (const { status, n } of written) counts[status] += n;
      counts.checked = counts.valid + counts.risky + counts.invalid + counts.unknown;
      counts.domains = Math.max(counts.domains, domainVerdicts.size);
      await options.onProgress?.({ ...counts }, last);
    }
  } finally {
    // A page still being read when a write failed: its own failure is not this run's to report.
    next.catch(() => undefined);
  }
  return counts;
}
