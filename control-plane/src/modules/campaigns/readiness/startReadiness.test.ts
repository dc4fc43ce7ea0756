// Integration: a campaign starts only with a sequence and an active mailbox (real app, real PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, sequenceBody } from '../../../test/campaignApi.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';

let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t.http);
});
afterAll(() => t.close());

const start = (campaignId: string) => t.http.post(`/api/campaigns/${campaignId}/start`).set(owner.auth);
const status = async (campaignId: string) => (await t.http.get(`/api/campaigns/${campaignId}`).set(owner.auth)).body.status;

describe('start readiness', () => {
  it('lists everything missing in one 409 and leaves the campaign a draft', async () => {
    const { campaignId } = await createCampaign(t.http, owner, { mailbox: false });
    const refused = await start(campaignId);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'invalid_state', missing: [{ code: 'no_steps' }, { code: 'no_active_mailbox' }] });
    expect(await status(campaignId)).toBe('draft');
  });

  it('does not count a paused mailbox, nor a step without a message', async () => {
    const { campaignId, mailboxIds } = await createCampaign(t.http, owner);
    await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send(sequenceBody());
    await t.http.patch(`/api/mailboxes/${mailboxIds[0]}`).set(owner.auth).send({ status: 'paused' });
    await t.prisma.stepVariant.deleteMany({ where: { step: { campaignId, position: 1 } } });
    const refused = await start(campaignId);
    expect(refused.body.missing).toEqual([
      { code: 'step_without_variants', message: 'Step 2 has no message' },
      { code: 'no_active_mailbox', message: 'Attach at least one active mailbox' },
    ]);
    expect(await status(campaignId)).toBe('draft');
  });

  it('lets a ready campaign through to its deployment', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send(sequenceBody());
    const started = await start(campaignId);
    // No n8n in this test: whatever the deployment answers, the readiness gate let the start through.
    expect(started.body.missing).toBeUndefined();
    expect(await status(campaignId)).toBe('active');
  });
});
