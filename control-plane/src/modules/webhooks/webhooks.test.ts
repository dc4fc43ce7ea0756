// Integration: outbound webhooks on real PostgreSQL, delivered to a local receiver over HTTP.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../app.js';
import { ManualClock } from '../../lib/clock.js';
import { createPrismaClient } from '../../lib/db/prisma.js';
import { createLogger } from '../../lib/logger.js';
import { recordWebhookEvents } from '../../lib/webhooks/webhookOutbox.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { campaignWithFirstStepSent } from '../../test/sentMessages.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';
import { webhookDestination } from './webhookTarget.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local HTTP receiver: records every request, answers each with the next scripted status (200 when none is left). */
async function startReceiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, statuses, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Whether `secret` made one of the request's signatures (checked at the request's own timestamp, so moved clocks do not matter). */
function signedWith(secret: string, request: Received): boolean {
  const id = request.headers['webhook-id'] as string;
  const timestamp = new Date(Number(request.headers['webhook-timestamp']) * 1000);
  const expected = new Webhook(secret).sign(id, timestamp, request.body);
  return (request.headers['webhook-signature'] as string).split(' ').includes(expected);
}

const clock = new ManualClock(new Date());
let t: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  t = await createTestApp({ clock });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});
afterEach(() => {
  receiver.received.length = 0;
  receiver.statuses.length = 0;
});

async function organizationWithEndpoint(eventTypes = ['lead.replied']) {
  const signedUp = await signUp(t.http);
  // An API key, not an access token: the tests move the clock by days.
  const key = await t.http.post('/api/api-keys').set(signedUp.auth).send({ name: 'webhooks test', role: 'admin' }).expect(201);
  const owner = { organization: signedUp.organization, auth: { Authorization: `Bearer ${key.body.key as string}` } };
  await t.http.put('/api/webhooks/settings').set(owner.auth).send({ allowHttp: true }).expect(200);
  const created = await t.http.post('/api/webhooks/endpoints').set(owner.auth).send({ url: receiver.url, eventTypes });
  expect(created.status, created.text).toBe(201);
  return { owner, endpoint: created.body as { id: string; secret: string } };
}

/** An event straight into the outbox, as a producing module writes it. */
const emit = (organizationId: string, type: 'lead.replied' | 'message.sent' = 'lead.replied') =>
  recordWebhookEvents(t.prisma, organizationId, [{ type, occurredAt: clock.now(), leadId: randomUUID(), data: { label: null } }]);

const deliveries = async (owner: Pick<SignedUp, 'auth'>, endpointId: string) =>
  (await t.http.get(`/api/webhooks/endpoints/${endpointId}/deliveries`).set(owner.auth).expect(200)).body.data as Array<{
    id: string;
    webhookId: string;
    status: string;
    attempts: number;
    nextAttemptAt: string | null;
    log: Array<{ statusCode: number | null; latencyMs: number }>;
  }>;

describe('an event', () => {
  it('reaches a subscribed receiver once, signed by the Standard Webhooks rules, when a lead replies and when the thread is labelled', async () => {
    const { owner, endpoint } = await organizationWithEndpoint(['lead.replied', 'inbox.thread_labelled']);
    const organizationId = owner.organization.id;
    const sent = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1 });
    const item = sent.items[0]!;
    const reply = {
      eventId: randomUUID(),
      type: 'replied',
      receivedAt: clock.now().toISOString(),
      evidence: { from: 'lead' },
      inReplyToMessageId: `<ophir.${item.sendId}@ophir.example>`,
      mailboxId: item.mailboxes[0].id,
    };
    expect((await callAsN8n(t, '/api/internal/n8n/inbound-events', { events: [reply] })).status).toBe(200);

    expect(await t.app.webhookDeliveries.runOnce()).toBe(1);
    expect(await t.app.webhookDeliveries.runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const payload = new Webhook(endpoint.secret).verify(request!.body, request!.headers as Record<string, string>);
    expect(payload).toMatchObject({
      type: 'lead.replied',
      data: {
        version: 1,
        organizationId,
        campaignId: sent.campaign.id,
        leadId: item.lead.id,
        messageId: item.sendId,
        mailboxId: item.mailboxes[0].id,
        step: 0,
        links: { lead: `/api/leads/${item.lead.id}` },
      },
    });
    const [delivery] = await deliveries(owner, endpoint.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, webhookId: request!.headers['webhook-id'] });
    expect(delivery!.log).toEqual([expect.objectContaining({ statusCode: 200, error: null, responseBody: 'ok' })]);

    const threads = await t.http.get('/api/inbox/threads').set(owner.auth).expect(200);
    const threadId = threads.body.data[0].id as string;
    expect(JSON.parse(request!.body).data).toMatchObject({ threadId, label: null });
    await t.http.patch(`/api/inbox/threads/${threadId}`).set(owner.auth).send({ label: 'interested' }).expect(200);
    expect(await t.app.webhookDeliveries.runOnce()).toBe(1);
    expect(JSON.parse(receiver.received[1]!.body)).toMatchObject({
      type: 'inbox.thread_labelled',
      data: { threadId, label: 'interested', previousLabel: null, leadId: item.lead.id, campaignId: sent.campaign.id },
    });
  });

  it('reports a sent message with its campaign, step, variant, mailbox and lead', async () => {
    const { owner } = await organizationWithEndpoint(['message.sent']);
    const sent = await campaignWithFirstStepSent(t, clock, { organizationId: owner.organization.id, leads: 1 });
    const item = sent.items[0]!;
    expect(await t.app.webhookDeliveries.runOnce()).toBe(1);
    const message = await t.prisma.message.findUniqueOrThrow({ where: { id: item.sendId } });
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      type: 'message.sent',
      data: {
        campaignId: sent.campaign.id,
        step: 0,
        variantId: message.variantId,
        mailboxId: message.mailboxId,
        leadId: item.lead.id,
        messageId: item.sendId,
      },
    });
    expect(message.variantId).not.toBeNull();
  });

  it('that failed 3 times arrives on the 4th attempt with the same webhook-id, after growing waits', async () => {
    const { owner, endpoint } = await organizationWithEndpoint();
    receiver.statuses.push(500, 503, 500);
    await emit(owner.organization.id);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await t.app.webhookDeliveries.runOnce()).toBe(1);
      const [delivery] = await deliveries(owner, endpoint.id);
      if (attempt < 4) clock.set(new Date(delivery!.nextAttemptAt!));
    }
    expect(await t.app.webhookDeliveries.runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((request) => request.headers['webhook-id'])).size).toBe(1);
    expect(receiver.received.every((request) => signedWith(endpoint.secret, request))).toBe(true);
    const [delivery] = await deliveries(owner, endpoint.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 4 });
    expect(delivery!.log.map((entry) => entry.statusCode)).toEqual([500, 503, 500, 200]);
    const endpointNow = await t.http.get(`/api/webhooks/endpoints/${endpoint.id}`).set(owner.auth).expect(200);
    expect(endpointNow.body).toMatchObject({ status: 'active', warning: null, failingSince: null });
  });

  it('recorded before the process died is delivered by the next one, also when the attempt was cut short', async () => {
    const { owner, endpoint } = await organizationWithEndpoint();
    await emit(owner.organization.id);
    await emit(owner.organization.id);
    // The second event's attempt was claimed by a process that died before it could answer.
    const [claimed] = await t.prisma.webhookDelivery.findMany({
      where: { endpointId: endpoint.id },
      orderBy: { createdAt: 'asc' },
      take: 1,
    });
    await t.prisma.webhookDelivery.update({
      where: { id: claimed!.id },
      data: { attempts: 1, nextAttemptAt: new Date(clock.now().getTime() + 40_000) },
    });

    const restartedPrisma = createPrismaClient({ databaseUrl: t.config.DATABASE_URL, poolSize: 2 });
    try {
      const restarted = createApp({ config: t.config, prisma: restartedPrisma, clock, logger: createLogger({ level: 'silent' }) });
      expect(await restarted.webhookDeliveries.runOnce()).toBe(1);
      clock.advance(41_000);
      expect(await restarted.webhookDeliveries.runOnce()).toBe(1);
    } finally {
      await restartedPrisma.$disconnect();
    }
    expect(receiver.received).toHaveLength(2);
    expect((await deliveries(owner, endpoint.id)).map((delivery) => delivery.status)).toEqual(['delivered', 'delivered']);
  });
});

describe('an endpoint', () => {
  it('that is disabled gets nothing, and what it still had to receive fails', async () => {
    const { owner, endpoint } = await organizationWithEndpoint();
    await emit(owner.organization.id);
    const disabled = await t.http.patch(`/api/webhooks/endpoints/${endpoint.id}`).set(owner.auth).send({ enabled: false });
    expect(disabled.body).toMatchObject({ enabled: false, status: 'disabled' });
    await emit(owner.organization.id);
    expect(await t.app.webhookDeliveries.runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(0);
    expect((await deliveries(owner, endpoint.id)).map((delivery) => delivery.status)).toEqual(['failed']);
    const [failed] = await deliveries(owner, endpoint.id);
    expect((await t.http.post(`/api/webhooks/deliveries/${failed!.id}/redeliver`).set(owner.auth)).status).toBe(409);
  });

  it('that failed for a day is disabled, audited and says why; redelivery then sends the same webhook-id', async () => {
    const { owner, endpoint } = await organizationWithEndpoint();
    receiver.statuses.push(...Array<number>(20).fill(500));
    await emit(owner.organization.id);
    // The retry waits without their ±20% jitter: jittered low, the eight attempts can all fall within 22 h,
    // before the endpoint has failed for a day.
    const noJitter = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      for (let attempt = 0; attempt < 8; attempt += 1) {
        await t.app.webhookDeliveries.runOnce();
        const [delivery] = await deliveries(owner, endpoint.id);
        if (delivery!.status !== 'pending') break;
        clock.set(new Date(delivery!.nextAttemptAt!));
      }
    } finally {
      noJitter.mockRestore();
    }
    const after = await t.http.get(`/api/webhooks/endpoints/${endpoint.id}`).set(owner.auth).expect(200);
    expect(after.body).toMatchObject({ enabled: false, status: 'disabled' });
    expect(after.body.warning).toMatch(/failed for 24 hours \(the last attempt answered 500\)/);
    const audit = await t.http.get('/api/audit-log').set(owner.auth).expect(200);
    expect(audit.body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'webhook_endpoint.disabled', targetId: endpoint.id })]),
    );

    receiver.statuses.length = 0;
    await t.http.patch(`/api/webhooks/endpoints/${endpoint.id}`).set(owner.auth).send({ enabled: true }).expect(200);
    const [failed] = await deliveries(owner, endpoint.id);
    await t.http.post(`/api/webhooks/deliveries/${failed!.id}/redeliver`).set(owner.auth).expect(202);
    expect(await t.app.webhookDeliveries.runOnce()).toBe(1);
    const ids = new Set(receiver.received.map((request) => request.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect((await deliveries(owner, endpoint.id))[0]).toMatchObject({ status: 'delivered' });
  });

  it("never receives another organization's events, nor can that organization see it", async () => {
    const mine = await organizationWithEndpoint(['lead.replied', 'message.sent']);
    const theirs = await organizationWithEndpoint(['lead.replied', 'message.sent']);
    await emit(theirs.owner.organization.id, 'message.sent');
    expect(await t.app.webhookDeliveries.runOnce()).toBe(1);
    expect(await deliveries(mine.owner, mine.endpoint.id)).toEqual([]);
    expect(JSON.parse(receiver.received[0]!.body).data.organizationId).toBe(theirs.owner.organization.id);
    expect(signedWith(theirs.endpoint.secret, receiver.received[0]!)).toBe(true);
    expect(signedWith(mine.endpoint.secret, receiver.received[0]!)).toBe(false);
    await t.http.get(`/api/webhooks/endpoints/${theirs.endpoint.id}`).set(mine.owner.auth).expect(404);
    await t.http.get(`/api/webhooks/endpoints/${theirs.endpoint.id}/deliveries`).set(mine.owner.auth).expect(404);
  });

  it('signs with both secrets during a rotation overlap, then with the new one only', async () => {
    const { owner, endpoint } = await organizationWithEndpoint();
    const rotated = await t.http.post(`/api/webhooks/endpoints/${endpoint.id}/rotate-secret`).set(owner.auth).send({ overlapHours: 2 });
    expect(rotated.status, rotated.text).toBe(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).not.toBe(endpoint.secret);

    await emit(owner.organization.id);
    await t.app.webhookDeliveries.runOnce();
    const during = receiver.received[0]!;
    expect(signedWith(endpoint.secret, during)).toBe(true);
    expect(signedWith(newSecret, during)).toBe(true);

    clock.advance(2 * 3_600_000 + 1000);
    await emit(owner.organization.id);
    await t.app.webhookDeliveries.runOnce();
    const afterwards = receiver.received[1]!;
    expect(signedWith(newSecret, afterwards)).toBe(true);
    expect(signedWith(endpoint.secret, afterwards)).toBe(false);
  });

  it('is refused over http unless the organization allows it, and then only for local targets', async () => {
    const owner = await signUp(t.http);
    const refused = await t.http
      .post('/api/webhooks/endpoints')
      .set(owner.auth)
      .send({ url: receiver.url, eventTypes: ['lead.replied'] });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([expect.objectContaining({ path: 'url', message: expect.stringMatching(/must use https/) })]);
    await t.http.put('/api/webhooks/settings').set(owner.auth).send({ allowHttp: true }).expect(200);
    const publicHttp = await t.http
      .post('/api/webhooks/endpoints')
      .set(owner.auth)
      .send({ url: 'http://93.184.215.14/hook', eventTypes: ['lead.replied'] });
    expect(publicHttp.body.issues).toEqual([
      expect.objectContaining({ path: 'url', message: expect.stringMatching(/local targets only/) }),
    ]);
  });
});

describe('an admin checking an endpoint', () => {
  it('sends a signed webhook.test event to that endpoint only, and sees its last attempt and the failures since the last success', async () => {
    const { owner, endpoint } = await organizationWithEndpoint(['message.sent']);
    const other = await t.http
      .post('/api/webhooks/endpoints')
      .set(owner.auth)
      .send({ url: receiver.url, eventTypes: ['message.sent'] });
    const list = async () =>
      (await t.http.get('/api/webhooks/endpoints').set(owner.auth).expect(200)).body.data.find(
        (entry: { id: string }) => entry.id === endpoint.id,
      );
    expect(await list()).toMatchObject({ lastAttempt: null, failedAttempts: 0 });

    receiver.statuses.push(500, 502);
    const sent = await t.http.post(`/api/webhooks/endpoints/${endpoint.id}/test`).set(owner.auth).expect(202);
    expect(await t.app.webhookDeliveries.runOnce()).toBe(1);
    clock.set(new Date((await deliveries(owner, endpoint.id))[0]!.nextAttemptAt!));
    expect(await t.app.webhookDeliveries.runOnce()).toBe(1);
    expect(await list()).toMatchObject({
      status: 'failing',
      lastAttempt: { attemptedAt: clock.now().toISOString(), statusCode: 502, succeeded: false },
      failedAttempts: 2,
    });
    clock.set(new Date((await deliveries(owner, endpoint.id))[0]!.nextAttemptAt!));
    expect(await t.app.webhookDeliveries.runOnce()).toBe(1);
    expect(await list()).toMatchObject({ status: 'active', lastAttempt: { statusCode: 200, succeeded: true }, failedAttempts: 0 });

    expect(receiver.received).toHaveLength(3);
    expect(signedWith(endpoint.secret, receiver.received[2]!)).toBe(true);
    const payload: unknown = JSON.parse(receiver.received[2]!.body);
    expect(payload).toMatchObject({
      type: 'webhook.test',
      data: { version: 1, organizationId: owner.organization.id, endpointId: endpoint.id },
    });
    const [delivery] = await deliveries(owner, endpoint.id);
    expect(delivery).toMatchObject({ id: sent.body.deliveryId, eventType: 'webhook.test', status: 'delivered', attempts: 3 });
    expect(await deliveries(owner, other.body.id)).toEqual([]);

    await t.http.patch(`/api/webhooks/endpoints/${endpoint.id}`).set(owner.auth).send({ enabled: false }).expect(200);
    const refused = await t.http.post(`/api/webhooks/endpoints/${endpoint.id}/test`).set(owner.auth);
    expect([refused.status, refused.body.code]).toEqual([409, 'invalid_state']);
    const member = await t.http.post('/api/api-keys').set(owner.auth).send({ name: 'member', role: 'member' }).expect(201);
    const asMember = { Authorization: `Bearer ${member.body.key as string}` };
    await t.http.post(`/api/webhooks/endpoints/${other.body.id}/test`).set(asMember).expect(403);
    await t.http.get('/api/webhooks/endpoints').set(asMember).expect(403);
  });
});

describe('a webhook target', () => {
  const resolve = (addresses: string[]) => () => Promise.resolve(addresses);

  it('with OUTBOUND_DENY_PRIVATE is refused when any address of its host is not public, and connected to by the checked address', async () => {
    const policy = { allowHttp: false, denyPrivate: true };
    await expect(webhookDestination(new URL('https://hooks.example/x'), { ...policy, resolve: resolve(['10.0.0.8']) })).rejects.toThrow(
      /not a public internet address/,
    );
    await expect(webhookDestination(new URL('https://[::1]/x'), policy)).rejects.toThrow(/not a public internet address/);
    expect(await webhookDestination(new URL('https://hooks.example/x'), { ...policy, resolve: resolve(['93.184.215.14']) })).toEqual({
      address: '93.184.215.14',
      servername: 'hooks.example',
    });
  });

  it('needs https, or http to a local address when allowed', async () => {
    const local = { allowHttp: true, denyPrivate: false, resolve: resolve(['127.0.0.1']) };
    await expect(webhookDestination(new URL('ftp://hooks.example/x'), local)).rejects.toThrow(/must use https/);
    await expect(webhookDestination(new URL('https://user:pw@hooks.example/x'), local)).rejects.toThrow(/user name or password/);
    expect(await webhookDestination(new URL('http://n8n.internal:5678/x'), local)).toEqual({ address: 'n8n.internal' });
  });
});
