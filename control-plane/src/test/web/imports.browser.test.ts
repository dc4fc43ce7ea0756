// The Leads area end to end in Chromium at 1024 px: a list is created, a CSV with a repeated and a broken row goes
// through the import wizard into it (counters, the rejected row with its line number, the history), and
// suppressions are added by address, by domain and by CSV, searched and one removed after confirmation.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage, newOwnerPage, startBrowser } from '../browser.js';
import { createListeningTestApp } from '../listeningApp.js';

let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let session: BrowserSession;
let importsDir: string;

beforeAll(async () => {
  importsDir = await mkdtemp(path.join(tmpdir(), 'ophir-imports-browser-'));
  app = await createListeningTestApp({ env: { LEAD_IMPORTS_DIR: importsDir } });
  session = await startBrowser();
});
afterAll(async () => {
  await session?.close();
  await app?.close();
  await rm(importsDir, { recursive: true, force: true });
});

// Line 1 is the header; line 4 repeats line 2's address; line 5 has no usable address.
const leadsCsv = [
  'Email,First Name,Company,Notes',
  'ada@acme.example,Ada,Acme,met at a conference',
  'grace@navy.example,Grace,Navy,',
  'ADA@acme.example,,Acme,second row for Ada',
  'not-an-email,Bad,Row,',
].join('\r\n');

/** axe and a screenshot, and nothing wider than the 1024 px window: neither the page nor a table in it scrolls sideways. */
async function checkNarrowPage(page: Page, name: string) {
  await checkPage(page, name);
  expect(await page.evaluate('document.documentElement.scrollWidth'), name).toBeLessThanOrEqual(1024);
  const tablesScrolling = await page
    .locator('table')
    .evaluateAll((tables) =>
      tables.filter((table) => table.parentElement!.scrollWidth > table.parentElement!.clientWidth).map((table) => table.textContent),
    );
  expect(tablesScrolling, name).toEqual([]);
}

const leadsSections = (page: Page) => page.getByRole('navigation', { name: 'Leads sections' });

async function openSection(page: Page, name: string) {
  await leadsSections(page).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  expect(await leadsSections(page).getByRole('link', { name }).getAttribute('aria-current')).toBe('page');
}

describe('imports, lists and suppressions in a browser', () => {
  it('imports a CSV through the wizard into a new list, shows its counters and rejected row, and manages suppressions', async () => {
    const { page, consoleErrors } = await newOwnerPage(session, app.url, { width: 1024, height: 768 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    await page.getByText('No leads yet').waitFor();

    // Lists: empty, then a new one (a taken name is refused on its field).
    await openSection(page, 'Lists');
    await page.getByText('No lists yet').waitFor();
    for (const attempt of ['first', 'again']) {
      await page.getByRole('button', { name: 'New list' }).click();
      await page.getByLabel('List name').fill('Conference 2026');
      await page.getByRole('button', { name: 'Create list' }).click();
      if (attempt === 'first') await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    await page.getByText('A list with this name already exists').waitFor();
    expect(await page.getByLabel('List name').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    const lists = page.getByRole('table', { name: 'Lists' });
    expect(
      await lists
        .getByRole('row', { name: /Conference 2026/ })
        .getByRole('cell')
        .allTextContents(),
    ).toContain('0');
    await checkNarrowPage(page, 'lists');

    // The wizard, from the leads page's Import CSV button.
    await openSection(page, 'Leads');
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const fileInput = page.getByLabel('CSV file');
    await fileInput.waitFor();
    await checkNarrowPage(page, 'import-upload');
    // A picture is refused with the API's reason; a file abandoned at the mapping is cancelled, not left waiting.
    await fileInput.setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
    });
    expect(await page.getByRole('alert').textContent()).toMatch(/^The file is not a CSV file: /);
    await fileInput.setInputFiles({ name: 'draft.csv', mimeType: 'text/csv', buffer: Buffer.from('email\r\nsomeone@draft.example\r\n') });
    await page.getByRole('button', { name: 'Upload another file' }).click();
    await fileInput.setInputFiles({ name: 'conference.csv', mimeType: 'text/csv', buffer: Buffer.from(leadsCsv) });

    // The mapping: the API's proposal preselected, samples and the detected format beside it.
    const mapping = page.getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    const importAs = (header: string) => page.getByRole('combobox', { name: `Import “${header}” as` });
    expect(await importAs('Email').inputValue()).toBe('email');
    expect(await importAs('First Name').inputValue()).toBe('firstName');
    expect(await importAs('Company').inputValue()).toBe('company');
    expect(await importAs('Notes').inputValue()).toBe('custom');
    expect(await mapping.getByRole('row', { name: /^Email/ }).textContent()).toContain('grace@navy.example');
    expect(await page.getByText('Delimiter').locator('..').textContent()).toContain('Comma');
    expect(await page.getByText('Encoding').locator('..').textContent()).toContain('UTF-8');
    // A second email column is said on that column, and undone.
    await importAs('Company').selectOption('email');
    await page.getByText('Email is already imported from “Email”').waitFor();
    await importAs('Company').selectOption('company');
    await checkNarrowPage(page, 'import-mapping');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Options, then the last step's Start import.
    await page.getByLabel('Add every lead of the file to a list').selectOption({ label: 'Conference 2026' });
    await page.getByRole('radio', { name: /Update them/ }).check();
    await checkNarrowPage(page, 'import-options');
    const eventStream = page.waitForResponse((response) => /\/api\/lead-imports\/[^/]+\/events$/.test(response.url()));
    await page.getByRole('button', { name: 'Start import' }).click();
    // The counters follow the import's server-sent events, not a polling fallback.
    expect((await eventStream).headers()['content-type']).toContain('text/event-stream');

    // The counters as the API reports them: Ada and Grace imported, Ada's second row merged, the bad row rejected.
    await page.getByText('Completed', { exact: true }).waitFor();
    for (const counter of ['2 imported', '1 rejected', '1 duplicates', '0 skipped', '0 suppressed'])
      await page.getByText(counter, { exact: true }).waitFor();
    expect(await page.getByText(/4 rows read/).count()).toBe(1);
    const rejected = page.getByRole('table', { name: 'Rows not imported' });
    const rejectedRow = rejected.getByRole('row', { name: /not-an-email/ });
    expect((await rejectedRow.getByRole('cell').allTextContents())[0]).toBe('5');
    await checkNarrowPage(page, 'import-done');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download rejected rows' }).click();
    const download = await downloading;
    const downloaded = await readFile((await download.path()) ?? '', 'utf8');
    expect(
      downloaded
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(0, 2),
    ).toEqual(['line,error,Email,First Name,Company,Notes', expect.stringMatching(/^5,.*,not-an-email,Bad,Row,$/)]);

    // The history shows it, and it opens again on its counters.
    await openSection(page, 'Imports');
    const history = page.getByRole('table', { name: 'Imports' });
    const row = history.getByRole('row', { name: /conference\.csv/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      expect.stringMatching(/^conference\.csvUploaded /),
      'Completed',
      '4',
      '2',
      '0',
      '1',
      '1',
    ]);
    await checkNarrowPage(page, 'imports');
    // The upload time fits one line at 1024 px: this year's reads without the year, the full moment is its tooltip.
    const uploaded = row.locator('time');
    expect(await uploaded.textContent()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2}\s[AP]M$/);
    expect(await uploaded.getAttribute('title')).toMatch(/^Uploaded [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M$/);
    // An inline element has one box per line it spans.
    expect(await uploaded.evaluate((element) => element.getClientRects().length)).toBe(1);
    expect(
      await history
        .getByRole('row', { name: /draft\.csv/ })
        .getByRole('cell')
        .nth(1)
        .textContent(),
    ).toBe('Cancelled');
    await row.getByRole('link', { name: 'conference.csv' }).click();
    await page.getByText('2 imported', { exact: true }).waitFor();

    // The list got the file's two leads.
    await openSection(page, 'Lists');
    expect(
      await lists
        .getByRole('row', { name: /Conference 2026/ })
        .getByRole('cell')
        .allTextContents(),
    ).toContain('2');

    // Suppressions: an address, a domain, a CSV; search; remove one after confirming.
    await openSection(page, 'Suppressions');
    await page.getByText('Nothing suppressed yet').waitFor();
    await page.getByRole('button', { name: 'Add suppression' }).click();
    await page.getByLabel('Email address').fill('grace@navy.example');
    await page.getByLabel('Reason').selectOption('unsubscribed');
    await page.getByRole('button', { name: 'Suppress', exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Add suppression' }).click();
    await page.getByLabel('Suppress', { exact: true }).selectOption('domain');
    await page.getByLabel('Domain').fill('@spam.example');
    await page.getByRole('button', { name: 'Suppress', exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByLabel('Suppression CSV file').setInputFiles({
      name: 'blocklist.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('email\r\nceo@competitor.example\r\ngrace@navy.example\r\nnot an address\r\n'),
    });
    await page.getByRole('button', { name: 'Import suppressions' }).click();
    await page.getByText('3 rows read: 1 added, 1 already suppressed, 1 rejected.').waitFor();
    expect(await page.getByText(/^Line 4:/).count()).toBe(1);
    await page.getByRole('button', { name: 'Done' }).click();

    const suppressions = page.getByRole('table', { name: 'Suppressions' });
    await suppressions.getByRole('row', { name: /ceo@competitor\.example/ }).waitFor();
    expect(
      await suppressions
        .getByRole('row', { name: /spam\.example/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['spam.exampleDomain', 'Your choice', 'Added in Ophir', expect.any(String), 'Remove']);
    // A CSV without a reason column: the organization's own choice, which came in through the import.
    expect(
      await suppressions
        .getByRole('row', { name: /ceo@competitor\.example/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['ceo@competitor.exampleAddress', 'Your choice', 'CSV import', expect.any(String), 'Remove']);
    expect(
      await suppressions
        .getByRole('row', { name: /grace@navy\.example/ })
        .getByRole('cell')
        .allTextContents(),
    ).toContain('Unsubscribed');
    await checkNarrowPage(page, 'suppressions');

    await page.getByRole('searchbox', { name: 'Search suppressions' }).fill('navy');
    await page.waitForURL(/search=navy/);
    await expect.poll(() => suppressions.getByRole('row').count()).toBe(2);
    await page.getByRole('button', { name: 'Remove suppression of grace@navy.example' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Remove the suppression of grace@navy.example?').waitFor();
    await checkNarrowPage(page, 'suppressions-remove');
    await confirm.getByRole('button', { name: 'Remove suppression' }).click();
    await page.getByText('No suppression matches this search.').waitFor();
    await page.getByRole('searchbox', { name: 'Search suppressions' }).fill('');
    await suppressions.getByRole('row', { name: /spam\.example/ }).waitFor();
    expect(await suppressions.getByRole('row', { name: /grace@navy\.example/ }).count()).toBe(0);
    expect(await suppressions.getByRole('row', { name: /ceo@competitor\.example/ }).count()).toBe(1);

    // Nothing went wrong in the page but the list name and the picture refused on purpose (the browser logs those).
    expect(consoleErrors).toEqual([
      'Failed to load resource: the server responded with a status of 409 (Conflict)',
      'Failed to load resource: the server responded with a status of 415 (Unsupported Media Type)',
    ]);
  }, 120_000);
});
