// The first hour of a new user, end to end in Chromium against the real control plane and PostgreSQL, with
// no curl: register, add a sandbox mailbox, import a CSV with a duplicate and a bad row through the wizard,
// find a lead, add it to a list, suppress an address, invite a viewer who signs in and can change nothing,
// sign out. Each page visited is checked by axe (src/test/browser.ts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage, signOut, startBrowser } from '../browser.js';
import { createListeningTestApp } from '../listeningApp.js';

let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let session: BrowserSession;

beforeAll(async () => {
  app = await createListeningTestApp();
  session = await startBrowser();
});
afterAll(async () => {
  await session?.close();
  await app?.close();
});

// Line 1 is the header; line 4 repeats line 2's address; line 5 has no usable address.
const conferenceCsv = [
  'Email,First Name,Last Name,Company',
  'ada@analytical.example,Ada,Lovelace,Analytical Engines',
  'grace@navy.example,Grace,Hopper,Navy',
  'ADA@analytical.example,,,Analytical Engines',
  'not-an-email,Bad,Row,Nowhere',
].join('\r\n');

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

describe('a new marketer in the browser', () => {
  it('registers, adds a mailbox, imports leads, finds one, lists it, suppresses an address, invites a viewer and signs out', async () => {
    const stamp = Date.now();
    const ownerEmail = `owner-${stamp}@flow.example`;
    const viewerEmail = `viewer-${stamp}@flow.example`;
    const password = 'correct horse battery';
    const { page, consoleErrors } = await session.newPage();

    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Ada Owner');
    await page.getByLabel('Organization', { exact: true }).fill('Flow Outreach');
    await page.getByLabel('Email', { exact: true }).fill(ownerEmail);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await mainNav(page).waitFor();

    // A sandbox mailbox to send from.
    await mainNav(page).getByRole('link', { name: 'Mailboxes' }).click();
    await page.getByRole('button', { name: 'Add mailbox' }).click();
    await page.getByRole('menuitem', { name: 'Sandbox', exact: true }).click();
    const sandboxDialog = page.getByRole('dialog', { name: 'Add a sandbox mailbox' });
    await sandboxDialog.getByLabel('Address', { exact: true }).fill('outreach@flow.example');
    await sandboxDialog.getByLabel('Display name', { exact: true }).fill('Flow team');
    await sandboxDialog.getByRole('button', { name: 'Add sandbox mailbox' }).click();
    await page
      .getByRole('table', { name: 'Mailboxes' })
      .getByRole('row', { name: /outreach@flow\.example/ })
      .waitFor();
    await checkPage(page, 'flow-mailboxes');

    // The import wizard: the proposed mapping as is, then the counters the API reports.
    await mainNav(page).getByRole('link', { name: 'Leads' }).click();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByLabel('CSV file').setInputFiles({ name: 'conference.csv', mimeType: 'text/csv', buffer: Buffer.from(conferenceCsv) });
    await page.getByRole('table', { name: 'Column mapping' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByText('Completed', { exact: true }).waitFor();
    for (const counter of ['2 imported', '1 rejected', '1 duplicates']) await page.getByText(counter, { exact: true }).waitFor();
    const rejected = page.getByRole('table', { name: 'Rows not imported' }).getByRole('row', { name: /not-an-email/ });
    expect((await rejected.getByRole('cell').allTextContents())[0]).toBe('5');
    await checkPage(page, 'flow-import-done');

    // Find Grace by a fragment of her name, and add her to a new list.
    await mainNav(page).getByRole('link', { name: 'Leads' }).click();
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('hopp');
    await page.waitForURL((url) => url.searchParams.get('search') === 'hopp');
    const leads = page.getByRole('table', { name: 'Leads' });
    await leads.getByRole('button', { name: 'grace@navy.example' }).waitFor();
    await page.getByText('1 lead matches these filters').waitFor();
    await leads.getByRole('checkbox', { name: 'Select grace@navy.example' }).check();
    const selected = page.getByRole('region', { name: 'Selected leads' });
    await selected.getByRole('button', { name: 'Add to list' }).click();
    const addToList = page.getByRole('dialog', { name: 'Add to list' });
    await addToList.getByRole('textbox', { name: 'New list name' }).fill('Navy follow-up');
    await addToList.getByRole('button', { name: 'Add 1 lead' }).click();
    await page.getByText('1 lead added to Navy follow-up').waitFor();
    await checkPage(page, 'flow-leads-found');

    // Suppress Ada's address: the list of suppressions shows it.
    await page.getByRole('navigation', { name: 'Leads sections' }).getByRole('link', { name: 'Suppressions' }).click();
    await page.getByRole('button', { name: 'Add suppression' }).click();
    await page.getByLabel('Email address').fill('ada@analytical.example');
    await page.getByRole('button', { name: 'Suppress', exact: true }).click();
    await page
      .getByRole('table', { name: 'Suppressions' })
      .getByRole('row', { name: /ada@analytical\.example/ })
      .waitFor();
    await checkPage(page, 'flow-suppressions');

    // Invite a viewer.
    await mainNav(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill(viewerEmail);
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const invited = page.getByRole('dialog', { name: 'Invitation created' });
    const link = await invited.getByRole('textbox', { name: 'Invitation link' }).inputValue();
    await invited.getByRole('button', { name: 'Done' }).click();

    // The viewer accepts in a browser of their own and sees the organization's work, with nothing to change it.
    const { page: viewer, consoleErrors: viewerConsoleErrors } = await session.newPage();
    await viewer.goto(link);
    await viewer.getByLabel('Name', { exact: true }).fill('Vera Viewer');
    await viewer.getByLabel('Password', { exact: true }).fill(password);
    await viewer.getByRole('button', { name: 'Accept invitation' }).click();
    await mainNav(viewer).waitFor();
    await mainNav(viewer).getByRole('link', { name: 'Leads' }).click();
    const viewerLeads = viewer.getByRole('table', { name: 'Leads' });
    await viewerLeads.getByRole('button', { name: 'grace@navy.example' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Import CSV' }).count()).toBe(0);
    // A viewer may select leads to export them, and to nothing else.
    await viewerLeads.getByRole('checkbox', { name: 'Select grace@navy.example' }).check();
    const viewerSelection = viewer.getByRole('region', { name: 'Selected leads' });
    await viewerSelection.getByRole('button', { name: 'Export selected' }).waitFor();
    for (const action of ['Add to list', 'Tag', 'Suppress', 'Erase'])
      expect(await viewerSelection.getByRole('button', { name: action, exact: true }).count(), action).toBe(0);
    await checkPage(viewer, 'flow-viewer-leads');
    await mainNav(viewer).getByRole('link', { name: 'Mailboxes' }).click();
    await viewer
      .getByRole('table', { name: 'Mailboxes' })
      .getByRole('row', { name: /outreach@flow\.example/ })
      .waitFor();
    expect(await viewer.getByRole('button', { name: 'Add mailbox' }).count()).toBe(0);
    await checkPage(viewer, 'flow-viewer-mailboxes');
    await signOut(viewer);

    await signOut(page);
    await page.goto(`${app.url}/leads`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect([...consoleErrors, ...viewerConsoleErrors]).toEqual([]);
  }, 120_000);
});
