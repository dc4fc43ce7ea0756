// A campaign's page in Chromium, fed by the real API: a campaign with a sandbox mailbox, two steps and
// four enrolled leads, created through the API; sends, a reply and an unsubscribe reported through the
// signed n8n callbacks while the page is open. Each shows on screen without a reload; the breakdown
// tables, the daily chart, the enrolments (one stopped from the page) and the activity feed follow.
// How fast the figures show is not asserted here (speed targets are for benchmarks).
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { type BrowserSession, checkPage, registerInBrowser, startBrowser } from '../browser.js';
import { createCampaign, createLead, sequenceBody } from '../campaignApi.js';
import { createListeningTestApp } from '../listeningApp.js';
import { callAsN8n } from '../n8nCallbacks.js';
import { claimDue, sentResult, type ClaimedItem } from '../sentMessages.js';
import type { SignedUp } from '../testApp.js';

// Long enough for a loaded host: the wait is for the figure to arrive live, not a speed target.
const liveUpdateWaitMs = 15_000;
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

const kpi = (label: string) => page.getByRole('group', { name: label, exact: true });

/** Waits until the KPI shows `value` (no reload in between: the test checks that at its end). */
async function kpiReaches(label: string, value: string): Promise<void> {
  await expect
    .poll(
      () =>
        kpi(label)
          .getByTestId(/-value$/)
          .textContent(),
      { timeout: liveUpdateWaitMs, interval: 50 },
    )
    .toBe(value);
}

async function reportInbound(type: 'replied' | 'unsubscribe_request', item: ClaimedItem) {
  const response = await callAsN8n(app, '/api/internal/n8n/inbound-events', {
    events: [
      {
        eventId: randomUUID(),
        type,
        inReplyToMessageId: `<ophir.${item.sendId}@ophir.example>`,
        receivedAt: new Date().toISOString(),
        message: {
          from: item.lead.email,
          subject: 'Re: hello',
          text: type === 'replied' ? 'Sounds good, call me Tuesday.' : 'Please remove me.',
        },
      },
    ],
  });
  expect(response.status, response.text).toBe(200);
}

async function reportSent(item: ClaimedItem) {
  const response = await callAsN8n(app, '/api/internal/n8n/events', {
    results: [sentResult(new ManualClock(new Date()), item, item.mailboxes[0].id)],
  });
  expect(response.status, response.text).toBe(200);
  expect(response.body.applied).toBe(1);
}

describe("a campaign's page in a browser", () => {
  it('moves Sent, Replies and Unsubscribes live, shows the breakdowns and chart, and stops an enrolment', async () => {
    const email = `owner-${Date.now()}@acme.example`;
    const password = 'correct horse battery';
    await registerInBrowser(page, app.url, { name: 'Ada Lovelace', organization: 'Acme Outreach', email, password });
    const login = await app.http.post('/api/auth/login').send({ email, password });
    expect(login.status, login.text).toBe(200);
    const owner: SignedUp = { ...login.body, auth: { Authorization: `Bearer ${login.body.accessToken}` } };
    const { auth } = owner;

    const { campaignId, mailboxIds } = await createCampaign(app.http, owner, { name: 'Q1 founders outreach' });
    const settings = await app.http
      .patch(`/api/campaigns/${campaignId}`)
      .set(auth)
      .send({
        schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00', useLeadTimezone: false },
        trackOpens: true,
        trackClicks: true,
      });
    expect(settings.status, settings.text).toBe(200);
    const sequence = await app.http.put(`/api/campaigns/${campaignId}/sequence`).set(auth).send(sequenceBody());
    expect(sequence.status, sequence.text).toBe(200);
    const leadIds: string[] = [];
    for (const name of ['Grace', 'Alan', 'Edsger', 'Barbara'])
      leadIds.push(
        await createLead(app.http, owner, {
          email: `${name.toLowerCase()}@prospect.example`,
          firstName: name,
          company: `${name} Labs`,
          customFields: { plan: 'Pro' },
        }),
      );
    const senderEmail = (await app.http.get(`/api/mailboxes/${mailboxIds[0]}`).set(auth)).body.email as string;
    const enrolled = await app.http.post(`/api/campaigns/${campaignId}/enrollments`).set(auth).send({ leadIds });
    expect(enrolled.body.enrolled, enrolled.text).toBe(4);
    // Starting deploys the workflow to n8n, which this test does not run; the campaign is marked sending as a start would.
    await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'active' } });
    const items = await claimDue(app, campaignId, 3);
    expect(items).toHaveLength(3);
    await reportSent(items[0]!);
    await reportSent(items[1]!);
    const waitingLead = ['grace', 'alan', 'edsger', 'barbara']
      .map((name) => `${name}@prospect.example`)
      .find((address) => !items.some((item) => item.lead.email === address))!;

    // A fresh navigation to the page shows the headline numbers.
    await page.goto(`${app.url}/campaigns/${campaignId}`);
    await kpi('Sent').getByText('2', { exact: true }).waitFor();
    await page.evaluate('window.notReloaded = true');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Updating live' }).count()).toBe(1);
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: 'By mailbox' })
          .getByRole('row', { name: new RegExp(senderEmail) })
          .count(),
      )
      .toBe(1);
    expect(await kpi('Replies').getByTestId('kpi-replies-value').textContent()).toBe('0');
    await page.getByText('Opens 0%').waitFor();
    expect(await page.getByText('— unreliable').count()).toBe(2);

    await reportSent(items[2]!);
    await kpiReaches('Sent', '3');
    await reportInbound('replied', items[0]!);
    await kpiReaches('Replies', '1');
    expect(await kpi('Reply rate').getByTestId('kpi-reply-rate-value').textContent()).toMatch(/^33[.,]3\s?%$/);
    await reportInbound('unsubscribe_request', items[1]!);
    await kpiReaches('Unsubscribes', '1');

    const byStep = page.getByRole('table', { name: 'By step' });
    await expect.poll(() => byStep.getByRole('row', { name: /Step 1\s+3\s+1\s+33/ }).count()).toBe(1);
    const byVariant = page.getByRole('table', { name: 'By variant' });
    const { variants } = (await app.http.get(`/api/campaigns/${campaignId}/stats`).set(auth)).body;
    expect(await byVariant.getByRole('row').count()).toBe(1 + variants.length);
    await page
      .getByRole('img', { name: /per day/ })
      .locator('svg.recharts-surface')
      .first()
      .waitFor();
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await checkPage(page, 'campaign-detail-overview');

    await page.getByRole('navigation', { name: 'Campaign sections' }).getByRole('link', { name: 'Enrolments' }).click();
    const enrolments = page.getByRole('table', { name: 'Enrolments' });
    await enrolments.getByRole('row', { name: new RegExp(waitingLead) }).waitFor();
    await checkPage(page, 'campaign-detail-enrollments');
    await enrolments.getByRole('button', { name: `Stop ${waitingLead}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Stop the sequence for ${waitingLead}?` });
    await confirm.getByRole('button', { name: 'Stop sequence' }).click();
    await enrolments.getByRole('row', { name: new RegExp(`${waitingLead}.*Stopped`) }).waitFor();
    await expect
      .poll(async () => (await app.http.get(`/api/campaigns/${campaignId}/stats`).set(auth)).body.enrolled.stopped)
      .toBeGreaterThanOrEqual(1);
    await page.getByText(/Enrolled 4: .* stopped$/).waitFor();

    await page.getByRole('navigation', { name: 'Campaign sections' }).getByRole('link', { name: 'Activity' }).click();
    const activity = page.getByRole('table', { name: 'Recent activity, newest first' });
    await activity.getByRole('row').nth(1).waitFor();
    const kinds = await activity.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(kinds.slice(0, 2)).toEqual(['Unsubscribed', 'Replied']);
    expect(kinds.filter((kind) => kind === 'Sent')).toHaveLength(3);
    await checkPage(page, 'campaign-detail-activity');

    await page.getByRole('navigation', { name: 'Campaign sections' }).getByRole('link', { name: 'Automation' }).click();
    await page.getByText('This campaign has no automation yet').waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).getAttribute('href')).toBe(`/campaigns/${campaignId}/edit`);
    expect(await page.evaluate('window.notReloaded === true')).toBe(true);

    // A recipient's unsubscribe link opens a page that asks first (a GET changes nothing).
    const recipient = await session.newPage();
    await recipient.page.goto(items[2]!.message.unsubscribeUrl);
    await recipient.page.getByRole('heading', { name: 'Unsubscribe?' }).waitFor();
    await checkPage(recipient.page, 'unsubscribe-confirm', { failFrom: 'moderate' });
    await recipient.context.close();
    expect(consoleErrors.join('\n')).toBe('');
  });
});
