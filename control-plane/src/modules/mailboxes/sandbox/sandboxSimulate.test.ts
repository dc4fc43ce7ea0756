// Integration: simulating what a sandbox mailbox receives (real PostgreSQL, no n8n): the raw messages
// a lead's side would send, kept in the sandbox inbox that the Inbox Watch node reads by cursor.
// The whole path through n8n (classification, stop-on-reply, the unified inbox) is in sandboxInbox.n8n.test.ts.
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAsN8n } from '../../../test/n8nCallbacks.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';

let t: TestApp;
let owner: SignedUp;
let mailboxId: string;
let captured: { id: string; messageId: string };

const ourMessageId = '<ophir.snd-1@sandbox.example>';
const sentRaw = [
  'From: Demo <demo@sandbox.example>',
  'To: Ada <ada@leads.example>',
  'Subject: =?UTF-8?Q?Caf=C3=A9_time?=',
  `Message-ID: ${ourMessageId}`,
  'References: <ophir.snd-0@sandbox.example>',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  'Hello Ada, shall we meet?',
].join('\r\n');

const simulate = (body: object, ids: { mailbox?: string; message?: string } = {}, auth = owner.auth) =>
  t.http
    .post(`/api/mailboxes/${ids.mailbox ?? mailboxId}/sandbox-messages/${ids.message ?? captured.id}/simulate`)
    .set(auth)
    .send(body);

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t.http);
  mailboxId = (await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'demo@sandbox.example' })).body.id;
  const capture = await callAsN8n(t, '/api/internal/n8n/sandbox-messages', {
    mailboxId,
    messageId: ourMessageId,
    to: 'Ada <ada@leads.example>',
    threadId: null,
    raw: Buffer.from(sentRaw).toString('base64'),
  });
  expect(capture.status, capture.text).toBe(201);
  captured = { id: capture.body.id, messageId: ourMessageId };
});
afterAll(() => t.close());

describe('POST /api/mailboxes/:mailboxId/sandbox-messages/:sandboxMessageId/simulate', () => {
  it('receives a reply from the lead, threaded to the captured send and quoting it', async () => {
    const response = await simulate({ kind: 'reply', bodyText: 'Yes, Thursday works.' });
    expect(response.status, response.text).toBe(202);
    expect(response.body).toMatchObject({
      kind: 'reply',
      sandboxMessageId: captured.id,
      inReplyTo: ourMessageId,
      watch: { started: false },
    });
    // No n8n in this test: the answer says when the watcher will read it instead.
    expect(response.body.watch.detail).toMatch(/next poll \(every \d+ minutes?\)/);
    const reply = await simpleParser(response.body.raw);
    expect(reply.from?.value[0]?.address).toBe('ada@leads.example');
    expect(reply.to).toMatchObject({ value: [{ address: 'demo@sandbox.example' }] });
    expect(reply.subject).toBe('Re: Café time');
    expect(reply.inReplyTo).toBe(ourMessageId);
    expect(reply.references).toEqual(['<ophir.snd-0@sandbox.example>', ourMessageId]);
    expect(reply.headers.has('auto-submitted')).toBe(false);
    expect(reply.text).toMatch(/^Yes, Thursday works\.\n\nOn .+, demo@sandbox\.example wrote:\n> Hello Ada, shall we meet\?/);
  });

  it('receives an out-of-office marked as an automatic reply (RFC 3834)', async () => {
    const response = await simulate({ kind: 'out_of_office' });
    expect(response.status, response.text).toBe(202);
    const ooo = await simpleParser(response.body.raw);
    expect(ooo.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ooo.inReplyTo).toBe(ourMessageId);
    expect(ooo.subject).toBe('Automatic reply: Café time');
  });

  it('receives a bounce as a delivery status notification naming the lead and carrying the original headers', async () => {
    const hard = await simulate({ kind: 'bounce' });
    expect(hard.status, hard.text).toBe(202);
    const dsn = await simpleParser(hard.body.raw);
    expect(dsn.headers.get('content-type')).toMatchObject({ value: 'multipart/report', params: { 'report-type': 'delivery-status' } });
    expect(dsn.from?.value[0]?.address).toBe('MAILER-DAEMON@mx.leads.example');
    expect(hard.body.raw).toMatch(
      /Content-Type: message\/delivery-status\r\n[\s\S]*Final-Recipient: rfc822; ada@leads\.example\r\n[\s\S]*Action: failed\r\nStatus: 5\.1\.1\r\n/,
    );
    expect(hard.body.raw).toMatch(/Content-Type: text\/rfc822-headers\r\n[\s\S]*Message-ID: <ophir\.snd-1@sandbox\.example>/);
    const soft = await simulate({ kind: 'bounce', bounceStatus: '4.2.2' });
    expect(soft.body.raw).toMatch(/Action: delayed\r\nStatus: 4\.2\.2\r\n/);
  });

  it('keeps what was received for the Inbox Watch node, oldest first after its cursor', async () => {
    const read = (cursor: string | null, limit = 100) =>
      callAsN8n(t, `/api/internal/n8n/mailboxes/${mailboxId}/sandbox-inbox`, { cursor, limit });
    const all = await read(null);
    expect(all.status, all.text).toBe(200);
    const stored = await t.prisma.sandboxInboundMessage.findMany({ where: { mailboxId }, orderBy: { sequence: 'asc' } });
    expect(stored.map((row) => row.kind)).toEqual(['reply', 'out_of_office', 'bounce', 'bounce']);
    expect(all.body.messages).toEqual(
      stored.map((row) => ({ id: row.id, threadId: null, receivedAt: row.createdAt.toISOString(), raw: row.raw })),
    );
    const firstTwo = await read(null, 2);
    expect(firstTwo.body.messages).toHaveLength(2);
    const rest = await read(firstTwo.body.cursor);
    expect(rest.body.messages.map((m: { id: string }) => m.id)).toEqual(all.body.messages.slice(2).map((m: { id: string }) => m.id));
    expect((await read(all.body.cursor)).body).toEqual({ cursor: all.body.cursor, messages: [] });
    expect((await read('7:42')).status).toBe(400);
  });

  it('refuses a mailbox that is not a sandbox (409), an unknown message or mailbox (404) and a body that does not fit the kind (400)', async () => {
    const smtp = await t.prisma.mailbox.create({
      data: { organizationId: owner.organization.id, provider: 'smtp', email: 'real@sender.example' },
    });
    const notSandbox = await simulate({ kind: 'reply' }, { mailbox: smtp.id });
    expect(notSandbox.status).toBe(409);
    expect(notSandbox.body.code).toBe('mailbox_unavailable');
    const disabled = await t.prisma.mailbox.create({
      data: { organizationId: owner.organization.id, provider: 'sandbox', email: 'off@sandbox.example', status: 'disabled' },
    });
    expect((await simulate({ kind: 'reply' }, { mailbox: disabled.id })).body).toMatchObject({
      status: 409,
      code: 'mailbox_unavailable',
      mailboxStatus: 'disabled',
    });
    expect((await simulate({ kind: 'reply' }, { message: randomUUID() })).status).toBe(404);
    expect((await simulate({ kind: 'reply' }, { mailbox: randomUUID() })).status).toBe(404);
    const unknownKind = await simulate({ kind: 'complaint' });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.issues).toEqual([expect.objectContaining({ path: 'kind' })]);
    expect((await simulate({ kind: 'bounce', bodyText: 'x' })).body.issues).toEqual([expect.objectContaining({ path: 'bodyText' })]);
    expect((await simulate({ kind: 'reply', bounceStatus: '5.1.1' })).body.issues).toEqual([
      expect.objectContaining({ path: 'bounceStatus' }),
    ]);
    expect((await simulate({ kind: 'bounce', bounceStatus: '550' })).body.issues).toEqual([
      expect.objectContaining({ path: 'bounceStatus' }),
    ]);
  });

  it("is scoped to the caller's organization: another organization's mailbox and messages are not found", async () => {
    const other = await signUp(t.http);
    const response = await simulate({ kind: 'reply' }, {}, other.auth);
    expect(response.status).toBe(404);
    expect(await t.prisma.sandboxInboundMessage.count({ where: { organizationId: other.organization.id } })).toBe(0);
  });

  it('is refused to a viewer', async () => {
    const key = await t.http.post('/api/api-keys').set(owner.auth).send({ name: 'viewer', role: 'viewer' });
    expect((await simulate({ kind: 'reply' }, {}, { Authorization: `Bearer ${key.body.key}` })).status).toBe(403);
  });
});
