/**
 * What DNS says about the domain of an address: can it receive mail at all (an MX record, or failing
 * that an A/AAAA record, RFC 5321 §5.1). One lookup per distinct domain: answers are shared by every
 * address of the domain in a run, and definite answers are kept for a while across runs.
 */
import { LruCache } from '../../../lib/lruCache.js';
import { dnsAnswer, type DnsMiss } from '../../../lib/net/dnsResolver.js';

/** The lookups a verdict needs; Node's `dns.promises.Resolver` is one. */
export interface MailDomainResolver {
  resolveMx(hostname: string): Promise<Array<{ exchange: string; priority: number }>>;
  resolve4(hostname: string): Promise<string[]>;
  resolve6(hostname: string): Promise<string[]>;
}

export type DomainVerdict =
  | { status: 'valid'; reason: 'mx_found' | 'a_found' }
  | { status: 'invalid'; reason: 'domain_not_found' | 'no_mx_or_a' | 'null_mx' }
  | { status: 'unknown'; reason: 'dns_timeout' | 'dns_error' };

function unanswered(miss: DnsMiss): DomainVerdict {
  return { status: 'unknown', reason: miss === 'timeout' ? 'dns_timeout' : 'dns_error' };
}

const missingName = (miss: DnsMiss) => miss === 'nxdomain' || miss === 'no_data';

/** A domain that exists without MX: its A/AAAA records are the implicit MX. */
async function hasAddress(resolver: MailDomainResolver, domain: string): Promise<DomainVerdict> {
  const answers = await Promise.all([dnsAnswer(resolver.resolve4(domain)), dnsAnswer(resolver.resolve6(domain))]);
  if (answers.some((answer) => answer.found)) return { status: 'valid', reason: 'a_found' };
  const misses = answers.map((answer) => (answer.found ? 'no_data' : answer.miss));
  if (misses.every(missingName)) return { status: 'invalid', reason: 'no_mx_or_a' };
  return unanswered(misses.includes('timeout') ? 'timeout' : 'error');
}

/**
 * The domain's verdict: MX records (one query), then, only for a domain that exists without MX,
 * its A/AAAA records. A name that does not exist is invalid; no answer in time is unknown — a slow
 * or failing server says nothing about the address.
 */
export async function lookupDomainVerdict(resolver: MailDomainResolver, domain: string): Promise<DomainVerdict> {
  const mx = await dnsAnswer(resolver.resolveMx(domain));
  if (mx.found) {
    // RFC 7505: a single MX of "." says the domain accepts no mail.
    if (mx.records.every((record) => record.exchange === '' || record.exchange === '.')) return { status: 'invalid', reason: 'null_mx' };
    return { status: 'valid', reason: 'mx_found' };
  }
  if (mx.miss === 'nxdomain') return { status: 'invalid', reason: 'domain_not_found' };
  if (mx.miss === 'no_data') return hasAddress(resolver, domain);
  return unanswered(mx.miss);
}

/** Definite verdicts (valid, invalid) kept for `ttlMs`; unknown ones are never kept, so the next run asks again. */
export class DomainVerdictCache {
  private readonly entries: LruCache<string, { verdict: DomainVerdict; expiresAt: number }>;

  constructor(private readonly options: { maxEntries: number; ttlMs: number; now: () => number }) {
    this.entries = new LruCache({ maxEntries: options.maxEntries });
  }

  get(domain: string): DomainVerdict | undefined {
    const entry = this.entries.get(domain);
    if (!entry) return undefined;
    if (entry.expiresAt > this.options.now()) return entry.verdict;
    this.entries.delete(domain);
    return undefined;
  }

  set(domain: string, verdict: DomainVerdict): void {
    if (verdict.status !== 'unknown') this.entries.set(domain, { verdict, expiresAt: this.options.now() + this.options.ttlMs });
  }
}

export interface DomainLookupOptions {
  resolver: MailDomainResolver;
  cache: DomainVerdictCache;
  /** Lookups in flight at once. */
  concurrency: number;
}

/** The verdicts of distinct domains: cached ones first, the rest looked up with at most `concurrency` in flight. */
export async function lookupDomainVerdicts(domains: Iterable<string>, options: DomainLookupOptions): Promise<Map<string, DomainVerdict>> {
  const verdicts = new Map<string, DomainVerdict>();
  const missing: string[] = [];
  for (const domain of domains) {
    if (verdicts.has(domain)) continue;
    const cached = options.cache.get(domain);
    if (cached) verdicts.set(domain, cached);
    else {
      verdicts.set(domain, { status: 'unknown', reason: 'dns_error' });
      missing.push(domain);
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const domain = missing[next++]!;
      const verdict = await lookupDomainVerdict(options.resolver, domain);
      options.cache.set(domain, verdict);
      verdicts.set(domain, verdict);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, missing.length) }, worker));
  return verdicts;
}
