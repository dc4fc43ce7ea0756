import { organizationalDomain } from '../../../lib/net/organizationalDomain.js';
import type { DomainDns } from './domainDns.js';
import { isDmarcRecord, parseDmarc } from './dmarcRecord.js';
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

/** DMARC (RFC 7489): a policy exists and parses; p=none or pct below 100 only monitors; reports need an rua address. */
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
    const problems: CheckProblem[] = [];
    if (policy.policy === 'none') {
      problems.push({
        status: 'warn',
        advice: 'p=none only monitors: once the reports show your mail passes SPF or DKIM, move to p=quarantine (then p=reject).',
      });
    }
    if (policy.percent < 100)
      problems.push({ status: 'warn', advice: `pct=${policy.percent} applies the policy to part of your mail only: raise it to 100.` });
    if (policy.aggregateReports.length === 0) {
      problems.push({ status: 'warn', advice: `Add rua=mailto:<an address you read> to receive daily reports of who sends as ${domain}.` });
    }
    const inherited = name === `_dmarc.${domain}` ? '' : ` (inherited from ${name.slice('_dmarc.'.length)})`;
    const summary =
      `DMARC policy p=${policy.policy}${inherited}; alignment: DKIM ${alignmentWords[policy.dkimAlignment]}, SPF ${alignmentWords[policy.spfAlignment]}` +
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
