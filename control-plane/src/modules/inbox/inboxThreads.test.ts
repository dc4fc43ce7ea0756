// Integration: the unified inbox on real PostgreSQL — replies filed by the inbox watcher, read state
// and labels, and replies from the inbox claimed and reported by the workflow as signed n8n calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { campaignWithFirstStepSent } from '../../test/sentMessages.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';
import { mailboxCapacity } from '../mailboxes/limits/capacity.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let owner: SignedUp;
let organizationId: string;

beforeAll(async () => {
  // The business clock moves by hours here: the owner's access token must outlive it.
  t = await createTestApp({ clock, env: { ACCESS_TOKEN_TTL_SECONDS: '86400' } });
  owner = await signUp(t.http);
  organizationId = owner.organization.id;
});
afterAll(() => t.close());

/** A campaign whose first step went out to `leads` leads from one Gmail mailbox the watcher reads. */
async function conversationStart(leads = 1) {
  const sent = await campaignWithFirstStepSent(t, clock, { organizationId, leads });
  const mailboxId = sent.items[0]!.mailboxes[0].id as string;
  await t.prisma.mailbox.update({ where: { id: mailboxId }, data: { provider: 'gmail', inboxCursor: null } });
  const sentMessages = await t.prisma.message.findMany({ where: { campaignId: sent.campaign.id, status: 'sent' } });
  const leadsSent = sent.items.map((item) => ({
    id: item.lead.id as string,
    email: item.lead.email as string,
    ourMessageId: sentMessages.find((m) => m.leadId === item.lead.id)!.messageIdHeader,
  }));
  return { campaignId: sent.campaign.id, mailboxId, leads: leadsSent };
}

let lastCursor = 1000;
/** One accepted watch of the mailbox with these events, as Inbox Watch reports it. */
async function watch(mailboxId: string, events: object[]) {
  const previousCursor = (await t.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } })).inboxCursor;
  lastCursor += 1;
  const response = await callAsN8n(t, '/api/internal/n8n/inbox-watch/results', {
    mailboxId,
    previousCursor,
    cursor: String(lastCursor),
    events,
  });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

function inbound(
  mailboxId: string,
  lead: { email: string; ourMessageId: string },
  fields: { id: string; type?: string; text?: string; subject?: string; receivedAt?: string },
) {
  return {
    eventId: `gmail:${mailboxId}:${fields.id}`,
    type: fields.type ?? 'replied',
    inReplyToMessageId: lead.ourMessageId,
    threadId: `gthread-${fields.id}`,
    leadEmail: null,
    mailboxId,
    bounce: null,
    receivedAt: fields.receivedAt ?? clock.now().toISOString(),
    message: {
      from: lead.email,
      to: 'sender@ophir.example',
      subject: fields.subject ?? 'Re: Hello there',
      messageIdHeader: `<${fields.id}@leads.example>`,
      text: fields.text ?? 'Sounds good, tell me more.',
    },
    evidence: { signal: 'test' },
  };
}

const threadsOf = async (query = '') => {
  const response = await t.http.get(`/api/inbox/threads${query}`).set(owner.auth);
  expect(response.status, response.text).toBe(200);
  return response.body as { data: Array<Record<string, any>>; nextCursor: string | null };
};

describe('inbound messages in the unified inbox', () => {
  it('files a reply into an unread thread with its text; a replayed watch adds nothing', async () => {
    const { campaignId, mailboxId, leads } = await conversationStart();
    const lead = leads[0]!;
    clock.advance(60_000);
    const reply = inbound(mailboxId, lead, {
      id: 'r1',
      text: 'Sounds good, tell me more.\n\nOn Mon, Dec 1, 2026 at 10:00 Sender wrote:\n> Step one for Acme',
    });
    expect((await watch(mailboxId, [reply])).applied).toBe(1);
    expect((await watch(mailboxId, [reply])).duplicates).toBe(1);

    const listed = (await threadsOf(`?campaignId=${campaignId}`)).data;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      unread: true,
      label: null,
      snippet: 'Sounds good, tell me more.',
      subject: 'Re: Hello there',
      campaign: { id: campaignId, name: 'Engine test' },
      lead: { id: lead.id, email: lead.email },
      mailbox: { id: mailboxId, provider: 'gmail' },
    });
    const detail = await t.http.get(`/api/inbox/threads/${listed[0]!.id}`).set(owner.auth);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.messages.map((m: { kind: string; direction: string }) => [m.kind, m.direction])).toEqual([
      ['campaign', 'outbound'],
      ['reply', 'inbound'],
    ]);
    expect(detail.body.messages[0]).toMatchObject({
      step: 1,
      messageIdHeader: lead.ourMessageId,
      bodyText: expect.stringContaining('Step one for'),
    });
    expect(detail.body.messages[1]).toMatchObject({
      from: lead.email,
      bodyText: expect.stringContaining('tell me more'),
      messageIdHeader: '<r1@leads.example>',
    });
    expect(await t.prisma.inboxMessage.count({ where: { sourceEventId: reply.eventId } })).toBe(1);
  });

  it('an auto-reply suggests out_of_office only on an unlabelled thread; a genuine reply clears the suggestion, never a chosen label', async () => {
    const { mailboxId, leads } = await conversationStart(2);
    const [first, second] = leads;
    clock.advance(60_000);
    await watch(mailboxId, [
      inbound(mailboxId, first!, {
        id: 'ooo-1',
        type: 'auto_replied',
        subject: 'Abwesenheitsnotiz',
        text: 'Ich bin bis Montag nicht im Büro.',
      }),
    ]);
    const thread = await t.prisma.inboxThread.findFirstOrThrow({ where: { leadId: first!.id } });
    expect(thread).toMatchObject({ label: 'out_of_office', labelSuggested: true, unread: true });
    clock.advance(60_000);
    await watch(mailboxId, [inbound(mailboxId, first!, { id: 'back-1', text: 'Back now. Interested!' })]);
    expect(await t.prisma.inboxThread.findUniqueOrThrow({ where: { id: thread.id } })).toMatchObject({
      label: null,
      labelSuggested: false,
    });

    // A person's label stays whatever arrives.
    clock.advance(60_000);
    await watch(mailboxId, [inbound(mailboxId, second!, { id: 'r-2' })]);
    const other = await t.prisma.inboxThread.findFirstOrThrow({ where: { leadId: second!.id } });
    const labelled = await t.http.patch(`/api/inbox/threads/${other.id}`).set(owner.auth).send({ label: 'interested', read: true });
    expect(labelled.status, labelled.text).toBe(200);
    expect(labelled.body).toMatchObject({ label: 'interested', labelSuggested: false, unread: false });
    clock.advance(60_000);
    await watch(mailboxId, [inbound(mailboxId, second!, { id: 'ooo-2', type: 'auto_replied' })]);
    expect(await t.prisma.inboxThread.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ label: 'interested', unread: true });
    expect(await t.prisma.auditLog.count({ where: { organizationId, action: 'inbox_thread.labelled', targetId: other.id } })).toBe(1);
  });

  it('filters by label, unread, mailbox and search, newest activity first, page by page', async () => {
    const { mailboxId, leads } = await conversationStart(3);
    for (const [index, lead] of leads.entries()) {
      clock.advance(60_000);
      await watch(mailboxId, [
        inbound(mailboxId, lead, { id: `f-${index}`, text: index === 1 ? 'Please call me about pricing' : 'Thanks' }),
      ]);
    }
    const inMailbox = await threadsOf(`?mailboxId=${mailboxId}&limit=2`);
    expect(inMailbox.data.map((thread) => thread.lead.id)).toEqual([leads[2]!.id, leads[1]!.id]);
    const rest = await threadsOf(`?mailboxId=${mailboxId}&limit=2&cursor=${inMailbox.nextCursor}`);
    expect(rest.data.map((thread) => thread.lead.id)).toEqual([leads[0]!.id]);
    expect(rest.nextCursor).toBeNull();

    expect((await threadsOf(`?mailboxId=${mailboxId}&search=PRICING`)).data.map((thread) => thread.lead.id)).toEqual([leads[1]!.id]);
    expect(
      (await threadsOf(`?mailboxId=${mailboxId}&search=${encodeURIComponent(leads[0]!.email)}`)).data.map((thread) => thread.lead.id),
    ).toEqual([leads[0]!.id]);
    await t.http.patch(`/api/inbox/threads/${inMailbox.data[0]!.id}`).set(owner.auth).send({ read: true, label: 'wrong_person' });
    expect((await threadsOf(`?mailboxId=${mailboxId}&unread=true`)).data).toHaveLength(2);
    expect((await threadsOf(`?mailboxId=${mailboxId}&label=wrong_person`)).data.map((thread) => thread.id)).toEqual([
      inMailbox.data[0]!.id,
    ]);
    expect((await threadsOf(`?mailboxId=${mailboxId}&label=none`)).data).toHaveLength(2);
    expect((await t.http.get('/api/inbox/threads?cursor=garbage').set(owner.auth)).status).toBe(400);
  });
});

describe('replies from the inbox', () => {
  async function threadWithReply() {
    const start = await conversationStart();
    const lead = start.leads[0]!;
    clock.advance(60_000);
    await watch(start.mailboxId, [inbound(start.mailboxId, lead, { id: `lead-${lead.id}`, subject: 'Re: Hello there' })]);
    const thread = await t.prisma.inboxThread.findFirstOrThrow({ where: { leadId: lead.id } });
    return { ...start, lead, thread };
  }
  const claim = (batchSize = 20) => callAsN8n(t, '/api/internal/n8n/inbox-replies/claims', { organizationId, batchSize });
  const report = (results: object[]) => callAsN8n(t, '/api/internal/n8n/inbox-replies/results', { results });

  it('queues a reply with fixed threading headers, hands it to one claim only, and files it as sent with the provider ids', async () => {
    const { mailboxId, lead, thread } = await threadWithReply();
    const queued = await t.http
      .post(`/api/inbox/threads/${thread.id}/replies`)
      .set(owner.auth)
      .send({ bodyText: 'Happy to. How about Tuesday?' });
    expect(queued.status, queued.text).toBe(202);
    const domain = (await t.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } })).email.split('@')[1];
    expect(queued.body).toMatchObject({
      direction: 'outbound',
      kind: 'inbox_reply',
      status: 'queued',
      subject: 'Re: Hello there',
      bodyText: 'Happy to. How about Tuesday?',
      bodyHtml: null,
      messageIdHeader: `<ophir.${queued.body.id}@${domain}>`,
    });
    expect(
      await t.prisma.auditLog.count({
        where: { organizationId, action: 'inbox_reply.queued', targetId: thread.id, actorUserId: owner.user.id },
      }),
    ).toBe(1);
    expect((await t.prisma.inboxThread.findUniqueOrThrow({ where: { id: thread.id } })).unread).toBe(false);

    const [a, b] = await Promise.all([claim(), claim()]);
    expect(a.status, a.text).toBe(200);
    const items = [...a.body.items, ...b.body.items];
    expect(items).toHaveLength(1);
    const item = items[0];
    expect(item).toMatchObject({
      kind: 'inbox_reply',
      sendId: queued.body.id,
      attempt: 1,
      mayHaveBeenSent: false,
      inboxThreadId: thread.id,
      mailboxId,
      lead: { id: lead.id, email: lead.email },
      message: {
        subject: 'Re: Hello there',
        text: 'Happy to. How about Tuesday?',
        html: null,
        unsubscribeUrl: expect.stringContaining('/u/'),
      },
      threading: {
        messageId: lead.ourMessageId,
        inReplyTo: `<lead-${lead.id}@leads.example>`,
        references: [lead.ourMessageId, `<lead-${lead.id}@leads.example>`],
        gmailThreadId: `gthread-lead-${lead.id}`,
        mailboxId,
      },
      mailbox: { id: mailboxId, provider: 'gmail' },
    });
    expect(item.mailboxes).toEqual([item.mailbox]);

    clock.advance(5_000);
    const result = {
      status: 'sent',
      sendId: item.sendId,
      attempt: 1,
      eventId: `${item.sendId}:1:sent`,
      mailboxId,
      provider: 'gmail',
      messageId: queued.body.messageIdHeader,
      providerMessageId: 'gmail-sent-1',
      threadId: `gthread-lead-${lead.id}`,
      sentAt: clock.now().toISOString(),
      deduplicated: false,
    };
    expect((await report([result])).body).toEqual({ applied: 1, duplicates: 0, stale: 0, unknown: 0 });
    expect((await report([result])).body).toEqual({ applied: 0, duplicates: 1, stale: 0, unknown: 0 });

    const detail = await t.http.get(`/api/inbox/threads/${thread.id}`).set(owner.auth);
    expect(detail.body.messages.map((m: { kind: string }) => m.kind)).toEqual(['campaign', 'reply', 'inbox_reply']);
    expect(detail.body.messages[2]).toMatchObject({
      status: 'sent',
      at: clock.now().toISOString(),
      messageIdHeader: queued.body.messageIdHeader,
    });
    expect(detail.body).toMatchObject({ lastMessageAt: clock.now().toISOString(), snippet: 'Happy to. How about Tuesday?' });
    expect(await t.prisma.inboxMessage.findUniqueOrThrow({ where: { id: item.sendId } })).toMatchObject({
      providerMessageId: 'gmail-sent-1',
      leaseExpiresAt: null,
    });

    // Counted in the mailbox's sends of the day and its gap; not a campaign send.
    const mailbox = await t.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    expect(mailbox.lastSentAt).toEqual(clock.now());
    expect((await mailboxCapacity(scopedDb(t.prisma, organizationId), mailbox, clock.now())).sentToday).toBe(2);
    expect(await t.prisma.event.count({ where: { messageId: item.sendId } })).toBe(0);
    expect((await claim()).body.items).toEqual([]);
  });

  it('a retryable result requeues the reply, flagged when it may have gone out; a failure is shown on the thread', async () => {
    const { mailboxId, thread } = await threadWithReply();
    const queued = await t.http
      .post(`/api/inbox/threads/${thread.id}/replies`)
      .set(owner.auth)
      .send({ bodyText: 'Let me check.', bodyHtml: '<p>Let me check.</p>' });
    const [first] = (await claim()).body.items;
    expect(first.sendId).toBe(queued.body.id);
    const retryable = {
      status: 'retryable',
      sendId: first.sendId,
      attempt: 1,
      eventId: `${first.sendId}:1:retryable`,
      mailboxId,
      retryAfterSeconds: 120,
      mayHaveBeenSent: true,
      code: 'provider_unavailable',
      reason: 'Gmail answered 503',
    };
    expect((await report([retryable])).body.applied).toBe(1);
    expect(await t.prisma.inboxMessage.findUniqueOrThrow({ where: { id: first.sendId } })).toMatchObject({
      status: 'retrying',
      mayHaveBeenSent: true,
      lastError: 'Gmail answered 503',
    });
    expect((await claim()).body.items).toEqual([]);

    clock.advance(121_000);
    const [second] = (await claim()).body.items;
    expect(second).toMatchObject({ sendId: first.sendId, attempt: 2, mayHaveBeenSent: true, message: { html: '<p>Let me check.</p>' } });
    // A late report for the first attempt changes nothing.
    expect((await report([{ ...retryable, eventId: `${first.sendId}:1:failed`, status: 'failed' }])).body.stale).toBe(1);
    expect(
      (
        await report([
          {
            status: 'failed',
            sendId: first.sendId,
            attempt: 2,
            eventId: `${first.sendId}:2:failed`,
            mailboxId,
            code: 'invalid_recipient',
            reason: 'Address rejected',
          },
        ])
      ).body.applied,
    ).toBe(1);
    const detail = await t.http.get(`/api/inbox/threads/${thread.id}`).set(owner.auth);
    expect(detail.body.messages.at(-1)).toMatchObject({
      kind: 'inbox_reply',
      status: 'failed',
      attempt: 2,
      lastError: 'invalid_recipient: Address rejected',
    });
  });

  it('a lease that expires returns the reply flagged; a paused mailbox keeps it queued', async () => {
    const { mailboxId, thread } = await threadWithReply();
    await t.http.post(`/api/inbox/threads/${thread.id}/replies`).set(owner.auth).send({ bodyText: 'One moment.' });
    await t.prisma.mailbox.update({ where: { id: mailboxId }, data: { status: 'paused' } });
    expect((await claim()).body.items).toEqual([]);
    await t.prisma.mailbox.update({ where: { id: mailboxId }, data: { status: 'active' } });
    const [first] = (await claim()).body.items;
    clock.advance(3_600_000);
    const [again] = (await claim()).body.items;
    expect(again).toMatchObject({ sendId: first.sendId, attempt: 2, mayHaveBeenSent: true });
  });

  it('refuses replies to a bounced lead and answers 404 for an unknown thread', async () => {
    const { lead, thread } = await threadWithReply();
    await t.prisma.lead.update({ where: { id: lead.id }, data: { status: 'bounced' } });
    const refused = await t.http.post(`/api/inbox/threads/${thread.id}/replies`).set(owner.auth).send({ bodyText: 'Hello?' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invalid_state');
    const unknown = await t.http
      .post('/api/inbox/threads/00000000-0000-4000-8000-000000000000/replies')
      .set(owner.auth)
      .send({ bodyText: 'Hello?' });
    expect(unknown.status).toBe(404);
  });
});
