// Lead address verification in Chromium: an import through the wizard checks its addresses against a real DNS
// server on 127.0.0.1 (on by default for a new organization), its result shows the counts, the leads table shows
// each address's check with its reason, filters by it, and chosen leads are checked again from the bulk actions.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage, newOwnerPage, startBrowser } from '../browser.js';
import { createListeningTestApp } from '../listeningApp.js';
import { startLocalDnsServer, type LocalDnsServer } from '../localDnsServer.js';

let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let session: BrowserSession;
let dns: LocalDnsServer;
let importsDir: string;

beforeAll(async () => {
  dns = await startLocalDnsServer(
    { 'acme.example': { MX: [{ exchange: 'mx.acme.example', priority: 10 }] } },
    { silent: ['slow.example'] },
  );
  importsDir = await mkdtemp(path.join(tmpdir(), 'ophir-verify-browser-'));
  app = await createListeningTestApp({
    env: { LEAD_IMPORTS_DIR: importsDir, OPHIR_DNS_SERVERS: dns.address, OPHIR_DNS_TIMEOUT_MS: '300' },
  });
  session = await startBrowser();
});
afterAll(async () => {
  await session?.close();
  await app?.close();
  await dns.close();
  await rm(importsDir, { recursive: true, force: true });
});

const leadsCsv = [
  'Email,First Name,Company',
  'ada@acme.example,Ada,Acme',
  'sales@acme.example,,Acme',
  'bob@dead-domain.example,Bob,Gone Ltd',
  'carl@slow.example,Carl,Slow Inc',
  'temp@mailinator.com,Temp,',
].join('\r\n');

describe('lead address verification in a browser', () => {
  it('checks an import’s addresses, shows the counts and each lead’s check with its reason, and filters by it', async () => {
    const { page, consoleErrors } = await newOwnerPage(session, app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByLabel('CSV file').setInputFiles({ name: 'prospects.csv', mimeType: 'text/csv', buffer: Buffer.from(leadsCsv) });
    await page.getByRole('table', { name: 'Column mapping' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();

    // A new organization verifies by default.
    const verify = page.getByRole('checkbox', { name: /Verify addresses/ });
    await verify.waitFor();
    expect(await verify.isChecked()).toBe(true);
    await checkPage(page, 'verify-import-options');
    await page.getByRole('button', { name: 'Start import' }).click();

    const check = page.getByRole('group', { name: 'Address check' });
    await check.waitFor({ timeout: 30_000 });
    expect(await check.textContent()).toContain('Addresses checked: 5 leads on 4 domains');
    const count = async (label: string) =>
      (await check.getByText(label, { exact: true }).locator('xpath=following-sibling::dd[1]').textContent())?.trim();
    expect([await count('Valid'), await count('Risky'), await count('Invalid'), await count('Unknown')]).toEqual(['1', '1', '2', '1']);
    await checkPage(page, 'verify-import-done');

    // The leads table: each address's check, its reason as the badge's tooltip.
    await page.getByRole('navigation', { name: 'Leads sections' }).getByRole('link', { name: 'Leads' }).click();
    const table = page.getByRole('table');
    const rowOf = (email: string) => table.getByRole('row', { name: new RegExp(email.replace('.', '\\.')) });
    await rowOf('bob@dead-domain.example').waitFor();
    // The badge reads its status, then (for screen readers) its reason; the reason is also its title.
    const badgeOf = (email: string) => rowOf(email).locator('span[title]', { hasText: /^(Valid|Risky|Invalid|Unknown|Not checked): / });
    expect(await badgeOf('bob@dead-domain.example').getAttribute('title')).toBe('The domain does not exist: email to it bounces.');
    expect(await badgeOf('bob@dead-domain.example').textContent()).toMatch(/^Invalid: /);
    expect(await badgeOf('sales@acme.example').getAttribute('title')).toMatch(/shared inbox/);
    expect(await badgeOf('carl@slow.example').textContent()).toMatch(/^Unknown: .*did not answer in time/);
    await checkPage(page, 'verify-leads-table');

    // Filtered to the invalid ones.
    await page.getByLabel('Address check').selectOption('invalid');
    await page.getByText('2 leads match these filters').waitFor();
    expect(await table.getByRole('row', { name: /ada@acme\.example/ }).count()).toBe(0);

    // Checked again from the bulk actions: the dialog follows the run to its counts.
    await page.getByRole('checkbox', { name: 'Select bob@dead-domain.example' }).check();
    await page.getByRole('region', { name: 'Selected leads' }).getByRole('button', { name: 'Verify addresses' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verify addresses' });
    await dialog.getByRole('button', { name: 'Check addresses' }).click();
    await dialog.getByText('Addresses checked: 1 lead on 1 domain').waitFor();
    await checkPage(page, 'verify-bulk-dialog');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
