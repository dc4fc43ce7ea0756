// Settings end to end in Chromium: the owner renames the organization, creates an API key (shown once) and
// invites a viewer, who accepts in another browser and sees nothing they may not do; the audit log says so.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage, registerInBrowser, signOut, startBrowser } from '../browser.js';
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

const settingsNav = (page: Page) => page.getByRole('navigation', { name: 'Settings' });

async function openSettings(page: Page, section: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await settingsNav(page).getByRole('link', { name: section }).click();
  await page.getByRole('heading', { name: section, level: 2, exact: true }).waitFor();
}

describe('settings in a browser', () => {
  it('renames the organization, shows an API key once, invites a viewer who accepts and can change nothing, and audits it all', async () => {
    const stamp = Date.now();
    const ownerEmail = `owner-${stamp}@acme.example`;
    const viewerEmail = `viewer-${stamp}@acme.example`;
    const password = 'correct horse battery';
    const { page: owner, consoleErrors } = await session.newPage();

    await registerInBrowser(owner, app.url, { name: 'Ada Lovelace', organization: 'Acme Outreach', email: ownerEmail, password: password });
    // The narrowest width the app is made for: every settings page below is checked (and photographed) at it.
    await owner.setViewportSize({ width: 1024, height: 768 });

    // The organization: the server's refusal lands on the field, then a valid name is saved and shown in the shell.
    await openSettings(owner, 'Organization');
    const orgName = owner.getByRole('textbox', { name: 'Organization name' });
    await orgName.fill('x'.repeat(201));
    await owner.getByRole('button', { name: 'Save', exact: true }).click();
    await owner.getByText('Use at most 200 characters').waitFor();
    expect(await orgName.getAttribute('aria-invalid')).toBe('true');
    await checkPage(owner, 'settings-organization');
    await orgName.fill('Acme Renamed');
    await owner.getByRole('button', { name: 'Save', exact: true }).click();
    await owner.getByTestId('organization-name').getByText('Acme Renamed').waitFor();
    // Its time zone, where new campaigns and mailboxes start: a zone that does not exist is refused on the field.
    const timeZone = owner.getByRole('combobox', { name: 'Time zone' });
    await timeZone.fill('Mars/Olympus');
    await owner.getByRole('button', { name: 'Save time zone' }).click();
    await owner
      .getByText(/Mars\/Olympus/)
      .first()
      .waitFor();
    expect(await timeZone.getAttribute('aria-invalid')).toBe('true');
    await timeZone.fill('Europe/Berlin');
    await owner.getByRole('button', { name: 'Save time zone' }).click();
    await owner.getByText('New campaigns and mailboxes start in Europe/Berlin').waitFor();
    // Whether imports check their leads' addresses: on for a new organization, switched off at once, and still off after a reload.
    const checkImports = owner.getByRole('switch', { name: 'Check the addresses of imported leads' });
    expect(await checkImports.isChecked()).toBe(true);
    await checkImports.click();
    await owner.getByText('Imports no longer check addresses').waitFor();
    const me = await app.http.post('/api/auth/login').send({ email: ownerEmail, password });
    expect((await app.http.get('/api/organization').set('Authorization', `Bearer ${me.body.accessToken}`)).body.verifyLeadsAtImport).toBe(
      false,
    );
    await owner.reload();
    expect(await owner.getByRole('switch', { name: 'Check the addresses of imported leads' }).isChecked()).toBe(false);

    // An API key: the secret is shown once, works as a bearer token, and afterwards only its prefix is listed.
    await openSettings(owner, 'API keys');
    await owner.getByText('No API keys yet').waitFor();
    await owner.getByRole('button', { name: 'Create API key' }).click();
    await owner.getByRole('dialog', { name: 'Create API key' }).getByLabel('Key name').fill('CRM sync');
    await owner.getByRole('button', { name: 'Create key' }).click();
    const createdDialog = owner.getByRole('dialog', { name: 'Your new API key' });
    await createdDialog.waitFor();
    expect(await createdDialog.textContent()).toContain("you won't see it again");
    const key = await createdDialog.getByRole('textbox', { name: 'API key' }).inputValue();
    expect(key).toMatch(/^ophir_.{20,}$/);
    await checkPage(owner, 'settings-api-key-created');
    const asKey = await app.http.get('/api/me').set('Authorization', `Bearer ${key}`);
    expect(asKey.status).toBe(200);
    expect(asKey.body).toMatchObject({ organization: { name: 'Acme Renamed', role: 'member' }, apiKey: { name: 'CRM sync' } });
    await createdDialog.getByRole('button', { name: "I've stored it" }).click();
    const keyRow = owner.getByRole('table', { name: 'API keys' }).getByRole('row', { name: /CRM sync/ });
    await keyRow.waitFor();
    const prefix = (asKey.body as { apiKey: { prefix: string } }).apiKey.prefix;
    expect(await keyRow.textContent()).toContain(prefix);
    expect(await owner.content()).not.toContain(key);

    // An invitation for a viewer: its link is shown once, and it is listed as pending.
    await openSettings(owner, 'Members');
    await owner
      .getByRole('table', { name: 'Members' })
      .getByRole('row', { name: /Ada Lovelace/ })
      .waitFor();
    await owner.getByRole('textbox', { name: 'Email' }).fill(viewerEmail);
    await owner.getByRole('combobox', { name: 'Role', exact: true }).selectOption('viewer');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    const invitedDialog = owner.getByRole('dialog', { name: 'Invitation created' });
    const link = await invitedDialog.getByRole('textbox', { name: 'Invitation link' }).inputValue();
    expect(link).toMatch(new RegExp(`^${app.url}/invitations/[^/]+$`));
    await invitedDialog.getByRole('button', { name: 'Done' }).click();
    const pending = owner.getByRole('table', { name: 'Pending invitations' }).getByRole('row', { name: new RegExp(viewerEmail) });
    await pending.waitFor();
    expect(await pending.textContent()).toContain('Viewer');
    await checkPage(owner, 'settings-members');

    // The invitee opens the link in a browser of their own, chooses a name and a password, and lands in the organization.
    const { page: viewer, consoleErrors: viewerConsoleErrors } = await session.newPage();
    await viewer.goto(link);
    await viewer.getByRole('button', { name: 'Accept invitation' }).waitFor();
    await viewer.getByRole('heading', { name: 'Join Acme Renamed' }).waitFor();
    expect(await viewer.getByText(`You're invited as viewer. Choose your name and a password for ${viewerEmail}.`).count()).toBe(1);
    await checkPage(viewer, 'invitation-accept');
    await viewer.getByLabel('Name', { exact: true }).fill('Grace Hopper');
    await viewer.getByLabel('Password', { exact: true }).fill(password);
    await viewer.getByRole('button', { name: 'Accept invitation' }).click();
    await viewer.getByRole('navigation', { name: 'Main' }).waitFor();
    await viewer.getByTestId('organization-name').getByText('Acme Renamed').waitFor();

    // Signed out and in again, the viewer sees the settings but no control that would change them.
    await signOut(viewer);
    await viewer.getByLabel('Email', { exact: true }).fill(viewerEmail);
    await viewer.getByLabel('Password', { exact: true }).fill(password);
    await viewer.getByRole('button', { name: 'Sign in' }).click();
    await viewer.getByRole('navigation', { name: 'Main' }).waitFor();
    await openSettings(viewer, 'Organization');
    await viewer.getByText('Acme Renamed', { exact: true }).first().waitFor();
    expect(await settingsNav(viewer).getByRole('link').allTextContents()).toEqual(['Organization', 'Members', 'My account']);
    expect(await viewer.getByRole('textbox').count()).toBe(0);
    expect(await viewer.getByRole('switch', { name: 'Check the addresses of imported leads' }).isDisabled()).toBe(true);
    await openSettings(viewer, 'Members');
    const members = viewer.getByRole('table', { name: 'Members' });
    await members.getByRole('row', { name: /Grace Hopper/ }).waitFor();
    expect(await members.getByRole('row').count()).toBe(3);
    expect(await viewer.getByRole('main').getByRole('button').count()).toBe(0);
    expect(await viewer.getByRole('combobox').count()).toBe(0);
    expect(await viewer.getByRole('textbox').count()).toBe(0);
    await checkPage(viewer, 'viewer-settings');
    await viewer.goto(`${app.url}/settings/api-keys`);
    await viewer.getByText('Only admins and owners can see API keys').waitFor();
    expect(await viewer.getByRole('button', { name: 'Create API key' }).count()).toBe(0);

    // The server refuses the viewer anyway.
    const viewerLogin = await app.http.post('/api/auth/login').send({ email: viewerEmail, password });
    const refused = await app.http
      .patch('/api/organization')
      .set('Authorization', `Bearer ${viewerLogin.body.accessToken}`)
      .send({ name: 'Taken over' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    await signOut(viewer);

    // A spent link says so instead of offering a form.
    await viewer.goto(link);
    await viewer.getByRole('heading', { name: "This invitation can't be used" }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Accept invitation' }).count()).toBe(0);

    // The last owner cannot leave: the API's refusal is shown, and the owner stays.
    await openSettings(owner, 'Members');
    await owner
      .getByRole('table', { name: 'Members' })
      .getByRole('row', { name: /Grace Hopper/ })
      .waitFor();
    await owner.getByRole('button', { name: 'Remove Ada Lovelace' }).click();
    await owner.getByRole('alertdialog', { name: 'Remove Ada Lovelace?' }).getByRole('button', { name: 'Remove member' }).click();
    await owner.getByText('An organization needs at least one owner; make someone else owner first').waitFor();
    expect(
      await owner
        .getByRole('table', { name: 'Members' })
        .getByRole('row', { name: /Ada Lovelace/ })
        .count(),
    ).toBe(1);

    // My account: a new name shows in the shell; a wrong current password is said on its field; a new one keeps this browser signed in.
    await openSettings(owner, 'My account');
    await owner.getByRole('textbox', { name: 'Your name' }).fill('Ada King');
    await owner.getByRole('button', { name: 'Save name' }).click();
    await owner
      .getByRole('button', { name: /^User menu/ })
      .getByText('Ada King')
      .waitFor();
    const currentPassword = owner.getByLabel('Current password', { exact: true });
    await currentPassword.fill('not my password');
    await owner.getByLabel('New password', { exact: true }).fill('an even better passphrase');
    await owner.getByRole('button', { name: 'Change password' }).click();
    await owner.getByText('This is not your current password').waitFor();
    expect(await currentPassword.getAttribute('aria-invalid')).toBe('true');
    await checkPage(owner, 'settings-account');
    await currentPassword.fill(password);
    await owner.getByRole('button', { name: 'Change password' }).click();
    await owner.getByText('Password changed. Your other sessions were signed out.').waitFor();
    await owner.reload();
    await owner.getByRole('heading', { name: 'My account', level: 2 }).waitFor();
    expect((await app.http.post('/api/auth/login').send({ email: ownerEmail, password: 'an even better passphrase' })).status).toBe(200);

    // The owner's audit log names the invitation, its acceptance and the key.
    await openSettings(owner, 'Audit log');
    const log = owner.getByRole('table', { name: 'Audit log' });
    await log.getByRole('row', { name: new RegExp(`Invited ${viewerEmail} as viewer`) }).waitFor();
    const rows = await log.getByRole('row').allTextContents();
    expect(rows.some((row) => row.includes('Ada King') && row.includes('Created the API key “CRM sync” (member)'))).toBe(true);
    expect(rows.some((row) => row.includes('Grace Hopper') && row.includes('Accepted an invitation and joined'))).toBe(true);
    expect(rows.some((row) => row.includes('Renamed the organization to “Acme Renamed”'))).toBe(true);
    expect(rows.some((row) => row.includes('Made imports leave addresses unchecked'))).toBe(true);
    await checkPage(owner, 'settings-audit-log');

    // The only failed calls are the ones refused on purpose: the too-long name, the last owner's removal, the wrong password and the spent link.
    expect(consoleErrors.filter((error) => !error.includes('400 (Bad Request)') && !error.includes('409 (Conflict)'))).toEqual([]);
    expect(viewerConsoleErrors.filter((error) => !error.includes('404 (Not Found)'))).toEqual([]);
    expect(viewerConsoleErrors).toHaveLength(1);
  }, 120_000);
});
