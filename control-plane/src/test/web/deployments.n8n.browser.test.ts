// The Deployments pages in Chromium against the real n8n with our nodes: two campaigns deployed and in sync,
// both edited through n8n's Public API, the reconciler marks them drifted, the page shows what changed side
// by side, and an admin keeps the n8n version of one and resets the other to its template.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8nClient } from '../../lib/n8n/n8nClient.js';
import { n8nApiKeyName } from '../../modules/platform/platformSecrets.js';
import { type BrowserSession, checkPage, signInInBrowser, startBrowser } from '../browser.js';
import { seedCampaign } from '../campaignFixtures.js';
import { createListeningTestApp } from '../listeningApp.js';
import { editBusinessHoursGateInN8n, n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from '../realN8n.js';
import { signUp, type SignedUp } from '../testApp.js';

const password = 'correct horse battery staple';
let n8n: TestN8n;
let app: Awaited<ReturnType<typeof createListeningTestApp>>;
let n8nApi: N8nClient;
let owner: SignedUp;
let ownerEmail: string;
let session: BrowserSession;
let page: Page;
let consoleErrors: string[];

async function deployCampaign(name: string): Promise<{ deploymentId: string; workflowId: string }> {
  const { campaign } = await seedCampaign(app.prisma, { organizationId: owner.organization.id, leads: 0, status: 'draft' });
  await app.prisma.campaign.update({ where: { id: campaign.id }, data: { name } });
  const started = await app.http.post(`/api/campaigns/${campaign.id}/start`).set(owner.auth);
  expect(started.status).toBe(200);
  return { deploymentId: started.body.deployment.id, workflowId: started.body.deployment.n8nWorkflowId };
}

const gateOf = async (workflowId: string) =>
  (await n8nApi.getWorkflow(workflowId))!.nodes.find((node) => node.name === 'Business Hours Gate')!;
const deploymentsTable = () => page.getByRole('table', { name: 'Automations' });
const rowOf = (name: string) => deploymentsTable().getByRole('row', { name: new RegExp(name) });

describe.skipIf(!n8nProvisioned)(n8nSuite('the Automations pages (deployments) in a browser on a real n8n'), () => {
  beforeAll(async () => {
    n8n = await startTestN8n();
    app = await createListeningTestApp({ env: { N8N_URL: n8n.url } });
    await app.app.platformSecrets.set(n8nApiKeyName, n8n.apiKey);
    n8nApi = new N8nClient({ baseUrl: n8n.url, apiKey: n8n.apiKey, attempts: 1 });
    ownerEmail = `ops-${Date.now()}@ops.example`;
    owner = await signUp(app.http, { email: ownerEmail, password, name: 'Olga Ops', organizationName: 'Acme Outreach' });
    session = await startBrowser();
    ({ page, consoleErrors } = await session.newPage());
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await app?.close();
    await n8n?.stop();
  }, 60_000);

  it('shows workflows in sync, then drifted with the diff, and keeps the n8n version of one and resets the other', async () => {
    const spring = await deployCampaign('Spring outreach');
    const partners = await deployCampaign('Partner follow-up');

    await signInInBrowser(page, app.url, { email: ownerEmail, password });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Automations' }).click();

    // Every workflow Ophir manages: both campaigns and the inbox watcher their mailbox brought, all in sync.
    await rowOf('Spring outreach').getByText('None: matches the template').waitFor();
    await rowOf('Partner follow-up').getByText('None: matches the template').waitFor();
    await rowOf('Inbox watcher').getByText('Running').waitFor();
    expect(await rowOf('Spring outreach').getByText('Running').count()).toBe(1);
    await checkPage(page, 'deployments-in-sync');

    await editBusinessHoursGateInN8n(n8nApi, spring.workflowId);
    await editBusinessHoursGateInN8n(n8nApi, partners.workflowId);
    await app.app.reconciler.runOnce();
    await page.reload();
    await rowOf('Spring outreach').getByText('Edited in n8n', { exact: true }).waitFor();
    await rowOf('Partner follow-up').getByText('Edited in n8n', { exact: true }).waitFor();
    await rowOf('Inbox watcher').getByText('None: matches the template').waitFor();
    await checkPage(page, 'deployments-drifted');

    // One drifted workflow: what changed in words, the two versions side by side, and the way to n8n.
    await rowOf('Spring outreach').getByRole('link', { name: 'Campaign: Spring outreach' }).click();
    await page.getByRole('heading', { name: 'Someone edited this automation in n8n' }).waitFor();
    await page.getByText('"Business Hours Gate", start: (not set) → "10:00"').waitFor();
    const current = page.getByRole('textbox', { name: 'As it is now in n8n' });
    await current.waitFor();
    expect(await current.locator('.cm-changedLine', { hasText: '"start": "10:00"' }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'As Ophir deployed it' }).getByText('"10:00"').count()).toBe(0);
    expect(await page.getByRole('link', { name: /Open in n8n/ }).getAttribute('href')).toBe(`${n8n.url}/workflow/${spring.workflowId}`);
    await checkPage(page, 'deployment-drifted');

    // A member sees the same, and why the choice is not theirs.
    const invitation = await app.http.post('/api/invitations').set(owner.auth).send({ email: 'mia@ops.example', role: 'member' });
    await app.http.post('/api/invitations/accept').send({ token: invitation.body.token, name: 'Mia Member', password });
    const member = await session.newPage();
    await signInInBrowser(member.page, app.url, { email: 'mia@ops.example', password });
    // Through the page's first address, which still leads to it.
    await member.page.goto(`${app.url}/deployments/${spring.deploymentId}`);
    await member.page.waitForURL(`${app.url}/automations/${spring.deploymentId}`);
    await member.page.getByText('Only an admin can keep the n8n version or reset to the template').waitFor();
    expect(await member.page.getByRole('button', { name: 'Keep n8n version' }).isDisabled()).toBe(true);
    expect(await member.page.getByRole('button', { name: 'Reset to template' }).isDisabled()).toBe(true);
    await member.page.getByRole('textbox', { name: 'As it is now in n8n' }).waitFor();
    await checkPage(member.page, 'deployment-drifted-member');
    expect(member.consoleErrors).toEqual([]);
    await member.context.close();

    await page.getByRole('button', { name: 'Keep n8n version' }).click();
    const keep = page.getByRole('alertdialog', { name: 'Keep the n8n version?' });
    await keep.getByText('no longer updates it').waitFor();
    await checkPage(page, 'deployment-keep-confirm');
    await keep.getByRole('button', { name: 'Keep n8n version' }).click();
    await page.getByText('Edited, n8n version kept').waitFor();
    expect(await page.getByRole('heading', { name: 'Someone edited this automation in n8n' }).count()).toBe(0);
    expect((await gateOf(spring.workflowId)).parameters.start).toBe('10:00');
    await checkPage(page, 'deployment-kept');

    await page.getByRole('link', { name: 'All automations' }).click();
    await rowOf('Partner follow-up').getByRole('link', { name: 'Campaign: Partner follow-up' }).click();
    await page.getByRole('button', { name: 'Reset to template' }).click();
    const reset = page.getByRole('alertdialog', { name: 'Reset to the template?' });
    await reset.getByText('The edits made in n8n are discarded').waitFor();
    await checkPage(page, 'deployment-reset-confirm');
    await reset.getByRole('button', { name: 'Reset to template' }).click();
    await page.getByText('None: matches the template').waitFor();
    expect((await gateOf(partners.workflowId)).parameters).toEqual({});

    await page.getByRole('link', { name: 'All automations' }).click();
    await rowOf('Spring outreach').getByText('Edited, n8n version kept').waitFor();
    await rowOf('Partner follow-up').getByText('None: matches the template').waitFor();
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
