// Integration: a mailbox's sending-domain report through the API (real app, real PostgreSQL, a real DNS server on 127.0.0.1),
// its part in the health score, and the campaign start it blocks unless overridden with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, sequenceBody } from '../../test/campaignApi.js';
import { startLocalDnsServer, type LocalDnsServer } from '../../test/localDnsServer.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';
import { until } from '../../test/until.js';
import { startDomainCheckSchedule } from './domainCheckSchedule.js';

let dns: LocalDnsServer;
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  dns = await startLocalDnsServer({
    // SPF, MX and a DKIM key under the selector the user names; no DMARC record.
    'nodmarc.test': { TXT: ['v=spf1 mx ~all'], MX: [{ exchange: 'mx.nodmarc.test', priority: 10 }] },
    'mail2024._domainkey.nodmarc.test': { TXT: ['v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIB'] },
    'fine.test': { TXT: ['v=spf1 mx ~all'], MX: [{ exchange: 'mx.fine.test', priority: 10 }] },
    'sel._domainkey.fine.test': { TXT: ['v=DKIM1; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIB'] },
    '_dmarc.fine.test': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc@fine.test'] },
  });
  t = await createTestApp({ env: { OPHIR_DNS_SERVERS: dns.address, OPHIR_DNS_TIMEOUT_MS: '500' } });
  owner = await signUp(t.http);
});
afterAll(async () => {
  await t?.close();
  await dns?.close();
});

async function sandboxMailbox(email: string): Promise<string> {
  const created = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

const report = (mailboxId: string) => t.http.get(`/api/mailboxes/${mailboxId}/domain-check`).set(owner.auth);
const checkNow = (mailboxId: string, body: object = {}) =>
  t.http.post(`/api/mailboxes/${mailboxId}/domain-check`).set(owner.auth).send(body);

describe('sending-domain reports', () => {
  it('is unchecked until checked, then keeps the findings with their check time and the named selector', async () => {
    const mailboxId = await sandboxMailbox('sales@nodmarc.test');
    expect((await report(mailboxId)).body).toEqual({
      mailboxId,
      domain: 'nodmarc.test',
      status: 'unchecked',
      dkimSelector: null,
      findings: [],
      checkedAt: null,
    });

    const checked = await checkNow(mailboxId, { dkimSelector: 'Mail2024' });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ domain: 'nodmarc.test', status: 'fail', dkimSelector: 'mail2024' });
    expect(checked.body.findings.map((finding: { check: string; status: string }) => [finding.check, finding.status])).toEqual([
      ['spf', 'pass'],
      ['dkim', 'pass'],
      ['dmarc', 'fail'],
      ['mx', 'pass'],
    ]);
    expect(checked.body.findings[2]).toMatchObject({ record: null, summary: 'nodmarc.test has no DMARC record.' });
    expect(checked.body.findings[2].advice).toContain('_dmarc.nodmarc.test');
    expect(Date.parse(checked.body.checkedAt)).toBeGreaterThan(Date.now() - 60_000);
    // The latest report is what was stored; the selector stays for the next check.
    expect((await report(mailboxId)).body).toEqual(checked.body);
    expect((await checkNow(mailboxId)).body.dkimSelector).toBe('mail2024');

    const health = (await t.http.get(`/api/mailboxes/${mailboxId}/health`).set(owner.auth)).body;
    expect(health.parts.find((part: { name: string }) => part.name === 'sending_domain')).toEqual({
      name: 'sending_domain',
      points: 0,
      maxPoints: 10,
      explanation: 'nodmarc.test fails DMARC',
    });
  });

  it('refuses a selector that is not DNS labels, and answers 404 for an unknown mailbox', async () => {
    const mailboxId = await sandboxMailbox('info@fine.test');
    const refused = await checkNow(mailboxId, { dkimSelector: 'no spaces' });
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0].path).toBe('dkimSelector');
    expect((await report('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('the daily re-check', () => {
  it('checks, when it starts, the mailboxes never checked or checked over a day ago, and leaves sandbox mailboxes to be asked', async () => {
    const sandboxId = await sandboxMailbox('sandbox@fine.test');
    const [neverId, staleId, freshId] = await Promise.all(['never', 'stale', 'fresh'].map((name) => sandboxMailbox(`${name}@fine.test`)));
    await t.prisma.mailbox.updateMany({ where: { id: { in: [neverId!, staleId!, freshId!] } }, data: { provider: 'gmail' } });
    const checkedAt = async (mailboxId: string) => (await report(mailboxId)).body.checkedAt as string | null;
    await checkNow(staleId!);
    await checkNow(freshId!);
    await t.prisma.mailboxDomainCheck.update({
      where: { mailboxId: staleId! },
      data: { checkedAt: new Date(Date.now() - 25 * 3_600_000) },
    });
    const [staleBefore, freshBefore] = [await checkedAt(staleId!), await checkedAt(freshId!)];

    const logger = { info: () => undefined, warn: () => undefined, error: () => undefined } as never;
    const schedule = startDomainCheckSchedule({ domainChecks: t.app.domainChecks, schedule: '0 0 1 1 *', logger });
    try {
      await until(
        'the unchecked and the stale mailbox to be checked',
        async () => (await checkedAt(neverId!)) !== null && (await checkedAt(staleId!)) !== staleBefore,
      );
    } finally {
      schedule.stop();
    }
    expect((await report(neverId!)).body.findings.map((finding: { check: string }) => finding.check)).toEqual([
      'spf',
      'dkim',
      'dmarc',
      'mx',
    ]);
    expect(Date.parse((await checkedAt(staleId!))!)).toBeGreaterThan(Date.parse(staleBefore!));
    expect(await checkedAt(freshId!)).toBe(freshBefore);
    expect(await checkedAt(sandboxId)).toBeNull();
  });
});

describe('the campaign start', () => {
  it("refuses a campaign whose only mailbox's domain fails DMARC, and starts it with an override whose reason is audited", async () => {
    const { campaignId, mailboxIds } = await createCampaign(t.http, owner);
    await t.prisma.mailbox.update({ where: { id: mailboxIds[0]! }, data: { email: 'team@nodmarc.test' } });
    await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send(sequenceBody());
    expect((await checkNow(mailboxIds[0]!)).body.status).toBe('fail');

    const readiness = (await t.http.get(`/api/campaigns/${campaignId}/readiness`).set(owner.auth)).body;
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.find((check: { code: string }) => check.code === 'sending_domains')).toEqual({
      code: 'sending_domains',
      passed: false,
      blocking: true,
      overridable: true,
      message:
        "team@nodmarc.test (nodmarc.test) fails DMARC: fix the DNS records shown on the mailbox's page, or start anyway with a reason",
      mailboxes: [{ id: mailboxIds[0], email: 'team@nodmarc.test' }],
    });

    const refused = await t.http.post(`/api/campaigns/${campaignId}/start`).set(owner.auth);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'sending_domain_failing',
      failing: [{ mailboxId: mailboxIds[0], email: 'team@nodmarc.test', domain: 'nodmarc.test', checks: ['dmarc'] }],
    });
    expect((await t.http.get(`/api/campaigns/${campaignId}`).set(owner.auth)).body.status).toBe('draft');

    const reason = 'DMARC is being published by IT today; the first step goes to 20 warm leads';
    await t.http.post(`/api/campaigns/${campaignId}/start`).set(owner.auth).send({ domainOverride: { reason } });
    // No n8n in this test: whatever the deployment answers, the override let the start through.
    expect((await t.http.get(`/api/campaigns/${campaignId}`).set(owner.auth)).body.status).toBe('active');
    const audit = await t.http.get('/api/audit-log').set(owner.auth);
    const entry = audit.body.data.find(
      (row: { action: string; targetId: string }) => row.action === 'campaign.start' && row.targetId === campaignId,
    );
    expect(entry.data).toEqual({
      from: 'draft',
      to: 'active',
      sendingDomainOverride: { reason, failing: [{ mailboxId: mailboxIds[0], domain: 'nodmarc.test', checks: ['dmarc'] }] },
    });
  });

  it('starts without an override when the domain passes', async () => {
    const { campaignId, mailboxIds } = await createCampaign(t.http, owner);
    await t.prisma.mailbox.update({ where: { id: mailboxIds[0]! }, data: { email: 'hello@fine.test' } });
    await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send(sequenceBody());
    expect((await checkNow(mailboxIds[0]!, { dkimSelector: 'sel' })).body.status).toBe('pass');
    const started = await t.http.post(`/api/campaigns/${campaignId}/start`).set(owner.auth);
    expect(started.body.code).not.toBe('sending_domain_failing');
    expect((await t.http.get(`/api/campaigns/${campaignId}`).set(owner.auth)).body.status).toBe('active');
  });
});
