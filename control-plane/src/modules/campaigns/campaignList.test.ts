// Integration: the campaigns list's next send, and duplicating a campaign (real app, real PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { createCampaign, createLead, sequenceBody } from '../../test/campaignApi.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

// Tuesday 03:00 UTC: before the default 09:00-17:00 window in UTC.
const clock = new ManualClock(new Date('2026-12-01T03:00:00Z'));
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await signUp(t.http);
});
afterAll(() => t.close());

async function enrolledCampaign(name: string) {
  const { campaignId, mailboxIds } = await createCampaign(t.http, owner, { name });
  await t.http
    .patch(`/api/campaigns/${campaignId}`)
    .set(owner.auth)
    .send({ timezone: 'UTC', dailyCap: 40, trackClicks: true, stopOnReplyForDomain: true });
  expect((await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send(sequenceBody())).status).toBe(200);
  const leadId = await createLead(t.http, owner, { email: `${name.replace(/\W/g, '')}@prospect.example` });
  expect(
    (
      await t.http
        .post(`/api/campaigns/${campaignId}/enrollments`)
        .set(owner.auth)
        .send({ leadIds: [leadId] })
    ).body.enrolled,
  ).toBe(1);
  return { campaignId, mailboxIds };
}

describe('campaigns list and duplicate', () => {
  it("says when a running campaign sends next: its first queued send at the window's opening", async () => {
    const { campaignId } = await enrolledCampaign('Running');
    await t.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'active' } });
    const { campaignId: draftId } = await enrolledCampaign('Draft');
    const list = await t.http.get('/api/campaigns').set(owner.auth);
    expect(list.status).toBe(200);
    const byId = new Map(list.body.data.map((campaign: { id: string; nextSendAt: string | null }) => [campaign.id, campaign.nextSendAt]));
    expect(byId.get(campaignId)).toBe('2026-12-01T09:00:00.000Z');
    expect(byId.get(draftId)).toBeNull();
  });

  it('copies settings, mailboxes and the sequence into a new draft, without the leads', async () => {
    const { campaignId, mailboxIds } = await enrolledCampaign('Original');
    const copy = await t.http.post(`/api/campaigns/${campaignId}/duplicate`).set(owner.auth);
    expect(copy.status, copy.text).toBe(201);
    expect(copy.body).toMatchObject({
      name: 'Copy of Original',
      status: 'draft',
      timezone: 'UTC',
      dailyCap: 40,
      trackClicks: true,
      stopOnReplyForDomain: true,
      mailboxIds,
      deployment: null,
    });
    const sequence = (id: string) => t.http.get(`/api/campaigns/${id}/sequence`).set(owner.auth);
    const strip = (body: { steps: Array<{ variants: Array<Record<string, unknown>> } & Record<string, unknown>> }) =>
      body.steps.map(({ id: _id, variants, ...step }) => ({
        ...step,
        variants: variants.map(({ id: _variantId, ...variant }) => variant),
      }));
    expect(strip((await sequence(copy.body.id)).body)).toEqual(strip((await sequence(campaignId)).body));
    expect(await t.prisma.enrollment.count({ where: { campaignId: copy.body.id } })).toBe(0);
    expect((await t.http.post('/api/campaigns/00000000-0000-4000-8000-000000000000/duplicate').set(owner.auth)).status).toBe(404);
  });
});
