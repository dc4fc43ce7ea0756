// The campaign builder's Sequence and Preview sections in Chromium, on the real API: a campaign and a lead
// created through the API; two steps built on screen; a Handlebars mistake shown at its field as it is typed
// (the API's side-effect-free check), fixed, and saved; step 1 previewed for the lead with its headers; a
// test sent to the sandbox mailbox and opened there.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage, registerInBrowser, startBrowser } from '../browser.js';
import { createListeningTestApp } from '../listeningApp.js';

let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let session: BrowserSession;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  app = await createListeningTestApp();
  session = await startBrowser();
  ({ page } = await session.newPage());
  // The check answers a sequence with problems 400 as the save does, which the browser logs as a failed load; nothing else may fail.
  page.on('console', (message) => {
    const url = message.location().url;
    if (message.type() === 'error' && !url.includes('/api/auth/') && !url.endsWith('/sequence/validate'))
      consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});
afterAll(async () => {
  await session?.close();
  await app?.close();
});

const step = (n: number) => page.getByRole('group', { name: `Step ${n}`, exact: true });

describe("the campaign builder's sequence and preview in a browser", () => {
  it('builds two steps, shows a template mistake at its field as it is typed, saves, previews for a lead and opens a test send', async () => {
    const email = `owner-${Date.now()}@acme.example`;
    const password = 'correct horse battery';
    await registerInBrowser(page, app.url, { name: 'Ada Lovelace', organization: 'Acme Outreach', email, password });
    const login = await app.http.post('/api/auth/login').send({ email, password });
    expect(login.status, login.text).toBe(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const mailbox = await app.http
      .post('/api/mailboxes/sandbox')
      .set(auth)
      .send({ email: 'sales@acme.example', displayName: 'Acme sales' });
    expect(mailbox.status, mailbox.text).toBe(201);
    const created = await app.http
      .post('/api/campaigns')
      .set(auth)
      .send({ name: 'Q1 founders outreach', mailboxIds: [mailbox.body.id] });
    expect(created.status, created.text).toBe(201);
    const campaignId = created.body.id as string;
    const lead = await app.http
      .post('/api/leads')
      .set(auth)
      .send({ email: 'grace@prospect.example', firstName: 'Grace', company: 'Hopper Labs', customFields: { plan: 'Pro' } });
    expect(lead.status, lead.text).toBe(201);

    await page.goto(`${app.url}/campaigns/${campaignId}/edit?section=sequence`);
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByRole('button', { name: 'Add step' }).click();
    await step(1).getByLabel('Subject').fill('Quick question for {{lead.company}}');
    const body = step(1).getByLabel('Body');
    await body.fill('Hi {{lead.fristName}},\n\nIs {{lead.custom.plan}} still your plan?\n\nUnsubscribe: {{unsubscribeUrl}}');
    await step(1).getByText('Unknown variable "lead.fristName"; did you mean "lead.firstName"?').waitFor();
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'campaign-sequence-error');

    await body.fill(
      'Hi {{default lead.firstName "there"}},\n\nIs {{lead.custom.plan}} still your plan?\n\nUnsubscribe: {{unsubscribeUrl}}',
    );
    await expect.poll(() => page.getByText(/Unknown variable/).count()).toBe(0);
    await step(2).getByLabel('Delay').fill('2');
    await step(2).getByLabel('Unit').selectOption('business_days');
    await step(2)
      .getByText(/about 2 business days after step 1, in the lead's window/)
      .waitFor();
    await step(2).getByLabel('Body').fill('Bumping this, {{default lead.firstName "there"}}.\n\nUnsubscribe: {{unsubscribeUrl}}');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    await checkPage(page, 'campaign-sequence-saved');
    const saved = await app.http.get(`/api/campaigns/${campaignId}/sequence`).set(auth);
    expect(saved.body.steps.map((s: { delayAmount: number; delayUnit: string }) => [s.delayAmount, s.delayUnit])).toEqual([
      [0, 'days'],
      [2, 'business_days'],
    ]);

    await page.goto(`${app.url}/campaigns/${campaignId}/edit?section=preview`);
    const preview = page.getByRole('article', { name: 'Step 1 for grace@prospect.example' });
    await preview.getByText('Quick question for Hopper Labs').waitFor();
    await preview.getByText(/Is Pro still your plan\?/).waitFor();
    await preview.getByText('List-Unsubscribe', { exact: true }).waitFor();
    await checkPage(page, 'campaign-preview');

    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByRole('link', { name: 'Open it in the sandbox mailbox' }).click();
    await page.getByRole('article', { name: 'Message: Quick question for Hopper Labs' }).waitFor();
    await checkPage(page, 'campaign-test-send-in-sandbox');
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
