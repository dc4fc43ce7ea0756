// Integration: the campaign API's reply-handling options on real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, sequenceBody } from '../../test/campaignApi.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t.http);
});
afterAll(() => t.close());

describe('campaign reply handling: stop colleagues at the same domain, delay after an auto-reply', () => {
  it('defaults to stopping only the lead and keeping the plan after an auto-reply', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    const campaign = await t.http.get(`/api/campaigns/${campaignId}`).set(owner.auth);
    expect(campaign.body).toMatchObject({ stopOnReply: true, stopOnReplyForDomain: false, autoReplyDelayDays: null });
  });

  it('keeps what was set through updates of other fields and of the sequence', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    const updated = await t.http
      .patch(`/api/campaigns/${campaignId}`)
      .set(owner.auth)
      .send({ stopOnReplyForDomain: true, autoReplyDelayDays: 5 });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ stopOnReplyForDomain: true, autoReplyDelayDays: 5 });

    expect((await t.http.patch(`/api/campaigns/${campaignId}`).set(owner.auth).send({ name: 'Renamed' })).body).toMatchObject({
      name: 'Renamed',
      stopOnReplyForDomain: true,
      autoReplyDelayDays: 5,
    });
    expect(
      (
        await t.http
          .put(`/api/campaigns/${campaignId}/sequence`)
          .set(owner.auth)
          .send(sequenceBody({ requireUnsubscribeLink: false }))
      ).status,
    ).toBe(200);
    expect((await t.http.get(`/api/campaigns/${campaignId}`).set(owner.auth)).body).toMatchObject({
      stopOnReplyForDomain: true,
      autoReplyDelayDays: 5,
    });
    const stored = await t.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(stored.settings).toMatchObject({ requireUnsubscribeLink: false, stopOnReplyForDomain: true, autoReplyDelayDays: 5 });

    const cleared = await t.http.patch(`/api/campaigns/${campaignId}`).set(owner.auth).send({ autoReplyDelayDays: null });
    expect(cleared.body).toMatchObject({ stopOnReplyForDomain: true, autoReplyDelayDays: null });
  });

  it('refuses a delay outside 1-30 days, naming the field', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    for (const autoReplyDelayDays of [0, 31, 2.5]) {
      const refused = await t.http.patch(`/api/campaigns/${campaignId}`).set(owner.auth).send({ autoReplyDelayDays });
      expect(refused.status).toBe(400);
      expect(refused.body.issues).toEqual([expect.objectContaining({ path: 'autoReplyDelayDays' })]);
    }
  });
});
