// Integration: the webhook worker prunes settled deliveries past their retention on real PostgreSQL, in batches.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { recordWebhookEvents } from '../../lib/webhooks/webhookOutbox.js';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';

const dayMs = 86_400_000;
const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let server: http.Server;
/** The receiver: 500 for /failing, 200 otherwise. */
let receiverUrl: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  server = http.createServer((req, res) => req.resume().on('end', () => res.writeHead(req.url === '/failing' ? 500 : 200).end('ok')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

async function organizationWithEndpoints(paths: string[]) {
  const signedUp = await signUp(t.http);
  // An API key, not an access token: the test moves the clock by months.
  const key = await t.http.post('/api/api-keys').set(signedUp.auth).send({ name: 'pruning test', role: 'admin' }).expect(201);
  const auth = { Authorization: `Bearer ${key.body.key as string}` };
  await t.http.put('/api/webhooks/settings').set(auth).send({ allowHttp: true }).expect(200);
  const endpoints: string[] = [];
  for (const path of paths) {
    const created = await t.http
      .post('/api/webhooks/endpoints')
      .set(auth)
      .send({ url: receiverUrl + path, eventTypes: ['lead.replied'] });
    expect(created.status, created.text).toBe(201);
    endpoints.push(created.body.id as string);
  }
  return { organizationId: signedUp.organization.id, auth, endpoints };
}

const emit = (organizationId: string, count = 1) =>
  recordWebhookEvents(
    t.prisma,
    organizationId,
    Array.from({ length: count }, () => ({ type: 'lead.replied' as const, occurredAt: clock.now(), leadId: randomUUID() })),
  );

const remaining = async (organizationId: string) => ({
  deliveries: await t.prisma.webhookDelivery.groupBy({
    by: ['status'],
    where: { organizationId },
    _count: true,
    orderBy: { status: 'asc' },
  }),
  events: await t.prisma.webhookEvent.count({ where: { organizationId } }),
  attempts: await t.prisma.webhookAttempt.count({ where: { organizationId } }),
});

describe('pruning webhook deliveries', () => {
  it('deletes delivered ones after 30 days and failed ones after 90, with their attempts and events, never pending ones', async () => {
    const { organizationId, auth, endpoints } = await organizationWithEndpoints(['/ok', '/failing']);
    const [kept, stopped] = endpoints as [string, string];
    // Each event goes to both endpoints: delivered to the first; to the second it fails, for good once a person disables it.
    await emit(organizationId, 2);
    expect(await t.app.webhookDeliveries.runOnce(10)).toBe(4);
    await t.http.patch(`/api/webhooks/endpoints/${stopped}`).set(auth).send({ enabled: false }).expect(200);
    expect(await t.prisma.webhookDelivery.count({ where: { endpointId: kept, status: 'delivered' } })).toBe(2);
    // A third event is still on its way to the first endpoint.
    clock.advance(dayMs);
    await emit(organizationId);
    expect(await remaining(organizationId)).toEqual({
      deliveries: [
        { status: 'pending', _count: 1 },
        { status: 'delivered', _count: 2 },
        { status: 'failed', _count: 2 },
      ],
      events: 3,
      attempts: 4,
    });

    clock.advance(29 * dayMs);
    expect(await t.app.webhookDeliveries.prune()).toMatchObject({ deliveries: 0, events: 0 });

    clock.advance(dayMs);
    expect(await t.app.webhookDeliveries.prune()).toMatchObject({ deliveries: 2, events: 0 });
    expect(await remaining(organizationId)).toEqual({
      deliveries: [
        { status: 'pending', _count: 1 },
        { status: 'failed', _count: 2 },
      ],
      events: 3,
      attempts: 2,
    });

    clock.advance(60 * dayMs);
    expect(await t.app.webhookDeliveries.prune()).toMatchObject({ deliveries: 2, events: 2 });
    expect(await remaining(organizationId)).toEqual({ deliveries: [{ status: 'pending', _count: 1 }], events: 1, attempts: 0 });
  });

  it('deletes in batches of at most 1000 deliveries until nothing is left, and the events of a removed endpoint', async () => {
    const { organizationId, auth, endpoints } = await organizationWithEndpoints(['/ok', '/removed']);
    const [busy, removed] = endpoints as [string, string];
    await emit(organizationId, 1500);
    // Delivered as the worker settles them: its claim pushed nextAttemptAt past the attempt, then the 2xx landed.
    await t.prisma.webhookDelivery.updateMany({
      where: { endpointId: busy },
      data: { status: 'delivered', attempts: 1, deliveredAt: clock.now(), nextAttemptAt: new Date(clock.now().getTime() + 40_000) },
    });
    await t.http.delete(`/api/webhooks/endpoints/${removed}`).set(auth).expect(204);

    clock.advance(31 * dayMs);
    expect(await t.app.webhookDeliveries.prune()).toEqual({ deliveries: 1500, events: 1500, batches: 2 + 1 });
    expect(await remaining(organizationId)).toEqual({ deliveries: [], events: 0, attempts: 0 });
  });
});
