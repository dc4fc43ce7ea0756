import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDnsServer, type LocalDnsServer } from '../../../test/localDnsServer.js';
import { addressVerdict, domainVerdictWithoutDns } from './addressRules.js';
import { DomainVerdictCache, lookupDomainVerdict, lookupDomainVerdicts } from './domainVerdicts.js';

let dns: LocalDnsServer;
let resolver: Resolver;

beforeAll(async () => {
  dns = await startLocalDnsServer(
    { 'acme.example': { MX: [{ exchange: 'mx.acme.example', priority: 10 }] }, 'web-only.example': { A: ['192.0.2.1'] } },
    { silent: ['slow.example'] },
  );
  resolver = new Resolver({ timeout: 300, tries: 1 });
  resolver.setServers([dns.address]);
});
afterAll(async () => {
  await dns.close();
});

describe('a domain verdict from a real DNS server', () => {
  it('is valid with an MX, valid with only an A record, invalid when the name does not exist, unknown on a timeout', async () => {
    expect(await lookupDomainVerdict(resolver, 'acme.example')).toEqual({ status: 'valid', reason: 'mx_found' });
    expect(await lookupDomainVerdict(resolver, 'web-only.example')).toEqual({ status: 'valid', reason: 'a_found' });
    expect(await lookupDomainVerdict(resolver, 'gone.example')).toEqual({ status: 'invalid', reason: 'domain_not_found' });
    expect(await lookupDomainVerdict(resolver, 'slow.example')).toEqual({ status: 'unknown', reason: 'dns_timeout' });
  });

  it('asks once per distinct domain, keeps definite answers for later runs until they expire, and asks again after a timeout', async () => {
    let now = 0;
    const cache = new DomainVerdictCache({ maxEntries: 100, ttlMs: 1000, now: () => now });
    const options = { resolver, cache, concurrency: 4 };
    const before = dns.queries.length;
    const verdicts = await lookupDomainVerdicts(['acme.example', 'gone.example', 'acme.example', 'slow.example', 'gone.example'], options);
    expect(dns.queries.length - before).toBe(3);
    expect(Object.fromEntries([...verdicts].map(([domain, verdict]) => [domain, verdict.status]))).toEqual({
      'acme.example': 'valid',
      'gone.example': 'invalid',
      'slow.example': 'unknown',
    });

    const again = dns.queries.length;
    await lookupDomainVerdicts(['acme.example', 'gone.example', 'slow.example'], options);
    expect(dns.queries.length - again).toBe(1);

    now = 1001;
    const expired = dns.queries.length;
    await lookupDomainVerdicts(['acme.example'], options);
    expect(dns.queries.length - expired).toBe(1);
  });
});

describe('the rules that need no DNS', () => {
  const own = new Set(['ophir.example']);

  it('marks disposable domains invalid and the organization’s own domain risky before any lookup', () => {
    expect(domainVerdictWithoutDns('mailinator.com', own)).toEqual({ status: 'invalid', reason: 'disposable_domain' });
    expect(domainVerdictWithoutDns('ophir.example', own)).toEqual({ status: 'risky', reason: 'own_domain' });
    expect(domainVerdictWithoutDns('acme.example', own)).toBeUndefined();
  });

  it('counts any name of the organization’s organizational domain as its own, under a multi-label suffix too', () => {
    const ownCoUk = new Set(['acme.co.uk']);
    expect(domainVerdictWithoutDns('news.acme.co.uk', ownCoUk)).toEqual({ status: 'risky', reason: 'own_domain' });
    expect(domainVerdictWithoutDns('acme.co.uk', ownCoUk)).toEqual({ status: 'risky', reason: 'own_domain' });
    expect(domainVerdictWithoutDns('other.co.uk', ownCoUk)).toBeUndefined();
  });

  it('flags role addresses (with or without a +tag) as risky only where the domain takes mail', () => {
    const takesMail = { status: 'valid', reason: 'mx_found' } as const;
    expect(addressVerdict('info', takesMail)).toEqual({ status: 'risky', reason: 'role_address' });
    expect(addressVerdict('sales+eu', takesMail)).toEqual({ status: 'risky', reason: 'role_address' });
    expect(addressVerdict('ada', takesMail)).toEqual(takesMail);
    expect(addressVerdict('info', { status: 'invalid', reason: 'domain_not_found' })).toEqual({
      status: 'invalid',
      reason: 'domain_not_found',
    });
  });
});
