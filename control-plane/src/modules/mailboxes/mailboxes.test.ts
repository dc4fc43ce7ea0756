// Integration: the mailbox API's list/update/delete rules (real app, real PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSends } from '../../test/mailboxFlows.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t.http);
});
afterAll(() => t.close());

describe('mailbox API', () => {
  it('creates with the documented defaults and updates limits', async () => {
    const created = await t.http
      .post('/api/mailboxes/sandbox')
      .set(owner.auth)
      .send({ email: 'Demo@Sandbox.example', displayName: 'Demo' });
    // A sandbox mailbox delivers nowhere: it starts with no ramp and no gap (docs/mailboxes.md), the cap applies.
    expect(created.body).toMatchObject({
      provider: 'sandbox',
      email: 'demo@sandbox.example',
      status: 'active',
      dailyCap: 30,
      rampEnabled: false,
      rampStart: 10,
      rampStep: 5,
      minGapSeconds: 0,
      gapJitterSeconds: 0,
      timezone: 'UTC',
      weight: 1,
      smtp: null,
      imap: null,
    });
    // Health as docs/mailboxes.md defines it: full marks but the 10 age points a just-connected mailbox has not earned.
    expect(created.body.healthScore).toBe(90);
    const updated = await t.http
      .patch(`/api/mailboxes/${created.body.id}`)
      .set(owner.auth)
      .send({ dailyCap: 50, timezone: 'Europe/Berlin', weight: 3, displayName: null });
    expect(updated.body).toMatchObject({ dailyCap: 50, timezone: 'Europe/Berlin', weight: 3, displayName: null });
    const listed = await t.http.get('/api/mailboxes').set(owner.auth);
    expect(listed.body.data.map((m: { id: string }) => m.id)).toEqual([created.body.id]);
  });

  it('refuses to delete a mailbox an active campaign sends from, unless asked to detach', async () => {
    const created = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'busy@sandbox.example' });
    const [messageId] = await seedSends(t, owner.organization.id, created.body.id, [{ status: 'sent', sentAt: new Date() }]);
    const refused = await t.http.delete(`/api/mailboxes/${created.body.id}`).set(owner.auth);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict');
    expect(refused.body.campaigns).toHaveLength(1);

    const detached = await t.http.delete(`/api/mailboxes/${created.body.id}?detach=true`).set(owner.auth);
    expect(detached.status).toBe(204);
    expect((await t.http.get(`/api/mailboxes/${created.body.id}`).set(owner.auth)).status).toBe(404);
    // The campaign and its history stay; the message just no longer names a mailbox.
    const message = await t.prisma.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(message.mailboxId).toBeNull();
    expect(await t.prisma.campaign.count({ where: { id: message.campaignId } })).toBe(1);
  });

  it("shows today's usage in the list and counts sends per calendar day in the mailbox's timezone", async () => {
    const created = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'daily@sandbox.example' });
    await t.http.patch(`/api/mailboxes/${created.body.id}`).set(owner.auth).send({ timezone: 'America/New_York', dailyCap: 40 });
    const now = Date.now();
    const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000);
    await seedSends(t, owner.organization.id, created.body.id, [
      { status: 'sent', sentAt: hoursAgo(0) },
      { status: 'sent', sentAt: hoursAgo(49) },
      { status: 'sent', sentAt: hoursAgo(49) },
      { status: 'failed' },
      { status: 'sent', sentAt: hoursAgo(24 * 40) },
    ]);
    // A warm-up message sent today spends the same daily budget, so the chart counts it like Sent today does.
    await t.prisma.warmupMessage.create({
      data: {
        organizationId: owner.organization.id,
        tag: 'dailyusage01',
        senderMailboxId: created.body.id,
        recipientMailboxId: created.body.id,
        recipientOrganizationId: owner.organization.id,
        kind: 'initial',
        dueAt: hoursAgo(0),
        status: 'sent',
        sentAt: hoursAgo(0),
      },
    });
    const localDate = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(instant);

    const daily = await t.http.get(`/api/mailboxes/${created.body.id}/usage/daily?days=7`).set(owner.auth);
    expect(daily.status).toBe(200);
    expect(daily.body.timezone).toBe('America/New_York');
    expect(daily.body.days).toHaveLength(7);
    expect(daily.body.days.at(-1)).toEqual({ date: localDate(new Date(now)), sent: 2 });
    expect(daily.body.days.find((day: { date: string }) => day.date === localDate(hoursAgo(49)))).toEqual({
      date: localDate(hoursAgo(49)),
      sent: 2,
    });
    // The send 40 days ago is outside the window.
    expect(daily.body.days.reduce((total: number, day: { sent: number }) => total + day.sent, 0)).toBe(4);
    expect((await t.http.get(`/api/mailboxes/${created.body.id}/usage/daily`).set(owner.auth)).body.days).toHaveLength(30);
    expect((await t.http.get(`/api/mailboxes/${created.body.id}/usage/daily?days=0`).set(owner.auth)).body).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'days', in: 'query' }],
    });

    const listed = await t.http.get('/api/mailboxes').set(owner.auth);
    const item = listed.body.data.find((mailbox: { id: string }) => mailbox.id === created.body.id);
    expect(item.usage).toMatchObject({ sentToday: 2, limitToday: 40, rampDay: null, timezone: 'America/New_York' });
  });

  it("shows when the inbox watcher last read the mailbox's inbox to the end", async () => {
    const created = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'watched@sandbox.example' });
    expect(created.body.lastWatchedAt).toBeNull();
    const before = Date.now();
    // A watch reported in two requests: only the last one, which carries the cursor, completes it.
    const partial = await callAsN8n(t, '/api/internal/n8n/inbox-watch/results', {
      mailboxId: created.body.id,
      previousCursor: null,
      cursor: null,
      events: [],
    });
    expect(partial.status, partial.text).toBe(200);
    expect((await t.http.get(`/api/mailboxes/${created.body.id}`).set(owner.auth)).body.lastWatchedAt).toBeNull();
    await callAsN8n(t, '/api/internal/n8n/inbox-watch/results', {
      mailboxId: created.body.id,
      previousCursor: null,
      cursor: '0',
      events: [],
    });
    const watched = (await t.http.get('/api/mailboxes').set(owner.auth)).body.data.find(
      (mailbox: { id: string }) => mailbox.id === created.body.id,
    );
    expect(Date.parse(watched.lastWatchedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('lists which of its first 14 warm-up days a mailbox is in, as its health does', async () => {
    const created = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'warming@sandbox.example' });
    const listedDay = async () =>
      (await t.http.get('/api/mailboxes').set(owner.auth)).body.data.find((mailbox: { id: string }) => mailbox.id === created.body.id)
        .warmingDay;
    expect(await listedDay()).toBeNull();

    const on = await t.http.put(`/api/mailboxes/${created.body.id}/warmup`).set(owner.auth).send({ enabled: true });
    expect(on.status, on.text).toBe(200);
    expect(await listedDay()).toBe(1);
    // Started 4 days ago in the mailbox's (UTC) days: day 5, as the health card says.
    const startedDaysAgo = (days: number) =>
      t.prisma.mailboxWarmup.update({
        where: { mailboxId: created.body.id },
        data: { startedAt: new Date(Date.now() - days * 86_400_000) },
      });
    await startedDaysAgo(4);
    expect(await listedDay()).toBe(5);
    expect((await t.http.get(`/api/mailboxes/${created.body.id}/health`).set(owner.auth)).body.warmingDay).toBe(5);
    // Past its 14 days it is no longer warming.
    await startedDaysAgo(14);
    expect(await listedDay()).toBeNull();
  });

  it('lets viewers read but not change mailboxes', async () => {
    const invitation = await t.http.post('/api/invitations').set(owner.auth).send({ email: 'viewer@example.com', role: 'viewer' });
    const viewer = await t.http
      .post('/api/invitations/accept')
      .send({ token: invitation.body.token, name: 'Viewer', password: 'viewer password' });
    const auth = { Authorization: `Bearer ${viewer.body.accessToken}` };
    expect((await t.http.get('/api/mailboxes').set(auth)).status).toBe(200);
    expect((await t.http.post('/api/mailboxes/sandbox').set(auth).send({ email: 'nope@sandbox.example' })).status).toBe(403);
    expect((await t.http.post('/api/mailboxes/gmail/connect').set(auth)).status).toBe(403);
  });
});
