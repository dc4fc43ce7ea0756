// Import progress streams (server-sent events): many watchers of one import share one poller, and
// one user cannot open streams without bound.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { ImportProgressFeed } from './importProgressFeed.js';

const streamsPerUser = 4;
let t: TestApp;
let server: http.Server;
beforeAll(async () => {
  t = await createTestApp({ env: { LEAD_IMPORT_EVENT_STREAMS_PER_USER: String(streamsPerUser) } });
  server = t.app.express.listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterAll(async () => {
  server.close();
  await t.close();
});

interface OpenStream {
  status: number;
  text: () => string;
  ended: Promise<void>;
  close: () => void;
}

async function openStream(owner: SignedUp, importId: string): Promise<OpenStream> {
  const { port } = server.address() as AddressInfo;
  const request = http.get({ host: '127.0.0.1', port, path: `/api/lead-imports/${importId}/events`, headers: owner.auth });
  const [response] = (await once(request, 'response')) as [http.IncomingMessage];
  let text = '';
  response.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const ended = once(response, 'end').then(() => undefined);
  ended.catch(() => undefined);
  return { status: response.statusCode!, text: () => text, ended, close: () => request.destroy() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('watchers of one import share one poller, and a user holds at most the configured number of streams', async () => {
  const owner = await signUp(t.http);
  const preview = await t.http
    .post('/api/lead-imports')
    .set(owner.auth)
    .set('Content-Type', 'text/csv')
    .send(Buffer.from('email\na@example.com\n'));
  const importId = preview.body.id as string;
  // A running import whose job is elsewhere: only its row moves.
  await t.prisma.leadImport.update({ where: { id: importId }, data: { status: 'running' } });
  const polls = vi.spyOn(ImportProgressFeed.prototype as unknown as { poll: (feed: object) => Promise<void> }, 'poll');

  const streams = await Promise.all(Array.from({ length: streamsPerUser }, () => openStream(owner, importId)));
  expect(streams.map((stream) => stream.status)).toEqual(Array(streamsPerUser).fill(200));
  // One poller, not one per stream: every read so far was for the same shared feed.
  await vi.waitFor(() => expect(polls.mock.calls.length).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 50 });
  expect(new Set(polls.mock.calls.map(([feed]) => feed)).size).toBe(1);

  // Past the bound: a problem, no stream.
  const refused = await t.http.get(`/api/lead-imports/${importId}/events`).set(owner.auth);
  expect(refused.status).toBe(429);
  expect(refused.headers['content-type']).toContain('application/problem+json');
  expect(refused.body).toMatchObject({ code: 'rate_limited' });
  // A closed stream gives its slot back.
  streams[0]!.close();
  await sleep(100);
  const replacement = await openStream(owner, importId);
  expect(replacement.status).toBe(200);
  const watching = [...streams.slice(1), replacement];

  // Every watcher gets the same progress from the shared read, then the end.
  await t.prisma.leadImport.update({ where: { id: importId }, data: { rowsRead: 7, imported: 7 } });
  await sleep(600);
  await t.prisma.leadImport.update({ where: { id: importId }, data: { status: 'completed' } });
  await Promise.all(watching.map((stream) => stream.ended));
  for (const stream of watching) {
    expect(stream.text()).toContain('"rowsRead":7');
    expect(stream.text()).toMatch(/event: end\ndata: \{"status":"completed","reason":"The import finished"\}/);
  }
  // Nobody watches any more: the poller stopped.
  const afterEnd = polls.mock.calls.length;
  await sleep(600);
  expect(polls.mock.calls.length).toBe(afterEnd);
  polls.mockRestore();
});

/** The `progress` statuses and the `end` event a stream received, in order. */
function eventsOf(text: string) {
  return [...text.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map(([, name, data]) => ({
    name,
    data: JSON.parse(data!) as { status: string | null; reason?: string },
  }));
}

it('a stream opened on the preview stays open through the commit and ends when the import ends, saying why', async () => {
  const owner = await signUp(t.http);
  const preview = await t.http
    .post('/api/lead-imports')
    .set(owner.auth)
    .set('Content-Type', 'text/csv')
    .send(Buffer.from('email\na@example.com\nb@example.com\n'));
  expect(preview.body.status).toBe('previewed');
  const stream = await openStream(owner, preview.body.id);
  let ended = false;
  void stream.ended.then(() => (ended = true));
  await sleep(600);
  expect(ended).toBe(false);
  expect(eventsOf(stream.text())).toEqual([{ name: 'progress', data: expect.objectContaining({ status: 'previewed' }) }]);

  expect((await t.http.post(`/api/lead-imports/${preview.body.id}/commit`).set(owner.auth).send({})).status).toBe(202);
  await stream.ended;
  const events = eventsOf(stream.text());
  expect(events.at(-1)).toEqual({ name: 'end', data: { status: 'completed', reason: 'The import finished' } });
  expect(events.at(-2)).toMatchObject({
    name: 'progress',
    data: { status: 'completed', progress: expect.objectContaining({ imported: 2 }) },
  });
});

it('ends a stream with the reason when the import fails or is cancelled', async () => {
  const owner = await signUp(t.http);
  const failing = await t.http
    .post('/api/lead-imports')
    .set(owner.auth)
    .set('Content-Type', 'text/csv')
    .send(Buffer.from('email\na@example.com\n'));
  await t.prisma.leadImport.update({ where: { id: failing.body.id }, data: { status: 'running' } });
  const failed = await openStream(owner, failing.body.id);
  await t.prisma.leadImport.update({ where: { id: failing.body.id }, data: { status: 'failed', error: 'The database went away' } });
  await failed.ended;
  expect(eventsOf(failed.text()).at(-1)).toEqual({
    name: 'end',
    data: {
      status: 'failed',
      reason: `The import failed: The database went away; POST /api/lead-imports/${failing.body.id}/resume continues it, and a new stream follows it`,
    },
  });

  const cancelling = await t.http
    .post('/api/lead-imports')
    .set(owner.auth)
    .set('Content-Type', 'text/csv')
    .send(Buffer.from('email\na@example.com\n'));
  const cancelled = await openStream(owner, cancelling.body.id);
  expect((await t.http.post(`/api/lead-imports/${cancelling.body.id}/cancel`).set(owner.auth)).status).toBe(200);
  await cancelled.ended;
  expect(eventsOf(cancelled.text()).at(-1)).toMatchObject({ name: 'end', data: { status: 'cancelled', reason: expect.any(String) } });
});
