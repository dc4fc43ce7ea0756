// The Mailboxes pages end to end in Chromium: a sandbox mailbox and an SMTP one (refused login on its field,
// then saved) added through the UI, Gmail connected through the fake Google's consent and back, an Outlook one shown
// warming once its warm-up is on, then one mailbox's detail page: health parts, the usage chart, limits with a client
// and a server field error, pause and resume, a captured message rendered in a sandboxed frame, and deletion after
// confirmation.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage, registerInBrowser, screenshotDir, startBrowser } from '../browser.js';
import { FakeGoogle } from '../fakes/fakeGoogle.js';
import { FakeMicrosoft } from '../fakes/fakeMicrosoft.js';
import { LocalSmtpServer } from '../fakes/localSmtpServer.js';
import { createListeningTestApp } from '../listeningApp.js';
import { callAsN8n } from '../n8nCallbacks.js';

const smtpPassword = 'smtp-password-browser-1';
const google = new FakeGoogle();
const microsoft = new FakeMicrosoft();
const smtpServer = new LocalSmtpServer({ username: 'mailer@acme.example', password: smtpPassword });
let smtpAt: { host: string; port: number };
let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let session: BrowserSession;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  await google.start();
  await microsoft.start();
  smtpAt = await smtpServer.start();
  app = await createListeningTestApp({ env: { ...google.env(), ...microsoft.env() } });
  session = await startBrowser();
  ({ page, consoleErrors } = await session.newPage());
});
afterAll(async () => {
  await session?.close();
  await app?.close();
  await smtpServer.stop();
  await google.stop();
  await microsoft.stop();
});

const mailboxesTable = () => page.getByRole('table', { name: 'Mailboxes' });
const rowOf = (address: string) => mailboxesTable().getByRole('row', { name: new RegExp(address.replaceAll('.', '\\.')) });

async function chooseAddMailbox(option: 'Gmail' | 'Outlook' | 'SMTP' | 'Sandbox') {
  await page.getByRole('button', { name: 'Add mailbox' }).click();
  await page.getByRole('menuitem', { name: option, exact: true }).click();
}

/** The text of the error a field is described by, and whether it is marked invalid. */
async function fieldError(label: string) {
  const field = page.getByLabel(label, { exact: true });
  return field.evaluate((input) => ({
    invalid: input.getAttribute('aria-invalid'),
    error: input.ownerDocument.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? null,
  }));
}

describe('the Mailboxes pages in a browser', () => {
  it('adds sandbox, SMTP and Gmail mailboxes, and edits, pauses, reads and deletes one on its page', async () => {
    const email = `owner-${Date.now()}@acme.example`;
    const password = 'correct horse battery';
    await registerInBrowser(page, app.url, { name: 'Ada Lovelace', organization: 'Acme Outreach', email: email, password: password });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailboxes' }).click();
    await page.getByText('No mailboxes yet').waitFor();
    await page.getByText('choose Add mailbox above').waitFor();
    await checkPage(page, 'mailboxes-empty');

    // The menu offers the four kinds by their exact names.
    await page.getByRole('button', { name: 'Add mailbox' }).click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Gmail', 'Outlook', 'SMTP', 'Sandbox']);
    await checkPage(page, 'mailbox-add-menu', { failFrom: 'moderate' });
    await page.keyboard.press('Escape');

    // Sandbox: address and display name.
    await chooseAddMailbox('Sandbox');
    const sandboxDialog = page.getByRole('dialog', { name: 'Add a sandbox mailbox' });
    await sandboxDialog.getByLabel('Address', { exact: true }).fill('demo@sandbox.example');
    await sandboxDialog.getByLabel('Display name', { exact: true }).fill('Demo team');
    await checkPage(page, 'mailbox-add-sandbox');
    await sandboxDialog.getByRole('button', { name: 'Add sandbox mailbox' }).click();
    await page.getByText('Sandbox mailbox demo@sandbox.example added').waitFor();
    await rowOf('demo@sandbox.example').waitFor();
    expect(await sandboxDialog.count()).toBe(0);

    // SMTP against a real SMTP server: the refused login shows on the password field, in the server's words.
    await chooseAddMailbox('SMTP');
    const smtpDialog = page.getByRole('dialog', { name: 'Add an SMTP mailbox' });
    await smtpDialog.getByLabel('Address', { exact: true }).fill('mailer@acme.example');
    await smtpDialog.getByLabel('SMTP host', { exact: true }).fill(smtpAt.host);
    await smtpDialog.getByLabel('SMTP port', { exact: true }).fill(String(smtpAt.port));
    await smtpDialog.getByLabel('SMTP security', { exact: true }).selectOption('none');
    await smtpDialog.getByLabel('SMTP password', { exact: true }).fill('not the password');
    await smtpDialog.getByRole('button', { name: 'Check and add mailbox' }).click();
    await smtpDialog.getByText(/535 Invalid username or password/).waitFor();
    expect(await fieldError('SMTP password')).toEqual({
      invalid: 'true',
      error: expect.stringContaining('535 Invalid username or password (fake-smtp)'),
    });
    expect((await fieldError('SMTP host')).invalid).toBeNull();
    await checkPage(page, 'mailbox-add-smtp');
    await smtpDialog.getByLabel('SMTP password', { exact: true }).fill(smtpPassword);
    await smtpDialog.getByRole('button', { name: 'Check and add mailbox' }).click();
    await page.getByText('SMTP mailbox mailer@acme.example added').waitFor();
    await rowOf('mailer@acme.example').waitFor();

    // Gmail: the real redirect to the (fake) consent screen and back to the app, which names the new mailbox.
    google.nextConsent({ email: 'ada@gmail.example' });
    await chooseAddMailbox('Gmail');
    await page.waitForURL((url) => url.pathname === '/mailboxes' && !url.search.includes('connected'));
    await page.getByText('Gmail mailbox is connected').waitFor();
    await rowOf('ada@gmail.example').waitFor();
    expect(google.calls('authorize')).toHaveLength(1);

    // A consent the user cancels comes back as a sentence, and connects nothing.
    google.nextConsent({ email: 'grace@gmail.example', deny: true });
    await chooseAddMailbox('Gmail');
    await page.getByText('The consent was cancelled, so nothing was connected.').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await rowOf('grace@gmail.example').count()).toBe(0);

    // Outlook goes the same way through Microsoft's consent.
    microsoft.nextConsent({ email: 'ada@outlook.example' });
    await chooseAddMailbox('Outlook');
    await page.getByText('Outlook mailbox is connected').waitFor();
    await rowOf('ada@outlook.example').waitFor();

    const table = mailboxesTable();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Address',
      'Provider',
      'Status',
      'Health',
      'Sent today / cap',
      'Limit ramp-up',
      'Inbox read',
    ]);
    expect(await rowOf('ada@gmail.example').getByRole('cell').allTextContents()).toEqual([
      'ada@gmail.example',
      'Gmail',
      'Active',
      '90',
      '0 / 10cap 30',
      'Day 1, 10/day',
      'Not yet',
    ]);
    expect(await rowOf('demo@sandbox.example').getByRole('cell').allTextContents()).toEqual([
      'demo@sandbox.exampleDemo team',
      'Sandbox',
      'Active',
      '90',
      '0 / 30',
      'Off',
      'Not yet',
    ]);
    await checkPage(page, 'mailboxes-table');
    // Usable at 1024 px wide: the table fits beside the navigation.
    await page.setViewportSize({ width: 1024, height: 800 });
    await checkPage(page, 'mailboxes-table-1024');
    const [tableWidth, roomWidth] = await table.evaluate((element) => [
      element.parentElement!.scrollWidth,
      element.parentElement!.clientWidth,
    ]);
    expect(tableWidth, `the table needs ${tableWidth}px of ${roomWidth}px`).toBeLessThanOrEqual(roomWidth!);
    await page.setViewportSize({ width: 1280, height: 800 });

    const apiLogin = await app.http.post('/api/auth/login').send({ email, password });
    const auth = { Authorization: `Bearer ${apiLogin.body.accessToken}` };
    const idOf = async (address: string) =>
      (await app.http.get('/api/mailboxes').set(auth)).body.data.find((mailbox: { email: string }) => mailbox.email === address)
        .id as string;

    // A mailbox in its first 14 days of warm-up says which day it is, under its status.
    const warming = await app.http
      .put(`/api/mailboxes/${await idOf('ada@outlook.example')}/warmup`)
      .set(auth)
      .send({ enabled: true });
    expect(warming.status, warming.text).toBe(200);
    await page.reload();
    await rowOf('ada@outlook.example').getByText('Warming · day 1 of 14', { exact: true }).waitFor();
    expect(await rowOf('ada@outlook.example').getByRole('cell').nth(2).textContent()).toBe('ActiveWarming · day 1 of 14');
    expect(
      await mailboxesTable()
        .getByText(/^Warming/)
        .count(),
    ).toBe(1);
    await checkPage(page, 'mailboxes-warming');

    // A message the sandbox mailbox captured, with HTML the page must not run.
    const sandboxId = await idOf('demo@sandbox.example');
    const mime = [
      'From: Demo team <demo@sandbox.example>',
      'To: lead@example.com',
      'Subject: =?UTF-8?Q?Quick_question_about_caf=C3=A9s?=',
      'Message-ID: <browser-1@ophir.test>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Hi Grace, <b>are you free</b> on Tuesday?</p><form action="https://evil.example"><button>Win</button></form>',
    ].join('\r\n');
    const captured = await callAsN8n(app, '/api/internal/n8n/sandbox-messages', {
      mailboxId: sandboxId,
      messageId: '<browser-1@ophir.test>',
      to: 'lead@example.com',
      raw: Buffer.from(mime).toString('base64'),
    });
    expect(captured.status).toBe(201);

    // The detail page.
    await rowOf('demo@sandbox.example').getByRole('link', { name: 'demo@sandbox.example' }).click();
    await page.getByRole('heading', { name: 'demo@sandbox.example', level: 1 }).waitFor();
    const health = page.getByRole('region', { name: 'Health' });
    for (const part of ['Hard bounces', 'Failed sends', 'Replies', 'Connection', 'Age'])
      await health.getByText(part, { exact: true }).waitFor();
    await health.getByText('90 / 100').waitFor();
    await page.getByRole('region', { name: 'Usage' }).locator('.recharts-surface').waitFor();
    await page.getByRole('article', { name: 'Message: Quick question about cafés' }).waitFor();
    await checkPage(page, 'mailbox-detail');

    // Limits: a value the form refuses, then one only the server refuses, each on its field.
    const limits = page.getByRole('region', { name: 'Limits' });
    await limits.getByLabel('Daily cap', { exact: true }).fill('0');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await limits.getByText('Use a number from 1 to 2000').waitFor();
    expect(await fieldError('Daily cap')).toEqual({ invalid: 'true', error: 'Use a number from 1 to 2000' });
    await limits.getByLabel('Daily cap', { exact: true }).fill('45');
    await limits.getByLabel('Time zone', { exact: true }).fill('EST');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await limits
      .getByText(/America\/New_York/)
      .first()
      .waitFor();
    expect(await fieldError('Time zone')).toMatchObject({ invalid: 'true', error: expect.stringContaining('America/New_York') });
    expect((await fieldError('Daily cap')).invalid).toBeNull();
    await checkPage(page, 'mailbox-limits-errors');
    await limits.getByLabel('Time zone', { exact: true }).fill('America/New_York');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await page.getByText('Limits saved').waitFor();
    expect((await app.http.get(`/api/mailboxes/${sandboxId}`).set(auth)).body).toMatchObject({
      dailyCap: 45,
      timezone: 'America/New_York',
    });
    await page.getByText(/last 30 days \(America\/New_York\)/).waitFor();

    // Pause and resume.
    await page.getByRole('button', { name: 'Pause sending' }).click();
    await page.getByText('Paused by a user').waitFor();
    await page.getByRole('button', { name: 'Resume sending' }).waitFor();
    expect((await app.http.get(`/api/mailboxes/${sandboxId}`).set(auth)).body.status).toBe('paused');
    await checkPage(page, 'mailbox-paused');
    await page.getByRole('button', { name: 'Resume sending' }).click();
    await page.getByRole('button', { name: 'Pause sending' }).waitFor();
    expect((await app.http.get(`/api/mailboxes/${sandboxId}`).set(auth)).body.status).toBe('active');

    // The captured message: headers decoded, the HTML only inside a frame sandboxed with no permissions.
    const message = page.getByRole('article', { name: 'Message: Quick question about cafés' });
    await message.getByText('<browser-1@ophir.test>').waitFor();
    const frame = message.locator('iframe[title="Message body"]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('src')).toBeNull();
    await page.frameLocator('iframe[title="Message body"]').getByText('are you free').waitFor();
    await frame.screenshot({ path: path.join(screenshotDir, 'mailbox-sandbox-message-body.png') });
    expect(await page.locator('main form[action="https://evil.example"]').count()).toBe(0);
    await checkPage(page, 'mailbox-sandbox-message');

    // Delete, after a confirmation that names the mailbox.
    await page.getByRole('button', { name: 'Delete mailbox' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete demo@sandbox.example?' });
    await confirm.waitFor();
    await checkPage(page, 'mailbox-delete-confirm');
    await confirm.getByRole('button', { name: 'Delete mailbox' }).click();
    await page.getByText('demo@sandbox.example was deleted').waitFor();
    await page.waitForURL((url) => url.pathname === '/mailboxes');
    await rowOf('mailer@acme.example').waitFor();
    await rowOf('demo@sandbox.example').waitFor({ state: 'detached' });
    expect((await app.http.get(`/api/mailboxes/${sandboxId}`).set(auth)).status).toBe(404);

    // The only failed loads are the two refusals this test asked for (the SMTP login, the time zone).
    const unexpected = consoleErrors.filter((text) => !/status of (422|400)/.test(text));
    expect(unexpected).toEqual([]);
    expect(consoleErrors).toHaveLength(2);
  }, 120_000);
});
