// Integration: the inbox watcher's claim and results callbacks, signed as n8n sends them, on real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { campaignWithFirstStepSent } from '../../test/sentMessages.js';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let organizationId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  organizationId = (await signUp(t.http)).organization.id;
});
afterAll(() => t.close());

const mailbox = (data: {
  organizationId: string;
  provider: 'gmail' | 'smtp' | 'outlook' | 'sandbox';
  status?: 'active' | 'paused' | 'needs_reauth' | 'disabled';
  inboxCursor?: string | null;
  settings?: object;
}) => t.prisma.mailbox.create({ data: { email: `${randomUUID().slice(0, 8)}@Sender.example`, ...data } });

const cursorOf = async (mailboxId: string) => (await t.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } })).inboxCursor;

describe('POST /api/internal/n8n/inbox-watch/claims', () => {
  it("hands out the organization's active and paused Gmail, Outlook, sandbox and IMAP-capable mailboxes with their cursors, and every address of ours", async () => {
    const org = (await signUp(t.http)).organization.id;
    const watched = await mailbox({ organizationId: org, provider: 'gmail', inboxCursor: '4711' });
    const paused = await mailbox({ organizationId: org, provider: 'gmail', status: 'paused', inboxCursor: null });
    const reauth = await mailbox({ organizationId: org, provider: 'gmail', status: 'needs_reauth' });
    const smtp = await mailbox({ organizationId: org, provider: 'smtp' });
    const server = { host: 'mail.sender.example', port: 993, tlsMode: 'tls', username: 'me' };
    const imap = await mailbox({
      organizationId: org,
      provider: 'smtp',
      settings: { smtp: { ...server, port: 465 }, imap: server },
      inboxCursor: '7:42',
    });
    const outlook = await mailbox({ organizationId: org, provider: 'outlook' });
    const sandbox = await mailbox({ organizationId: org, provider: 'sandbox' });
    await mailbox({ organizationId, provider: 'gmail' });

    const response = await callAsN8n(t, '/api/internal/n8n/inbox-watch/claims', { organizationId: org });

    expect(response.status, response.text).toBe(200);
    // The control plane's clock, which dates the watch's observations (docs/warmup.md).
    expect(response.body.now).toBe(clock.now().toISOString());
    expect(response.body.mailboxes).toEqual([
      { mailboxId: watched.id, provider: 'gmail', email: watched.email, cursor: '4711' },
      { mailboxId: paused.id, provider: 'gmail', email: paused.email, cursor: null },
      { mailboxId: imap.id, provider: 'smtp', email: imap.email, cursor: '7:42' },
      { mailboxId: outlook.id, provider: 'outlook', email: outlook.email, cursor: null },
      { mailboxId: sandbox.id, provider: 'sandbox', email: sandbox.email, cursor: null },
    ]);
    expect([...response.body.ourAddresses].sort()).toEqual(
      [watched, paused, reauth, smtp, imap, outlook, sandbox].map((m) => m.email.toLowerCase()).sort(),
    );
  });

  it('answers 404 for an unknown organization and 401 without a valid signature', async () => {
    const unknown = await callAsN8n(t, '/api/internal/n8n/inbox-watch/claims', { organizationId: randomUUID() });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    const unsigned = await t.http.post('/api/internal/n8n/inbox-watch/claims').send({ organizationId });
    expect(unsigned.status).toBe(401);
  });
});

describe('POST /api/internal/n8n/inbox-watch/results', () => {
  const results = (body: object) => callAsN8n(t, '/api/internal/n8n/inbox-watch/results', body);

  it('applies the events once, then advances the cursor; a replay is counted as duplicates and moves nothing', async () => {
    const sent = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 2 });
    const item = sent.items[0]!;
    const mailboxId = item.mailboxes[0].id as string;
    await t.prisma.mailbox.update({ where: { id: mailboxId }, data: { provider: 'gmail', inboxCursor: '100' } });
    const reply = {
      eventId: `gmail:${mailboxId}:in-1`,
      type: 'replied',
      inReplyToMessageId: `<ophir.${item.sendId}@ophir.example>`,
      threadId: `thread-${item.lead.id}`,
      leadEmail: null,
      mailboxId,
      bounce: null,
      receivedAt: clock.now().toISOString(),
      evidence: { from: 'lead@leads.example', signal: 'In-Reply-To/References' },
    };

    const first = await results({ mailboxId, previousCursor: '100', cursor: '120', events: [reply] });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({
      applied: 1,
      duplicates: 0,
      cursorAdvanced: true,
      cursor: '120',
      events: [{ outcome: 'applied', leadId: item.lead.id, stoppedEnrollments: 1 }],
    });
    expect((await t.prisma.enrollment.findFirstOrThrow({ where: { leadId: item.lead.id, campaignId: sent.campaign.id } })).state).toBe(
      'stopped',
    );
    expect(
      (await t.prisma.enrollment.findFirstOrThrow({ where: { leadId: sent.items[1]!.lead.id, campaignId: sent.campaign.id } })).state,
    ).toBe('active');

    // The same watch delivered twice (a retried execution): nothing counts twice, the cursor stays.
    const replay = await results({ mailboxId, previousCursor: '100', cursor: '120', events: [reply] });
    expect(replay.body).toMatchObject({ applied: 0, duplicates: 1, cursorAdvanced: false, cursor: '120' });
    expect(await t.prisma.event.count({ where: { leadId: item.lead.id, type: 'replied' } })).toBe(1);
  });

  it('one watch with every kind the node reports stops and suppresses only the right leads', async () => {
    const sent = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 6 });
    const mailboxId = sent.items[0]!.mailboxes[0].id as string;
    await t.prisma.mailbox.update({ where: { id: mailboxId }, data: { provider: 'gmail', inboxCursor: '900' } });
    const [replied, outOfOffice, hard, soft, unsubscribed, untouched] = sent.items.map((item) => ({
      leadId: item.lead.id as string,
      email: item.lead.email as string,
      messageId: `<ophir.${item.sendId}@ophir.example>`,
    }));
    // Exactly what Inbox Watch emits (custom-nodes/nodes/InboxWatch/inboundEvents.ts): absent links are null.
    const event = (gmailId: string, fields: object) => ({
      eventId: `gmail:${mailboxId}:${gmailId}`,
      mailboxId,
      threadId: null,
      leadEmail: null,
      bounce: null,
      receivedAt: clock.now().toISOString(),
      evidence: { signal: 'test', gmailMessageId: gmailId, readAs: 'raw' },
      ...fields,
    });
    const response = await results({
      mailboxId,
      previousCursor: '900',
      cursor: '950',
      events: [
        event('r', { type: 'replied', inReplyToMessageId: replied!.messageId, threadId: 'thread-r' }),
        event('o', { type: 'auto_replied', inReplyToMessageId: outOfOffice!.messageId }),
        event('h', {
          type: 'bounced',
          inReplyToMessageId: hard!.messageId,
          leadEmail: hard!.email,
          bounce: { kind: 'hard', status: '5.1.1', diagnostic: '550 5.1.1 user unknown' },
        }),
        event('s', {
          type: 'bounced',
          inReplyToMessageId: null,
          leadEmail: soft!.email,
          bounce: { kind: 'soft', status: '4.2.2', diagnostic: null },
        }),
        event('u', { type: 'unsubscribe_request', inReplyToMessageId: unsubscribed!.messageId }),
      ],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ applied: 5, unknown: 0, cursorAdvanced: true });

    const stateOf = async (leadId: string) =>
      (await t.prisma.enrollment.findFirstOrThrow({ where: { leadId, campaignId: sent.campaign.id } })).state;
    expect(await stateOf(replied!.leadId)).toBe('stopped');
    expect(await stateOf(outOfOffice!.leadId)).toBe('active');
    expect(await stateOf(hard!.leadId)).toBe('stopped');
    expect(await stateOf(soft!.leadId)).toBe('active');
    expect(await stateOf(unsubscribed!.leadId)).toBe('stopped');
    expect(await stateOf(untouched!.leadId)).toBe('active');
    const suppressed = await t.prisma.suppression.findMany({
      where: { organizationId, value: { in: sent.items.map((item) => item.lead.email as string) } },
    });
    expect(suppressed.map((row) => row.value).sort()).toEqual([hard!.email, unsubscribed!.email].sort());
  });

  it('complaints from feedback-loop reports suppress the complaining address with reason complained and stop only that lead', async () => {
    const sent = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 3 });
    const mailboxId = sent.items[0]!.mailboxes[0].id as string;
    await t.prisma.mailbox.update({ where: { id: mailboxId }, data: { provider: 'gmail', inboxCursor: '1200' } });
    const [yahoo, jmrp, untouched] = sent.items.map((item) => ({
      leadId: item.lead.id as string,
      email: item.lead.email as string,
      messageId: `<ophir.${item.sendId}@ophir.example>`,
    }));
    // As Inbox Watch emits them: a Yahoo CFL report names our original and the recipient, a Microsoft JMRP report only our original.
    const complaint = (gmailId: string, fields: object) => ({
      eventId: `gmail:${mailboxId}:${gmailId}`,
      type: 'complained',
      mailboxId,
      threadId: null,
      bounce: null,
      message: null,
      receivedAt: clock.now().toISOString(),
      evidence: { signal: 'Feedback-Type: abuse', feedbackType: 'abuse', readAs: 'raw' },
      ...fields,
    });
    const response = await results({
      mailboxId,
      previousCursor: '1200',
      cursor: '1210',
      events: [
        complaint('arf-yahoo', { inReplyToMessageId: yahoo!.messageId, leadEmail: yahoo!.email }),
        complaint('arf-jmrp', { inReplyToMessageId: jmrp!.messageId, leadEmail: null }),
      ],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({
      applied: 2,
      unknown: 0,
      cursorAdvanced: true,
      events: [
        { leadId: yahoo!.leadId, stoppedEnrollments: 1 },
        { leadId: jmrp!.leadId, stoppedEnrollments: 1 },
      ],
    });

    const suppressed = await t.prisma.suppression.findMany({
      where: { organizationId, value: { in: sent.items.map((item) => item.lead.email as string) } },
      orderBy: { value: 'asc' },
    });
    expect(suppressed.map(({ value, reason, source }) => ({ value, reason, source }))).toEqual(
      [yahoo!.email, jmrp!.email].sort().map((value) => ({ value, reason: 'complained', source: 'inbox:complained' })),
    );
    const stateOf = async (leadId: string) =>
      (await t.prisma.enrollment.findFirstOrThrow({ where: { leadId, campaignId: sent.campaign.id } })).state;
    expect([await stateOf(yahoo!.leadId), await stateOf(jmrp!.leadId), await stateOf(untouched!.leadId)]).toEqual([
      'stopped',
      'stopped',
      'active',
    ]);
    expect(await t.prisma.event.count({ where: { leadId: { in: [yahoo!.leadId, jmrp!.leadId] }, type: 'complained' } })).toBe(2);
  });

  it('an older watch finishing late cannot move the cursor back', async () => {
    const gmail = await mailbox({ organizationId, provider: 'gmail', inboxCursor: '500' });
    const late = await results({ mailboxId: gmail.id, previousCursor: '400', cursor: '450', events: [] });
    expect(late.body).toMatchObject({ applied: 0, cursorAdvanced: false, cursor: '500' });
    expect(await cursorOf(gmail.id)).toBe('500');
  });

  it('sets the first cursor of a mailbox never watched', async () => {
    const gmail = await mailbox({ organizationId, provider: 'gmail', inboxCursor: null });
    const first = await results({ mailboxId: gmail.id, previousCursor: null, cursor: '42', events: [] });
    expect(first.body).toMatchObject({ cursorAdvanced: true, cursor: '42' });
  });

  it('refuses events of another mailbox without applying anything or moving the cursor', async () => {
    const gmail = await mailbox({ organizationId, provider: 'gmail', inboxCursor: '10' });
    const event = {
      eventId: randomUUID(),
      type: 'bounced',
      leadEmail: 'x@leads.example',
      mailboxId: randomUUID(),
      bounce: { kind: 'hard', status: '5.1.1' },
      receivedAt: clock.now().toISOString(),
    };
    const refused = await results({ mailboxId: gmail.id, previousCursor: '10', cursor: '20', events: [event] });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation_failed');
    expect(await cursorOf(gmail.id)).toBe('10');
  });

  it("answers 404 for an unknown mailbox and 400 for a cursor not in the mailbox provider's format", async () => {
    expect((await results({ mailboxId: randomUUID(), previousCursor: null, cursor: '1', events: [] })).status).toBe(404);
    const gmail = await mailbox({ organizationId, provider: 'gmail' });
    const malformed = await results({ mailboxId: gmail.id, previousCursor: null, cursor: 'latest', events: [] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues).toEqual([
      expect.objectContaining({ path: 'cursor', message: expect.stringContaining('Gmail history id') }),
    ]);
    const imap = await mailbox({ organizationId, provider: 'smtp' });
    expect((await results({ mailboxId: imap.id, previousCursor: null, cursor: '42', events: [] })).status).toBe(400);
    expect((await results({ mailboxId: imap.id, previousCursor: null, cursor: '7:42', events: [] })).body).toMatchObject({
      cursorAdvanced: true,
      cursor: '7:42',
    });
    const outlook = await mailbox({ organizationId, provider: 'outlook' });
    const deltaLink = 'https://graph.microsoft.com/v1.0/me/mailFolders/inbox/messages/delta?$deltatoken=abc';
    expect((await results({ mailboxId: outlook.id, previousCursor: null, cursor: deltaLink, events: [] })).body).toMatchObject({
      cursorAdvanced: true,
      cursor: deltaLink,
    });
    const sandbox = await mailbox({ organizationId, provider: 'sandbox' });
    expect((await results({ mailboxId: sandbox.id, previousCursor: null, cursor: '7:42', events: [] })).status).toBe(400);
    expect((await results({ mailboxId: sandbox.id, previousCursor: null, cursor: '12', events: [] })).body).toMatchObject({
      cursorAdvanced: true,
      cursor: '12',
    });
  });
});

describe('a watch larger than the 1 MB body limit', () => {
  const results = (body: object) => callAsN8n(t, '/api/internal/n8n/inbox-watch/results', body);

  /** Replies to each sent step carrying `characters` of text that JSON escapes to six bytes each (\u0001). */
  async function largeReplies(leads: number, characters: number, cursor: string) {
    const sent = await campaignWithFirstStepSent(t, clock, { organizationId, leads });
    const mailboxId = sent.items[0]!.mailboxes[0].id as string;
    await t.prisma.mailbox.update({ where: { id: mailboxId }, data: { provider: 'gmail', inboxCursor: cursor } });
    const events = sent.items.map((item, index) => ({
      eventId: `gmail:${mailboxId}:large-${index}`,
      type: 'replied',
      inReplyToMessageId: `<ophir.${item.sendId}@ophir.example>`,
      threadId: null,
      leadEmail: null,
      mailboxId,
      bounce: null,
      receivedAt: clock.now().toISOString(),
      evidence: {},
      message: {
        from: item.lead.email,
        to: null,
        subject: 'Re: hello',
        messageIdHeader: `<large-${index}@leads.example>`,
        text: '\u0001'.repeat(characters),
      },
    }));
    return { sent, mailboxId, events };
  }

  it('is accepted on the results route, which alone takes bodies up to 4 MB; other routes still answer 413', async () => {
    const { mailboxId, events } = await largeReplies(2, 100_000, '3000');
    const body = { mailboxId, previousCursor: '3000', cursor: '3100', events };
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(1_048_576);

    const accepted = await results(body);
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ applied: 2, cursorAdvanced: true, cursor: '3100' });

    const elsewhere = await callAsN8n(t, '/api/internal/n8n/inbound-events', { events });
    expect(elsewhere.status).toBe(413);
    expect(elsewhere.body.code).toBe('payload_too_large');
  });

  it('sent in chunks, moves the cursor only with the last; a watch cut off between chunks loses and repeats nothing', async () => {
    const { sent, mailboxId, events } = await largeReplies(6, 60_000, '4000');
    const chunks = [events.slice(0, 2), events.slice(2, 4), events.slice(4)];
    const chunk = (index: number) =>
      results({ mailboxId, previousCursor: '4000', cursor: index === chunks.length - 1 ? '4100' : null, events: chunks[index] });

    // The first execution dies after its first chunk: those events are recorded, the cursor stays.
    const cutOff = await chunk(0);
    expect(cutOff.status, cutOff.text).toBe(200);
    expect(cutOff.body).toMatchObject({ applied: 2, cursorAdvanced: false, cursor: '4000' });
    expect(await cursorOf(mailboxId)).toBe('4000');

    // The next watch reads from the same cursor and reports all of it again.
    const again = [await chunk(0), await chunk(1), await chunk(2)];
    expect(again.map((response) => [response.body.applied, response.body.duplicates, response.body.cursorAdvanced])).toEqual([
      [0, 2, false],
      [2, 0, false],
      [2, 0, true],
    ]);
    expect(await cursorOf(mailboxId)).toBe('4100');
    const leadIds = sent.items.map((item) => item.lead.id as string);
    expect(await t.prisma.event.count({ where: { leadId: { in: leadIds }, type: 'replied' } })).toBe(6);
    expect(await t.prisma.inboxMessage.count({ where: { sourceEventId: { in: events.map((event) => event.eventId) } } })).toBe(6);
  });
});
