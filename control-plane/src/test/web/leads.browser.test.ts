// End to end in a real browser: the Leads table, its URL-held filters, the lead drawer and the bulk actions,
// against the real control plane and Postgres.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage as checkBrowserPage, registerInBrowser, startBrowser } from '../browser.js';
import { createListeningTestApp } from '../listeningApp.js';

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
const firstNames = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances'];
const lastNames = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen'];
const searchParams = () => new URL(page.url()).searchParams;

/** The body rows the table shows (the virtualizer's spacer rows are hidden from assistive technology). */
const leadRows = () => page.getByRole('table', { name: 'Leads' }).locator('tbody tr:not([aria-hidden])');

describe('the Leads page in a browser', () => {
  it('filters in the URL, opens a lead, and adds to a list, tags, suppresses and erases the selected leads', async () => {
    const email = `owner-${Date.now()}@leads.example`;
    const password = 'correct horse battery';
    await registerInBrowser(page, app.url, { name: 'Ada Admin', organization: 'Lead Ops', email: email, password: password });

    // 50 leads through the API: a tenth tagged "webinar", every seventh bounced, a custom field on each.
    const login = await app.http.post('/api/auth/login').send({ email, password });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const leads: Array<{ id: string; email: string; firstName: string; lastName: string; tags: string[]; status: string }> = [];
    for (let i = 0; i < 50; i += 1) {
      const firstName = firstNames[i % 10]!;
      const lastName = lastNames[Math.floor(i / 5) % 10]!;
      const created = await app.http
        .post('/api/leads')
        .set(auth)
        .send({
          email: `${firstName}.${lastName}.${i}@prospect${i % 4}.example`.toLowerCase(),
          firstName,
          lastName,
          company: `Company ${i}`,
          tags: i % 10 === 3 || i % 10 === 6 ? ['webinar'] : [],
          customFields: { plan: i % 2 === 0 ? 'pro' : 'free' },
        });
      expect(created.status, created.text).toBe(201);
      if (i % 7 === 0)
        expect((await app.http.patch(`/api/leads/${created.body.id}`).set(auth).send({ status: 'bounced' })).status).toBe(200);
      leads.push({ ...created.body, status: i % 7 === 0 ? 'bounced' : 'active' });
    }

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    const table = page.getByRole('table', { name: 'Leads' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['', 'Email', 'Name', 'Company', 'Tags', 'Address', 'Status']);
    await page.getByText('50 leads', { exact: true }).waitFor();
    // Virtualized: only the rows near the viewport are in the document, yet the last lead is reached by scrolling.
    const rendered = await leadRows().count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(50);
    const lastEmail = [...leads]
      .map((lead) => lead.email)
      .sort()
      .at(-1)!;
    expect(await table.getByRole('button', { name: lastEmail }).count()).toBe(0);
    await table.evaluate((element) => element.parentElement!.scrollTo({ top: 100_000 }));
    await table.getByRole('button', { name: lastEmail }).waitFor();
    await table.evaluate((element) => element.parentElement!.scrollTo({ top: 0 }));
    await checkPage('leads-table');

    // Search by a name fragment: the URL holds it.
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('lovel');
    await page.waitForURL((url) => url.searchParams.get('search') === 'lovel');
    const lovelaces = leads.filter((lead) => lead.lastName === 'Lovelace');
    await page.getByText(`${lovelaces.length} leads match these filters`).waitFor();
    expect((await leadRows().allTextContents()).every((text) => text.includes('Lovelace'))).toBe(true);

    // Tag and status filters, kept by a reload.
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('');
    await page.waitForURL((url) => !url.searchParams.has('search'));
    await page.getByRole('textbox', { name: 'Tag' }).fill('webinar');
    await page.waitForURL((url) => url.searchParams.get('tag') === 'webinar');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('active');
    await page.waitForURL((url) => url.searchParams.get('status') === 'active');
    const webinarActive = leads.filter((lead) => lead.tags.includes('webinar') && lead.status === 'active');
    expect(webinarActive.length).toBeGreaterThan(3);
    await page.getByText(`${webinarActive.length} leads match these filters`).waitFor();
    await page.reload();
    await page.getByText(`${webinarActive.length} leads match these filters`).waitFor();
    expect(await page.getByRole('textbox', { name: 'Tag' }).inputValue()).toBe('webinar');
    expect(await page.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('active');
    expect(Object.fromEntries(searchParams())).toEqual({ tag: 'webinar', status: 'active' });
    expect(new Set(await leadRows().locator('td:nth-child(2)').allTextContents())).toEqual(
      new Set(webinarActive.map((lead) => lead.email)),
    );
    await checkPage('leads-filtered');

    // The drawer: its lead is in the URL, so a reload reopens it.
    const [first, second, third] = [...webinarActive].sort((a, b) => a.email.localeCompare(b.email)) as [
      (typeof leads)[number],
      (typeof leads)[number],
      (typeof leads)[number],
    ];
    // A campaign has reached the first lead: one message sent, opened, then a reply (written as the engine writes them).
    const organizationId = (await app.http.get('/api/me').set(auth)).body.organization.id as string;
    const campaign = await app.prisma.campaign.create({
      data: {
        organizationId,
        name: 'Q4 webinar follow-up',
        status: 'active',
        schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00', useLeadTimezone: true },
      },
    });
    const enrollment = await app.prisma.enrollment.create({
      data: { organizationId, campaignId: campaign.id, leadId: first.id, state: 'stopped', nextStep: 1, stopReason: 'the lead replied' },
    });
    const sentAt = new Date(Date.now() - 2 * 86_400_000);
    const message = await app.prisma.message.create({
      data: {
        organizationId,
        campaignId: campaign.id,
        enrollmentId: enrollment.id,
        leadId: first.id,
        stepPosition: 0,
        status: 'sent',
        subject: 'Your webinar seat',
        dueAt: sentAt,
        sentAt,
        messageIdHeader: `<${enrollment.id}@leads.example>`,
      },
    });
    for (const [type, hoursLater] of [
      ['opened', 3],
      ['replied', 26],
    ] as const) {
      await app.prisma.event.create({
        data: {
          organizationId,
          type,
          campaignId: campaign.id,
          leadId: first.id,
          messageId: message.id,
          idempotencyKey: `${type}-${message.id}`,
          occurredAt: new Date(sentAt.getTime() + hoursLater * 3_600_000),
        },
      });
    }
    await table.getByRole('button', { name: first.email }).click();
    const drawer = page.getByRole('dialog', { name: `${first.firstName} ${first.lastName}` });
    await drawer.waitFor();
    expect(searchParams().get('lead')).toBe(first.id);
    await page.reload();
    await drawer.waitFor();
    const enrolments = drawer.getByRole('region', { name: 'Enrolments' });
    await enrolments.getByText('Q4 webinar follow-up').waitFor();
    expect(await enrolments.textContent()).toContain('Stopped: the lead replied');
    // Newest first: what happened (the first line of each entry), then when and in which campaign.
    const timeline = drawer.getByRole('region', { name: 'Timeline' }).getByRole('listitem');
    expect(await timeline.locator('p:first-child').allTextContents()).toEqual(['Replied', 'Opened', 'Sent: step 1 · “Your webinar seat”']);
    expect(await timeline.first().textContent()).toContain('Q4 webinar follow-up');
    for (const section of ['Fields', 'Custom fields', 'Enrolments', 'Timeline'])
      await drawer.getByRole('region', { name: section, exact: true }).waitFor();
    expect(await drawer.getByRole('region', { name: 'Custom fields' }).textContent()).toContain('plan');
    expect(await drawer.getByText('webinar', { exact: true }).count()).toBe(1);
    await checkPage('lead-drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(searchParams().has('lead')).toBe(false);
    // Keyboard users land back on the lead they opened.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(first.email);

    // Two leads to a new list, then tagged.
    await table.getByRole('checkbox', { name: `Select ${first.email}` }).check();
    await table.getByRole('checkbox', { name: `Select ${second.email}` }).check();
    const bulk = page.getByRole('region', { name: 'Selected leads' });
    await bulk.getByText('2 leads selected').waitFor();
    await checkPage('leads-bulk');
    await bulk.getByRole('button', { name: 'Add to list' }).click();
    const addDialog = page.getByRole('dialog', { name: 'Add to list' });
    await addDialog.getByRole('textbox', { name: 'New list name' }).fill('Webinar follow-up');
    await addDialog.getByRole('button', { name: 'Add 2 leads' }).click();
    await page.getByText('2 leads added to Webinar follow-up').waitFor();
    const lists = await app.http.get('/api/lead-lists').set(auth);
    expect(lists.body.data).toEqual([expect.objectContaining({ name: 'Webinar follow-up', memberCount: 2 })]);
    const members = await app.http.get('/api/leads').query({ listId: lists.body.data[0].id }).set(auth);
    expect(members.body.data.map((lead: { id: string }) => lead.id).sort()).toEqual([first.id, second.id].sort());

    await table.getByRole('checkbox', { name: `Select ${first.email}` }).check();
    await table.getByRole('checkbox', { name: `Select ${second.email}` }).check();
    await bulk.getByRole('button', { name: 'Tag' }).click();
    await page.getByRole('dialog', { name: 'Tag leads' }).getByRole('textbox', { name: 'Tags' }).fill('hot, q4');
    await page.getByRole('dialog', { name: 'Tag leads' }).getByRole('button', { name: 'Add tags' }).click();
    await page.getByText('Tagged 2 leads with hot, q4').waitFor();
    await table
      .getByRole('row', { name: new RegExp(first.email.replaceAll('.', '\\.')) })
      .locator('[title*="hot"]')
      .waitFor();
    for (const lead of [first, second])
      expect((await app.http.get(`/api/leads/${lead.id}`).set(auth)).body.tags.sort()).toEqual(['hot', 'q4', 'webinar']);

    // Both enrolled in the campaign from the selection: the first, already in it, is counted and left out.
    const sequence = await app.http
      .put(`/api/campaigns/${campaign.id}/sequence`)
      .set(auth)
      .send({ steps: [{ delayAmount: 0, variants: [{ label: 'A', subject: 'Webinar', bodyText: 'Thanks {{unsubscribeUrl}}' }] }] });
    expect(sequence.status, sequence.text).toBe(200);
    await table.getByRole('checkbox', { name: `Select ${first.email}` }).check();
    await table.getByRole('checkbox', { name: `Select ${second.email}` }).check();
    await bulk.getByRole('button', { name: 'Enrol in campaign' }).click();
    const enrolDialog = page.getByRole('dialog', { name: 'Enrol in campaign' });
    await enrolDialog.getByLabel('Campaign', { exact: true }).selectOption({ label: 'Q4 webinar follow-up' });
    const counts = enrolDialog.getByRole('group', { name: 'Audience counts' });
    await counts.getByText('Already in this campaign (left out)').waitFor();
    expect(await counts.textContent()).toContain('Will be enrolled1');
    await checkPage('leads-enrol-in-campaign');
    await enrolDialog.getByRole('button', { name: 'Enrol 1 lead' }).click();
    await page.getByText('1 lead enrolled').waitFor();
    const enrollments = await app.http.get(`/api/campaigns/${campaign.id}/enrollments`).set(auth);
    expect(enrollments.body.data.map((enrollment: { leadId: string }) => enrollment.leadId).sort()).toEqual([first.id, second.id].sort());

    // Suppress one: its address goes on the suppression list.
    await table.getByRole('checkbox', { name: `Select ${third.email}` }).check();
    await bulk.getByRole('button', { name: 'Suppress' }).click();
    await page
      .getByRole('alertdialog', { name: `Suppress ${third.email}?` })
      .getByRole('button', { name: 'Suppress' })
      .click();
    await page.getByText('1 address suppressed').waitFor();
    const suppressions = await app.http.get('/api/suppressions').set(auth);
    expect(suppressions.body.data.map((row: { value: string }) => row.value)).toEqual([third.email]);

    // Erase one: only after typing the confirmation.
    await table.getByRole('checkbox', { name: `Select ${second.email}` }).check();
    await bulk.getByRole('button', { name: 'Erase' }).click();
    const eraseDialog = page.getByRole('alertdialog', { name: `Erase ${second.email} for good?` });
    const confirm = eraseDialog.getByRole('button', { name: 'Erase 1 lead' });
    expect(await confirm.isDisabled()).toBe(true);
    await eraseDialog.getByRole('textbox', { name: /to confirm/ }).fill('erase');
    await confirm.click();
    await page.getByText('1 lead erased').waitFor();
    await table.getByRole('button', { name: second.email }).waitFor({ state: 'detached' });
    expect((await app.http.get(`/api/leads/${second.id}`).set(auth)).status).toBe(404);
    await page.getByText(`${webinarActive.length - 1} leads match these filters`).waitFor();

    // The selection exports as CSV.
    await table.getByRole('checkbox', { name: `Select ${first.email}` }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), bulk.getByRole('button', { name: 'Export selected' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(
      csv
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual([first.email]);

    // More leads than one page: scrolling to the end of the table loads the next page by cursor.
    await app.prisma.lead.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({
        organizationId,
        email: `bulk${String(i).padStart(3, '0')}@many.example`,
        emailDomain: 'many.example',
        tags: ['many'],
      })),
    });
    await page.getByRole('textbox', { name: 'Tag' }).fill('many');
    await page.waitForURL((url) => url.searchParams.get('tag') === 'many');
    await page.getByText('100+ leads match these filters').waitFor();
    await table.evaluate((element) => element.parentElement!.scrollTo({ top: 100_000 }));
    await page.getByText('130 leads match these filters').waitFor();
    await table.evaluate((element) => element.parentElement!.scrollTo({ top: 100_000 }));
    await table.getByRole('button', { name: 'bulk129@many.example' }).waitFor();

    // Usable at 1024 px: nothing runs off the side of the page.
    await page.setViewportSize({ width: 1024, height: 768 });
    await checkPage('leads-1024');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);

    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
