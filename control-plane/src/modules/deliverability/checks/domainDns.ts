import type { Resolver } from 'node:dns/promises';
import { dnsAnswer, type DnsAnswer } from '../../../lib/net/dnsResolver.js';

/** The lookups the checks make, each answering with its records or why there were none. */
export interface DomainDns {
  /** TXT records, each one's strings joined (RFC 7208 §3.3, RFC 6376 §3.6.2.2). */
  txt(name: string): Promise<DnsAnswer<string>>;
  mx(name: string): Promise<DnsAnswer<{ exchange: string; priority: number }>>;
  /** IPv4 addresses (A). */
  ipv4(name: string): Promise<DnsAnswer<string>>;
}

export function domainDns(resolver: Resolver): DomainDns {
  return {
    txt: async (name) => {
      const answer = await dnsAnswer(resolver.resolveTxt(name));
      return answer.found ? { found: true, records: answer.records.map((chunks) => chunks.join('')) } : answer;
    },
    mx: (name) => dnsAnswer(resolver.resolveMx(name)),
    ipv4: (name) => dnsAnswer(resolver.resolve4(name)),
  };
}
