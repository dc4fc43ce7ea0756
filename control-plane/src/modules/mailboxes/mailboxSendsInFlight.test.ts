// Integration: a mailbox and the sends claimed for it, against the real app and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { enrollLeads } from '../campaigns/enrollments/enrollLeads.js';
import { seedCampaign } from '../../test/campaignFixtures.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { claimDue, sentResult, type ClaimedItem } from '../../test/sentMessages.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
let t: TestApp;
let owner: SignedUp;
beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await signUp(t.http);
});
afterAll(() => t.close());

async function claimedCampaign(options: { leads: number; mailboxes: number }) {
  const organizationId = owner.organization.id;
  const seeded = await seedCampaign(t.prisma, {
    organizationId,
    leads: options.leads,
    mailboxes: Array.from({ length: options.mailboxes }, () => ({})),
    steps: [{ delayAmount: 0, delayUnit: 'days', subject: 'Hello', bodyText: 'Step one' }],
  });
  await enrollLeads(scopedDb(t.prisma, organizationId), {
    organizationId,
    campaignId: seeded.campaign.id,
    leadIds: seeded.leadIds,
    now: clock.now(),
  });
  const items = await claimDue(t, seeded.campaign.id);
  expect(items).toHaveLength(options.leads);
  return { ...seeded, items };
}

const sentFrom = (mailboxId: string) => (item: ClaimedItem) => sentResult(clock, item, mailboxId);

describe('deleting a mailbox with sends in flight', () => {
  it('is refused with mailbox_has_sends_in_flight while a claimed send holds its lease, and allowed once its result is in', async () => {
    const { mailboxes, items } = await claimedCampaign({ leads: 2, mailboxes: 1 });
    const mailboxId = mailboxes[0]!.id;

    const refused = await t.http.delete(`/api/mailboxes/${mailboxId}?detach=true`).set(owner.auth);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'mailbox_has_sends_in_flight', mailboxId, sendsInFlight: 2 });
    expect(refused.body.detail).toMatch(/pause the mailbox .* after their leases expire/);
    expect(await t.prisma.mailbox.findUnique({ where: { id: mailboxId } })).not.toBeNull();

    const reported = await callAsN8n(t, '/api/internal/n8n/events', { results: items.map(sentFrom(mailboxId)) });
    expect(reported.body).toMatchObject({ applied: 2, unknown: 0 });
    expect((await t.http.delete(`/api/mailboxes/${mailboxId}?detach=true`).set(owner.auth)).status).toBe(204);
  });

  it('is allowed once the leases have expired without a result', async () => {
    const { mailboxes } = await claimedCampaign({ leads: 1, mailboxes: 1 });
    expect((await t.http.delete(`/api/mailboxes/${mailboxes[0]!.id}?detach=true`).set(owner.auth)).status).toBe(409);
    clock.advance(t.config.CLAIM_LEASE_SECONDS * 1000 + 1000);
    expect((await t.http.delete(`/api/mailboxes/${mailboxes[0]!.id}?detach=true`).set(owner.auth)).status).toBe(204);
  });
});

describe('send results naming a mailbox deleted while they were in flight', () => {
  it('are dropped and counted as unknown; the rest of the batch is applied', async () => {
    const { mailboxes, items, campaign } = await claimedCampaign({ leads: 4, mailboxes: 2 });
    const [kept, deleted] = [mailboxes[0]!.id, mailboxes[1]!.id];
    // Behind the API's back, as a delete racing the claim would.
    await t.prisma.$executeRaw`DELETE FROM mailboxes WHERE id = ${deleted}::uuid`;

    const results = [...items.slice(0, 2).map(sentFrom(kept)), ...items.slice(2).map(sentFrom(deleted))];
    const reported = await callAsN8n(t, '/api/internal/n8n/events', { results });
    expect(reported.status).toBe(200);
    expect(reported.body).toEqual({ applied: 2, duplicates: 0, stale: 0, unknown: 2 });

    const messages = await t.prisma.message.findMany({
      where: { campaignId: campaign.id },
      select: { id: true, status: true, mailboxId: true },
    });
    const byId = new Map(messages.map((message) => [message.id, message]));
    for (const item of items.slice(0, 2)) expect(byId.get(item.sendId)).toMatchObject({ status: 'sent', mailboxId: kept });
    // Not recorded: their leases bring them back to the queue, flagged as possibly sent.
    for (const item of items.slice(2)) expect(byId.get(item.sendId)?.status).toBe('queued');
    expect(await t.prisma.sendLease.count({ where: { messageId: { in: items.slice(2).map((item) => item.sendId) } } })).toBe(2);
    expect(await t.prisma.event.count({ where: { campaignId: campaign.id, type: 'sent' } })).toBe(2);
  });
});
