// Integration: the organization's overview adds up its campaigns' exact stats (real app, real PostgreSQL):
// totals and days equal the sum of each campaign's own numbers, positive replies are the threads labelled
// so, another organization sees none of it, and the range is checked.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { leadReplies } from '../../test/leadReplies.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { campaignWithFirstStepSent } from '../../test/sentMessages.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { ACCESS_TOKEN_TTL_SECONDS: '604800' } });
  owner = await signUp(t.http);
});
afterAll(() => t.close());

const overview = (query: string, auth = owner.auth) => t.http.get(`/api/stats/overview${query}`).set(auth);

describe("the organization's stats overview", () => {
  it("adds up every campaign's exact counts, by day, with positive replies from the inbox labels", async () => {
    const organizationId = owner.organization.id;
    const first = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 4 });
    clock.advance(86_400_000);
    const second = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 3 });
    clock.advance(60_000);
    await leadReplies(t, clock, first.items[0]!, 'Yes, tell me more.');
    await leadReplies(t, clock, second.items[0]!, 'Not now, thanks.');
    const bounce = await callAsN8n(t, '/api/internal/n8n/inbound-events', {
      events: [
        {
          eventId: randomUUID(),
          type: 'bounced',
          inReplyToMessageId: `<ophir.${second.items[1]!.sendId}@ophir.example>`,
          bounce: { kind: 'hard', status: '5.1.1' },
          receivedAt: clock.now().toISOString(),
          evidence: {},
        },
      ],
    });
    expect(bounce.status, bounce.text).toBe(200);
    const interested = await t.prisma.inboxThread.findFirstOrThrow({ where: { leadId: first.items[0]!.lead.id as string } });
    expect((await t.http.patch(`/api/inbox/threads/${interested.id}`).set(owner.auth).send({ label: 'interested' })).status).toBe(200);

    const response = await overview('?from=2026-11-30&to=2026-12-02');
    expect(response.status, response.text).toBe(200);
    const campaignTotals = await Promise.all(
      [first, second].map(async ({ campaign }) => (await t.http.get(`/api/campaigns/${campaign.id}/stats`).set(owner.auth)).body.totals),
    );
    expect(response.body).toMatchObject({ timezone: 'UTC', from: '2026-11-30', to: '2026-12-02' });
    expect(response.body.totals).toMatchObject({
      sent: 7,
      replied: 2,
      bounced: 1,
      unsubscribed: 0,
      positiveReplies: 1,
      rates: { reply: 0.2857, bounce: 0.1429 },
    });
    expect(response.body.totals.sent).toBe(campaignTotals[0].sent + campaignTotals[1].sent);
    expect(response.body.totals.replied).toBe(campaignTotals[0].replied + campaignTotals[1].replied);
    expect(
      response.body.days.map((day: { date: string; sent: number; replied: number; bounced: number; positiveReplies: number }) => [
        day.date,
        day.sent,
        day.replied,
        day.bounced,
        day.positiveReplies,
      ]),
    ).toEqual([
      ['2026-11-30', 0, 0, 0, 0],
      ['2026-12-01', 4, 0, 0, 0],
      ['2026-12-02', 3, 2, 1, 1],
    ]);

    // A range that leaves the first day out leaves its sends out.
    expect((await overview('?from=2026-12-02&to=2026-12-02')).body.totals).toMatchObject({ sent: 3, replied: 2, positiveReplies: 1 });
    // The default range: the 30 days ending today in the organization's time zone.
    const defaulted = (await overview('')).body;
    expect(defaulted).toMatchObject({ from: '2026-11-03', to: '2026-12-02' });
    expect(defaulted.days).toHaveLength(30);
    expect(defaulted.totals.sent).toBe(7);
    expect((await overview('?days=7')).body).toMatchObject({ from: '2026-11-26', to: '2026-12-02' });
  });

  it('shows another organization none of it', async () => {
    const other = await signUp(t.http);
    const response = await overview('?from=2026-11-30&to=2026-12-02', other.auth);
    expect(response.status).toBe(200);
    expect(response.body.totals).toMatchObject({ sent: 0, replied: 0, bounced: 0, positiveReplies: 0 });
  });

  it('refuses a range that ends before it starts or spans more than a year', async () => {
    const backwards = await overview('?from=2026-12-02&to=2026-12-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues).toEqual([expect.objectContaining({ path: 'from', in: 'query' })]);
    expect((await overview('?from=2025-01-01&to=2026-12-01')).status).toBe(400);
    expect((await overview('?from=yesterday')).status).toBe(400);
    expect((await overview('?days=0')).status).toBe(400);
  });
});
