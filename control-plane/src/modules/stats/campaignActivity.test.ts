// Integration: a campaign's activity feed (GET /api/campaigns/:id/activity) lists its events newest
// first, pages by cursor without skipping or repeating, and shows nothing of another organization.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
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

const activity = (campaignId: string, query: Record<string, string | number> = {}, auth = owner.auth) =>
  t.http.get(`/api/campaigns/${campaignId}/activity`).query(query).set(auth);

const inbound = (type: string, sendId: string) => ({
  eventId: randomUUID(),
  type,
  inReplyToMessageId: `<ophir.${sendId}@ophir.example>`,
  receivedAt: clock.now().toISOString(),
  message: { from: 'lead', subject: 'Re: hello', text: 'Thanks' },
});

describe('campaign activity', () => {
  it('lists sends, replies and unsubscribes newest first with the lead, step and mailbox, page after page', async () => {
    const { campaign, items } = await campaignWithFirstStepSent(t, clock, {
      organizationId: owner.organization.id,
      leads: 3,
      mailboxes: [{}],
    });
    clock.advance(60_000);
    const replied = await callAsN8n(t, '/api/internal/n8n/inbound-events', { events: [inbound('replied', items[0]!.sendId)] });
    expect(replied.status, replied.text).toBe(200);
    clock.advance(60_000);
    const unsubscribed = await callAsN8n(t, '/api/internal/n8n/inbound-events', {
      events: [inbound('unsubscribe_request', items[1]!.sendId)],
    });
    expect(unsubscribed.status, unsubscribed.text).toBe(200);

    const first = await activity(campaign.id, { limit: 2 });
    expect(first.status, first.text).toBe(200);
    const mailbox = await t.prisma.mailbox.findFirstOrThrow({
      where: { organizationId: owner.organization.id },
      orderBy: { createdAt: 'desc' },
    });
    expect(first.body.data).toEqual([
      expect.objectContaining({ metric: 'unsubscribed', leadEmail: items[1]!.lead.email, step: 1 }),
      expect.objectContaining({ metric: 'replied', leadEmail: items[0]!.lead.email, step: 1, mailboxEmail: mailbox.email }),
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const rest = await activity(campaign.id, { limit: 2, cursor: first.body.nextCursor });
    expect(rest.status, rest.text).toBe(200);
    const restAll = await activity(campaign.id, { limit: 10, cursor: first.body.nextCursor });
    expect(restAll.body.data.map((entry: { metric: string }) => entry.metric)).toEqual(['sent', 'sent', 'sent']);
    expect(restAll.body.nextCursor).toBeNull();
    const seen = [...first.body.data, ...restAll.body.data].map((entry: { id: string }) => entry.id);
    expect(new Set(seen).size).toBe(5);
    expect(rest.body.data.map((entry: { id: string }) => entry.id)).toEqual(
      restAll.body.data.slice(0, 2).map((entry: { id: string }) => entry.id),
    );
    expect(new Set(restAll.body.data.map((entry: { leadEmail: string }) => entry.leadEmail))).toEqual(
      new Set(items.map((item) => item.lead.email)),
    );
  });

  it("answers 404 for another organization's campaign and 400 for a cursor it did not issue", async () => {
    const { campaign } = await campaignWithFirstStepSent(t, clock, { organizationId: owner.organization.id, leads: 1, mailboxes: [{}] });
    const stranger = await signUp(t.http);
    const foreign = await activity(campaign.id, {}, stranger.auth);
    expect(foreign.status).toBe(404);
    const forged = await activity(campaign.id, { cursor: 'not-a-cursor' });
    expect(forged.status).toBe(400);
    expect(forged.body.issues[0].path).toBe('cursor');
  });
});
