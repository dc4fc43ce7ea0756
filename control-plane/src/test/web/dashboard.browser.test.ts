// The dashboard in Chromium, fed by the real API: a new organization lands on it after registering and
// sees its getting-started steps; once a campaign has sent (sends, a reply labelled interested and an
// unsubscribe reported through the signed n8n callbacks) the steps are done, the totals and the chart show
// the API's numbers, and what needs attention (the campaign that sends nothing, a paused mailbox) links to
// the page that fixes it.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { type BrowserSession, checkPage, registerInBrowser, startBrowser } from '../browser.js';
import { createListeningTestApp } from '../listeningApp.js';
import { callAsN8n } from '../n8nCallbacks.js';
import { claimDue, sentResult, type ClaimedItem } from '../sentMessages.js';

let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let session: BrowserSession;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  app = await createListeningTestApp();
  session = await startBrowser();
  ({ page, consoleErrors } = await session.newPage());
});
afterAll(async () => {
  await session?.close();
  await app?.close();
});

const kpi = (label: string) => page.getByRole('group', { name: label, exact: true }).getByTestId('kpi-value');
const step = (name: string) => page.getByRole('region', { name: 'Getting started' }).getByRole('listitem').filter({ hasText: name });

async function reportInbound(type: 'replied' | 'unsubscribe_request', item: ClaimedItem, text: string) {
  const response = await callAsN8n(app, '/api/internal/n8n/inbound-events', {
    events: [
      {
        eventId: randomUUID(),
        type,
        inReplyToMessageId: `<ophir.${item.sendId}@ophir.example>`,
        receivedAt: new Date().toISOString(),
        message: { from: item.lead.email, subject: 'Re: hello', text },
      },
    ],
  });
  expect(response.status, response.text).toBe(200);
}

describe('the dashboard in a browser', () => {
  it('guides a new organization, then shows the totals, the chart and what needs attention from the API', async () => {
    const email = `owner-${Date.now()}@acme.example`;
    const password = 'correct horse battery';
    await registerInBrowser(page, app.url, { name: 'Ada Lovelace', organization: 'Acme Outreach', email, password });
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await page.getByText('0 of 4 done').waitFor();
    for (const name of ['Connect a mailbox', 'Import leads', 'Create a campaign', 'Start it'])
      expect(await step(name).textContent()).toContain('(to do)');
    await page.getByText('Nothing needs you').waitFor();
    expect(await kpi('Sent').textContent()).toBe('0');
    await page.getByText('Nothing sent in the last 30 days').waitFor();
    await checkPage(page, 'dashboard-new-organization');

    const login = await app.http.post('/api/auth/login').send({ email, password });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const mailbox = await app.http
      .post('/api/mailboxes/sandbox')
      .set(auth)
      .send({ email: 'sales@acme.example', displayName: 'Acme sales' });
    expect(mailbox.status, mailbox.text).toBe(201);
    await page.reload();
    await page.getByText('1 of 4 done').waitFor();
    expect(await step('Connect a mailbox').textContent()).toContain('(done)');

    const created = await app.http
      .post('/api/campaigns')
      .set(auth)
      .send({
        name: 'Q1 founders outreach',
        mailboxIds: [mailbox.body.id],
        schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00', useLeadTimezone: false },
      });
    expect(created.status, created.text).toBe(201);
    const campaignId = created.body.id as string;
    const sequence = await app.http
      .put(`/api/campaigns/${campaignId}/sequence`)
      .set(auth)
      .send({
        steps: [
          {
            delayAmount: 0,
            delayUnit: 'days',
            variants: [
              { label: 'A', subject: 'Quick question, {{lead.firstName}}', bodyText: 'Hello {{lead.firstName}}\n\n{{unsubscribeUrl}}' },
            ],
          },
        ],
      });
    expect(sequence.status, sequence.text).toBe(200);
    const leadIds: string[] = [];
    for (const name of ['Grace', 'Alan', 'Edsger', 'Barbara']) {
      const lead = await app.http
        .post('/api/leads')
        .set(auth)
        .send({ email: `${name.toLowerCase()}@prospect.example`, firstName: name });
      expect(lead.status, lead.text).toBe(201);
      leadIds.push(lead.body.id);
    }
    expect((await app.http.post(`/api/campaigns/${campaignId}/enrollments`).set(auth).send({ leadIds })).body.enrolled).toBe(4);
    // Starting deploys the workflow to n8n, which this test does not run: the campaign is marked started as a start would,
    // and the dashboard rightly says its workflow is not running.
    await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'active', startedAt: new Date() } });
    const items = await claimDue(app, campaignId, 4);
    expect(items).toHaveLength(4);
    const sent = await callAsN8n(app, '/api/internal/n8n/events', {
      results: items.map((item) => sentResult(new ManualClock(new Date()), item, item.mailboxes[0].id)),
    });
    expect(sent.body.applied, sent.text).toBe(4);
    await reportInbound('replied', items[0]!, 'Sounds good, call me Tuesday.');
    await reportInbound('unsubscribe_request', items[1]!, 'Please remove me.');
    const thread = (await app.http.get(`/api/inbox/threads?campaignId=${campaignId}`).set(auth)).body.data.find(
      (row: { lead: { email: string } }) => row.lead.email === items[0]!.lead.email,
    );
    expect((await app.http.patch(`/api/inbox/threads/${thread.id}`).set(auth).send({ label: 'interested' })).status).toBe(200);
    const paused = await app.http.post('/api/mailboxes/sandbox').set(auth).send({ email: 'spare@acme.example' });
    expect((await app.http.patch(`/api/mailboxes/${paused.body.id}`).set(auth).send({ status: 'paused' })).status).toBe(200);

    await page.reload();
    await page.getByRole('group', { name: 'Sent', exact: true }).waitFor();
    // Every step done: the checklist gives way to the numbers.
    await expect.poll(() => kpi('Sent').textContent()).toBe('4');
    expect(await page.getByRole('heading', { name: 'Getting started' }).count()).toBe(0);
    const overview = (await app.http.get('/api/stats/overview?days=30').set(auth)).body;
    expect(overview.totals).toMatchObject({ sent: 4, replied: 1, positiveReplies: 1, unsubscribed: 1, bounced: 0 });
    expect(await kpi('Replies').textContent()).toBe('1');
    expect(await kpi('Positive replies').textContent()).toBe('1');
    expect(await kpi('Bounce rate').textContent()).toBe('0%');
    expect(await kpi('Unsubscribes').textContent()).toBe('1');
    const chart = page.getByRole('img', { name: /^4 sent and 1 reply over the last 30 days/ });
    await chart.waitFor();
    expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);

    const attention = page.getByRole('region', { name: /^Needs attention/ });
    await attention.getByRole('link', { name: 'Q1 founders outreach' }).waitFor();
    await attention.getByText('Its automation is not running in n8n: open its Automation tab').waitFor();
    await attention.getByRole('link', { name: 'spare@acme.example' }).waitFor();
    await checkPage(page, 'dashboard');

    // The range is in the URL and the totals follow it.
    await page.getByLabel('Date range').selectOption('7d');
    await page.waitForURL((url) => url.searchParams.get('range') === '7d');
    await page.getByRole('heading', { name: /^Last 7 days/ }).waitFor();
    expect(await kpi('Sent').textContent()).toBe('4');
    // A custom range starts as the one shown; a month long past has nothing in it.
    await page.getByLabel('Date range').selectOption('custom');
    const lastWeek = (await app.http.get('/api/stats/overview?days=7').set(auth)).body;
    await page.waitForURL((url) => url.searchParams.get('range') === 'custom' && url.searchParams.get('from') === lastWeek.from);
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(lastWeek.from);
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(lastWeek.to);
    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    // Half typed, the range is too long: the page says so and asks the API nothing.
    await page.getByRole('alert').getByText('Choose at most 366 days.').waitFor();
    await page.getByLabel('To', { exact: true }).fill('2020-01-31');
    // In the browser's locale (en-US here): month names, the year once.
    await page.getByRole('heading', { name: /^Jan 1\s–\s31, 2020$/ }).waitFor();
    expect(await kpi('Sent').textContent()).toBe('0');
    await checkPage(page, 'dashboard-custom-range');

    await attention.getByRole('link', { name: 'spare@acme.example' }).click();
    await page.waitForURL((url) => url.pathname === `/mailboxes/${paused.body.id}`);
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
