// Integration: a change to the schedule, the campaign's zone or a lead's timezone moves the sends the Business
// Hours Gate deferred to the old window (real app, real PostgreSQL, the gate's own window arithmetic).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../../../../custom-nodes/nodes/BusinessHoursGate/businessHours.js';
import { ManualClock } from '../../../lib/clock.js';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import { seedCampaign } from '../../../test/campaignFixtures.js';
import { callAsN8n } from '../../../test/n8nCallbacks.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { until } from '../../../test/until.js';
import { enrollLeads } from '../enrollments/enrollLeads.js';

// Tuesday 03:00 UTC: Monday 22:00 in New York, 12:00 in Tokyo, 04:00 in Berlin.
const clock = new ManualClock(new Date('2026-12-01T03:00:00Z'));
const nineInNewYork = '2026-12-01T14:00:00.000Z';
let t: TestApp;
let owner: SignedUp;

let importsDir: string;

beforeAll(async () => {
  importsDir = await mkdtemp(path.join(os.tmpdir(), 'ophir-imports-'));
  t = await createTestApp({ clock, env: { LEAD_IMPORTS_DIR: importsDir } });
  owner = await signUp(t.http);
});
afterAll(async () => {
  await t.close();
  await rm(importsDir, { recursive: true, force: true });
});

const businessHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00', useLeadTimezone: true, holidays: [] };

/** An active campaign whose due sends went through the gate (as n8n runs it) and were deferred to their next window. */
async function deferredCampaign(options: { timezone: string; leadTimezones: Array<string | null> }) {
  const organizationId = owner.organization.id;
  const seeded = await seedCampaign(t.prisma, { organizationId, leads: options.leadTimezones.length, mailboxes: [{}, {}] });
  await t.prisma.campaign.update({ where: { id: seeded.campaign.id }, data: { timezone: options.timezone, schedule: businessHours } });
  for (const [index, timezone] of options.leadTimezones.entries())
    await t.prisma.lead.update({ where: { id: seeded.leadIds[index]! }, data: { timezone } });
  await enrollLeads(scopedDb(t.prisma, organizationId), {
    organizationId,
    campaignId: seeded.campaign.id,
    leadIds: seeded.leadIds,
    now: clock.now(),
  });
  const claimed = await callAsN8n(t, '/api/internal/n8n/claims', { campaignId: seeded.campaign.id, batchSize: 50 });
  const items = claimed.body.items as Array<{ sendId: string; attempt: number; schedule: never; lead: { timezone: string | null } }>;
  expect(items).toHaveLength(options.leadTimezones.length);
  const results = items.map((item) => {
    const gate = decide(clock.now().getTime(), item.schedule, item.lead.timezone);
    expect(gate.inside).toBe(false);
    return {
      status: 'deferred',
      sendId: item.sendId,
      attempt: item.attempt,
      eventId: `${item.sendId}:deferred`,
      notBefore: gate.nextWindowStart,
      code: 'outside_window',
    };
  });
  expect((await callAsN8n(t, '/api/internal/n8n/events', { results })).body.applied).toBe(items.length);
  return seeded;
}

const dueTimes = async (where: { campaignId?: string; leadId?: string }) => {
  const messages = await t.prisma.message.findMany({ where, select: { dueAt: true, enrollment: { select: { nextDueAt: true } } } });
  return messages.map((m) => [m.dueAt.toISOString(), m.enrollment.nextDueAt?.toISOString()]);
};

describe('a schedule change takes effect on the sends waiting for the old window', () => {
  it('makes sends deferred to 09:00 New York due now once the schedule is every day, all day, in the campaign zone', async () => {
    const { campaign } = await deferredCampaign({ timezone: 'America/New_York', leadTimezones: ['America/New_York', null, null] });
    expect(await dueTimes({ campaignId: campaign.id })).toEqual(Array(3).fill([nineInNewYork, nineInNewYork]));

    const patched = await t.http
      .patch(`/api/campaigns/${campaign.id}`)
      .set(owner.auth)
      .send({
        schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00', useLeadTimezone: false },
      });
    // No n8n in this test: the edit and its new due times are committed before the workflow update, which fails here.
    expect(patched.body.code, patched.text).toBe('dependency_unavailable');
    const now = clock.now().toISOString();
    expect(await dueTimes({ campaignId: campaign.id })).toEqual(Array(3).fill([now, now]));
    const claimedAgain = await callAsN8n(t, '/api/internal/n8n/claims', { campaignId: campaign.id, batchSize: 50 });
    expect(claimedAgain.body.items).toHaveLength(3);
  });

  it("moves a lead's deferred send to the window of the lead's new timezone", async () => {
    const { leadIds } = await deferredCampaign({ timezone: 'UTC', leadTimezones: ['America/New_York'] });
    const leadId = leadIds[0]!;
    expect(await dueTimes({ leadId })).toEqual([[nineInNewYork, nineInNewYork]]);

    expect((await t.http.patch(`/api/leads/${leadId}`).set(owner.auth).send({ timezone: 'Europe/Berlin' })).status).toBe(200);
    expect(await dueTimes({ leadId })).toEqual([['2026-12-01T08:00:00.000Z', '2026-12-01T08:00:00.000Z']]);

    expect((await t.http.patch(`/api/leads/${leadId}`).set(owner.auth).send({ timezone: 'Asia/Tokyo' })).status).toBe(200);
    const now = clock.now().toISOString();
    expect(await dueTimes({ leadId })).toEqual([[now, now]]);
  });

  it('moves the deferred sends of leads whose timezone an import updates', async () => {
    const { leadIds } = await deferredCampaign({ timezone: 'UTC', leadTimezones: ['America/New_York'] });
    const lead = await t.prisma.lead.findUniqueOrThrow({ where: { id: leadIds[0]! } });
    const preview = await t.http
      .post('/api/lead-imports?fileName=zones.csv')
      .set(owner.auth)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(`email,timezone\n${lead.email},Asia/Tokyo\n`));
    expect(preview.status, preview.text).toBe(201);
    expect((await t.http.post(`/api/lead-imports/${preview.body.id}/commit`).set(owner.auth).send({ onExisting: 'update' })).status).toBe(
      202,
    );
    await until(
      'the import to complete',
      async () => (await t.http.get(`/api/lead-imports/${preview.body.id}`).set(owner.auth)).body.status === 'completed',
    );
    expect((await t.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).timezone).toBe('Asia/Tokyo');
    const now = clock.now().toISOString();
    expect(await dueTimes({ leadId: lead.id })).toEqual([[now, now]]);
  });

  it("leaves a send deferred for another reason (a mailbox's gap) at its time", async () => {
    const { campaign, leadIds } = await deferredCampaign({ timezone: 'America/New_York', leadTimezones: [null, null] });
    const gapped = await t.prisma.message.findFirstOrThrow({ where: { leadId: leadIds[1]! } });
    await t.prisma.message.update({
      where: { id: gapped.id },
      data: { deferCode: 'mailbox_gap', dueAt: new Date('2026-12-01T03:02:00Z') },
    });

    await t.http.patch(`/api/campaigns/${campaign.id}`).set(owner.auth).send({ timezone: 'Asia/Tokyo' });
    expect((await t.prisma.message.findFirstOrThrow({ where: { leadId: leadIds[0]! } })).dueAt.toISOString()).toBe(
      clock.now().toISOString(),
    );
    expect((await t.prisma.message.findUniqueOrThrow({ where: { id: gapped.id } })).dueAt.toISOString()).toBe('2026-12-01T03:02:00.000Z');
  });

  it('recomputes on a state change too: resuming after a holiday was added while paused', async () => {
    const { campaign } = await deferredCampaign({ timezone: 'America/New_York', leadTimezones: [null] });
    // Tuesday becomes a holiday in New York while the campaign is paused: the send waits for Wednesday 09:00.
    await t.http.post(`/api/campaigns/${campaign.id}/pause`).set(owner.auth);
    await t.prisma.campaign.update({ where: { id: campaign.id }, data: { schedule: { ...businessHours, holidays: ['2026-12-01'] } } });
    await t.http.post(`/api/campaigns/${campaign.id}/resume`).set(owner.auth);
    expect(await dueTimes({ campaignId: campaign.id })).toEqual([['2026-12-02T14:00:00.000Z', '2026-12-02T14:00:00.000Z']]);
  });
});
