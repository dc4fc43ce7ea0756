import { organizationalDomain } from '../../../lib/net/organizationalDomain.js';
import type { DomainDns } from './domainDns.js';
import { isDmarcRecord, parseDmarc, type DmarcPolicy, type DmarcRecord } from './dmarcRecord.js';
import { findingOf, unanswered, type CheckProblem, type DomainFinding } from './finding.js';

/**
 * Where a receiver finds the domain's policy (RFC 7489 §6.6.3): at _dmarc of the domain itself, else
 * at _dmarc of its organizational domain (found with the public-suffix list), nowhere in between.
 */
function policyNames(domain: string): string[] {
  const organizational = organizationalDomain(domain);
  return organizational === domain ? [`_dmarc.${domain}`] : [`_dmarc.${domain}`, `_dmarc.${organizational}`];
}

const alignmentWords = { r: 'relaxed', s: 'strict' } as const;

interface AppliedPolicy {
  tag: 'p' | 'sp';
  value: DmarcPolicy;
}

/**
 * The policy receivers apply to the domain's mail (RFC 7489 §6.3): a subdomain whose record is the
 * organizational domain's gets its `sp=` when there is one, else `p=`; a domain's own record is
 * always `p=` (an `sp=` on it only speaks for names below it).
 */
function appliedPolicy(record: DmarcRecord, inherited: boolean): AppliedPolicy {
  return inherited && record.subdomainPolicy ? { tag: 'sp', value: record.subdomainPolicy } : { tag: 'p', value: record.policy };
}

/** What receivers do with failing mail that pct= leaves out (RFC 7489 §6.6.4): one step milder. */
const unsampled = { quarantine: 'filter the rest as usual', reject: 'quarantine the rest' } as const;

function monitoringAdvice(applied: AppliedPolicy, record: DmarcRecord, domain: string, name: string): string {
  const move = 'once the reports show your mail passes SPF or DKIM, move';
  if (applied.tag === 'p') return `p=none only monitors: ${move} to p=quarantine (then p=reject).`;
  const orRemove = record.policy === 'none' ? '' : `, or remove sp= so p=${record.policy} applies to subdomains too`;
  return `sp=none at ${name} only monitors mail from its subdomains, ${domain} among them: ${move} to sp=quarantine (then sp=reject)${orRemove}.`;
}

/**
 * DMARC (RFC 7489): a policy exists and parses; the one that applies (p=, or sp= for a subdomain that
 * inherits) at none only monitors; pct below 100 enforces it on part of the failing mail; reports need an rua address.
 */
export async function checkDmarc(dns: DomainDns, domain: string): Promise<DomainFinding> {
  for (const name of policyNames(domain)) {
    const answer = await dns.txt(name);
    if (!answer.found) {
      const noAnswer = unanswered('dmarc', name, answer.miss);
      if (noAnswer) return noAnswer;
      continue;
    }
    const records = answer.records.filter(isDmarcRecord);
    if (records.length === 0) continue;
    if (records.length > 1) {
      return findingOf('dmarc', records.join('\n'), `${name} has ${records.length} DMARC records.`, [
        { status: 'fail', advice: 'Keep one: with more than one, receivers ignore DMARC for the domain (RFC 7489 §6.6.3).' },
      ]);
    }
    const record = records[0]!;
    const parsed = parseDmarc(record);
    if (!parsed.ok) {
      return findingOf('dmarc', record, `The DMARC record at ${name} does not parse: ${parsed.error}.`, [
        { status: 'fail', advice: 'Fix the record, for example "v=DMARC1; p=quarantine; rua=mailto:dmarc@' + domain + '".' },
      ]);
    }
    const policy = parsed.record;
    const inheritedFrom = name === `_dmarc.${domain}` ? undefined : name.slice('_dmarc.'.length);
    const applied = appliedPolicy(policy, inheritedFrom !== undefined);
    const problems: CheckProblem[] = [];
    if (applied.value === 'none') problems.push({ status: 'warn', advice: monitoringAdvice(applied, policy, domain, name) });
    if (policy.percent < 100 && applied.value !== 'none') {
      problems.push({
        status: 'warn',
        advice: `pct=${policy.percent}: only ${policy.percent}% of the mail that fails DMARC gets ${applied.tag}=${applied.value}; receivers ${unsampled[applied.value]}. Raise it to 100.`,
      });
    }
    if (policy.aggregateReports.length === 0) {
      problems.push({ status: 'warn', advice: `Add rua=mailto:<an address you read> to receive daily reports of who sends as ${domain}.` });
    }
    const inherited = !inheritedFrom
      ? ''
      : applied.tag === 'sp'
        ? ` for subdomains (inherited from ${inheritedFrom}, whose own mail has p=${policy.policy})`
        : ` (inherited from ${inheritedFrom})`;
    const summary =
      `DMARC policy ${applied.tag}=${applied.value}${inherited}; alignment: DKIM ${alignmentWords[policy.dkimAlignment]}, SPF ${alignmentWords[policy.spfAlignment]}` +
      (policy.aggregateReports.length ? `; reports to ${policy.aggregateReports.join(', ')}.` : '; no reporting address.');
    return findingOf('dmarc', record, summary, problems);
  }
  return findingOf('dmarc', null, `${domain} has no DMARC record.`, [
    {
      status: 'fail',
      advice: `Publish a TXT record at _dmarc.${domain}: "v=DMARC1; p=none; rua=mailto:dmarc@${domain}" to start. Google and Yahoo require DMARC from bulk senders since February 2024.`,
    },
  ]);
}
