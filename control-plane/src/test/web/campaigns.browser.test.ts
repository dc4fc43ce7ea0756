// The Campaigns list and the campaign builder in Chromium, on the real API with n8n faked at its edges (its Public API and
// the campaign's tick webhook, whose run claims and reports through the signed callbacks): the list's filters in the URL,
// New campaign with its name, the audience counted then enrolled from a list, sending settings with the next windows,
// the readiness checklist turning green, start, run now, pause, resume, duplicate and archive.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, checkPage, registerInBrowser, startBrowserPage } from '../browser.js';
import { sequenceBody } from '../campaignApi.js';
import { FakeN8nPublicApi } from '../fakes/fakeN8nPublicApi.js';
import { createListeningTestApp } from '../listeningApp.js';
import { callAsN8n } from '../n8nCallbacks.js';

let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let session: BrowserSession;
let page: Page;
let consoleErrors: string[];

/** The campaign workflow's run: claim what is due and report each send as sent from the first mailbox offered. */
async function runWorkflow(campaignId: string): Promise<void> {
  const claimed = await callAsN8n(app, '/api/internal/n8n/claims', { campaignId, batchSize: 50 });
  const items = claimed.body.items as Array<{ sendId: string; attempt: number; mailboxes: Array<{ id: string }> }>;
  if (items.length === 0) return;
  await callAsN8n(app, '/api/internal/n8n/events', {
    results: items.map((item) => ({
      status: 'sent',
      sendId: item.sendId,
      attempt: item.attempt,
      eventId: `${item.sendId}:sent`,
      mailboxId: item.mailboxes[0]!.id,
      messageId: `<ophir.${item.sendId}@ophir.example>`,
      sentAt: new Date().toISOString(),
    })),
  });
}

const n8n = new FakeN8nPublicApi(runWorkflow);

beforeAll(async () => {
  app = await createListeningTestApp({ env: await n8n.start() });
  ({ session, page, consoleErrors } = await startBrowserPage());
});
afterAll(async () => {
  await session?.close();
  await app?.close();
  await n8n.stop();
});

const readiness = () => page.getByRole('region', { name: 'Readiness' });
const campaignsTable = () => page.getByRole('table', { name: 'Campaigns' });

describe('the Campaigns list and builder in a browser', () => {
  it('creates, builds, starts, runs, pauses, resumes, duplicates and archives a campaign, with the list filtered in the URL', async () => {
    const email = `owner-${Date.now()}@acme.example`;
    const password = 'correct horse battery';
    await registerInBrowser(page, app.url, { name: 'Ada Lovelace', organization: 'Acme Outreach', email, password });
    const login = await app.http.post('/api/auth/login').send({ email, password });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    // Through the API, as an integration would: a sandbox mailbox, three leads (one at a suppressed domain) in a list.
    const mailbox = await app.http.post('/api/mailboxes/sandbox').set(auth).send({ email: 'sales@acme.example' });
    expect(mailbox.status, mailbox.text).toBe(201);
    await app.http.patch(`/api/mailboxes/${mailbox.body.id}`).set(auth).send({ minGapSeconds: 0, gapJitterSeconds: 0 });
    const leadIds: string[] = [];
    for (const address of ['grace@hopper.example', 'alan@turing.example', 'spam@blocked.example']) {
      const lead = await app.http
        .post('/api/leads')
        .set(auth)
        .send({ email: address, firstName: address.split('@')[0] });
      expect(lead.status, lead.text).toBe(201);
      leadIds.push(lead.body.id as string);
    }
    expect((await app.http.post('/api/suppressions').set(auth).send({ kind: 'domain', value: 'blocked.example' })).status).toBe(201);
    const list = await app.http.post('/api/lead-lists').set(auth).send({ name: 'Founders' });
    await app.http.post(`/api/lead-lists/${list.body.id}/members`).set(auth).send({ leadIds });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByText('No campaigns yet').waitFor();
    await checkPage(page, 'campaigns-empty');

    // New campaign: a name in a dialog, then the builder.
    await page.getByRole('button', { name: 'New campaign' }).click();
    const dialog = page.getByRole('dialog', { name: 'New campaign' });
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await dialog.getByText('Give the campaign a name').waitFor();
    await dialog.getByLabel('Campaign name', { exact: true }).fill('Q1 founders outreach');
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}\/edit$/);
    const campaignId = /campaigns\/([0-9a-f-]{36})\/edit/.exec(page.url())![1]!;
    await page.getByRole('heading', { level: 1, name: 'Q1 founders outreach' }).waitFor();
    // One plain Save on the page, the sequence's; the other sections name what they save.
    await page.getByRole('button', { name: 'Save', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(1);

    // Not ready: no sequence, no mailbox; each failing item says why, and Start campaign waits.
    await readiness().getByText('Add at least one step to the sequence').waitFor();
    await readiness().getByText('Attach at least one active mailbox').waitFor();
    // No steps is one problem, said once.
    expect(await readiness().getByText('No steps yet').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Start campaign' }).isDisabled()).toBe(true);
    await checkPage(page, 'campaign-builder-new');

    // The sequence section is its own helper's; here the steps come through the API and the page follows.
    expect((await app.http.put(`/api/campaigns/${campaignId}/sequence`).set(auth).send(sequenceBody())).status).toBe(200);
    await page.reload();
    await readiness().getByText('The sequence has 2 steps').waitFor();

    // Audience: the counts first, then the enrolment.
    const audience = page.getByRole('region', { name: 'Audience' });
    await audience.getByLabel('Lead list').selectOption({ label: 'Founders (3)' });
    await audience.getByRole('button', { name: 'Count leads' }).click();
    const counts = audience.getByRole('group', { name: 'Audience counts' });
    await counts.getByText('Suppressed (left out)').waitFor();
    expect(await counts.getByRole('definition').allTextContents()).toEqual(['2', '1']);
    await checkPage(page, 'campaign-builder-audience-counts');
    await audience.getByRole('button', { name: 'Enrol 2 leads' }).click();
    await audience.getByText('2 leads enrolled so far.').waitFor();

    // Sending: the mailbox, every day around the clock in UTC, then the next windows in the campaign's zone.
    const sending = page.getByRole('region', { name: 'Sending' });
    await sending.getByLabel('sales@acme.example').check();
    for (const day of ['Sat', 'Sun']) await sending.getByLabel(day, { exact: true }).check();
    await sending.getByLabel('From', { exact: true }).fill('00:00');
    await sending.getByLabel('Until', { exact: true }).fill('23:59');
    await sending.getByLabel('Campaign time zone').fill('UTC');
    await sending.getByLabel('Track opens').check();
    await sending.getByRole('button', { name: 'Save sending settings' }).click();
    await page.getByText('Sending settings saved').waitFor();
    const windows = sending.getByRole('group', { name: 'Next sending windows' });
    await windows.getByText('Campaign time (UTC)').waitFor();
    expect(await windows.getByRole('row').count()).toBe(4);

    // Readiness turns green.
    await readiness().getByText('Ready to start').waitFor();
    await readiness().getByText('1 active mailbox attached').waitFor();
    await checkPage(page, 'campaign-builder-ready');
    await page.getByRole('button', { name: 'Start campaign' }).click();
    await page.getByRole('button', { name: 'Pause campaign' }).waitFor();
    expect([...n8n.workflows.values()].some((workflow) => workflow.active)).toBe(true);

    // Run now: the fake workflow claims both sends and reports them sent.
    await page.getByRole('button', { name: 'Run now' }).click();
    await page
      .getByRole('status')
      .getByText(/Run finished: The run claimed 2 sends: 2 sent/)
      .waitFor({ timeout: 40_000 });
    await page
      .getByRole('region', { name: 'Sending' })
      .getByText(/This campaign is running/)
      .waitFor();
    await checkPage(page, 'campaign-builder-running');

    await page.getByRole('button', { name: 'Pause campaign' }).click();
    await page.getByRole('button', { name: 'Resume campaign' }).waitFor();
    await page.getByRole('button', { name: 'Resume campaign' }).click();
    await page.getByRole('button', { name: 'Pause campaign' }).waitFor();

    // Someone edits the workflow in n8n: the campaign's Automation tab shows the edit, with what changed.
    const deployed = [...n8n.workflows.values()].find((workflow) => workflow.active)!;
    const gate = (deployed.nodes as Array<{ name: string; parameters: Record<string, unknown> }>).find(
      (node) => node.name === 'Business Hours Gate',
    )!;
    gate.parameters = { ...gate.parameters, scheduleSource: 'node', start: '10:00' };
    await app.app.reconciler.runOnce();
    await page.goto(`${app.url}/campaigns/${campaignId}`);
    await page.getByRole('navigation', { name: 'Campaign sections' }).getByRole('link', { name: 'Automation' }).click();
    await page.getByRole('heading', { name: 'Someone edited this automation in n8n', level: 2 }).waitFor();
    await page.getByText('"Business Hours Gate", start: (not set) → "10:00"').waitFor();
    await checkPage(page, 'campaign-deployment-drifted', { failFrom: 'moderate' });

    // The list: its figures, the status filter in the URL, duplicate and archive.
    await page.goto(`${app.url}/campaigns`);
    const row = campaignsTable().getByRole('row', { name: /Q1 founders outreach/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['Q1 founders outreach', 'Sending', '2', '2', '0', '0', '0']),
    );
    await checkPage(page, 'campaigns-list');
    await page.getByRole('button', { name: 'Duplicate Q1 founders outreach' }).click();
    await page.getByRole('heading', { level: 1, name: 'Copy of Q1 founders outreach' }).waitFor();
    await page.getByRole('region', { name: 'Audience' }).getByText('0 leads enrolled so far.').waitFor();

    await page.goto(`${app.url}/campaigns`);
    await page.getByLabel('Status').selectOption('Draft');
    await page.waitForURL(/status=draft/);
    await campaignsTable()
      .getByRole('row', { name: /Copy of Q1 founders outreach/ })
      .waitFor();
    expect(
      await campaignsTable()
        .getByRole('row', { name: /^Q1 founders outreach/ })
        .count(),
    ).toBe(0);
    await page.getByRole('button', { name: 'Archive Copy of Q1 founders outreach' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Archive campaign' }).click();
    await page.getByText('No campaign matches these filters').waitFor();
    await page.goto(`${app.url}/campaigns?status=archived`);
    await campaignsTable()
      .getByRole('row', { name: /Copy of Q1 founders outreach/ })
      .waitFor();
    expect(await page.getByLabel('Status').inputValue()).toBe('archived');
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
