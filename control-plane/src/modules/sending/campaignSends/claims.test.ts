// Integration: the claim/result contract through the real app (signed callbacks) on real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import { seedCampaign } from '../../../test/campaignFixtures.js';
import { callAsN8n } from '../../../test/n8nCallbacks.js';
import { createTestApp, signUp, type TestApp } from '../../../test/testApp.js';
import { enrollLeads } from '../../campaigns/enrollments/enrollLeads.js';
import { leaseSends } from './claimStatements.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let organizationId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  organizationId = (await signUp(t.http)).organization.id;
});
afterAll(() => t.close());

async function setup(options: Parameters<typeof seedCampaign>[1] extends infer O ? Partial<O> & { leads: number } : never) {
  const seeded = await seedCampaign(t.prisma, { organizationId, ...options });
  await enrollLeads(scopedDb(t.prisma, organizationId), {
    organizationId,
    campaignId: seeded.campaign.id,
    leadIds: seeded.leadIds,
    now: clock.now(),
  });
  return seeded;
}

const claim = async (campaignId: string, batchSize = 50) => {
  const response = await callAsN8n(t, '/api/internal/n8n/claims', { campaignId, batchSize });
  expect(response.status).toBe(200);
  return response.body as { now: string; items: Array<Record<string, any>> };
};

const sent = (item: Record<string, any>, mailboxId = item.mailboxes[0].id) => ({
  status: 'sent',
  sendId: item.sendId,
  attempt: item.attempt,
  eventId: `${item.sendId}:${item.attempt}:sent`,
  mailboxId,
  messageId: `<ophir.${item.sendId}@ophir.example>`,
  providerMessageId: `p-${item.sendId}`,
  threadId: `thread-${item.lead.id}`,
  sentAt: clock.now().toISOString(),
});

describe('claims', () => {
  it('hands out due sends with rendered messages, the pool and the control plane clock', async () => {
    const { campaign } = await setup({ leads: 3 });
    const batch = await claim(campaign.id);
    expect(batch.now).toBe('2026-12-01T10:00:00.000Z');
    expect(batch.items).toHaveLength(3);
    const item = batch.items.find((i) => i.lead.firstName === null)!;
    expect(item).toMatchObject({ attempt: 1, step: 1, mayHaveBeenSent: false, campaignId: campaign.id, threading: null });
    expect(item.message.subject).toMatch(/^(Hi|Hello) there$/);
    expect(item.message.text).toContain('Step one for Company');
    expect(item.message.text).toContain(item.message.unsubscribeUrl);
    expect(item.mailboxes[0]).toMatchObject({ provider: 'sandbox', remainingToday: 3 });
    expect((await claim(campaign.id)).items).toHaveLength(0);
  });

  it("gives each send its own variant's text when a batch mixes variants (their texts are read once each)", async () => {
    const seeded = await seedCampaign(t.prisma, { organizationId, leads: 30, mailboxes: [{ dailyCap: 50 }] });
    const step = await t.prisma.sequenceStep.findFirstOrThrow({ where: { campaignId: seeded.campaign.id, position: 0 } });
    await t.prisma.stepVariant.updateMany({
      where: { stepId: step.id },
      data: { subject: 'Variant A for {{lead.company}}', bodyText: 'Body A {{unsubscribeUrl}}' },
    });
    await t.prisma.stepVariant.create({
      data: {
        organizationId,
        stepId: step.id,
        label: 'B',
        subject: 'Variant B for {{lead.company}}',
        bodyText: 'Body B {{unsubscribeUrl}}',
      },
    });
    await enrollLeads(scopedDb(t.prisma, organizationId), {
      organizationId,
      campaignId: seeded.campaign.id,
      leadIds: seeded.leadIds,
      now: clock.now(),
    });
    const { items } = await claim(seeded.campaign.id);
    expect(items).toHaveLength(30);
    const messages = await t.prisma.message.findMany({ where: { campaignId: seeded.campaign.id } });
    const variants = await t.prisma.stepVariant.findMany({ where: { stepId: step.id } });
    const labelOf = new Map(messages.map((message) => [message.id, variants.find((v) => v.id === message.variantId)!.label]));
    expect(new Set(labelOf.values())).toEqual(new Set(['A', 'B']));
    for (const item of items) {
      const label = labelOf.get(item.sendId);
      expect(item.message.subject).toBe(`Variant ${label} for ${item.lead.company}`);
      expect(item.message.text).toBe(`Body ${label} ${item.message.unsubscribeUrl}`);
    }
  });

  it('never gives the same send to two concurrent executions', async () => {
    const { campaign } = await setup({ leads: 40 });
    const batches = await Promise.all([claim(campaign.id, 15), claim(campaign.id, 15), claim(campaign.id, 15)]);
    const ids = batches.flatMap((b) => b.items.map((i) => i.sendId as string));
    expect(ids.length).toBe(new Set(ids).size);
    // A claim whose snapshot predates another's commit can lock sends the other just leased: the lease's key
    // refuses them and they stay queued, so the next claim hands them out. Nothing twice, nothing lost.
    const rest = (await claim(campaign.id, 50)).items.map((i) => i.sendId as string);
    expect(new Set([...ids, ...rest]).size).toBe(ids.length + rest.length);
    expect(ids.length + rest.length).toBe(40);
  });

  it('leases only sends no one leased first: the lease statement returns the rows it inserted, which alone are handed out', async () => {
    const { campaign, mailboxes } = await setup({ leads: 2, mailboxes: [{ dailyCap: 1 }] });
    const [taken] = (await claim(campaign.id)).items;
    const waiting = await t.prisma.message.findFirstOrThrow({ where: { campaignId: campaign.id, lease: null } });
    // A claim whose snapshot predates another's commit can lock a send that the other leased: the primary key refuses it.
    const leased = await t.prisma.$queryRawUnsafe<Array<{ id: string }>>(
      leaseSends.text,
      organizationId,
      campaign.id,
      JSON.stringify([
        { messageId: taken!.sendId, attempt: 9, mailboxId: mailboxes[0]!.id, subject: 'Again' },
        { messageId: waiting.id, attempt: 1, mailboxId: mailboxes[0]!.id, subject: 'First' },
      ]),
      clock.now().toISOString(),
      clock.now().toISOString(),
    );
    expect(leased).toEqual([{ id: waiting.id }]);
    expect(await t.prisma.sendLease.findUnique({ where: { messageId: taken!.sendId } })).toMatchObject({ attempt: 1 });
    expect(await t.prisma.message.findUnique({ where: { id: taken!.sendId } })).toMatchObject({ status: 'queued', attempt: 0 });
  });

  it('reserves capacity at claim time so a mailbox cap holds across campaigns sharing it', async () => {
    const first = await setup({ leads: 5, mailboxes: [{ dailyCap: 4 }] });
    const second = await seedCampaign(t.prisma, { organizationId, leads: 5 });
    await t.prisma.campaignMailbox.create({ data: { organizationId, campaignId: second.campaign.id, mailboxId: first.mailboxes[0]!.id } });
    await t.prisma.campaignMailbox.deleteMany({ where: { campaignId: second.campaign.id, mailboxId: second.mailboxes[0]!.id } });
    await enrollLeads(scopedDb(t.prisma, organizationId), {
      organizationId,
      campaignId: second.campaign.id,
      leadIds: second.leadIds,
      now: clock.now(),
    });
    const a = await claim(first.campaign.id);
    const b = await claim(second.campaign.id);
    expect(a.items.length + b.items.length).toBe(4);
  });

  it("holds the campaign's own daily cap, counting its claims in flight", async () => {
    const { campaign } = await setup({ leads: 5, campaignDailyCap: 3 });
    expect((await claim(campaign.id, 2)).items).toHaveLength(2);
    expect((await claim(campaign.id)).items).toHaveLength(1);
    expect((await claim(campaign.id)).items).toHaveLength(0);
  });

  it('keeps one send per run for a mailbox with a minimum gap', async () => {
    const { campaign } = await setup({ leads: 5, mailboxes: [{ minGapSeconds: 120 }, { minGapSeconds: 120 }] });
    expect((await claim(campaign.id)).items).toHaveLength(2);
  });
});

describe('results', () => {
  it('applies a sent result once, threads the follow-up on the same mailbox, and completes the sequence', async () => {
    const { campaign } = await setup({ leads: 1, mailboxes: [{}, {}] });
    const [item] = (await claim(campaign.id)).items;
    const mailboxId = item!.mailboxes[1].id as string;
    const report = () => callAsN8n(t, '/api/internal/n8n/events', { results: [sent(item!, mailboxId)] });
    expect((await report()).body).toEqual({ applied: 1, duplicates: 0, stale: 0, unknown: 0 });
    expect((await report()).body).toEqual({ applied: 0, duplicates: 1, stale: 0, unknown: 0 });
    expect(await t.prisma.event.count({ where: { messageId: item!.sendId, type: 'sent' } })).toBe(1);

    expect((await claim(campaign.id)).items).toHaveLength(0);
    clock.advance(2 * 86_400_000);
    const [followUp] = (await claim(campaign.id)).items;
    expect(followUp).toMatchObject({
      step: 2,
      threading: { messageId: `<ophir.${item!.sendId}@ophir.example>`, mailboxId, gmailThreadId: `thread-${item!.lead.id}` },
    });
    expect(followUp!.message.subject).toBe(`Re: ${item!.message.subject}`);
    await callAsN8n(t, '/api/internal/n8n/events', { results: [sent(followUp!, mailboxId)] });
    const enrollment = await t.prisma.enrollment.findFirstOrThrow({ where: { campaignId: campaign.id } });
    expect(enrollment).toMatchObject({ state: 'completed', nextStep: 2, firstMessageId: `<ophir.${item!.sendId}@ophir.example>` });
  });

  it('defers to the next window, retries after the delay, and stops the enrolment on failure', async () => {
    const { campaign } = await setup({ leads: 3 });
    const items = (await claim(campaign.id)).items;
    const notBefore = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const response = await callAsN8n(t, '/api/internal/n8n/events', {
      results: [
        {
          status: 'deferred',
          sendId: items[0]!.sendId,
          attempt: 1,
          eventId: `${items[0]!.sendId}:1:deferred`,
          notBefore,
          code: 'outside_window',
        },
        {
          status: 'retryable',
          sendId: items[1]!.sendId,
          attempt: 1,
          eventId: `${items[1]!.sendId}:1:retryable`,
          retryAfterSeconds: 60,
          mayHaveBeenSent: true,
          code: 'provider_unavailable',
        },
        {
          status: 'failed',
          sendId: items[2]!.sendId,
          attempt: 1,
          eventId: `${items[2]!.sendId}:1:failed`,
          code: 'invalid_recipient',
          reason: 'no such user',
        },
      ],
    });
    expect(response.body.applied).toBe(3);
    clock.advance(61_000);
    const retried = (await claim(campaign.id)).items;
    expect(retried.map((i) => [i.sendId, i.lead.email, i.step])).toEqual([[items[1]!.sendId, items[1]!.lead.email, 1]]);
    expect(retried[0]).toMatchObject({ attempt: 2, mayHaveBeenSent: true });
    expect((await callAsN8n(t, '/api/internal/n8n/events', { results: [sent(retried[0]!)] })).body.applied).toBe(1);
    clock.advance(3_600_000);
    expect((await claim(campaign.id)).items.map((i) => i.sendId)).toEqual([items[0]!.sendId]);
    const failed = await t.prisma.enrollment.findFirstOrThrow({ where: { leadId: items[2]!.lead.id } });
    expect(failed).toMatchObject({ state: 'stopped', stopReason: 'send_failed:invalid_recipient' });
  });

  it('returns an expired lease to the queue flagged, and ignores the late report of the old attempt', async () => {
    const { campaign } = await setup({ leads: 1 });
    const [item] = (await claim(campaign.id)).items;
    clock.advance(11 * 60_000);
    const [again] = (await claim(campaign.id)).items;
    expect(again).toMatchObject({ sendId: item!.sendId, attempt: 2, mayHaveBeenSent: true });
    const late = await callAsN8n(t, '/api/internal/n8n/events', { results: [sent(item!)] });
    expect(late.body).toEqual({ applied: 0, duplicates: 0, stale: 1, unknown: 0 });
    const current = await callAsN8n(t, '/api/internal/n8n/events', { results: [sent(again!)] });
    expect(current.body.applied).toBe(1);
  });

  it('deletes a lease with its message, though the lease has no foreign key to it (a trigger on messages)', async () => {
    const first = await setup({ leads: 2 });
    const second = await setup({ leads: 2 });
    const [erased] = (await claim(first.campaign.id)).items;
    await claim(second.campaign.id);
    const leases = (campaignId: string) => t.prisma.sendLease.count({ where: { campaignId } });
    expect([await leases(first.campaign.id), await leases(second.campaign.id)]).toEqual([2, 2]);
    // A lead deleted (its enrolment and messages cascade), then a whole campaign: each takes only its own leases.
    await t.prisma.lead.delete({ where: { id: erased!.lead.id } });
    expect([await leases(first.campaign.id), await leases(second.campaign.id)]).toEqual([1, 2]);
    await t.prisma.campaign.delete({ where: { id: second.campaign.id } });
    expect([await leases(first.campaign.id), await leases(second.campaign.id)]).toEqual([1, 0]);
  });

  it('hands out nothing for a paused campaign and refuses unsigned calls', async () => {
    const { campaign } = await setup({ leads: 2 });
    await t.prisma.campaign.update({ where: { id: campaign.id }, data: { status: 'paused' } });
    expect((await claim(campaign.id)).items).toHaveLength(0);
    expect((await t.http.post('/api/internal/n8n/claims').send({ campaignId: campaign.id })).status).toBe(401);
  });
});
