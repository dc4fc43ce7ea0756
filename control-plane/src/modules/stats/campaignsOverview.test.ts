// Integration: the campaigns list's figures: every campaign's enrolled leads and totals from its exact stats, in one read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { campaignWithFirstStepSent } from '../../test/sentMessages.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await signUp(t.http);
});
afterAll(() => t.close());

describe('GET /api/stats/campaigns', () => {
  it('gives each campaign its enrolled leads and the same totals as its own stats, replies and rates included', async () => {
    const organizationId = owner.organization.id;
    const { campaign } = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 3 });
    const quiet = await t.http.post('/api/campaigns').set(owner.auth).send({ name: 'Nothing sent yet' });

    const overview = await t.http.get('/api/stats/campaigns').set(owner.auth);
    expect(overview.status, overview.text).toBe(200);
    const own = (await t.http.get(`/api/campaigns/${campaign.id}/stats`).set(owner.auth)).body;
    const { cancelled: _cancelled, ...ownTotals } = own.totals;
    expect(overview.body.data).toEqual([
      expect.objectContaining({ campaignId: quiet.body.id, enrolled: 0, totals: expect.objectContaining({ sent: 0, replied: 0 }) }),
      { campaignId: campaign.id, enrolled: 3, totals: ownTotals },
    ]);
    expect(ownTotals.sent).toBe(3);

    const stranger = await signUp(t.http);
    expect((await t.http.get('/api/stats/campaigns').set(stranger.auth)).body.data).toEqual([]);
  });
});
