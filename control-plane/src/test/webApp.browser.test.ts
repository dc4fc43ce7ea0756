// End to end in a real browser: Debian's Chromium drives the built web app against the real control plane and Postgres.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtWebAppDir } from '../lib/http/webApp.js';
import { checkPage as checkBrowserPage, startBrowser, type BrowserSession } from './browser.js';
import { createListeningTestApp } from './listeningApp.js';

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

const checkPage = (name: string) => checkBrowserPage(page, name);

describe('the web app in a browser', () => {
  it('registers, shows the shell with the organization, survives a reload, signs out, shows a taken email on its field and signs in again', async () => {
    const email = `owner-${Date.now()}@acme.example`;
    const password = 'correct horse battery';

    await page.goto(`${app.url}/register`);
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    await checkPage('register');
    await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await page.getByLabel('Organization', { exact: true }).fill('Acme Outreach');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    await page.getByText('Acme Outreach').waitFor();
    // A new organization lands on the dashboard, with its first steps to take.
    await page.getByRole('heading', { name: 'Getting started' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    for (const link of ['Dashboard', 'Leads', 'Mailboxes', 'Settings'])
      expect(await nav.getByRole('link', { name: link }).count(), link).toBe(1);
    await nav.getByRole('link', { name: 'Mailboxes' }).click();
    await page.getByText('No mailboxes yet').waitFor();
    await checkPage('mailboxes');

    // A reload loses the in-memory access token; the httpOnly session cookie signs the browser in again.
    await page.reload();
    await page.getByText('No mailboxes yet').waitFor();
    await page.getByText('Acme Outreach').waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'ophir_refresh')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/auth',
    });
    expect(await page.evaluate('document.cookie')).toBe('');

    // The mailboxes the API has for this organization show in a real table.
    const apiLogin = await app.http.post('/api/auth/login').send({ email, password });
    const created = await app.http
      .post('/api/mailboxes/sandbox')
      .set('Authorization', `Bearer ${apiLogin.body.accessToken}`)
      .send({ email: 'outreach@acme.example', displayName: 'Outbound team' });
    expect(created.status).toBe(201);
    await page.reload();
    const table = page.getByRole('table', { name: 'Mailboxes' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Address',
      'Provider',
      'Status',
      'Health',
      'Sent today / cap',
      'Limit ramp-up',
      'Inbox read',
    ]);
    expect(
      await table
        .getByRole('row', { name: /outreach@acme\.example/ })
        .getByRole('cell')
        .allTextContents(),
    ).toContain('Sandbox');
    await checkPage('mailboxes-table');

    await nav.getByRole('link', { name: 'Leads' }).click();
    await page.getByText('No leads yet').waitFor();
    await checkPage('leads');
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    expect(await page.getByText(email).count()).toBeGreaterThan(0);
    await checkPage('settings');

    await page.getByRole('button', { name: /^User menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await checkPage('sign-in');
    // Signed out means the cookie no longer signs in: a reload stays on the sign-in page.
    await page.goto(`${app.url}/mailboxes`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    // The API's field error lands on the field it names.
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Ada Again');
    await page.getByLabel('Organization', { exact: true }).fill('Acme Two');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    const takenEmail = page.getByRole('textbox', { name: 'Email' });
    await page.getByText('An account with this email already exists').waitFor();
    expect(await takenEmail.getAttribute('aria-invalid')).toBe('true');
    expect(
      await takenEmail.evaluate(
        (input) =>
          input.getAttribute('aria-describedby') &&
          input.ownerDocument.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent,
      ),
    ).toBe('An account with this email already exists');
    await page.getByRole('link', { name: 'Sign in' }).click();

    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByText('Acme Outreach').waitFor();

    // Nothing else went wrong in the page: no CSP refusal, no script error, no failed API call.
    expect(consoleErrors).toEqual([]);
  }, 90_000);

  it('loads at most 250 kB of gzipped JavaScript before the first page (docs/performance.md)', async () => {
    const indexHtml = await readFile(path.join(builtWebAppDir, 'index.html'), 'utf8');
    const initial = [...indexHtml.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map(
      (match) => match[1] ?? '',
    );
    expect(initial.length).toBeGreaterThan(0);
    let gzipped = 0;
    for (const file of initial) gzipped += gzipSync(await readFile(path.join(builtWebAppDir, file))).length;
    expect(gzipped).toBeLessThanOrEqual(250 * 1024);
  });
});
