// Integration: the dashboard's attention list and getting-started checklist read what exists (real app,
// real PostgreSQL): mailboxes that cannot send, drifted and failed workflows, active campaigns that send
// nothing with each reason, never another organization's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { seedCampaign } from '../../test/campaignFixtures.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';
import { enrollLeads } from '../campaigns/enrollments/enrollLeads.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await signUp(t.http);
});
afterAll(() => t.close());

const read = async (path: string, auth = owner.auth) => {
  const response = await t.http.get(`/api/dashboard/${path}`).set(auth);
  expect(response.status, response.text).toBe(200);
  return response.body;
};

describe('the getting-started checklist', () => {
  it('ticks each step from what the organization has: a mailbox, leads, a campaign, a started campaign', async () => {
    expect(await read('getting-started')).toEqual({
      mailboxConnected: false,
      leadsImported: false,
      campaignCreated: false,
      campaignStarted: false,
    });
    const { campaign } = await seedCampaign(t.prisma, { organizationId: owner.organization.id, leads: 2, status: 'draft' });
    expect(await read('getting-started')).toEqual({
      mailboxConnected: true,
      leadsImported: true,
      campaignCreated: true,
      campaignStarted: false,
    });
    await t.prisma.campaign.update({ where: { id: campaign.id }, data: { startedAt: clock.now() } });
    expect((await read('getting-started')).campaignStarted).toBe(true);
    expect(await read('getting-started', (await signUp(t.http)).auth)).toMatchObject({ mailboxConnected: false, campaignStarted: false });
  });
});

describe('what needs attention', () => {
  it('lists stopped mailboxes, drifted and failed workflows, and active campaigns that send nothing with why', async () => {
    const fresh = await signUp(t.http);
    expect(await read('attention', fresh.auth)).toEqual({ mailboxes: [], deployments: [], campaigns: [] });
    const organizationId = fresh.organization.id;
    const db = scopedDb(t.prisma, organizationId);

    // Sending well: enrolled, its mailbox active, its workflow running. Not listed.
    const healthy = await seedCampaign(t.prisma, { organizationId, leads: 2 });
    await t.prisma.campaign.update({ where: { id: healthy.campaign.id }, data: { name: 'Healthy' } });
    await enrollLeads(db, { organizationId, campaignId: healthy.campaign.id, leadIds: healthy.leadIds, now: clock.now() });
    const drifted = await t.prisma.workflowDeployment.create({
      data: { organizationId, campaignId: healthy.campaign.id, templateName: 'campaign-sender', templateVersion: '1', status: 'drifted' },
    });

    // Its only mailbox needs signing in again, nobody is enrolled, and its workflow failed.
    const stuck = await seedCampaign(t.prisma, { organizationId, leads: 1 });
    await t.prisma.campaign.update({ where: { id: stuck.campaign.id }, data: { name: 'Stuck' } });
    await t.prisma.mailbox.update({ where: { id: stuck.mailboxes[0]!.id }, data: { status: 'needs_reauth', statusReason: null } });
    const failed = await t.prisma.workflowDeployment.create({
      data: {
        organizationId,
        campaignId: stuck.campaign.id,
        templateName: 'campaign-sender',
        templateVersion: '1',
        status: 'error',
        lastError: 'n8n is not reachable',
      },
    });

    // A paused mailbox that no campaign uses, and a draft campaign: neither is a campaign problem.
    const paused = await t.prisma.mailbox.create({
      data: {
        organizationId,
        provider: 'sandbox',
        email: 'paused@ophir.example',
        status: 'paused',
        statusReason: 'Bounce rate 6% over 50 sends',
      },
    });
    await seedCampaign(t.prisma, { organizationId, leads: 1, status: 'draft' });

    const attention = await read('attention', fresh.auth);
    expect(attention.mailboxes).toEqual([
      { mailboxId: paused.id, email: 'paused@ophir.example', status: 'paused', reason: 'Bounce rate 6% over 50 sends' },
      {
        mailboxId: stuck.mailboxes[0]!.id,
        email: stuck.mailboxes[0]!.email,
        status: 'needs_reauth',
        reason: 'Its provider no longer accepts the sign-in: connect it again',
      },
    ]);
    expect(attention.deployments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ deploymentId: drifted.id, campaignId: healthy.campaign.id, name: 'Healthy', status: 'drifted' }),
        { deploymentId: failed.id, campaignId: stuck.campaign.id, name: 'Stuck', status: 'error', reason: 'n8n is not reachable' },
      ]),
    );
    expect(attention.deployments).toHaveLength(2);
    expect(attention.campaigns).toEqual([
      {
        campaignId: stuck.campaign.id,
        name: 'Stuck',
        reasons: [
          'Attach at least one active mailbox',
          'No lead is waiting for a message: enrol leads',
          'Its automation is not running in n8n (error): open its Automation tab',
        ],
      },
    ]);

    // The healthy campaign's mailbox used up today: due sends wait with no room left.
    await t.prisma.mailbox.update({ where: { id: healthy.mailboxes[0]!.id }, data: { dailyCap: 0 } });
    const capped = (await read('attention', fresh.auth)).campaigns.find((c: { name: string }) => c.name === 'Healthy');
    expect(capped.reasons).toEqual([expect.stringMatching(/^Its mailboxes can send nothing more today: /)]);

    expect(await read('attention')).toMatchObject({ deployments: [], campaigns: [] });
  });
});
