// The sending-domain checks in Chromium, against a real DNS server on 127.0.0.1: a Gmail mailbox whose domain has no
// DMARC record is checked from its page (each check with its status, record and advice), then its campaign's Launch
// section shows the failing check and starts only once a reason is typed, which the audit log keeps.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage, registerInBrowser, screenshotDir, startBrowserPage } from '../browser.js';
import { sequenceBody } from '../campaignApi.js';
import { FakeN8nPublicApi } from '../fakes/fakeN8nPublicApi.js';
import { createListeningTestApp } from '../listeningApp.js';
import { startLocalDnsServer, type LocalDnsServer } from '../localDnsServer.js';

const dkimKey = 'v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu5oIG6NGLwqmOv0nUV2iQ2sC3LV7ZpRkF6hM0wIDAQAB';

let dns: LocalDnsServer;
const n8n = new FakeN8nPublicApi(async () => undefined);
let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let session: BrowserSession;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  dns = await startLocalDnsServer({
    '_spf.google.com': { TXT: ['v=spf1 include:_netblocks.google.com ~all'] },
    '_netblocks.google.com': { TXT: ['v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ~all'] },
    'northwind.example': {
      TXT: ['v=spf1 include:_spf.google.com ~all'],
      MX: [
        { exchange: 'aspmx.l.google.com', priority: 1 },
        { exchange: 'alt1.aspmx.l.google.com', priority: 5 },
      ],
    },
    'google._domainkey.northwind.example': { TXT: [dkimKey] },
  });
  app = await createListeningTestApp({
    env: { ...(await n8n.start()), OPHIR_DNS_SERVERS: dns.address, OPHIR_DNS_TIMEOUT_MS: '1000', DOMAIN_CHECK_DNSBL_ZONES: 'dbl.example' },
  });
  ({ session, page, consoleErrors } = await startBrowserPage());
});
afterAll(async () => {
  await session?.close();
  await app?.close();
  await n8n.stop();
  await dns?.close();
});

describe('sending-domain checks in a browser', () => {
  it('checks a mailbox domain from its page, and starts its campaign despite the failing DMARC only with a reason', async () => {
    const email = `owner-${Date.now()}@northwind.example`;
    const password = 'correct horse battery';
    await registerInBrowser(page, app.url, { name: 'Ada Lovelace', organization: 'Northwind', email, password });
    const login = await app.http.post('/api/auth/login').send({ email, password });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const mailbox = await app.http
      .post('/api/mailboxes/sandbox')
      .set(auth)
      .send({ email: 'sales@northwind.example', displayName: 'Northwind Sales' });
    expect(mailbox.status, mailbox.text).toBe(201);
    // A Gmail mailbox as far as the checks go (no OAuth needed to read DNS): Google's SPF include and DKIM selector apply.
    await app.prisma.mailbox.update({ where: { id: mailbox.body.id }, data: { provider: 'gmail' } });
    const campaign = await app.http
      .post('/api/campaigns')
      .set(auth)
      .send({ name: 'Q1 outreach', mailboxIds: [mailbox.body.id] });
    expect((await app.http.put(`/api/campaigns/${campaign.body.id}/sequence`).set(auth).send(sequenceBody())).status).toBe(200);

    await page.goto(`${app.url}/mailboxes/${mailbox.body.id}`);
    const card = page.getByRole('region', { name: /Sending domain/ });
    await card.getByText('Not checked yet', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Check again' }).click();
    await card.getByText('1 check fails', { exact: true }).waitFor();
    const findings = card.getByRole('listitem');
    expect(await findings.evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')))).toEqual([
      'SPF: Passes',
      'DKIM: Passes',
      'DMARC: Fails',
      'MX: Passes',
      'Blocklist: Passes',
    ]);
    await expect.poll(() => card.getByText('v=spf1 include:_spf.google.com ~all').count()).toBe(1);
    await card.getByText('Publish a TXT record at _dmarc.northwind.example', { exact: false }).waitFor();
    await card.getByText(/^Checked /).waitFor();
    // The health score counts the failing domain.
    await page.getByText('northwind.example fails DMARC', { exact: true }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await checkPage(page, 'mailbox-domain-check');

    await page.goto(`${app.url}/campaigns/${campaign.body.id}/edit`);
    const readiness = page.getByRole('region', { name: 'Readiness' });
    await readiness.getByText('sales@northwind.example (northwind.example) fails DMARC', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Start campaign' }).isDisabled()).toBe(true);
    const startAnyway = page.getByRole('button', { name: 'Start anyway' });
    expect(await startAnyway.isDisabled()).toBe(true);
    const reason = 'IT publishes the DMARC record today; the first step goes to 20 warm leads';
    await page.getByLabel('Start anyway? Say why').fill(reason);
    await page.locator('#launch').scrollIntoViewIfNeeded();
    await checkPage(page, 'campaign-start-despite-domain');
    await page.locator('#launch').screenshot({ path: path.join(screenshotDir, 'campaign-launch-domain-override.png') });
    await startAnyway.click();
    await page.getByText('your reason is in the audit log').waitFor();

    await expect.poll(async () => (await app.http.get(`/api/campaigns/${campaign.body.id}`).set(auth)).body.status).toBe('active');
    const audit = await app.http.get('/api/audit-log').set(auth);
    const started = audit.body.data.find((entry: { action: string }) => entry.action === 'campaign.start');
    expect(started.data.sendingDomainOverride).toEqual({
      reason,
      failing: [{ mailboxId: mailbox.body.id, domain: 'northwind.example', checks: ['dmarc'] }],
    });
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
