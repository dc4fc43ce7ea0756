import type { DomainDns } from './domainDns.js';
import { findingOf, unanswered, type DomainFinding } from './finding.js';

/** MX: the domain accepts mail, so replies and bounces reach it; receivers distrust senders whose domain takes none. */
export async function checkMx(dns: DomainDns, domain: string): Promise<DomainFinding> {
  const answer = await dns.mx(domain);
  if (!answer.found) {
    const noAnswer = unanswered('mx', domain, answer.miss);
    if (noAnswer) return noAnswer;
    const summary = answer.miss === 'nxdomain' ? `${domain} does not exist in DNS.` : `${domain} has no MX record.`;
    return findingOf('mx', null, summary, [
      { status: 'fail', advice: `Add the MX records your email provider gives you to ${domain}, so replies and bounces can be delivered.` },
    ]);
  }
  const hosts = [...answer.records].sort((a, b) => a.priority - b.priority);
  const record = hosts.map((mx) => `${mx.priority} ${mx.exchange || '.'}`).join('\n');
  // RFC 7505: a single MX of "." says the domain accepts no mail at all.
  if (hosts.every((mx) => mx.exchange === '' || mx.exchange === '.')) {
    return findingOf('mx', record, `${domain} says it accepts no mail (null MX).`, [
      { status: 'fail', advice: `Replace the null MX with your email provider's MX records: replies to ${domain} are refused.` },
    ]);
  }
  return findingOf('mx', record, `${domain} accepts mail at ${hosts[0]!.exchange}.`, []);
}
