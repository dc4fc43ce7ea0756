// Integration (real app, real PostgreSQL, no n8n): every path that suppresses someone or takes a lead
// out of mailing stops that lead's sequences and cancels its waiting and claimed-but-unsent sends in
// the same transaction; the claim itself refuses a send whose lead is suppressed or not active.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { sha256Hex } from '../../../lib/crypto.js';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import { seedCampaign } from '../../../test/campaignFixtures.js';
import { callAsN8n } from '../../../test/n8nCallbacks.js';
import { campaignWithFirstStepSent, claimDue, reportSent, type ClaimedItem } from '../../../test/sentMessages.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { enrollLeads } from '../../campaigns/enrollments/enrollLeads.js';

const dayMs = 86_400_000;
const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

/**
 * An organization whose 2-step campaign sent step 1 to `leads` leads (step 2 queued for in two days),
 * and whose first lead also has a send claimed, in flight, in a second campaign.
 */
async function sentFirstStep(leads: number) {
  const owner = await signUp(t.http);
  const organizationId = owner.organization.id;
  const first = await campaignWithFirstStepSent(t, clock, { organizationId, leads });
  const leadsById = new Map(first.items.map((item) => [item.lead.id as string, item.lead as { id: string; email: string }]));
  const lead = (index: number) => leadsById.get(first.leadIds[index]!)!;
  const inFlight = await seedCampaign(t.prisma, { organizationId, leads: 0 });
  await enrollLeads(scopedDb(t.prisma, organizationId), {
    organizationId,
    campaignId: inFlight.campaign.id,
    leadIds: [lead(0).id],
    now: clock.now(),
  });
  const [claimed] = await claimDue(t, inFlight.campaign.id);
  expect(claimed).toBeDefined();
  return { owner, organizationId, campaignId: first.campaign.id, lead, claimed: claimed! };
}

/** Step 2 falls due; who gets it. */
async function secondStepRecipients(campaignId: string): Promise<string[]> {
  clock.advance(3 * dayMs);
  return (await claimDue(t, campaignId)).map((item: ClaimedItem) => item.lead.email as string).sort();
}

async function sequencesOf(leadId: string) {
  const enrollments = await t.prisma.enrollment.findMany({
    where: { leadId },
    include: { messages: { where: { status: { not: 'sent' } } } },
  });
  return enrollments.map((e) => ({ state: e.state, stopReason: e.stopReason, unsent: e.messages.map((m) => [m.status, m.lastError]) }));
}

const suppress = (owner: SignedUp, body: object) => t.http.post('/api/suppressions').set(owner.auth).send(body);

describe('a suppression added after enrolment stops the sequence', () => {
  it("by hand: the address's waiting and claimed sends are cancelled at once; a claimed one that went out is still recorded, with no next step", async () => {
    const { owner, campaignId, lead, claimed } = await sentFirstStep(2);
    expect((await suppress(owner, { kind: 'email', value: lead(0).email.toUpperCase(), reason: 'manual' })).status).toBe(201);

    const reason = 'suppressed: address is on the suppression list (manual)';
    expect(await sequencesOf(lead(0).id)).toEqual([
      { state: 'stopped', stopReason: reason, unsent: [['cancelled', reason]] },
      { state: 'stopped', stopReason: reason, unsent: [['cancelled', reason]] },
    ]);
    expect(await sequencesOf(lead(1).id)).toEqual([{ state: 'active', stopReason: null, unsent: [['queued', null]] }]);

    // The claimed send was already in n8n's hands: when it reports sent, that is the truth, and nothing follows it.
    expect(await reportSent(t, clock, [claimed])).toMatchObject({ applied: 1, stale: 0 });
    const inFlight = await t.prisma.message.findUniqueOrThrow({ where: { id: claimed.sendId } });
    expect(inFlight).toMatchObject({ status: 'sent', leaseExpiresAt: null });
    expect(await t.prisma.message.count({ where: { enrollmentId: inFlight.enrollmentId } })).toBe(1);
    expect(await t.prisma.enrollment.findUniqueOrThrow({ where: { id: inFlight.enrollmentId } })).toMatchObject({ state: 'stopped' });

    expect(await secondStepRecipients(campaignId)).toEqual([lead(1).email]);
  });

  it('a result other than sent for a send cancelled in flight leaves it cancelled', async () => {
    const { owner, lead, claimed } = await sentFirstStep(1);
    await suppress(owner, { kind: 'email', value: lead(0).email, reason: 'manual' });
    const deferred = await callAsN8n(t, '/api/internal/n8n/events', {
      results: [{ status: 'deferred', sendId: claimed.sendId, attempt: claimed.attempt, eventId: `${claimed.sendId}:deferred` }],
    });
    expect(deferred.body).toMatchObject({ applied: 0, stale: 1 });
    expect(await t.prisma.message.findUniqueOrThrow({ where: { id: claimed.sendId } })).toMatchObject({ status: 'cancelled' });
  });

  it('by domain: every lead of the organization at that domain stops', async () => {
    // seedCampaign spreads leads over 7 domains: leads 0 and 7 share one.
    const { owner, campaignId, lead } = await sentFirstStep(9);
    const domain = lead(0).email.split('@')[1]!;
    expect(lead(7).email.endsWith(`@${domain}`)).toBe(true);
    expect((await suppress(owner, { kind: 'domain', value: domain, reason: 'manual' })).status).toBe(201);

    const reason = 'suppressed: domain is on the suppression list (manual)';
    for (const index of [0, 7]) {
      for (const sequence of await sequencesOf(lead(index).id))
        expect(sequence).toEqual({ state: 'stopped', stopReason: reason, unsent: [['cancelled', reason]] });
    }
    const others = [1, 2, 3, 4, 5, 6, 8].map((index) => lead(index).email).sort();
    expect(await secondStepRecipients(campaignId)).toEqual(others);
  });

  it('already suppressed before: adding it again still stops whatever is live', async () => {
    const { owner, organizationId, campaignId, lead } = await sentFirstStep(2);
    await t.prisma.suppression.create({
      data: { organizationId, kind: 'email', value: lead(1).email, reason: 'bounced', source: 'written directly' },
    });
    expect((await suppress(owner, { kind: 'email', value: lead(1).email, reason: 'manual' })).status).toBe(200);
    expect((await sequencesOf(lead(1).id))[0]).toMatchObject({
      state: 'stopped',
      stopReason: 'suppressed: address is on the suppression list (bounced)',
    });
    expect(await secondStepRecipients(campaignId)).toEqual([lead(0).email]);
  });

  it("through a suppression CSV: addresses and domains in the file stop their leads, in the batch's transaction", async () => {
    const { owner, campaignId, lead } = await sentFirstStep(9);
    // Leads 1 and 8 share a domain.
    const csv = `value,reason\n${lead(2).email},unsubscribed\n@${lead(1).email.split('@')[1]},\n`;
    const imported = await t.http.post('/api/suppressions/import').set(owner.auth).set('Content-Type', 'text/csv').send(Buffer.from(csv));
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body).toMatchObject({ added: 2, rejected: 0 });

    const byAddress = 'suppressed: address is on the suppression list (unsubscribed)';
    expect(await sequencesOf(lead(2).id)).toEqual([{ state: 'stopped', stopReason: byAddress, unsent: [['cancelled', byAddress]] }]);
    for (const index of [1, 8]) {
      expect((await sequencesOf(lead(index).id))[0]).toMatchObject({
        state: 'stopped',
        stopReason: 'suppressed: domain is on the suppression list (manual)',
      });
    }
    expect(await secondStepRecipients(campaignId)).toEqual([0, 3, 4, 5, 6, 7].map((index) => lead(index).email).sort());
  });

  it("erasure: the person's sequences and sends go with them; a late result for their claimed send changes nothing", async () => {
    const { owner, campaignId, lead, claimed } = await sentFirstStep(2);
    expect((await t.http.delete(`/api/leads/${lead(0).id}`).set(owner.auth)).status).toBe(204);
    expect(await t.prisma.message.count({ where: { leadId: lead(0).id } })).toBe(0);
    expect(await reportSent(t, clock, [claimed])).toMatchObject({ applied: 0, unknown: 1 });
    expect(await secondStepRecipients(campaignId)).toEqual([lead(1).email]);
  });
});

describe('PATCH /api/leads/:id', () => {
  it("a status other than active stops the lead's sequences and cancels its claimed send", async () => {
    const { owner, campaignId, lead } = await sentFirstStep(2);
    const patched = await t.http
      .patch(`/api/leads/${lead(0).id}`)
      .set(owner.auth)
      .send({ status: 'complained' });
    expect(patched.status).toBe(200);
    expect(await sequencesOf(lead(0).id)).toEqual([
      { state: 'stopped', stopReason: 'the lead is complained', unsent: [['cancelled', 'the lead is complained']] },
      { state: 'stopped', stopReason: 'the lead is complained', unsent: [['cancelled', 'the lead is complained']] },
    ]);
    expect(await secondStepRecipients(campaignId)).toEqual([lead(1).email]);
  });

  it('a new address stops the sequences started with the old one; a suppressed new address is refused', async () => {
    const { owner, campaignId, lead } = await sentFirstStep(3);
    await suppress(owner, { kind: 'domain', value: 'blocked.example', reason: 'manual' });
    const refused = await t.http
      .patch(`/api/leads/${lead(1).id}`)
      .set(owner.auth)
      .send({ email: 'someone@blocked.example' });
    expect(refused.status).toBe(409);
    expect(await t.prisma.lead.findUniqueOrThrow({ where: { id: lead(1).id } })).toMatchObject({ email: lead(1).email });

    // The same address (in another case) is no change.
    expect(
      (
        await t.http
          .patch(`/api/leads/${lead(2).id}`)
          .set(owner.auth)
          .send({ email: lead(2).email.toUpperCase(), firstName: 'Same' })
      ).status,
    ).toBe(200);
    expect((await sequencesOf(lead(2).id))[0]).toMatchObject({ state: 'active' });

    expect(
      (
        await t.http
          .patch(`/api/leads/${lead(0).id}`)
          .set(owner.auth)
          .send({ email: 'new.address@elsewhere.example' })
      ).status,
    ).toBe(200);
    expect((await sequencesOf(lead(0).id)).map((s) => s.stopReason)).toEqual(["the lead's address changed", "the lead's address changed"]);
    expect(await secondStepRecipients(campaignId)).toEqual([lead(1).email, lead(2).email].sort());
  });
});

describe('the claim refuses what it must not send', () => {
  it("a suppression written behind the services' back (address, domain, erasure hash) or a lead no longer active: cancelled with the reason, never handed out", async () => {
    const { organizationId, campaignId, lead } = await sentFirstStep(9);
    // Raw SQL, as a race or another writer would leave it: no service stopped anything.
    await t.prisma.$executeRaw`
      INSERT INTO suppressions (id, "organizationId", kind, value, reason, source) VALUES
        (gen_random_uuid(), ${organizationId}::uuid, 'email', ${lead(1).email}, 'manual', 'sql'),
        (gen_random_uuid(), ${organizationId}::uuid, 'domain', ${lead(2).email.split('@')[1]}, 'complained', 'sql'),
        (gen_random_uuid(), ${organizationId}::uuid, 'email_hash', ${sha256Hex(lead(3).email)}, 'erased', 'sql')`;
    await t.prisma.$executeRaw`UPDATE leads SET status = 'bounced' WHERE id = ${lead(4).id}::uuid`;
    expect((await sequencesOf(lead(1).id))[0]).toMatchObject({ state: 'active' });

    expect(await secondStepRecipients(campaignId)).toEqual([0, 5, 6, 7, 8].map((index) => lead(index).email).sort());
    const refused = {
      1: 'suppressed: address is on the suppression list (manual)',
      2: 'suppressed: domain is on the suppression list (complained)',
      3: 'suppressed: this person asked to be erased',
      4: 'the lead is bounced',
    };
    for (const [index, reason] of Object.entries(refused)) {
      expect(await sequencesOf(lead(Number(index)).id)).toEqual([
        { state: 'stopped', stopReason: reason, unsent: [['cancelled', reason]] },
      ]);
    }
    expect(await claimDue(t, campaignId)).toEqual([]);
  });
});

describe('stats', () => {
  it('count a cancelled send as cancelled, per step and in total', async () => {
    const { owner, campaignId, lead } = await sentFirstStep(3);
    await suppress(owner, { kind: 'email', value: lead(0).email, reason: 'manual' });
    const stats = await t.http.get(`/api/campaigns/${campaignId}/stats`).set(owner.auth);
    expect(stats.status).toBe(200);
    expect(stats.body.totals).toMatchObject({ sent: 3, cancelled: 1 });
    expect(stats.body.steps.map((row: { step: number; sent: number; cancelled: number }) => [row.step, row.sent, row.cancelled])).toEqual([
      [1, 3, 0],
      [2, 0, 1],
    ]);
  });
});
