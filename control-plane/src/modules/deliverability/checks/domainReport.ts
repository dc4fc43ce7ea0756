import { checkBlocklist } from './blocklistCheck.js';
import { checkDkim } from './dkimCheck.js';
import { checkDmarc } from './dmarcCheck.js';
import type { DomainDns } from './domainDns.js';
import { worstStatus, type DomainFinding, type FindingStatus } from './finding.js';
import { checkMx } from './mxCheck.js';
import type { ProviderSender } from './providerSender.js';
import { checkSpf } from './spfCheck.js';

export interface DomainReportInput {
  domain: string;
  sender: ProviderSender;
  /** A selector the user named, tried before the provider's defaults. */
  dkimSelector?: string | null;
  blocklistZones: string[];
}

export interface DomainReport {
  domain: string;
  status: FindingStatus;
  findings: DomainFinding[];
}

/** Every check of a sending domain, at once (each lookup bounded by the resolver's timeout). */
export async function checkSendingDomain(dns: DomainDns, input: DomainReportInput): Promise<DomainReport> {
  const { domain, sender } = input;
  const selectors = [...new Set([...(input.dkimSelector ? [input.dkimSelector] : []), ...sender.dkimSelectors])];
  const findings = await Promise.all([
    checkSpf(dns, domain, sender),
    checkDkim(dns, domain, selectors),
    checkDmarc(dns, domain),
    checkMx(dns, domain),
    ...input.blocklistZones.map((zone) => checkBlocklist(dns, domain, zone)),
  ]);
  return { domain, status: worstStatus(findings.map((finding) => finding.status)), findings };
}
