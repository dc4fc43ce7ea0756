import type { DomainDns } from './domainDns.js';
import { findingOf, unanswered, type DomainFinding } from './finding.js';

/**
 * A domain blocklist (DNSBL, RFC 5782) lists a domain when `<domain>.<zone>` has an A record in
 * 127.0.0.0/8. Spamhaus and others answer 127.255.255.x when they refuse the query (an open or
 * over-quota resolver), which says nothing about the domain.
 */
export async function checkBlocklist(dns: DomainDns, domain: string, zone: string): Promise<DomainFinding> {
  const name = `${domain}.${zone}`;
  const answer = await dns.ipv4(name);
  if (!answer.found) {
    const noAnswer = unanswered('blocklist', name, answer.miss);
    if (noAnswer) return noAnswer;
    return findingOf('blocklist', null, `${domain} is not listed on ${zone}.`, []);
  }
  const record = answer.records.join(', ');
  if (answer.records.every((address) => address.startsWith('127.255.255.'))) {
    return findingOf('blocklist', record, `${zone} refused to answer (${record}).`, [
      {
        status: 'warn',
        advice: `${zone} does not answer queries from Ophir's DNS servers: use a resolver registered with it (OPHIR_DNS_SERVERS), or remove the zone.`,
      },
    ]);
  }
  return findingOf('blocklist', record, `${domain} is listed on ${zone} (${record}).`, [
    {
      status: 'fail',
      advice: `Stop sending from ${domain} and ask ${zone} to delist it (its website explains how) once the cause is fixed.`,
    },
  ]);
}
