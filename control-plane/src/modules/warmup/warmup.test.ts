// Integration: a week of warm-up through the real app on real PostgreSQL: settings, the pool, the daily
// plan, signed claims/results/observations as the nodes make them, the shared budget and gap, replies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

// Monday 7 December 2026, before the warm-up window opens (the mailboxes' zone is UTC).
const monday = new Date('2026-12-07T07:00:00Z');
const clock = new ManualClock(monday);
const MINUTE = 60_000;
let t: TestApp;
let owner: SignedUp;
const mailboxIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ clock, env: { ACCESS_TOKEN_TTL_SECONDS: String(30 * 86_400) } });
  owner = await signUp(t.http);
  for (const name of ['ann', 'bob', 'cid']) {
    const created = await t.http
      .post('/api/mailboxes/sandbox')
      .set(owner.auth)
      .send({ email: `${name}@warm.example` });
    const limits = { rampEnabled: false, dailyCap: 30, minGapSeconds: 300, gapJitterSeconds: 0 };
    expect((await t.http.patch(`/api/mailboxes/${created.body.id}`).set(owner.auth).send(limits)).status).toBe(200);
    mailboxIds.push(created.body.id);
  }
});
afterAll(() => t.close());

type Item = {
  sendId: string;
  attempt: number;
  warmupTag: string;
  warmupKind: string;
  mailboxId: string;
  lead: { id: string };
  message: { subject: string; text: string };
  threading: { inReplyTo: string; gmailThreadId: string | null } | null;
};

const enable = (mailboxId: string, settings: Record<string, unknown> = {}) =>
  t.http
    .put(`/api/mailboxes/${mailboxId}/warmup`)
    .set(owner.auth)
    .send({ enabled: true, replyRatePercent: 50, ...settings });

async function claim(): Promise<Item[]> {
  const response = await callAsN8n(t, '/api/internal/n8n/warmup/claims', { organizationId: owner.organization.id });
  expect(response.status).toBe(200);
  return response.body.items;
}

const sentResult = (item: Item) => ({
  status: 'sent',
  sendId: item.sendId,
  attempt: item.attempt,
  eventId: `${item.sendId}:${item.attempt}:sent`,
  mailboxId: item.mailboxId,
  messageId: `<ophir.${item.sendId}@warm.example>`,
  providerMessageId: `p-${item.sendId}`,
  threadId: null,
  sentAt: clock.now().toISOString(),
});

const observation = (item: Item, folder: 'inbox' | 'spam') => ({
  eventId: `watch:${item.warmupTag}`,
  tag: item.warmupTag,
  receivingMailboxId: item.lead.id,
  folder,
  rescued: folder === 'spam',
  markedImportant: true,
  observedAt: clock.now().toISOString(),
  providerMessageId: `r-${item.sendId}`,
  providerThreadId: `thread-${item.sendId}`,
  messageIdHeader: `<ophir.${item.sendId}@warm.example>`,
});

describe('warm-up', () => {
  it('explains why nothing is exchanged until two mailboxes warm up', async () => {
    const none = await t.http.get('/api/warmup/pool').set(owner.auth);
    expect(none.body).toMatchObject({ scope: 'organization', ownMailboxes: 0, ready: false, instancePoolAllowed: false });
    expect((await enable(mailboxIds[0]!)).body).toMatchObject({
      enabled: true,
      rampDay: 1,
      todayQuota: 2,
      targetPerDay: 30,
      warming: true,
    });
    const one = await t.http.get('/api/warmup/pool').set(owner.auth);
    expect(one.body).toMatchObject({ ownMailboxes: 1, ready: false, reason: expect.stringContaining('at least 2 mailboxes') });
    expect(await t.app.warmupPlanner.planDue()).toBe(0);
    const invalid = await t.http
      .put(`/api/mailboxes/${mailboxIds[1]}/warmup`)
      .set(owner.auth)
      .send({ enabled: true, replyRatePercent: 120 });
    expect(invalid.status).toBe(400);
  });

  it('follows the ramp each weekday, keeps the gap, rescues nothing twice and answers exactly the reply rate, in-thread', async () => {
    await enable(mailboxIds[1]!);
    await enable(mailboxIds[2]!);
    const lastSent = new Map<string, number>();
    const answeredTags = new Set<string>();
    let spamToggle = false;
    let observed = 0;
    // Monday to Saturday: 2, 4, 6, 8, 10 a day each, nothing on Saturday.
    for (const [index, expected] of [2, 4, 6, 8, 10, 0].entries()) {
      clock.set(new Date(monday.getTime() + index * 86_400_000));
      await t.app.warmupPlanner.planDue();
      await t.app.warmupPlanner.planDue(); // idempotent within a day
      const day = clock.now().toISOString().slice(0, 10);
      for (const mailboxId of mailboxIds) {
        expect(await t.prisma.warmupMessage.count({ where: { senderMailboxId: mailboxId, kind: 'initial', plannedDay: day } })).toBe(
          expected,
        );
        expect(await t.prisma.warmupMessage.count({ where: { recipientMailboxId: mailboxId, kind: 'initial', plannedDay: day } })).toBe(
          expected,
        );
      }
      // Through the day in 15-minute steps: claim, send, report, and the recipient observes what arrived.
      for (let at = 8 * 60; expected > 0 && at < 20 * 60; at += 15) {
        clock.set(new Date(clock.now().getTime() - (clock.now().getTime() % 86_400_000) + at * MINUTE));
        const items = await claim();
        const senders = items.map((item) => item.mailboxId);
        expect(new Set(senders).size).toBe(senders.length); // one per mailbox per claim: the gap
        for (const item of items) {
          const previous = lastSent.get(item.mailboxId);
          if (previous !== undefined) expect(clock.now().getTime() - previous).toBeGreaterThanOrEqual(300_000);
          lastSent.set(item.mailboxId, clock.now().getTime());
          expect(item.message.text.endsWith(`ow-${item.warmupTag}`)).toBe(true);
          if (item.warmupKind === 'reply') {
            expect(item.message.subject).toMatch(/^Re: /);
            expect(item.threading).toMatchObject({ gmailThreadId: expect.stringMatching(/^thread-/) });
            answeredTags.add(item.threading!.inReplyTo);
          }
        }
        if (items.length === 0) continue;
        const results = await callAsN8n(t, '/api/internal/n8n/warmup/results', { results: items.map(sentResult) });
        expect(results.body).toMatchObject({ applied: items.length, duplicates: 0, stale: 0, unknown: 0 });
        const initial = items.filter((item) => item.warmupKind === 'initial');
        if (initial.length === 0) continue;
        const observations = initial.map((item) => observation(item, (spamToggle = !spamToggle) ? 'spam' : 'inbox'));
        observed += observations.length;
        const reported = await callAsN8n(t, '/api/internal/n8n/warmup/observations', { observations });
        expect(reported.body).toEqual({ applied: observations.length, duplicates: 0, unknown: 0 });
        const replayed = await callAsN8n(t, '/api/internal/n8n/warmup/observations', { observations });
        expect(replayed.body).toEqual({ applied: 0, duplicates: observations.length, unknown: 0 });
      }
    }
    expect(observed).toBe(3 * (2 + 4 + 6 + 8 + 10));
    // Each mailbox answered exactly half of what it received (50 %), each reply in the thread of the message it answers.
    for (const mailboxId of mailboxIds) {
      const received = await t.prisma.warmupMessage.count({ where: { recipientMailboxId: mailboxId, kind: 'initial' } });
      const replies = await t.prisma.warmupMessage.count({ where: { senderMailboxId: mailboxId, kind: 'reply' } });
      expect(replies).toBe(Math.floor(received / 2));
    }
    const replies = await t.prisma.warmupMessage.findMany({ where: { kind: 'reply' }, include: { inReplyTo: true } });
    expect(replies.every((reply) => reply.inReplyTo && reply.recipientMailboxId === reply.inReplyTo.senderMailboxId)).toBe(true);
    expect(replies.filter((reply) => reply.status === 'sent').every((reply) => answeredTags.has(reply.inReplyToHeader!))).toBe(true);
    const repliedAt = await t.prisma.warmupMessage.count({ where: { kind: 'initial', repliedAt: { not: null } } });
    expect(repliedAt).toBe(replies.filter((reply) => reply.status === 'sent').length);

    // The series: what each mailbox sent and where it landed (half in spam, all rescued).
    const series = await t.http.get(`/api/mailboxes/${mailboxIds[0]}/warmup/series?days=7`).set(owner.auth);
    expect(series.status).toBe(200);
    const firstDay = series.body.days.find((d: { date: string }) => d.date === '2026-12-07');
    const receivedMonday = await t.prisma.warmupMessage.count({
      where: { recipientMailboxId: mailboxIds[0], status: 'sent', sentAt: { gte: monday, lt: new Date(monday.getTime() + 86_400_000) } },
    });
    expect(firstDay).toMatchObject({ received: receivedMonday });
    expect(receivedMonday).toBeGreaterThanOrEqual(2); // the two planned for it, and any reply to what it sent
    const total = series.body.days.reduce((sum: number, d: { inbox: number; spam: number }) => sum + d.inbox + d.spam, 0);
    expect(total).toBe(30);
    const rescued = series.body.days.reduce((sum: number, d: { rescued: number }) => sum + d.rescued, 0);
    const spam = series.body.days.reduce((sum: number, d: { spam: number }) => sum + d.spam, 0);
    expect(rescued).toBe(spam);
    // Replies nobody observed here count as missing once a day has passed.
    const missing = series.body.days.reduce((sum: number, d: { missing: number }) => sum + d.missing, 0);
    expect(missing).toBe(
      await t.prisma.warmupMessage.count({ where: { senderMailboxId: mailboxIds[0], kind: 'reply', placement: 'missing' } }),
    );
    expect(series.body.placementRate7d).toBeCloseTo((total - spam) / (total + missing), 5);
  }, 240_000);

  it('counts what goes unseen for 24 hours as missing, and ignores tags it never sent', async () => {
    clock.set(new Date('2026-12-14T07:00:00Z'));
    await t.app.warmupPlanner.planDue();
    clock.set(new Date('2026-12-14T18:00:00Z'));
    const items = await claim();
    expect(items.length).toBeGreaterThan(0);
    await callAsN8n(t, '/api/internal/n8n/warmup/results', { results: items.map(sentResult) });
    clock.set(new Date('2026-12-15T18:01:00Z'));
    await t.app.warmupPlanner.planDue();
    const missing = await t.prisma.warmupMessage.count({ where: { id: { in: items.map((item) => item.sendId) }, placement: 'missing' } });
    expect(missing).toBe(items.length);
    const unknown = await callAsN8n(t, '/api/internal/n8n/warmup/observations', {
      observations: [
        { ...observation(items[0]!, 'inbox'), tag: 'zzzzzzzzzzzz' },
        { ...observation(items[0]!, 'inbox'), receivingMailboxId: items[0]!.mailboxId },
      ],
    });
    expect(unknown.body).toEqual({ applied: 0, duplicates: 0, unknown: 2 });
  });

  it('keeps warm-up mail out of reply and bounce handling, recording a bounce on the warm-up message only', async () => {
    const sent = await t.prisma.warmupMessage.findFirstOrThrow({ where: { status: 'sent', kind: 'initial' } });
    const event = (type: string, fields: Record<string, unknown>) => ({
      eventId: `inbound:${type}:${sent.id}`,
      type,
      inReplyToMessageId: sent.messageIdHeader,
      threadId: null,
      leadEmail: null,
      mailboxId: sent.senderMailboxId,
      bounce: null,
      receivedAt: clock.now().toISOString(),
      message: null,
      evidence: {},
      ...fields,
    });
    const events = [
      event('replied', {
        message: { from: 'x@warm.example', to: null, subject: 'Re: hi', messageIdHeader: null, text: `Thanks!\n\now-${sent.tag}` },
      }),
      event('bounced', { bounce: { kind: 'hard', status: '5.1.1', diagnostic: 'no such user' } }),
    ];
    const before = await t.prisma.event.count({ where: { organizationId: owner.organization.id } });
    const response = await callAsN8n(t, '/api/internal/n8n/inbound-events', { events });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ applied: 0, unknown: 2 });
    expect(await t.prisma.event.count({ where: { organizationId: owner.organization.id } })).toBe(before);
    expect(await t.prisma.suppression.count({ where: { organizationId: owner.organization.id } })).toBe(0);
    expect((await t.prisma.warmupMessage.findUniqueOrThrow({ where: { id: sent.id } })).bouncedAt).not.toBeNull();
  });

  it('warns (without blocking) when a campaign sends from a mailbox still warming up', async () => {
    const campaign = await t.http
      .post('/api/campaigns')
      .set(owner.auth)
      .send({ name: 'Warming', mailboxIds: [mailboxIds[1]] });
    expect(campaign.status).toBe(201);
    const readiness = await t.http.get(`/api/campaigns/${campaign.body.id}/readiness`).set(owner.auth);
    expect(readiness.body.checks).toContainEqual(
      expect.objectContaining({
        code: 'warming_mailboxes',
        passed: false,
        blocking: false,
        message: expect.stringContaining('bob@warm.example'),
      }),
    );
  });

  it('drops the queued messages of a mailbox whose warm-up is switched off', async () => {
    const off = await t.http.put(`/api/mailboxes/${mailboxIds[0]}/warmup`).set(owner.auth).send({ enabled: false });
    expect(off.body).toMatchObject({ enabled: false, todayQuota: 0 });
    expect(await t.prisma.warmupMessage.count({ where: { senderMailboxId: mailboxIds[0], kind: 'initial', status: 'queued' } })).toBe(0);
  });
});
