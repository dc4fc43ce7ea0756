// Integration: inbound events (what the inbox watcher reports) through the signed callback on real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { seedCampaign } from '../../test/campaignFixtures.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { campaignWithFirstStepSent, claimDue } from '../../test/sentMessages.js';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';
import { enrollLeads } from '../campaigns/enrollments/enrollLeads.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let organizationId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  organizationId = (await signUp(t.http)).organization.id;
});
afterAll(() => t.close());

const report = async (events: object[]) => {
  const response = await callAsN8n(t, '/api/internal/n8n/inbound-events', { events });
  expect(response.status, response.text).toBe(200);
  return response.body as {
    applied: number;
    duplicates: number;
    unknown: number;
    events: Array<{ eventId: string; outcome: string; leadId: string | null; stoppedEnrollments: number }>;
  };
};
const messageIdOf = (sendId: string) => `<ophir.${sendId}@ophir.example>`;
const inbound = (fields: object) => ({
  eventId: randomUUID(),
  receivedAt: clock.now().toISOString(),
  evidence: { from: 'lead' },
  ...fields,
});

/** The lead of `first` enrolled in one more campaign, with its first step waiting. */
async function alsoEnrolled(leadId: string, campaign: { stopOnReply?: boolean; settings?: object } = {}) {
  const other = await seedCampaign(t.prisma, { organizationId, leads: 0 });
  await t.prisma.campaign.update({ where: { id: other.campaign.id }, data: campaign });
  await enrollLeads(scopedDb(t.prisma, organizationId), {
    organizationId,
    campaignId: other.campaign.id,
    leadIds: [leadId],
    now: new Date(clock.now().getTime() + 3_600_000),
  });
  return other.campaign.id;
}

const enrollmentState = async (leadId: string, campaignId: string) =>
  (await t.prisma.enrollment.findFirstOrThrow({ where: { leadId, campaignId } })).state;

describe('replies', () => {
  it('stop only the enrolments of campaigns with stop-on-reply, once however often the watcher replays', async () => {
    const first = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 2 });
    const item = first.items[0]!;
    const keepsGoing = await alsoEnrolled(item.lead.id, { stopOnReply: false });
    const stops = await alsoEnrolled(item.lead.id, { stopOnReply: true });

    const reply = inbound({ type: 'replied', inReplyToMessageId: messageIdOf(item.sendId), mailboxId: item.mailboxes[0].id });
    expect(await report([reply])).toMatchObject({
      applied: 1,
      duplicates: 0,
      unknown: 0,
      events: [{ outcome: 'applied', leadId: item.lead.id, stoppedEnrollments: 2 }],
    });
    expect(await report([reply, reply])).toMatchObject({ applied: 0, duplicates: 2 });

    expect(await enrollmentState(item.lead.id, first.campaign.id)).toBe('stopped');
    expect(await enrollmentState(item.lead.id, stops)).toBe('stopped');
    expect(await enrollmentState(item.lead.id, keepsGoing)).toBe('active');
    expect(await enrollmentState(first.items[1]!.lead.id, first.campaign.id)).toBe('active');
    const events = await t.prisma.event.findMany({ where: { leadId: item.lead.id, type: 'replied' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ campaignId: first.campaign.id, messageId: item.sendId, mailboxId: item.mailboxes[0].id });
    expect(events[0]!.data).toMatchObject({ source: 'inbox', resolvedBy: 'message_id', evidence: { from: 'lead' } });
    // A reply suppresses nobody: the lead may be written to again by hand.
    expect(await t.prisma.suppression.count({ where: { organizationId, value: item.lead.email } })).toBe(0);
    clock.advance(3 * 86_400_000);
    expect((await claimDue(t, first.campaign.id)).map((i) => i.lead.id)).toEqual([first.items[1]!.lead.id]);
  });

  it('stop colleagues at the same company domain where the campaign asks, never at a webmail domain', async () => {
    const first = await campaignWithFirstStepSent(t, clock, {
      organizationId,
      leads: 1,
      campaign: { settings: { stopOnReplyForDomain: true } },
    });
    const lead = first.items[0]!.lead as { id: string; email: string };
    const domain = lead.email.split('@')[1]!;
    const colleague = await t.prisma.lead.create({
      data: { organizationId, email: `colleague.${randomUUID().slice(0, 6)}@${domain}`, emailDomain: domain },
    });
    await enrollLeads(scopedDb(t.prisma, organizationId), {
      organizationId,
      campaignId: first.campaign.id,
      leadIds: [colleague.id],
      now: clock.now(),
    });
    const unaffected = await alsoEnrolled(colleague.id, { stopOnReply: true });

    const webmail = await Promise.all(
      ['one', 'two'].map((name) =>
        t.prisma.lead.create({
          data: { organizationId, email: `${name}.${randomUUID().slice(0, 6)}@gmail.com`, emailDomain: 'gmail.com' },
        }),
      ),
    );
    await enrollLeads(scopedDb(t.prisma, organizationId), {
      organizationId,
      campaignId: first.campaign.id,
      leadIds: webmail.map((l) => l.id),
      now: clock.now(),
    });

    await report([inbound({ type: 'replied', inReplyToMessageId: messageIdOf(first.items[0]!.sendId) })]);
    expect(await enrollmentState(colleague.id, first.campaign.id)).toBe('stopped');
    expect(await enrollmentState(colleague.id, unaffected)).toBe('active');

    await report([inbound({ type: 'replied', leadEmail: webmail[0]!.email, mailboxId: first.mailboxes[0]!.id })]);
    expect(await enrollmentState(webmail[0]!.id, first.campaign.id)).toBe('stopped');
    expect(await enrollmentState(webmail[1]!.id, first.campaign.id)).toBe('active');
  });

  it('stop colleagues across the company by organizational domain, never a neighbour under the same suffix or webmail under a subdomain', async () => {
    const { campaign, mailboxes } = await seedCampaign(t.prisma, { organizationId, leads: 0 });
    await t.prisma.campaign.update({ where: { id: campaign.id }, data: { settings: { stopOnReplyForDomain: true } } });
    const run = randomUUID().slice(0, 6);
    const company = `acme-${run}.co.uk`;
    const enrolled = async (domains: string[]) => {
      const leads = await Promise.all(
        domains.map((domain, index) =>
          t.prisma.lead.create({ data: { organizationId, email: `person${index}.${run}@${domain}`, emailDomain: domain } }),
        ),
      );
      await enrollLeads(scopedDb(t.prisma, organizationId), {
        organizationId,
        campaignId: campaign.id,
        leadIds: leads.map((lead) => lead.id),
        now: clock.now(),
      });
      return leads;
    };
    const replied = async (email: string) => report([inbound({ type: 'replied', leadEmail: email, mailboxId: mailboxes[0]!.id })]);

    const [jane, headOffice, deepSubdomain, neighbour, lookalike] = await enrolled([
      `sales.${company}`,
      company,
      `eu.ops.${company}`,
      `other-${company}`,
      `not${company}`,
    ]);
    await replied(jane!.email);
    for (const stopped of [jane!, headOffice!, deepSubdomain!]) expect(await enrollmentState(stopped.id, campaign.id)).toBe('stopped');
    for (const going of [neighbour!, lookalike!]) expect(await enrollmentState(going.id, campaign.id)).toBe('active');

    const [webmailSubdomain, webmail, sameWebmailSubdomain] = await enrolled(['eu.yahoo.com', 'yahoo.com', 'eu.yahoo.com']);
    await replied(webmailSubdomain!.email);
    expect(await enrollmentState(webmailSubdomain!.id, campaign.id)).toBe('stopped');
    for (const going of [webmail!, sameWebmailSubdomain!]) expect(await enrollmentState(going.id, campaign.id)).toBe('active');
  });

  it("resolve by thread within the mailbox and by the lead's address; auto-replies are recorded and stop nothing", async () => {
    const first = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 2 });
    const [a, b] = first.items;
    const byThread = await report([inbound({ type: 'auto_replied', threadId: `thread-${a!.lead.id}`, mailboxId: a!.mailboxes[0].id })]);
    expect(byThread.events[0]).toMatchObject({ outcome: 'applied', leadId: a!.lead.id, stoppedEnrollments: 0 });
    expect(await enrollmentState(a!.lead.id, first.campaign.id)).toBe('active');
    expect(await t.prisma.event.findFirst({ where: { leadId: a!.lead.id, type: 'auto_replied' } })).toMatchObject({
      messageId: a!.sendId,
      campaignId: first.campaign.id,
    });

    const byEmail = await report([inbound({ type: 'replied', leadEmail: b!.lead.email.toUpperCase(), mailboxId: b!.mailboxes[0].id })]);
    expect(byEmail.events[0]).toMatchObject({ outcome: 'applied', leadId: b!.lead.id, stoppedEnrollments: 1 });
    expect(await t.prisma.event.findFirst({ where: { leadId: b!.lead.id, type: 'replied' } })).toMatchObject({ messageId: b!.sendId });
  });
});

describe('auto-replies', () => {
  const DAY = 86_400_000;
  const nextStep = (campaignId: string, leadId: string) =>
    t.prisma.message.findFirstOrThrow({ where: { campaignId, leadId, stepPosition: 1 } });
  const enrollment = (campaignId: string, leadId: string) => t.prisma.enrollment.findFirstOrThrow({ where: { campaignId, leadId } });

  it("postpone the lead's next step by the campaign's autoReplyDelayDays, once however often the watcher replays", async () => {
    const delayed = await campaignWithFirstStepSent(t, clock, {
      organizationId,
      leads: 2,
      campaign: { settings: { autoReplyDelayDays: 5 } },
    });
    const [away, present] = delayed.items;
    const planned = (await nextStep(delayed.campaign.id, present!.lead.id)).dueAt;
    const outOfOffice = inbound({ type: 'auto_replied', inReplyToMessageId: messageIdOf(away!.sendId), mailboxId: away!.mailboxes[0].id });

    expect((await report([outOfOffice])).events[0]).toMatchObject({ outcome: 'applied', leadId: away!.lead.id, stoppedEnrollments: 0 });
    const until = new Date(clock.now().getTime() + 5 * DAY);
    expect((await nextStep(delayed.campaign.id, away!.lead.id)).dueAt).toEqual(until);
    expect(await enrollment(delayed.campaign.id, away!.lead.id)).toMatchObject({ state: 'active', nextDueAt: until });
    expect((await nextStep(delayed.campaign.id, present!.lead.id)).dueAt).toEqual(planned);

    clock.advance(DAY);
    expect(await report([outOfOffice])).toMatchObject({ applied: 0, duplicates: 1 });
    expect((await nextStep(delayed.campaign.id, away!.lead.id)).dueAt).toEqual(until);
    clock.advance(2 * DAY);
    expect((await claimDue(t, delayed.campaign.id)).map((item) => item.lead.id)).toEqual([present!.lead.id]);
  });

  it('leave the plan alone when the campaign does not ask for a delay', async () => {
    const plain = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1 });
    const item = plain.items[0]!;
    const planned = (await nextStep(plain.campaign.id, item.lead.id)).dueAt;
    await report([inbound({ type: 'auto_replied', inReplyToMessageId: messageIdOf(item.sendId), mailboxId: item.mailboxes[0].id })]);
    expect((await nextStep(plain.campaign.id, item.lead.id)).dueAt).toEqual(planned);
  });
});

describe('bounces, complaints and unsubscribe requests', () => {
  it('a hard bounce suppresses the address org-wide before the next step can be claimed', async () => {
    const first = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1 });
    const item = first.items[0]!;
    const other = await alsoEnrolled(item.lead.id, { stopOnReply: false });
    const result = await report([
      inbound({
        type: 'bounced',
        inReplyToMessageId: messageIdOf(item.sendId),
        bounce: { kind: 'hard', status: '5.1.1', diagnostic: '550 5.1.1 No such user' },
      }),
    ]);
    expect(result.events[0]).toMatchObject({ outcome: 'applied', stoppedEnrollments: 2 });
    expect(await t.prisma.suppression.findFirst({ where: { organizationId, value: item.lead.email } })).toMatchObject({
      kind: 'email',
      reason: 'bounced',
      source: 'inbox:bounced',
    });
    expect(await t.prisma.lead.findUniqueOrThrow({ where: { id: item.lead.id } })).toMatchObject({ status: 'bounced' });
    expect(await t.prisma.event.findFirst({ where: { leadId: item.lead.id, type: 'bounced' } })).toMatchObject({
      data: expect.objectContaining({ kind: 'hard', status: '5.1.1' }),
    });
    clock.advance(3 * 86_400_000);
    expect(await claimDue(t, first.campaign.id)).toEqual([]);
    expect(await claimDue(t, other)).toEqual([]);
  });

  it('a soft bounce is counted and nothing more', async () => {
    const first = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1 });
    const item = first.items[0]!;
    await report([
      inbound({
        type: 'bounced',
        inReplyToMessageId: messageIdOf(item.sendId),
        bounce: { kind: 'soft', status: '4.2.2', diagnostic: 'mailbox full' },
      }),
    ]);
    expect(await t.prisma.suppression.count({ where: { organizationId, value: item.lead.email } })).toBe(0);
    expect(await enrollmentState(item.lead.id, first.campaign.id)).toBe('active');
    expect(await t.prisma.event.findFirst({ where: { leadId: item.lead.id, type: 'bounced' } })).toMatchObject({
      data: expect.objectContaining({ kind: 'soft' }),
    });
  });

  it('a complaint and an unsubscribe request suppress with their reason and stop the lead', async () => {
    const first = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 2 });
    const [a, b] = first.items;
    await report([
      inbound({ type: 'complained', inReplyToMessageId: messageIdOf(a!.sendId) }),
      inbound({ type: 'unsubscribe_request', inReplyToMessageId: `ophir.${b!.sendId}@ophir.example` }),
    ]);
    expect(await t.prisma.suppression.findFirst({ where: { organizationId, value: a!.lead.email } })).toMatchObject({
      reason: 'complained',
    });
    expect(await t.prisma.suppression.findFirst({ where: { organizationId, value: b!.lead.email } })).toMatchObject({
      reason: 'unsubscribed',
    });
    expect(
      await t.prisma.lead.findMany({
        where: { id: { in: [a!.lead.id, b!.lead.id] } },
        orderBy: { status: 'asc' },
        select: { status: true },
      }),
    ).toEqual([{ status: 'unsubscribed' }, { status: 'complained' }]);
    expect(await t.prisma.event.count({ where: { leadId: b!.lead.id, type: 'unsubscribed' } })).toBe(1);
    expect(await enrollmentState(a!.lead.id, first.campaign.id)).toBe('stopped');
    expect(await enrollmentState(b!.lead.id, first.campaign.id)).toBe('stopped');
  });

  it("a bounce for an address that is no lead still suppresses it within the mailbox's organization", async () => {
    const first = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1 });
    const result = await report([
      inbound({
        type: 'bounced',
        leadEmail: 'ghost@nowhere.example',
        mailboxId: first.mailboxes[0]!.id,
        bounce: { kind: 'hard', status: '5.1.1' },
      }),
    ]);
    expect(result.events[0]).toMatchObject({ outcome: 'applied', leadId: null });
    expect(await t.prisma.suppression.findFirst({ where: { organizationId, value: 'ghost@nowhere.example' } })).toMatchObject({
      reason: 'bounced',
    });
  });
});

describe('resolution limits', () => {
  it('answers unknown for what is not ours, and never crosses organizations', async () => {
    const first = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1 });
    const otherOrganization = (await signUp(t.http)).organization.id;
    const foreign = await seedCampaign(t.prisma, { organizationId: otherOrganization, leads: 0 });
    const result = await report([
      inbound({ type: 'replied', inReplyToMessageId: '<not-ours@elsewhere.example>' }),
      // Another organization's mailbox naming our message: not resolved through it.
      inbound({ type: 'replied', inReplyToMessageId: messageIdOf(first.items[0]!.sendId), mailboxId: foreign.mailboxes[0]!.id }),
      inbound({ type: 'replied', leadEmail: first.items[0]!.lead.email, mailboxId: foreign.mailboxes[0]!.id }),
      inbound({ type: 'replied', threadId: 'no-such-thread', mailboxId: randomUUID() }),
    ]);
    expect(result).toMatchObject({ applied: 0, unknown: 4 });
    expect(await enrollmentState(first.items[0]!.lead.id, first.campaign.id)).toBe('active');
  });

  it('refuses events that name nothing, bounces without their kind, and unsigned calls', async () => {
    const bad = await callAsN8n(t, '/api/internal/n8n/inbound-events', {
      events: [inbound({ type: 'replied' }), inbound({ type: 'bounced', leadEmail: 'a@b.example', mailboxId: randomUUID() })],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['events.0.inReplyToMessageId', 'events.1.bounce']);
    expect((await t.http.post('/api/internal/n8n/inbound-events').send({ events: [] })).status).toBe(401);
  });
});
