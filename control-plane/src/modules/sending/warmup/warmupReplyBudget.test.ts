// Integration on the real app and a real PostgreSQL: a warm-up reply owed by a mailbox whose day campaigns
// have filled up to the warm-up floor waits for its next window, so every message the ramp planned for that
// day still goes; a mailbox with room answers the same day.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import { callAsN8n } from '../../../test/n8nCallbacks.js';
import { claimDue, reportSent } from '../../../test/sentMessages.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { enrollLeads } from '../../campaigns/enrollments/enrollLeads.js';
import { replyDueAt } from '../../warmup/warmupReplies.js';

// Monday 7 December 2026, before the warm-up window (08:00-18:00 in the mailboxes' zone, UTC).
const monday = new Date('2026-12-07T07:00:00Z');
const tuesdayWindowStart = new Date('2026-12-08T08:00:00Z');
const dailyCap = 30;
const clock = new ManualClock(monday);
let t: TestApp;
let owner: SignedUp;
let ann: string;
let bob: string;

type WarmupItem = { sendId: string; attempt: number; warmupTag: string; warmupKind: string; mailboxId: string; lead: { id: string } };

beforeAll(async () => {
  t = await createTestApp({ clock, env: { ACCESS_TOKEN_TTL_SECONDS: String(30 * 86_400) } });
  owner = await signUp(t.http);
  const ids: string[] = [];
  for (const name of ['ann', 'bob']) {
    const created = await t.http
      .post('/api/mailboxes/sandbox')
      .set(owner.auth)
      .send({ email: `${name}@budget.example` });
    const limits = { rampEnabled: false, dailyCap, minGapSeconds: 0, gapJitterSeconds: 0 };
    expect((await t.http.patch(`/api/mailboxes/${created.body.id}`).set(owner.auth).send(limits)).status).toBe(200);
    const warmup = await t.http
      .put(`/api/mailboxes/${created.body.id}/warmup`)
      .set(owner.auth)
      .send({ enabled: true, replyRatePercent: 100 });
    expect(warmup.status, warmup.text).toBe(200);
    ids.push(created.body.id);
  }
  [ann, bob] = ids as [string, string];
});
afterAll(() => t.close());

/** A campaign sending from `mailboxId` with `leads` leads enrolled, marked sending as a start would (n8n is not run here). */
async function campaignFrom(mailboxId: string, leads: number): Promise<string> {
  const schedule = { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' };
  const created = await t.http
    .post('/api/campaigns')
    .set(owner.auth)
    .send({ name: 'Fills the day', mailboxIds: [mailboxId], schedule });
  expect(created.status, created.text).toBe(201);
  const campaignId = created.body.id as string;
  const steps = [
    { delayAmount: 0, delayUnit: 'days', variants: [{ label: 'A', subject: 'Hello', bodyText: 'Hi.\n\n{{unsubscribeUrl}}' }] },
  ];
  expect((await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send({ steps })).status).toBe(200);
  const organizationId = owner.organization.id;
  await t.prisma.lead.createMany({
    data: Array.from({ length: leads }, (_, i) => ({
      organizationId,
      email: `lead${i}@prospect.example`,
      emailDomain: 'prospect.example',
    })),
  });
  const leadIds = (await t.prisma.lead.findMany({ where: { organizationId }, select: { id: true } })).map((lead) => lead.id);
  await enrollLeads(scopedDb(t.prisma, organizationId), { organizationId, campaignId, leadIds, now: clock.now() });
  await t.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'active' } });
  return campaignId;
}

async function claimWarmup(): Promise<WarmupItem[]> {
  const response = await callAsN8n(t, '/api/internal/n8n/warmup/claims', { organizationId: owner.organization.id });
  expect(response.status, response.text).toBe(200);
  return response.body.items;
}

/** Sends what the warm-up claim hands out now; the recipient sees each initial message in its inbox at once. */
async function sendAndObserve(items: WarmupItem[]): Promise<void> {
  if (items.length === 0) return;
  const sentAt = clock.now().toISOString();
  const results = items.map((item) => ({
    status: 'sent',
    sendId: item.sendId,
    attempt: item.attempt,
    eventId: `${item.sendId}:${item.attempt}:sent`,
    mailboxId: item.mailboxId,
    messageId: `<ophir.${item.sendId}@budget.example>`,
    providerMessageId: `p-${item.sendId}`,
    threadId: null,
    sentAt,
  }));
  expect((await callAsN8n(t, '/api/internal/n8n/warmup/results', { results })).body).toMatchObject({ applied: items.length });
  const observations = items
    .filter((item) => item.warmupKind === 'initial')
    .map((item) => ({
      eventId: randomUUID(),
      tag: item.warmupTag,
      receivingMailboxId: item.lead.id,
      folder: 'inbox',
      rescued: false,
      markedImportant: false,
      observedAt: sentAt,
      providerMessageId: `r-${item.sendId}`,
      providerThreadId: `thread-${item.sendId}`,
      messageIdHeader: `<ophir.${item.sendId}@budget.example>`,
    }));
  if (observations.length > 0) await callAsN8n(t, '/api/internal/n8n/warmup/observations', { observations });
}

/** Claims, sends and observes warm-up every 15 minutes through the window of the day `clock` is on. */
async function runWarmupDay(): Promise<void> {
  const midnight = clock.now().getTime() - (clock.now().getTime() % 86_400_000);
  for (let minutes = 8 * 60; minutes < 18 * 60; minutes += 15) {
    clock.set(new Date(midnight + minutes * 60_000));
    await sendAndObserve(await claimWarmup());
  }
}

const sentBy = (mailboxId: string, kind: 'initial' | 'reply', from: Date, to: Date) =>
  t.prisma.warmupMessage.count({ where: { senderMailboxId: mailboxId, kind, status: 'sent', sentAt: { gte: from, lt: to } } });

/** A mailbox's replies, each with when it would be due by the reply delay alone (replyDueAt), before any budget. */
async function repliesOf(mailboxId: string) {
  const replies = await t.prisma.warmupMessage.findMany({
    where: { senderMailboxId: mailboxId, kind: 'reply' },
    include: { inReplyTo: true },
  });
  return replies.map((reply) => ({
    ...reply,
    dueByDelay: replyDueAt(reply.inReplyTo!.observedAt!, reply.tag, { timezone: 'UTC', weekdaysOnly: true }),
  }));
}

describe('a warm-up reply and the day budget', () => {
  it("waits for the replier's next window when campaigns filled its day up to the warm-up floor, and every planned message still goes", async () => {
    await t.app.warmupPlanner.planDue();
    const planned = await t.prisma.warmupMessage.count({ where: { senderMailboxId: bob, kind: 'initial', plannedDay: '2026-12-07' } });
    expect(planned).toBe(2);

    // A campaign takes all of Bob's Monday but the warm-up floor.
    clock.set(new Date('2026-12-07T07:30:00Z'));
    const campaignId = await campaignFrom(bob, dailyCap);
    const claimed = await claimDue(t, campaignId);
    expect(claimed).toHaveLength(dailyCap - planned);
    expect((await reportSent(t, clock, claimed)).applied).toBe(dailyCap - planned);

    await runWarmupDay();
    const mondayStart = new Date('2026-12-07T00:00:00Z');
    // Bob owes Ann a reply for each message she sent him, the first of them due on Monday by its delay alone
    // (her first message came in the first half of the window); yet on Monday he sends exactly what the ramp planned.
    const owed = await repliesOf(bob);
    expect(owed).toHaveLength(planned);
    expect(owed.some((reply) => reply.dueByDelay < tuesdayWindowStart)).toBe(true);
    for (const reply of owed) expect(reply.dueAt.getTime()).toBeGreaterThanOrEqual(tuesdayWindowStart.getTime());
    expect(await sentBy(bob, 'initial', mondayStart, tuesdayWindowStart)).toBe(planned);
    expect(await sentBy(bob, 'reply', mondayStart, tuesdayWindowStart)).toBe(0);
    // Ann had room: her replies to Bob are due when their delay says.
    const answeredByAnn = await repliesOf(ann);
    expect(answeredByAnn).toHaveLength(planned);
    for (const reply of answeredByAnn) expect(reply.dueAt).toEqual(reply.dueByDelay);

    // Tuesday, with room again: Bob's replies go.
    clock.set(new Date('2026-12-08T07:00:00Z'));
    await t.app.warmupPlanner.planDue();
    await runWarmupDay();
    const sentOnTuesday = await t.prisma.warmupMessage.findMany({ where: { id: { in: owed.map((reply) => reply.id) } } });
    for (const reply of sentOnTuesday) {
      expect(reply.status).toBe('sent');
      expect(reply.sentAt!.getTime()).toBeGreaterThanOrEqual(tuesdayWindowStart.getTime());
    }
  }, 120_000);
});
