// The sending-domain checks against a real DNS server on 127.0.0.1 serving fixture zones, through the resolver the app uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsResolver } from '../../../lib/net/dnsResolver.js';
import { startLocalDnsServer, type FixtureZone, type LocalDnsServer } from '../../../test/localDnsServer.js';
import { checkBlocklist } from './blocklistCheck.js';
import { checkDkim } from './dkimCheck.js';
import { checkDmarc } from './dmarcCheck.js';
import { domainDns, type DomainDns } from './domainDns.js';
import { checkSendingDomain } from './domainReport.js';
import { checkMx } from './mxCheck.js';
import { providerSender } from './providerSender.js';
import { checkSpf } from './spfCheck.js';

const google = providerSender({ provider: 'gmail' });
const microsoft = providerSender({ provider: 'outlook' });
const dkimKey = 'v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' + 'x'.repeat(300) + 'IDAQAB';

/** include chains for the overflow case: each of 6 services costs 2 lookups (its include and its own a). */
const bulkyServices = Object.fromEntries(
  Array.from({ length: 6 }, (_, index) => [
    `spf.service${index}.test`,
    { TXT: [`v=spf1 a:mail.service${index}.test ip4:198.51.100.${index} ~all`] },
  ]),
);

const zone: FixtureZone = {
  '_spf.google.com': { TXT: ['v=spf1 include:_netblocks.google.com ~all'] },
  '_netblocks.google.com': { TXT: ['v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ~all'] },
  'spf.protection.outlook.com': { TXT: ['v=spf1 ip4:40.92.0.0/15 -all'] },
  // A Google Workspace domain with everything right.
  'good.test': {
    TXT: ['v=spf1 include:_spf.google.com ~all', 'google-site-verification=abc'],
    MX: [
      { exchange: 'alt1.aspmx.l.google.com', priority: 5 },
      { exchange: 'aspmx.l.google.com', priority: 1 },
    ],
  },
  'google._domainkey.good.test': { TXT: [dkimKey] },
  '_dmarc.good.test': { TXT: ['v=DMARC1; p=quarantine; rua=mailto:dmarc@good.test; adkim=s'] },
  // Microsoft 365 with DMARC monitoring only and no reports.
  'm365.test': {
    TXT: ['v=spf1 include:spf.protection.outlook.com -all'],
    MX: [{ exchange: 'm365-test.mail.protection.outlook.com', priority: 0 }],
  },
  'selector2._domainkey.m365.test': { TXT: [dkimKey] },
  '_dmarc.m365.test': { TXT: ['v=DMARC1; p=none'] },
  // Nothing published but the domain itself.
  'bare.test': { A: ['192.0.2.10'] },
  'twospf.test': { TXT: ['v=spf1 include:_spf.google.com ~all', 'v=spf1 mx -all'] },
  'typo.test': { TXT: ['v=spf1 inclde:_spf.google.com ~all'] },
  'plusall.test': { TXT: ['v=spf1 include:_spf.google.com +all'] },
  'neutral.test': { TXT: ['v=spf1 include:_spf.google.com'] },
  'wrongprovider.test': { TXT: ['v=spf1 include:spf.protection.outlook.com ~all'] },
  'deadinclude.test': { TXT: ['v=spf1 include:_spf.google.com include:gone.test ~all'] },
  'gone.test': { A: ['192.0.2.1'] },
  ...bulkyServices,
  'bulky.test': {
    TXT: [
      `v=spf1 include:_spf.google.com mx ${Object.keys(bulkyServices)
        .map((name) => `include:${name}`)
        .join(' ')} ~all`,
    ],
  },
  'redirected.test': { TXT: ['v=spf1 redirect=_spf.good.test'] },
  '_spf.good.test': { TXT: ['v=spf1 include:_spf.google.com ~all'] },
  // SMTP relays: one named by its address, one not at all.
  'relay.test': { TXT: ['v=spf1 ip4:203.0.113.0/28 -all'] },
  'smtp.relay-provider.test': { A: ['203.0.113.7'] },
  'unnamed.test': { TXT: ['v=spf1 mx -all'] },
  'revoked.test': {},
  'google._domainkey.revoked.test': { TXT: ['v=DKIM1; k=rsa; p='] },
  'mail.sub.test': {},
  'sub.test': {},
  '_dmarc.sub.test': { TXT: ['v=DMARC1; p=reject; rua=mailto:reports@sub.test'] },
  '_dmarc.badpolicy.test': { TXT: ['v=DMARC1; p=block'] },
  'badpolicy.test': {},
  'nullmx.test': { MX: [{ exchange: '', priority: 0 }] },
  // Under a multi-label public suffix: a mailbox at mail.example.co.uk inherits example.co.uk's policy, and
  // co.uk's own record (which a count of labels would reach) belongs to no sender.
  '_dmarc.co.uk': { TXT: ['v=DMARC1; p=none'] },
  'mail.example.co.uk': { TXT: ['v=spf1 mx -all'] },
  'example.co.uk': {},
  '_dmarc.example.co.uk': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@example.co.uk'] },
  'mail.nopolicy.co.uk': {},
  'nopolicy.co.uk': {},
  'smtp.example.co.uk': { A: ['192.0.2.25'] },
  'smtp.other.co.uk': { A: ['192.0.2.26'] },
  // sp= speaks for the subdomains that inherit the record, p= for the domain itself and for a subdomain with its own record.
  'spnone.test': {},
  'mail.spnone.test': {},
  '_dmarc.spnone.test': { TXT: ['v=DMARC1; p=reject; sp=none; rua=mailto:dmarc@spnone.test'] },
  'news.spnone.test': {},
  '_dmarc.news.spnone.test': { TXT: ['v=DMARC1; p=quarantine; sp=none; rua=mailto:dmarc@spnone.test'] },
  'spreject.test': {},
  'mail.spreject.test': {},
  '_dmarc.spreject.test': { TXT: ['v=DMARC1; p=none; sp=reject; rua=mailto:dmarc@spreject.test'] },
  'sampled.test': {},
  'mail.sampled.test': {},
  '_dmarc.sampled.test': { TXT: ['v=DMARC1; p=quarantine; sp=reject; pct=25; rua=mailto:dmarc@sampled.test'] },
  'monitored.test': {},
  '_dmarc.monitored.test': { TXT: ['v=DMARC1; p=none; pct=50; rua=mailto:dmarc@monitored.test'] },
  // Blocklist zone: one listed domain, one the list refuses to answer for.
  'listed.test.dbl.example': { A: ['127.0.1.2'] },
  'good.test.refusing.example': { A: ['127.255.255.254'] },
};

let server: LocalDnsServer;
let dns: DomainDns;
const timeoutMs = 300;

beforeAll(async () => {
  server = await startLocalDnsServer(zone, { silent: ['slow.test', '_dmarc.slow.test', 'google._domainkey.slow.test'] });
  dns = domainDns(createDnsResolver({ servers: [server.address], timeoutMs }));
});
afterAll(() => server?.close());

describe('SPF', () => {
  it('passes a record that includes the provider, counting lookups through its includes', async () => {
    const finding = await checkSpf(dns, 'good.test', google);
    expect(finding).toMatchObject({
      check: 'spf',
      status: 'pass',
      record: 'v=spf1 include:_spf.google.com ~all',
      advice: 'Nothing to change.',
    });
    expect(finding.summary).toBe('SPF record found: 2 of 10 DNS lookups; Google is included.');
  });

  it('fails when there is no record, telling what to publish', async () => {
    const finding = await checkSpf(dns, 'bare.test', google);
    expect(finding).toMatchObject({ status: 'fail', record: null });
    expect(finding.advice).toContain('"v=spf1 include:_spf.google.com ~all"');
  });

  it('fails two records, a record that does not parse, and +all', async () => {
    expect(await checkSpf(dns, 'twospf.test', google)).toMatchObject({ status: 'fail', summary: 'twospf.test has 2 SPF records.' });
    const typo = await checkSpf(dns, 'typo.test', google);
    expect(typo).toMatchObject({ status: 'fail', record: 'v=spf1 inclde:_spf.google.com ~all' });
    expect(typo.summary).toContain('"inclde:_spf.google.com" is not an SPF mechanism');
    expect((await checkSpf(dns, 'plusall.test', google)).advice).toContain('"+all" lets anyone');
  });

  it('warns when the record does not end in an all term', async () => {
    const finding = await checkSpf(dns, 'neutral.test', google);
    expect(finding.status).toBe('warn');
    expect(finding.advice).toContain('~all');
  });

  it("fails when the mailbox's provider is not included", async () => {
    const finding = await checkSpf(dns, 'wrongprovider.test', google);
    expect(finding.status).toBe('fail');
    expect(finding.advice).toBe('Add include:_spf.google.com before the "all" term so Google may send for wrongprovider.test.');
    expect((await checkSpf(dns, 'wrongprovider.test', microsoft)).status).toBe('pass');
  });

  it('fails an include of a domain without SPF (a permanent error for receivers)', async () => {
    const finding = await checkSpf(dns, 'deadinclude.test', google);
    expect(finding.status).toBe('fail');
    expect(finding.advice).toContain('gone.test (which your record includes) has no SPF record');
  });

  it('fails past 10 DNS lookups, counted recursively through includes', async () => {
    // include:_spf.google.com (1) + its include (1) + mx (1) + 6 × (include + a) (12) = 15.
    const finding = await checkSpf(dns, 'bulky.test', google);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('SPF record found: 15 of 10 DNS lookups; Google is included.');
    expect(finding.advice).toContain('takes 15 DNS lookups');
  });

  it('follows redirect= as the record', async () => {
    const finding = await checkSpf(dns, 'redirected.test', google);
    expect(finding).toMatchObject({ status: 'pass', summary: 'SPF record found: 3 of 10 DNS lookups; Google is included.' });
  });

  it('accepts an SMTP server named by its address, and warns when the server is not named', async () => {
    const relay = providerSender({ provider: 'smtp', smtpHost: 'smtp.relay-provider.test' });
    expect((await checkSpf(dns, 'relay.test', relay)).status).toBe('pass');
    const unnamed = await checkSpf(dns, 'unnamed.test', relay);
    expect(unnamed.status).toBe('warn');
    expect(unnamed.advice).toContain('does not name your SMTP server smtp.relay-provider.test');
  });

  it("accepts the domain's own server when the record allows its a/mx (relaxed alignment), not a neighbour under the same suffix", async () => {
    const ownServer = providerSender({ provider: 'smtp', smtpHost: 'smtp.example.co.uk' });
    expect((await checkSpf(dns, 'mail.example.co.uk', ownServer)).status).toBe('pass');
    const neighbour = providerSender({ provider: 'smtp', smtpHost: 'smtp.other.co.uk' });
    const finding = await checkSpf(dns, 'mail.example.co.uk', neighbour);
    expect(finding.status).toBe('warn');
    expect(finding.advice).toContain('does not name your SMTP server smtp.other.co.uk');
  });
});

describe('DKIM', () => {
  it("passes with a key at the provider's selector, including Microsoft's second one", async () => {
    expect(await checkDkim(dns, 'good.test', google.dkimSelectors)).toMatchObject({
      status: 'pass',
      summary: 'DKIM key found for selector google.',
    });
    expect((await checkDkim(dns, 'm365.test', microsoft.dkimSelectors)).summary).toBe('DKIM key found for selector selector2.');
  });

  it('fails without a key and with a revoked one, and asks for a selector when none is known', async () => {
    const missing = await checkDkim(dns, 'bare.test', ['google']);
    expect(missing).toMatchObject({ status: 'fail', summary: 'No DKIM key at google._domainkey.bare.test.' });
    expect((await checkDkim(dns, 'revoked.test', ['google'])).summary).toContain('revoked');
    expect(await checkDkim(dns, 'relay.test', [])).toMatchObject({ status: 'warn' });
  });
});

describe('DMARC', () => {
  it('passes an enforced policy with reports, naming its alignment', async () => {
    const finding = await checkDmarc(dns, 'good.test');
    expect(finding).toMatchObject({ status: 'pass', record: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@good.test; adkim=s' });
    expect(finding.summary).toBe('DMARC policy p=quarantine; alignment: DKIM strict, SPF relaxed; reports to mailto:dmarc@good.test.');
  });

  it('warns for p=none and a missing reporting address', async () => {
    const finding = await checkDmarc(dns, 'm365.test');
    expect(finding.status).toBe('warn');
    expect(finding.advice).toContain('p=none only monitors');
    expect(finding.advice).toContain('Add rua=mailto:');
  });

  it('fails without a record and with a policy that is not one', async () => {
    expect(await checkDmarc(dns, 'bare.test')).toMatchObject({ status: 'fail', summary: 'bare.test has no DMARC record.' });
    expect((await checkDmarc(dns, 'badpolicy.test')).summary).toContain('p=block is not none, quarantine or reject');
  });

  it("uses the organizational domain's policy for a subdomain", async () => {
    const finding = await checkDmarc(dns, 'mail.sub.test');
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('(inherited from sub.test)');
  });

  it('finds the organizational domain with the public-suffix list: example.co.uk, never co.uk', async () => {
    const before = server.queries.length;
    const finding = await checkDmarc(dns, 'mail.example.co.uk');
    expect(finding).toMatchObject({ status: 'pass', record: 'v=DMARC1; p=reject; rua=mailto:dmarc@example.co.uk' });
    expect(finding.summary).toContain('(inherited from example.co.uk)');
    expect(server.queries.slice(before)).toEqual(['_dmarc.mail.example.co.uk', '_dmarc.example.co.uk']);

    const orphan = server.queries.length;
    expect(await checkDmarc(dns, 'mail.nopolicy.co.uk')).toMatchObject({
      status: 'fail',
      summary: 'mail.nopolicy.co.uk has no DMARC record.',
    });
    expect(server.queries.slice(orphan)).toEqual(['_dmarc.mail.nopolicy.co.uk', '_dmarc.nopolicy.co.uk']);
  });

  it("applies the organizational domain's sp= to a subdomain that inherits its record, p= to the domain itself", async () => {
    const monitored = await checkDmarc(dns, 'mail.spnone.test');
    expect(monitored).toMatchObject({ status: 'warn', record: 'v=DMARC1; p=reject; sp=none; rua=mailto:dmarc@spnone.test' });
    expect(monitored.summary).toContain('DMARC policy sp=none for subdomains (inherited from spnone.test, whose own mail has p=reject)');
    expect(monitored.advice).toBe(
      'sp=none at _dmarc.spnone.test only monitors mail from its subdomains, mail.spnone.test among them: once the reports show your mail passes SPF or DKIM, move to sp=quarantine (then sp=reject), or remove sp= so p=reject applies to subdomains too.',
    );
    expect(await checkDmarc(dns, 'spnone.test')).toMatchObject({ status: 'pass', advice: 'Nothing to change.' });
    expect((await checkDmarc(dns, 'spnone.test')).summary).toContain('DMARC policy p=reject;');

    const enforced = await checkDmarc(dns, 'mail.spreject.test');
    expect(enforced.status).toBe('pass');
    expect(enforced.summary).toContain('DMARC policy sp=reject for subdomains (inherited from spreject.test, whose own mail has p=none)');
    const parent = await checkDmarc(dns, 'spreject.test');
    expect(parent.status).toBe('warn');
    expect(parent.advice).toContain('p=none only monitors');
  });

  it("uses p= of a subdomain's own record, whatever its sp= says", async () => {
    const finding = await checkDmarc(dns, 'news.spnone.test');
    expect(finding).toMatchObject({ status: 'pass', record: 'v=DMARC1; p=quarantine; sp=none; rua=mailto:dmarc@spnone.test' });
    expect(finding.summary).toContain('DMARC policy p=quarantine;');
  });

  it('warns that pct= below 100 enforces the applied policy on part of the failing mail only, and says what the rest gets', async () => {
    const subdomain = await checkDmarc(dns, 'mail.sampled.test');
    expect(subdomain.status).toBe('warn');
    expect(subdomain.advice).toBe(
      'pct=25: only 25% of the mail that fails DMARC gets sp=reject; receivers quarantine the rest. Raise it to 100.',
    );
    const organization = await checkDmarc(dns, 'sampled.test');
    expect(organization.status).toBe('warn');
    expect(organization.advice).toBe(
      'pct=25: only 25% of the mail that fails DMARC gets p=quarantine; receivers filter the rest as usual. Raise it to 100.',
    );
    // Under p=none there is nothing for pct= to sample: the advice is to enforce, not to raise pct.
    const monitoring = await checkDmarc(dns, 'monitored.test');
    expect(monitoring.status).toBe('warn');
    expect(monitoring.advice).toContain('p=none only monitors');
    expect(monitoring.advice).not.toContain('pct=');
  });

  it('goes from a deep subdomain straight to its organizational domain, skipping the names between', async () => {
    const before = server.queries.length;
    expect((await checkDmarc(dns, 'eu.mail.sub.test')).summary).toContain('(inherited from sub.test)');
    expect(server.queries.slice(before)).toEqual(['_dmarc.eu.mail.sub.test', '_dmarc.sub.test']);
  });
});

describe('MX and blocklists', () => {
  it('passes MX hosts (best first), fails none, a null MX and a domain that does not exist', async () => {
    expect(await checkMx(dns, 'good.test')).toMatchObject({ status: 'pass', record: '1 aspmx.l.google.com\n5 alt1.aspmx.l.google.com' });
    expect(await checkMx(dns, 'bare.test')).toMatchObject({ status: 'fail', summary: 'bare.test has no MX record.' });
    expect((await checkMx(dns, 'nullmx.test')).summary).toContain('null MX');
    expect(await checkMx(dns, 'nowhere.test')).toMatchObject({ status: 'fail', summary: 'nowhere.test does not exist in DNS.' });
  });

  it('fails a listed domain, passes an unlisted one, and warns when the list refuses to answer', async () => {
    expect(await checkBlocklist(dns, 'listed.test', 'dbl.example')).toMatchObject({ status: 'fail', record: '127.0.1.2' });
    expect(await checkBlocklist(dns, 'good.test', 'dbl.example')).toMatchObject({ status: 'pass', record: null });
    expect(await checkBlocklist(dns, 'good.test', 'refusing.example')).toMatchObject({ status: 'warn' });
  });
});

describe('a whole domain', () => {
  it('reports every check with the worst status, blocklists only when configured', async () => {
    const report = await checkSendingDomain(dns, { domain: 'good.test', sender: google, blocklistZones: [] });
    expect(report.status).toBe('pass');
    expect(report.findings.map((finding) => [finding.check, finding.status])).toEqual([
      ['spf', 'pass'],
      ['dkim', 'pass'],
      ['dmarc', 'pass'],
      ['mx', 'pass'],
    ]);
    const listed = await checkSendingDomain(dns, {
      domain: 'good.test',
      sender: google,
      blocklistZones: ['dbl.example', 'refusing.example'],
    });
    expect(listed.findings.map((finding) => finding.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'warn']);
    expect(listed.status).toBe('warn');
  });

  it('turns a server that does not answer into warnings within the timeout, never a failure', async () => {
    const report = await checkSendingDomain(dns, { domain: 'slow.test', sender: google, blocklistZones: [] });
    expect(report.findings.map((finding) => finding.status)).toEqual(['warn', 'warn', 'warn', 'warn']);
    expect(report.findings[0]!.summary).toBe('The DNS server did not answer for slow.test in time.');
    expect(report.status).not.toBe('fail');
  });

  it('fails every check of a domain that does not exist (NXDOMAIN)', async () => {
    const report = await checkSendingDomain(dns, { domain: 'nowhere.test', sender: google, blocklistZones: [] });
    expect(report.findings.map((finding) => finding.status)).toEqual(['fail', 'fail', 'fail', 'fail']);
  });
});
