// Warm-up on a mailbox's page in Chromium: with two sandbox mailboxes, warm-up is switched on for one through its
// card (a target out of range refused on its field first), the API keeps what was saved, the card says the pool
// needs a second mailbox until the other one warms up too, the card passes axe, and a viewer only reads it.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage, registerInBrowser, screenshotDir, signInInBrowser, startBrowser } from '../browser.js';
import { createListeningTestApp } from '../listeningApp.js';

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
    await card.getByRole('button', { name: 'Save warm-up' }).click();

    await card.getByText('Warming: day 1 of 14', { exact: true }).waitFor();
    await card.getByText(/Warm-up needs at least 2 mailboxes in your organization/).waitFor();
    await card.locator('..').screenshot({ path: path.join(screenshotDir, 'mailbox-warmup-card-alone.png') });
    const stored = await app.http.get(`/api/mailboxes/${sales!.body.id}/warmup`).set(auth);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      enabled: true,
      targetPerDay: 6,
      replyRatePercent: 40,
      weekdaysOnly: true,
      rampStart: 2,
      rampStep: 2,
      rampDay: 1,
      warming: true,
      pool: { ownMailboxes: 1, ready: false },
    });

    const other = await app.http
      .put(`/api/mailboxes/${support!.body.id}/warmup`)
      .set(auth)
      .send({ enabled: true, targetPerDay: 30, replyRatePercent: 30, weekdaysOnly: true });
    expect(other.status, other.text).toBe(200);
    await page.reload();
    await card.getByText('Warming: day 1 of 14', { exact: true }).waitFor();
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
});
