// Warm-up on a mailbox's page in Chromium: with two sandbox mailboxes, warm-up is switched on for one through its
// card (a target out of range refused on its field first), the API keeps what was saved, the card says the pool
// needs a second mailbox until the other one warms up too, the card passes axe, and a viewer only reads it.
// With days of warm-up recorded, the card's totals and daily table show them, and the health card its inbox
// placement; the card's loading and error states are screenshotted too.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage, registerInBrowser, screenshotDir, signInInBrowser, startBrowser } from '../browser.js';
import { createListeningTestApp } from '../listeningApp.js';
import { seedWarmupDays } from '../warmupFixtures.js';

let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let session: BrowserSession;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  app = await createListeningTestApp();
  session = await startBrowser();
  ({ page, consoleErrors } = await session.newPage());
  page.setDefaultTimeout(60_000);
});
afterAll(async () => {
  await session?.close();
  await app?.close();
});

describe('warm-up in a browser', () => {
  it('switches warm-up on for a mailbox from its page and explains why nothing is exchanged until a second one warms up', async () => {
    const email = `owner-${Date.now()}@acme.example`;
    const password = 'correct horse battery';
    await registerInBrowser(page, app.url, { name: 'Ada Lovelace', organization: 'Acme', email, password });
    const login = await app.http.post('/api/auth/login').send({ email, password });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const [sales, support] = await Promise.all(
      ['sales@acme.example', 'support@acme.example'].map((address) =>
        app.http.post('/api/mailboxes/sandbox').set(auth).send({ email: address, displayName: 'Acme' }),
      ),
    );
    expect(sales!.status, sales!.text).toBe(201);
    expect(support!.status, support!.text).toBe(201);

    await page.goto(`${app.url}/mailboxes/${sales!.body.id}`);
    const card = page.getByRole('region', { name: 'Warm-up' });
    await card.getByText('Off', { exact: true }).waitFor();
    await card.getByText('Starts at 2 a day and adds 2 each day until 30: day 5 sends 10.', { exact: false }).waitFor();
    await card.getByText('No warm-up messages in the last 30 days.').waitFor();

    await card.getByRole('switch', { name: 'Warm up this mailbox' }).check();
    const target = card.getByLabel('Warm-up messages a day (target)', { exact: true });
    await target.fill('500');
    await card.getByRole('button', { name: 'Save warm-up' }).click();
    await card.getByText('Use a number from 1 to 200').waitFor();
    await target.fill('6');
    await card.getByText('Starts at 2 a day and adds 2 each day until 6: day 5 sends 6.', { exact: false }).waitFor();
    await card.getByLabel('Reply to received messages (%)', { exact: true }).fill('40');
    await card.getByLabel('Language of the messages', { exact: true }).selectOption('de');
    await card.getByRole('button', { name: 'Save warm-up' }).click();

    await card.getByText('Warming · day 1 of 14', { exact: true }).waitFor();
    await card.getByText(/Warm-up needs at least 2 mailboxes in your organization/).waitFor();
    await card.locator('..').screenshot({ path: path.join(screenshotDir, 'mailbox-warmup-card-alone.png') });
    const stored = await app.http.get(`/api/mailboxes/${sales!.body.id}/warmup`).set(auth);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      enabled: true,
      targetPerDay: 6,
      replyRatePercent: 40,
      weekdaysOnly: true,
      language: 'de',
      rampStart: 2,
      rampStep: 2,
      rampDay: 1,
      warming: true,
      pool: { ownMailboxes: 1, ready: false },
    });

    const french = await app.http.put(`/api/mailboxes/${support!.body.id}/warmup`).set(auth).send({ enabled: true, language: 'fr' });
    expect(french.status).toBe(400);
    const other = await app.http
      .put(`/api/mailboxes/${support!.body.id}/warmup`)
      .set(auth)
      .send({ enabled: true, targetPerDay: 30, replyRatePercent: 30, weekdaysOnly: true });
    expect(other.status, other.text).toBe(200);
    await page.reload();
    await card.getByText('Warming · day 1 of 14', { exact: true }).waitFor();
    expect(await card.getByText('Nothing is exchanged yet.').count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await checkPage(page, 'mailbox-warmup');
    await card.locator('..').screenshot({ path: path.join(screenshotDir, 'mailbox-warmup-card.png') });
    expect(consoleErrors).toEqual([]);

    // A viewer reads the same card and cannot change it.
    const invitation = await app.http.post('/api/invitations').set(auth).send({ email: 'vic@acme.example', role: 'viewer' });
    expect(invitation.status, invitation.text).toBe(201);
    await app.http.post('/api/invitations/accept').send({ token: invitation.body.token, name: 'Vic Viewer', password });
    const viewer = await session.newPage();
    await signInInBrowser(viewer.page, app.url, { email: 'vic@acme.example', password });
    await viewer.page.goto(`${app.url}/mailboxes/${sales!.body.id}`);
    const viewerCard = viewer.page.getByRole('region', { name: 'Warm-up' });
    await viewerCard.getByText('Your role can read the warm-up settings; a member or admin can change them.').waitFor();
    expect(await viewerCard.getByRole('switch', { name: 'Warm up this mailbox' }).isDisabled()).toBe(true);
    expect(await viewerCard.getByRole('button', { name: 'Save warm-up' }).count()).toBe(0);
    expect(viewer.consoleErrors).toEqual([]);
  }, 180_000);

  it('shows days of warm-up in its totals and daily table, and the placement in the health card', async () => {
    const email = `history-${Date.now()}@acme.example`;
    const password = 'correct horse battery';
    const history = await session.newPage();
    await registerInBrowser(history.page, app.url, { name: 'Grace Hopper', organization: 'Navy', email, password });
    const login = await app.http.post('/api/auth/login').send({ email, password });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const [sales, support] = await Promise.all(
      ['sales@navy.example', 'support@navy.example'].map((address) =>
        app.http.post('/api/mailboxes/sandbox').set(auth).send({ email: address }),
      ),
    );
    for (const mailbox of [sales!, support!]) {
      const on = await app.http.put(`/api/mailboxes/${mailbox.body.id}/warmup`).set(auth).send({ enabled: true });
      expect(on.status, on.text).toBe(200);
    }
    const now = new Date();
    await seedWarmupDays(
      app.prisma,
      { organizationId: login.body.organization.id, mailboxId: sales!.body.id, peerMailboxId: support!.body.id, now },
      [
        { daysAgo: 0, sent: 6, inbox: 4, replied: 1, received: 5 }, // 2 not observed yet
        { daysAgo: 1, sent: 8, inbox: 6, spam: 2, rescued: 2, replied: 3, received: 7 },
        { daysAgo: 3, sent: 4, inbox: 2, spam: 1, missing: 1, rescued: 1, replied: 1, received: 4 },
        { daysAgo: 9, sent: 2, inbox: 2, received: 2 }, // counted in the 30 days, not in the 7
      ],
    );

    await history.page.goto(`${app.url}/mailboxes/${sales!.body.id}`);
    const card = history.page.getByRole('region', { name: 'Warm-up' });
    const table = card.getByRole('table', { name: 'Warm-up per day' });
    await table.waitFor();
    const figures = await card
      .locator('dl > div')
      .evaluateAll((items) => items.map((item) => (item as unknown as { innerText: string }).innerText.split('\n')));
    expect(figures).toEqual([
      ['Sent', '20'],
      ['Inbox placement (last 7 days)', '75%'],
      ['Rescued from spam', '3'],
      ['Answered', '5'],
      ['Received', '18'],
    ]);
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((cell) => (cell as unknown as { innerText: string }).innerText)),
      );
    const day = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
    const label = (daysAgo: number) => day.format(new Date(now.getTime() - daysAgo * 86_400_000));
    // Newest first; days without warm-up are left out.
    expect(rows).toEqual([
      [label(0), '6', '100%\n2 not seen yet', '0', '1', '5'],
      [label(1), '8', '75%', '2', '3', '7'],
      [label(3), '4', '50%', '1', '1', '4'],
      [label(9), '2', '100%', '0', '0', '2'],
    ]);
    await card.scrollIntoViewIfNeeded();
    await checkPage(history.page, 'mailbox-warmup-history');
    await card.locator('..').screenshot({ path: path.join(screenshotDir, 'mailbox-warmup-history-card.png') });

    const health = history.page.getByRole('region', { name: 'Health' });
    await health.getByText('Inbox placement (warm-up)').waitFor();
    await health.getByText('12 of 16 warm-up messages in the inbox over 7 days (75.0%; 3 in spam, 1 missing)', { exact: false }).waitFor();
    await health.getByText('Warming · day 1 of 14', { exact: true }).waitFor();
    await health.screenshot({ path: path.join(screenshotDir, 'mailbox-health-placement.png') });
    expect(history.consoleErrors).toEqual([]);

    // While the settings load, and when they cannot be read.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await history.page.route('**/api/mailboxes/*/warmup', async (route) => {
      await held;
      await route.continue();
    });
    await history.page.reload();
    await card.getByRole('status', { name: 'Loading the warm-up settings' }).waitFor();
    await card.locator('..').screenshot({ path: path.join(screenshotDir, 'mailbox-warmup-card-loading.png') });
    release();
    await card.getByRole('switch', { name: 'Warm up this mailbox' }).waitFor();
    await history.page.unroute('**/api/mailboxes/*/warmup');
    await history.page.route('**/api/mailboxes/*/warmup', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Internal Server Error',
          status: 500,
          code: 'internal',
          detail: 'Something went wrong on our side.',
        }),
      }),
    );
    await history.page.reload();
    await card.getByRole('alert').getByText('Something went wrong on our side.').waitFor();
    await card.locator('..').screenshot({ path: path.join(screenshotDir, 'mailbox-warmup-card-error.png') });
    await history.page.unroute('**/api/mailboxes/*/warmup');
    await card.getByRole('button', { name: 'Try again' }).click();
    await card.getByRole('switch', { name: 'Warm up this mailbox' }).waitFor();
  }, 180_000);
});
