// Integration: health score parts (inbox placement from warm-up too), warming, auto-pause on hard bounces,
// and the periodic sweep (real PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../lib/clock.js';
import { seedSends } from '../../../test/mailboxFlows.js';
import { seedWarmupDays } from '../../../test/warmupFixtures.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { healthPolicy, sweepMailboxHealth } from './healthSweep.js';

let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t.http);
});
afterAll(() => t.close());

async function mailboxWithSends(email: string, sends: { sent: number; failed?: number }) {
  const mailbox = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email });
  const ids = await seedSends(t, owner.organization.id, mailbox.body.id, [
    ...Array.from({ length: sends.sent }, () => ({ status: 'sent' as const, sentAt: new Date() })),
    ...Array.from({ length: sends.failed ?? 0 }, () => ({ status: 'failed' as const })),
  ]);
  return { id: mailbox.body.id as string, messageIds: ids };
}

async function recordEvents(mailboxId: string, type: 'bounced' | 'replied', messageIds: string[], data: object = {}) {
  await t.prisma.event.createMany({
    data: messageIds.map((messageId) => ({
      organizationId: owner.organization.id,
      type,
      mailboxId,
      messageId,
      idempotencyKey: `${type}:${messageId}`,
      data,
    })),
  });
}

describe('mailbox health', () => {
  it('is explained by its parts, which add up to the score', async () => {
    const { id, messageIds } = await mailboxWithSends('healthy@sandbox.example', { sent: 40, failed: 2 });
    await recordEvents(id, 'replied', messageIds.slice(0, 2));
    await recordEvents(id, 'bounced', messageIds.slice(2, 5), { kind: 'soft', status: '4.2.2' });
    const health = (await t.http.get(`/api/mailboxes/${id}/health`).set(owner.auth)).body;
    expect(health.window).toMatchObject({ attempts: 42, sent: 40, failed: 2, hardBounces: 0, replies: 2 });
    expect(health.parts.map((part: { name: string }) => part.name)).toEqual([
      'hard_bounces',
      'failures',
      'replies',
      'authentication',
      'sending_domain',
      'age',
    ]);
    const byName = Object.fromEntries(health.parts.map((part: { name: string; points: number }) => [part.name, part.points]));
    expect(byName).toMatchObject({ hard_bounces: 40, replies: 10, authentication: 10, sending_domain: 10, age: 0 });
    expect(byName.failures).toBeCloseTo(20 * (1 - 2 / 42 / 0.1), 1);
    expect(health.score).toBe(Math.round(health.parts.reduce((sum: number, part: { points: number }) => sum + part.points, 0)));
    expect(health.status).toBe('active');
    expect((await t.http.get(`/api/mailboxes/${id}`).set(owner.auth)).body.healthScore).toBe(health.score);
  });

  it('explains a mailbox with no or few sends in sentences: replies are not judged yet', async () => {
    const explanations = async (id: string) =>
      Object.fromEntries(
        (await t.http.get(`/api/mailboxes/${id}/health`).set(owner.auth)).body.parts.map((part: { name: string; explanation: string }) => [
          part.name,
          part.explanation,
        ]),
      );
    const fresh = await mailboxWithSends('fresh@sandbox.example', { sent: 0 });
    expect(await explanations(fresh.id)).toMatchObject({
      replies: 'No sends yet: too few to judge replies',
      authentication: 'The mailbox signs in',
      sending_domain: 'Sending domain not checked yet: not judged',
    });
    const few = await mailboxWithSends('few@sandbox.example', { sent: 3 });
    expect((await explanations(few.id)).replies).toBe('Only 3 sends so far: too few to judge replies');
  });

  it('adds inbox placement over the last 7 days once warm-up placements exist, and says the mailbox is warming', async () => {
    const { id, messageIds } = await mailboxWithSends('warming@sandbox.example', { sent: 40 });
    await recordEvents(id, 'replied', messageIds.slice(0, 1));
    const peer = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'peer@sandbox.example' });
    const health = async () => (await t.http.get(`/api/mailboxes/${id}/health`).set(owner.auth)).body;
    const before = await health();
    expect(before.parts.map((part: { name: string }) => part.name)).not.toContain('inbox_placement');
    expect(before.warmingDay).toBeNull();

    const on = await t.http.put(`/api/mailboxes/${id}/warmup`).set(owner.auth).send({ enabled: true });
    expect(on.status, on.text).toBe(200);
    // Switched on with nothing observed yet: warming, still no placement part.
    const warming = await health();
    expect(warming.warmingDay).toBe(1);
    expect(warming.parts.map((part: { name: string }) => part.name)).not.toContain('inbox_placement');
    expect(warming.score).toBe(before.score);

    const pair = { organizationId: owner.organization.id, mailboxId: id, peerMailboxId: peer.body.id, now: new Date() };
    await seedWarmupDays(t.prisma, pair, [
      { daysAgo: 8, sent: 10, spam: 10 }, // outside the 7 days
      { daysAgo: 6, sent: 8, inbox: 4, spam: 3, missing: 1, rescued: 3 },
      { daysAgo: 2, sent: 8, inbox: 6, spam: 2, rescued: 2 },
      { daysAgo: 0, sent: 6, inbox: 4, received: 5 }, // 2 not observed yet
    ]);
    const measured = await health();
    const placement = measured.parts.find((part: { name: string }) => part.name === 'inbox_placement');
    // 14 of 20 in the inbox (70%): half of the 20 points.
    expect(placement).toEqual({
      name: 'inbox_placement',
      maxPoints: 20,
      points: 10,
      explanation: '14 of 20 warm-up messages in the inbox over 7 days (70.0%; 5 in spam, 1 missing); full points from 90.0%, 0 at 50.0%',
    });
    const earned = measured.parts.reduce((sum: number, part: { points: number }) => sum + part.points, 0);
    expect(measured.parts.reduce((sum: number, part: { maxPoints: number }) => sum + part.maxPoints, 0)).toBe(120);
    expect(measured.score).toBe(Math.round((earned * 100) / 120));
    expect(measured.score).toBeLessThan(before.score);
    expect(measured.warmingDay).toBe(1);
    // The warm-up card's 7-day rate is the same measure.
    const series = (await t.http.get(`/api/mailboxes/${id}/warmup/series`).set(owner.auth)).body;
    expect(series.placementRate7d).toBeCloseTo(0.7);
    expect((await t.http.get(`/api/mailboxes/${id}`).set(owner.auth)).body.healthScore).toBe(measured.score);
  });

  it('is the same number in the list, the detail and the health endpoint, whichever is read first', async () => {
    const created = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'listed@sandbox.example' });
    // A new mailbox has no age points yet: not the 100 a stored default would say.
    const health = async (id: string) => (await t.http.get(`/api/mailboxes/${id}/health`).set(owner.auth)).body;
    expect(created.body.healthScore).toBe((await health(created.body.id)).score);
    const { id, messageIds } = await mailboxWithSends('stale@sandbox.example', { sent: 30, failed: 2 });
    // Events recorded behind the service's back (as a sweep would find them): nothing refreshed the stored score.
    await recordEvents(id, 'bounced', messageIds.slice(0, 1), { status: '5.1.1' });
    const listed = (await t.http.get('/api/mailboxes').set(owner.auth)).body.data.find((mailbox: { id: string }) => mailbox.id === id);
    const detail = (await t.http.get(`/api/mailboxes/${id}`).set(owner.auth)).body;
    const explained = await health(id);
    expect(explained.window).toMatchObject({ hardBounces: 1, failed: 2 });
    expect(explained.score).toBeLessThan(90);
    expect([listed.healthScore, detail.healthScore]).toEqual([explained.score, explained.score]);
    const paused = (await t.http.patch(`/api/mailboxes/${id}`).set(owner.auth).send({ status: 'paused' })).body;
    expect(paused.healthScore).toBe(explained.score);
  });

  it('auto-pauses at a 5% hard-bounce rate over the last sends and records why', async () => {
    const { id, messageIds } = await mailboxWithSends('bouncy@sandbox.example', { sent: 40 });
    await recordEvents(id, 'bounced', messageIds.slice(0, 1));
    expect((await t.http.get(`/api/mailboxes/${id}/health`).set(owner.auth)).body.status).toBe('active'); // 2.5%
    await recordEvents(id, 'bounced', messageIds.slice(1, 2), { status: '5.1.1' });
    const health = (await t.http.get(`/api/mailboxes/${id}/health`).set(owner.auth)).body;
    expect(health.window).toMatchObject({ hardBounces: 2, hardBounceRate: 0.05 });
    expect(health.autoPause.wouldPause).toBe(true);
    expect(health.status).toBe('paused');
    expect(health.statusReason).toBe('Auto-paused: hard-bounce rate 5.0% over the last 40 sends (threshold 5.0%)');
    expect(await t.prisma.auditLog.count({ where: { action: 'mailbox.auto_paused', targetId: id } })).toBe(1);
    const usage = (await t.http.get(`/api/mailboxes/${id}/usage`).set(owner.auth)).body;
    expect(usage.blockedBy).toBe('status');
  });

  it('does not judge a mailbox on too few sends', async () => {
    const { id, messageIds } = await mailboxWithSends('young@sandbox.example', { sent: 3 });
    await recordEvents(id, 'bounced', messageIds.slice(0, 1));
    const health = (await t.http.get(`/api/mailboxes/${id}/health`).set(owner.auth)).body;
    expect(health).toMatchObject({ status: 'active', autoPause: { wouldPause: false, minSends: 20 } });
  });

  it('is recomputed for every mailbox by the sweep', async () => {
    const { id, messageIds } = await mailboxWithSends('swept@sandbox.example', { sent: 20 });
    await recordEvents(id, 'bounced', messageIds.slice(0, 4));
    const paused = await sweepMailboxHealth({ prisma: t.prisma, clock: systemClock, policy: healthPolicy(t.config) });
    expect(paused).toBe(1);
    const mailbox = await t.prisma.mailbox.findUniqueOrThrow({ where: { id } });
    expect(mailbox.status).toBe('paused');
    expect(mailbox.healthScore).toBeLessThan(60);
  });
});
