// A marketer's whole campaign journey in Chromium on the real stack: PostgreSQL, the control plane on a
// real port, the provisioned n8n running the campaign-sender and inbox-watcher workflows with our nodes,
// and a sandbox mailbox (it captures what it sends and takes simulated replies). A two-step campaign is
// built in the UI (a Handlebars mistake is shown at its field, then fixed), an imported list is enrolled,
// the readiness checklist turns green, the campaign starts and runs now, and the Sent counter moves live.
// The captured message shows the personalization and the List-Unsubscribe headers; its link unsubscribes
// the lead and the counter follows. A reply arrives in the sandbox mailbox, n8n's inbox watcher files it and
// it appears in the inbox live; it is labelled and answered, and the answer is sent in the thread. Finally
// the deployed workflow is edited through n8n's API, shows as drifted with the diff, and is reset. Every page
// visited is checked with axe (no serious or critical violation) and photographed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8nClient } from '../../lib/n8n/n8nClient.js';
import { n8nApiKeyName } from '../../modules/platform/platformSecrets.js';
import { type BrowserSession, checkPage, signInInBrowser, startBrowser } from '../browser.js';
import { createListeningTestApp } from '../listeningApp.js';
import { editBusinessHoursGateInN8n, n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from '../realN8n.js';
import { signUp, type SignedUp } from '../testApp.js';
import { until } from '../until.js';

const password = 'correct horse battery staple';
const campaignName = 'Journey outreach';
const sandboxEmail = 'journey@acme.example';
const leads = [
  { email: 'grace@navy.example', firstName: 'Grace', company: 'Navy Labs' },
  { email: 'alan@bletchley.example', firstName: 'Alan', company: 'Bletchley Park' },
  { email: 'edsger@eindhoven.example', firstName: 'Edsger', company: 'Eindhoven' },
];
/** The workflow's own runs take a few seconds each on a loaded host. */
const n8nMs = 90_000;

let n8n: TestN8n;
let n8nApi: N8nClient;
let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let owner: SignedUp;
let ownerEmail: string;
let mailboxId: string;
let session: BrowserSession;
let page: Page;
const consoleErrors: string[] = [];

/**
 * Collects what a page logs as an error. The auth routes refuse on purpose before sign-in, and the sequence's
 * as-you-type check answers a template mistake with its 400 problem (the browser logs both as failed loads).
 */
function watchConsole(on: Page) {
  on.on('console', (message) => {
    const url = message.location().url;
    if (message.type() === 'error' && !url.includes('/api/auth/') && !url.endsWith('/sequence/validate'))
      consoleErrors.push(message.text());
  });
  on.on('pageerror', (error) => consoleErrors.push(error.message));
}

const mainNav = (on: Page) => on.getByRole('navigation', { name: 'Main' });
const step = (number: number) => page.getByRole('group', { name: `Step ${number}`, exact: true });

/** A counter of the campaign's page, as the number it shows under its label ("Sent", "1,204" reads 1204). */
async function counter(on: Page, label: string): Promise<number> {
  const [name, value] = (await on.getByRole('group', { name: label, exact: true }).innerText())
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return name === label && value && /^[\d,]+$/.test(value) ? Number(value.replaceAll(',', '')) : Number.NaN;
}

/**
 * A CSV of the three leads, imported through the API into a new list, as the import wizard would, without
 * the address check: their .example domains (RFC 2606) never resolve, so it would rightly mark them invalid.
 */
async function importList(name: string): Promise<void> {
  const list = await app.http.post('/api/lead-lists').set(owner.auth).send({ name });
  expect(list.status, list.text).toBe(201);
  const csv = ['email,firstName,company', ...leads.map((lead) => `${lead.email},${lead.firstName},${lead.company}`)].join('\n');
  const preview = await app.http.post('/api/lead-imports').set(owner.auth).set('Content-Type', 'text/csv').send(Buffer.from(csv));
  expect(preview.body.status, preview.text).toBe('previewed');
  const committed = await app.http
    .post(`/api/lead-imports/${preview.body.id}/commit`)
    .set(owner.auth)
    .send({ listId: list.body.id, verifyAddresses: false });
  expect(committed.status, committed.text).toBe(202);
  await until('the import finished', async () => {
    const progress = await app.http.get(`/api/lead-imports/${preview.body.id}`).set(owner.auth);
    return progress.body.status === 'completed';
  });
}

describe.skipIf(!n8nProvisioned)(n8nSuite("a marketer's campaign journey in a browser on the real stack"), () => {
  beforeAll(async () => {
    n8n = await startTestN8n();
    n8nApi = new N8nClient({ baseUrl: n8n.url, apiKey: n8n.apiKey, attempts: 2 });
    app = await createListeningTestApp({ env: { N8N_URL: n8n.url, N8N_POLL_MINUTES: '60', ACCESS_TOKEN_TTL_SECONDS: '3600' } });
    await app.app.platformSecrets.set(n8nApiKeyName, n8n.apiKey);
    ownerEmail = `marketer-${Date.now()}@acme.example`;
    owner = await signUp(app.http, { email: ownerEmail, password, name: 'Mara Marketer', organizationName: 'Acme Outreach' });
    const mailbox = await app.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: sandboxEmail, displayName: 'Acme sales' });
    expect(mailbox.status, mailbox.text).toBe(201);
    mailboxId = mailbox.body.id;
    await importList('Journey leads');
    session = await startBrowser();
    ({ page } = await session.newPage());
    watchConsole(page);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    await app?.close();
    await n8n?.stop();
  }, 60_000);

  it('builds, starts and runs a campaign, sees sends, an unsubscribe and a reply live, answers it, and resets a drifted workflow', async () => {
    await signInInBrowser(page, app.url, { email: ownerEmail, password });
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await checkPage(page, 'journey-dashboard');

    // A new campaign, named in the dialog; its builder opens.
    await mainNav(page).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('button', { name: 'New campaign' }).click();
    await page.getByRole('textbox', { name: 'Campaign name' }).fill(campaignName);
    await checkPage(page, 'journey-new-campaign');
    await page.getByRole('textbox', { name: 'Campaign name' }).press('Enter');
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}\/edit$/);
    const campaignId = /\/campaigns\/([0-9a-f-]{36})\/edit$/.exec(page.url())![1]!;

    // Two steps; a Handlebars mistake in the first body is shown at the field, then fixed.
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByRole('button', { name: 'Add step' }).click();
    await step(2).waitFor();
    await step(1).getByLabel('Subject', { exact: true }).fill('Quick question, {{lead.firstName}}');
    const firstBody = step(1).getByLabel('Body', { exact: true });
    await firstBody.fill('Hi {{lead.firstName}, a question for {{lead.company}}.\n\n{{unsubscribeUrl}}');
    await expect.poll(() => firstBody.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    const mistake = await firstBody.evaluate((field) =>
      (field.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id: string) => field.ownerDocument.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(mistake).toMatch(/\S/);
    await checkPage(page, 'journey-sequence-mistake');
    await firstBody.fill('Hi {{lead.firstName}}, a question for {{lead.company}}.\n\n{{unsubscribeUrl}}');
    await step(2).getByLabel('Delay', { exact: true }).fill('2');
    await step(2).getByLabel('Body', { exact: true }).fill('Following up on my note, {{lead.firstName}}.\n\n{{unsubscribeUrl}}');
    await expect.poll(() => firstBody.getAttribute('aria-invalid'), { timeout: 10_000 }).toBeNull();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(async () => (await app.http.get(`/api/campaigns/${campaignId}/sequence`).set(owner.auth)).body.steps?.length, {
        timeout: 10_000,
      })
      .toBe(2);
    const saved = (await app.http.get(`/api/campaigns/${campaignId}/sequence`).set(owner.auth)).body;
    expect(saved.steps[0].variants[0].bodyText).toBe('Hi {{lead.firstName}}, a question for {{lead.company}}.\n\n{{unsubscribeUrl}}');
    expect(saved.steps[1]).toMatchObject({ delayAmount: 2 });

    // The sandbox mailbox sends, every day around the clock.
    await page.getByRole('checkbox', { name: sandboxEmail }).check();
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])
      await page.getByRole('checkbox', { name: day, exact: true }).check();
    await page.getByLabel('From', { exact: true }).fill('00:00');
    await page.getByLabel('Until', { exact: true }).fill('23:59');
    await page.getByRole('button', { name: 'Save sending settings' }).click();
    await expect
      .poll(async () => (await app.http.get(`/api/campaigns/${campaignId}`).set(owner.auth)).body.mailboxIds, { timeout: 10_000 })
      .toEqual([mailboxId]);

    // The imported list, enrolled.
    await page.getByLabel('Lead list', { exact: true }).selectOption({ label: 'Journey leads (3)' });
    await page.getByRole('button', { name: 'Count leads' }).click();
    await page.getByRole('button', { name: 'Enrol 3 leads' }).click();
    await page.getByText('3 leads enrolled so far.').waitFor();

    // The readiness checklist is green: every check the API makes passes, and each says so on the page.
    const readiness = page.getByRole('region', { name: 'Readiness' });
    await readiness.getByText('3 leads enrolled').waitFor();
    const checks = (await app.http.get(`/api/campaigns/${campaignId}/readiness`).set(owner.auth)).body;
    expect(checks.checks.filter((check: { passed: boolean }) => !check.passed)).toEqual([]);
    for (const check of checks.checks as Array<{ message: string }>) await readiness.getByText(check.message).waitFor();
    await checkPage(page, 'journey-ready');

    await page.getByRole('button', { name: 'Start campaign' }).click();
    await page.getByRole('button', { name: 'Pause campaign' }).waitFor({ timeout: n8nMs });
    const started = (await app.http.get(`/api/campaigns/${campaignId}`).set(owner.auth)).body;
    expect(started.status).toBe('active');
    const deployment = await app.prisma.workflowDeployment.findUniqueOrThrow({ where: { campaignId } });
    expect(deployment.status).toBe('active');

    // The campaign's page: run now, and Sent moves without a reload.
    await page.goto(`${app.url}/campaigns/${campaignId}`);
    await page.getByRole('group', { name: 'Sent', exact: true }).waitFor();
    expect(await counter(page, 'Sent')).toBe(0);
    await page.evaluate('window.notReloaded = true');
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(() => counter(page, 'Sent'), { timeout: n8nMs, interval: 200 }).toBe(3);
    expect(await page.evaluate('window.notReloaded === true')).toBe(true);
    await checkPage(page, 'journey-campaign-sent');

    // What Grace received, as the sandbox captured it: her name and company, and the one-click unsubscribe headers.
    const mailboxTab = await page.context().newPage();
    watchConsole(mailboxTab);
    await mailboxTab.goto(`${app.url}/mailboxes`);
    await mailboxTab.getByRole('link', { name: sandboxEmail }).click();
    const captured = mailboxTab.getByRole('list', { name: 'Captured messages' });
    await captured.getByRole('button', { name: /grace@navy\.example/ }).click();
    const message = mailboxTab.getByRole('article', { name: 'Message: Quick question, Grace' });
    await message.waitFor();
    const body = message.frameLocator('iframe[title="Message body"]');
    await body.getByText('Hi Grace, a question for Navy Labs.').waitFor();
    const header = async (name: string) =>
      (await message
        .locator('dt', { hasText: new RegExp(`^${name}$`) })
        .locator('xpath=following-sibling::dd[1]')
        .textContent()) ?? '';
    const listUnsubscribe = await header('List-Unsubscribe');
    expect(await header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = /<(https?:\/\/[^>]+)>/.exec(listUnsubscribe)?.[1];
    expect(unsubscribeUrl, listUnsubscribe).toBeDefined();
    await checkPage(mailboxTab, 'journey-sandbox-message');

    // Grace follows the link in her own browser; the campaign page counts the unsubscribe live.
    expect(await counter(page, 'Unsubscribes')).toBe(0);
    const lead = await session.newPage();
    await lead.page.goto(unsubscribeUrl!);
    await lead.page.getByRole('heading', { name: 'Unsubscribe?' }).waitFor();
    await checkPage(lead.page, 'journey-unsubscribe-confirm');
    await lead.page.getByRole('button', { name: 'Unsubscribe' }).click();
    await lead.page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    await checkPage(lead.page, 'journey-unsubscribed');
    await lead.context.close();
    await expect.poll(() => counter(page, 'Unsubscribes'), { timeout: 10_000, interval: 200 }).toBe(1);

    // Alan replies in the sandbox mailbox; n8n's inbox watcher files it and the inbox shows it without a reload.
    await mainNav(mailboxTab).getByRole('link', { name: 'Inbox' }).click();
    await mailboxTab.getByRole('heading', { name: 'No replies yet' }).waitFor();
    await checkPage(mailboxTab, 'journey-inbox-empty');
    await mailboxTab.evaluate('window.notReloaded = true');
    const alanCapture = (await app.http.get(`/api/mailboxes/${mailboxId}/sandbox-messages`).set(owner.auth)).body.data.find(
      (captured: { to: string }) => captured.to.includes('alan@bletchley.example'),
    );
    const simulated = await app.http
      .post(`/api/mailboxes/${mailboxId}/sandbox-messages/${alanCapture.id}/simulate`)
      .set(owner.auth)
      .send({ kind: 'reply', bodyText: 'Sounds good, can we talk on Thursday?' });
    expect(simulated.status, simulated.text).toBe(202);
    const conversation = mailboxTab.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: /Alan/ });
    await conversation.waitFor({ timeout: n8nMs });
    expect(await mailboxTab.evaluate('window.notReloaded === true')).toBe(true);
    await expect.poll(() => counter(page, 'Replies'), { timeout: 10_000, interval: 200 }).toBe(1);

    // Labelled, then answered from the same mailbox; the answer is sent in the thread by the inbox watcher.
    await conversation.click();
    const thread = mailboxTab.getByRole('region', { name: /Alan/ });
    await thread.getByText('Sounds good, can we talk on Thursday?').waitFor();
    await thread.getByLabel('Label').selectOption({ label: 'Interested' });
    await conversation.getByText('Interested').waitFor();
    await mailboxTab.getByRole('textbox', { name: 'Reply', exact: true }).fill('Thursday at 10:00 works. I will send an invite.');
    await mailboxTab.getByRole('button', { name: 'Send reply' }).click();
    const answer = mailboxTab.getByRole('list', { name: 'Messages' }).getByRole('article', { name: 'Your reply' });
    await answer.getByText('Thursday at 10:00 works.', { exact: false }).waitFor();
    await answer.getByText('Sent', { exact: true }).waitFor({ timeout: n8nMs });
    await checkPage(mailboxTab, 'journey-inbox-reply-sent');
    const sentAnswer = await app.prisma.inboxMessage.findFirstOrThrow({ where: { direction: 'outbound' } });
    expect(sentAnswer).toMatchObject({ status: 'sent', mailboxId });

    // An operator changes the workflow in n8n: its automation shows the edit with the diff, and is reset to the template.
    const gateBefore = await editBusinessHoursGateInN8n(n8nApi, deployment.n8nWorkflowId!);
    await app.app.reconciler.runOnce();
    await mainNav(page).getByRole('link', { name: 'Automations' }).click();
    const row = page.getByRole('table', { name: 'Automations' }).getByRole('row', { name: new RegExp(campaignName) });
    await row.getByText('Edited in n8n', { exact: true }).waitFor();
    await checkPage(page, 'journey-deployments-drifted');
    await row.getByRole('link', { name: `Campaign: ${campaignName}` }).click();
    await page.getByText('Edited in n8n', { exact: true }).first().waitFor();
    await page.getByText('"Business Hours Gate", start: (not set) → "10:00"').waitFor();
    await checkPage(page, 'journey-deployment-drifted');
    await page.getByRole('button', { name: 'Reset to template' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Reset to template' }).click();
    await page.getByText('None: matches the template').waitFor({ timeout: n8nMs });
    expect(
      (await n8nApi.getWorkflow(deployment.n8nWorkflowId!))!.nodes.find((node) => node.name === 'Business Hours Gate')!.parameters,
    ).toEqual(gateBefore);
    await checkPage(page, 'journey-deployment-reset');

    expect(consoleErrors).toEqual([]);
  }, 600_000);
});
