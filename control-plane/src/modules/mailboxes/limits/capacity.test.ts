// Integration: daily limit, ramp, reservations and gap against real Message rows (real PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import { seedSends } from '../../../test/mailboxFlows.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { gapJitterSeconds, mailboxCapacity, mayClaimNow } from './capacity.js';

// Noon in New York on the day clocks spring forward (a 23-hour local day: 05:00Z to 04:00Z next day).
const noon = new Date('2026-03-08T17:00:00Z');
const clock = new ManualClock(noon);
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { ACCESS_TOKEN_TTL_SECONDS: String(30 * 86_400) } });
  owner = await signUp(t.http);
});
afterAll(() => t.close());

async function newMailbox(email: string, limits: Record<string, unknown>) {
  const created = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email });
  const updated = await t.http.patch(`/api/mailboxes/${created.body.id}`).set(owner.auth).send(limits);
  expect(updated.status).toBe(200);
  return t.prisma.mailbox.findUniqueOrThrow({ where: { id: created.body.id } });
}

const db = () => scopedDb(t.prisma, owner.organization.id);

describe('mailbox capacity', () => {
  it("counts today's sends in the mailbox's calendar day, plus live reservations", async () => {
    const mailbox = await newMailbox('calendar@sandbox.example', {
      timezone: 'America/New_York',
      rampEnabled: false,
      dailyCap: 10,
      minGapSeconds: 0,
      gapJitterSeconds: 0,
    });
    await seedSends(t, owner.organization.id, mailbox.id, [
      { status: 'sent', sentAt: new Date('2026-03-08T04:59:59Z') }, // 23:59:59 the day before, local
      { status: 'sent', sentAt: new Date('2026-03-08T05:00:00Z') }, // local midnight
      { status: 'sent', sentAt: new Date('2026-03-08T16:00:00Z') },
      { status: 'leased', leaseExpiresAt: new Date(noon.getTime() + 60_000) },
      { status: 'leased', leaseExpiresAt: new Date(noon.getTime() - 60_000) }, // lease expired: not reserved
      { status: 'queued' },
      { status: 'failed' },
    ]);
    const capacity = await mailboxCapacity(db(), mailbox, clock.now());
    expect(capacity).toMatchObject({ limitToday: 10, sentToday: 2, reserved: 1, remainingToday: 7, blockedBy: null });
    expect(capacity.dayStart.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(capacity.dayEnd.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(capacity.lastSentAt?.toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(capacity.nextAllowedAt?.toISOString()).toBe(noon.toISOString());

    const usage = await t.http.get(`/api/mailboxes/${mailbox.id}/usage`).set(owner.auth);
    expect(usage.body).toMatchObject({ sentToday: 2, reserved: 1, remainingToday: 7, dayStart: '2026-03-08T05:00:00.000Z' });
  });

  it('ramps a new mailbox by local day up to the daily cap', async () => {
    const mailbox = await newMailbox('ramp@sandbox.example', {
      timezone: 'Europe/Paris',
      dailyCap: 30,
      rampEnabled: true,
      rampStart: 10,
      rampStep: 5,
      restartRamp: true,
    });
    expect(mailbox.rampStartedAt.toISOString()).toBe(noon.toISOString());
    const at = async (isoInstant: string) => mailboxCapacity(db(), mailbox, new Date(isoInstant));
    expect(await at('2026-03-08T22:59:00Z')).toMatchObject({ rampDay: 0, rampValue: 10, limitToday: 10 }); // 23:59 Paris, same day
    expect(await at('2026-03-08T23:00:00Z')).toMatchObject({ rampDay: 1, rampValue: 15, limitToday: 15 }); // midnight Paris
    expect(await at('2026-03-11T12:00:00Z')).toMatchObject({ rampDay: 3, limitToday: 25 });
    expect(await at('2026-03-20T12:00:00Z')).toMatchObject({ rampDay: 12, rampValue: 70, limitToday: 30 });
  });

  it('spaces sends by the minimum gap plus a stable jitter, and waits for the next day once the limit is used', async () => {
    const mailbox = await newMailbox('gap@sandbox.example', { rampEnabled: false, dailyCap: 2, minGapSeconds: 120, gapJitterSeconds: 60 });
    const lastSent = new Date(noon.getTime() - 30_000);
    await seedSends(t, owner.organization.id, mailbox.id, [{ status: 'sent', sentAt: lastSent }]);
    const first = await mailboxCapacity(db(), mailbox, clock.now());
    const jitter = gapJitterSeconds(mailbox.id, lastSent, 60);
    expect(jitter).toBeGreaterThanOrEqual(0);
    expect(jitter).toBeLessThanOrEqual(60);
    expect(first.nextAllowedAt!.getTime()).toBe(lastSent.getTime() + (120 + jitter) * 1000);
    expect((await mailboxCapacity(db(), mailbox, clock.now())).nextAllowedAt).toEqual(first.nextAllowedAt);

    await seedSends(t, owner.organization.id, mailbox.id, [{ status: 'leased', leaseExpiresAt: new Date(noon.getTime() + 300_000) }]);
    const full = await mailboxCapacity(db(), mailbox, clock.now());
    expect(full).toMatchObject({ remainingToday: 0, blockedBy: 'daily_limit' });
    expect(full.nextAllowedAt!.toISOString()).toBe('2026-03-09T00:00:00.000Z'); // the mailbox's zone is UTC
  });

  it('still lets the warm-up floor go, after the gap, once campaigns have used their share of the day', async () => {
    const mailbox = await newMailbox('floor@sandbox.example', { dailyCap: 2, minGapSeconds: 60 });
    const [warmup] = await Promise.all([
      t.prisma.warmupMessage.create({
        data: {
          organizationId: owner.organization.id,
          tag: 'floorfloor01',
          senderMailboxId: mailbox.id,
          recipientMailboxId: mailbox.id,
          recipientOrganizationId: owner.organization.id,
          kind: 'initial',
          dueAt: clock.now(),
        },
      }),
      seedSends(t, owner.organization.id, mailbox.id, [{ status: 'sent', sentAt: new Date(clock.now().getTime() - 120_000) }]),
    ]);
    const capacity = await mailboxCapacity(db(), mailbox, clock.now());
    expect(capacity).toMatchObject({ remainingToday: 0, warmupRemainingToday: 1, warmupHeld: 1 });
    expect(mayClaimNow(capacity, mailbox, clock.now(), 'campaign')).toBe(false);
    expect(mayClaimNow(capacity, mailbox, clock.now(), 'warmup')).toBe(true);
    expect(mayClaimNow(capacity, mailbox, new Date(clock.now().getTime() - 90_000), 'warmup')).toBe(false); // within the gap
    await t.prisma.warmupMessage.delete({ where: { id: warmup.id } });
  });

  it('gives a paused mailbox no capacity', async () => {
    const mailbox = await newMailbox('paused@sandbox.example', { status: 'paused' });
    expect(await mailboxCapacity(db(), mailbox, clock.now())).toMatchObject({
      remainingToday: 0,
      nextAllowedAt: null,
      blockedBy: 'status',
    });
  });

  it('validates limits', async () => {
    const created = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'invalid@sandbox.example' });
    const response = await t.http
      .patch(`/api/mailboxes/${created.body.id}`)
      .set(owner.auth)
      .send({ timezone: 'Mars/Olympus', dailyCap: 0, credentials: 'x' });
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['credentials', 'dailyCap', 'timezone']);
  });
});
