// End to end on the real stack: PostgreSQL, the control plane on a real port, the provisioned n8n
// running the campaign-sender and inbox-watcher workflows with our nodes, the fake Gmail API (two
// mailboxes) and a real local SMTP server with a real local IMAP server (one mailbox). The control plane's clock is moved through
// two weeks; n8n works from the `now` each claim carries. Replies, an out-of-office and bounces
// arrive in the fake Gmail inboxes and the IMAP inbox and are found by the inbox watcher.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../lib/clock.js';
import { N8nClient } from '../lib/n8n/n8nClient.js';
import { n8nApiKeyName } from '../modules/platform/platformSecrets.js';
import { FakeGoogle } from './fakes/fakeGoogle.js';
import { LocalImapServer } from './fakes/localImapServer.js';
import { LocalSmtpServer } from './fakes/localSmtpServer.js';
import { headerValue, splitMessage } from './fakes/mimeHeaders.js';
import { watchInboxesOnce } from './inboxWatcher.js';
import { createListeningTestApp } from './listeningApp.js';
import { connectOAuthMailbox } from './mailboxFlows.js';
import { n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from './realN8n.js';
import { signUp, type SignedUp, type TestApp } from './testApp.js';
import { until } from './until.js';

const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo'];
const leadCount = 200;
const dailyCap = 35;
const minGapSeconds = 300;
const tickMinutes = 10;
const start = new Date('2026-11-30T00:00:00Z'); // a Monday
const end = new Date('2026-12-14T00:00:00Z');

const clock = new ManualClock(start);
const google = new FakeGoogle({ now: () => clock.now() });
const smtp = new LocalSmtpServer({ username: 'smtp-user', password: 'smtp-pass-1' });
const imap = new LocalImapServer([{ username: 'smtp-user', password: 'smtp-pass-1' }]);
const gmailSenders = ['e2e.one@gmail.example', 'e2e.two@gmail.example'];
let n8n: TestN8n;
let n8nApi: N8nClient;
let t: TestApp & { url: string };
let owner: SignedUp;
let user: SignedUp;

interface Delivery {
  to: string;
  from: string;
  messageId: string;
  inReplyTo?: string;
  references?: string;
  subject: string;
  listUnsubscribe?: string;
  listUnsubscribePost?: string;
}

/** Message-IDs of replies written in the unified inbox: sent too, but no step of the sequence. */
const inboxReplies = new Set<string>();

function deliveries(): Delivery[] {
  const ours = (message: { labelIds: string[]; messageId: string }) =>
    message.labelIds.includes('SENT') && !inboxReplies.has(message.messageId);
  const raws = [
    ...gmailSenders.flatMap((sender) =>
      google
        .messagesOf(sender)
        .filter(ours)
        .map((message) => message.raw),
    ),
    ...smtp.received.map((mail) => mail.raw),
  ];
  return raws.map((raw) => {
    const { headers } = splitMessage(raw);
    const value = (name: string) => headerValue(headers, name);
    return {
      to: (value('to') ?? '').replace(/.*</, '').replace(/>.*/, ''),
      from: (value('from') ?? '').replace(/.*</, '').replace(/>.*/, ''),
      messageId: value('message-id') ?? '',
      inReplyTo: value('in-reply-to'),
      references: value('references'),
      subject: value('subject') ?? '',
      listUnsubscribe: value('list-unsubscribe'),
      listUnsubscribePost: value('list-unsubscribe-post'),
    };
  });
}

function localParts(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return { weekday: parts.weekday!, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** What arrives in our Gmail inbox from the lead (or their mail server) about one of our messages. */
const inbound = {
  reply: (ours: Delivery) =>
    [
      `From: <${ours.to}>`,
      `To: <${ours.from}>`,
      `Subject: Re: ${ours.subject}`,
      `Message-ID: <reply.${Date.now()}@lead.example>`,
      `In-Reply-To: ${ours.messageId}`,
      `References: ${ours.messageId}`,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Sounds interesting, can we talk on Thursday?',
      '',
      `> ${ours.subject}`,
    ].join('\r\n'),
  outOfOffice: (ours: Delivery) =>
    [
      `From: <${ours.to}>`,
      `To: <${ours.from}>`,
      `Subject: Abwesenheitsnotiz: ${ours.subject}`,
      `Message-ID: <ooo.${Date.now()}@lead.example>`,
      `In-Reply-To: ${ours.messageId}`,
      'Auto-Submitted: auto-replied',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Ich bin bis zum 15. Dezember nicht im Büro.',
    ].join('\r\n'),
  // Gmail's DSN: a multipart/report with the delivery-status and our original attached.
  hardBounce: (ours: Delivery) =>
    [
      'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      `To: <${ours.from}>`,
      'Subject: Delivery Status Notification (Failure)',
      `Message-ID: <dsn.${Date.now()}@mx.google.com>`,
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      `Address not found: ${ours.to}`,
      '',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; googlemail.com',
      '',
      `Final-Recipient: rfc822; ${ours.to}`,
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried to reach does not exist.',
      '',
      '--b1',
      'Content-Type: message/rfc822',
      '',
      `From: <${ours.from}>`,
      `To: <${ours.to}>`,
      `Subject: ${ours.subject}`,
      `Message-ID: ${ours.messageId}`,
      '',
      'A question for you.',
      '',
      '--b1--',
    ].join('\r\n'),
  // Postfix's bounce: X-Failed-Recipients, and only the original's headers attached.
  postfixBounce: (ours: Delivery) =>
    [
      'From: MAILER-DAEMON@smtp.example (Mail Delivery System)',
      `To: <${ours.from}>`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <postfix.${Date.now()}@smtp.example>`,
      `X-Failed-Recipients: ${ours.to}`,
      'Content-Type: multipart/report; report-type=delivery-status; boundary="pf"',
      '',
      '--pf',
      'Content-Type: text/plain',
      '',
      `<${ours.to}>: host mx.lead.example said: 550 5.1.1 User unknown`,
      '',
      '--pf',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; smtp.example',
      '',
      `Final-Recipient: rfc822; ${ours.to}`,
      'Action: failed',
      'Status: 5.1.1',
      `Diagnostic-Code: smtp; 550 5.1.1 <${ours.to}>: Recipient address rejected: User unknown`,
      '',
      '--pf',
      'Content-Type: text/rfc822-headers',
      '',
      `From: <${ours.from}>`,
      `To: <${ours.to}>`,
      `Subject: ${ours.subject}`,
      `Message-ID: ${ours.messageId}`,
      '',
      '--pf--',
    ].join('\r\n'),
};

describe.skipIf(!n8nProvisioned)(n8nSuite('a three-step campaign end to end'), () => {
  beforeAll(async () => {
    await google.start();
    const smtpAddress = await smtp.start();
    (globalThis as { imapAddress?: { host: string; port: number } }).imapAddress = await imap.start();
    n8n = await startTestN8n();
    n8nApi = new N8nClient({ baseUrl: n8n.url, apiKey: n8n.apiKey, attempts: 2 });
    t = await createListeningTestApp({
      clock,
      env: { ...google.env(), N8N_URL: n8n.url, N8N_CLAIM_BATCH_SIZE: '100', N8N_POLL_MINUTES: '60' },
    });
    await t.app.platformSecrets.set(n8nApiKeyName, n8n.apiKey);
    const signedUp = await signUp(t.http);
    user = signedUp;
    // Access tokens expire on the moving clock; an API key does not.
    const key = await t.http.post('/api/api-keys').set(signedUp.auth).send({ name: 'e2e', role: 'admin' });
    owner = { ...signedUp, auth: { Authorization: `Bearer ${key.body.key}` } };
    (globalThis as { smtpAddress?: typeof smtpAddress }).smtpAddress = smtpAddress;
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await n8n?.stop();
    await google.stop();
    await smtp.stop();
    await imap.stop();
  }, 60_000);

  it('sends every lead exactly its sequence, in its window, within caps and gaps; replies, unsubscribes and bounces stop it; stats match', async () => {
    const smtpAddress = (globalThis as { smtpAddress?: { host: string; port: number } }).smtpAddress!;
    const mailboxIds: string[] = [];
    for (const email of gmailSenders) {
      google.nextConsent({ email });
      // Connecting a mailbox is a user's act (an API key may not); the clock has not moved yet.
      mailboxIds.push((await connectOAuthMailbox(t, user.auth, 'gmail')).mailboxId!);
    }
    const smtpMailbox = await t.http
      .post('/api/mailboxes/smtp')
      .set(owner.auth)
      .send({
        email: 'e2e.three@smtp.example',
        smtp: { host: smtpAddress.host, port: smtpAddress.port, tlsMode: 'none', username: 'smtp-user', password: 'smtp-pass-1' },
        imap: { ...(globalThis as { imapAddress?: { host: string; port: number } }).imapAddress!, tlsMode: 'none', username: 'smtp-user' },
      });
    expect(smtpMailbox.status).toBe(201);
    mailboxIds.push(smtpMailbox.body.id);
    for (const id of mailboxIds) {
      const limits = await t.http
        .patch(`/api/mailboxes/${id}`)
        .set(owner.auth)
        .send({ dailyCap, rampEnabled: false, minGapSeconds, gapJitterSeconds: 0, timezone: 'UTC' });
      expect(limits.status).toBe(200);
    }

    const leadIds: string[] = [];
    const zoneOf = new Map<string, string>();
    for (let i = 0; i < leadCount; i += 1) {
      const email = `prospect${i}@company${i % 40}.example`;
      const lead = await t.http
        .post('/api/leads')
        .set(owner.auth)
        .send({ email, firstName: i % 5 === 0 ? undefined : `Pat${i}`, company: `Company ${i % 40}`, timezone: zones[i % 3] });
      expect(lead.status).toBe(201);
      leadIds.push(lead.body.id);
      zoneOf.set(email, zones[i % 3]!);
    }

    const campaign = await t.http
      .post('/api/campaigns')
      .set(owner.auth)
      .send({
        name: 'End to end',
        timezone: 'UTC',
        mailboxIds,
        schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00', useLeadTimezone: true },
      });
    const campaignId = campaign.body.id as string;
    const sequence = await t.http
      .put(`/api/campaigns/${campaignId}/sequence`)
      .set(owner.auth)
      .send({
        steps: [
          {
            delayAmount: 0,
            delayUnit: 'days',
            variants: [
              {
                label: 'A',
                subject: '{Hi|Hello} {{default lead.firstName "there"}}',
                bodyText: 'A question for {{lead.company}}.\n\n{{unsubscribeUrl}}',
              },
            ],
          },
          { delayAmount: 1, delayUnit: 'days', variants: [{ label: 'A', bodyText: 'Following up.\n\n{{unsubscribeUrl}}' }] },
          { delayAmount: 2, delayUnit: 'days', variants: [{ label: 'A', bodyText: 'Last note.\n\n{{unsubscribeUrl}}' }] },
        ],
      });
    expect(sequence.status).toBe(200);
    const enrolled = await t.http.post(`/api/campaigns/${campaignId}/enrollments`).set(owner.auth).send({ leadIds });
    expect(enrolled.body.enrolled).toBe(leadCount);
    const started = await t.http.post(`/api/campaigns/${campaignId}/start`).set(owner.auth);
    expect(started.body.deployment.status).toBe('active');
    const workflowId = started.body.deployment.n8nWorkflowId as string;

    let lastExecution = 0;
    // One run at a time, and the clock moves only once it has finished and reported.
    const runOnce = async () => {
      expect((await t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth)).status).toBe(202);
      for (;;) {
        const [latest] = await n8nApi.listExecutions({ workflowId, limit: 1 });
        if (latest && Number(latest.id) > lastExecution && latest.stoppedAt) {
          lastExecution = Number(latest.id);
          if ((await t.prisma.sendLease.count({ where: { campaignId } })) === 0) return;
        }
        await sleep(20);
      }
    };
    // The organization's inbox watcher was deployed when the campaign started; a tick runs one watch.
    const watchInboxes = () => watchInboxesOnce(t, n8nApi, owner.organization.id);
    const stopped = new Map<string, 'replied' | 'unsubscribed' | 'bounced'>();
    let outOfOffice: string | undefined;
    while (clock.now() < end) {
      if (stopped.size === 0 && clock.now() >= new Date('2026-12-01T00:00:00Z')) {
        const firstSteps = deliveries().filter((d) => !d.inReplyTo);
        const [replier, bouncer, absent] = firstSteps.filter((d) => gmailSenders.includes(d.from));
        const [unsubscriber, imapBouncer] = firstSteps.filter((d) => !gmailSenders.includes(d.from));
        google.deliver(replier!.from, inbound.reply(replier!));
        imap.deliver(inbound.postfixBounce(imapBouncer!));
        google.deliver(bouncer!.from, inbound.hardBounce(bouncer!));
        google.deliver(absent!.from, inbound.outOfOffice(absent!));
        const gmailReadsBefore = google.calls('gmail.get').length;
        const execution = await watchInboxes();
        expect(execution.status).toBe('success');
        // Only the three new messages were read (our ~130 sends in the history cost no read), and each
        // took effect before the clock moved on: the next step of those leads is never claimed.
        expect(google.calls('gmail.get').length - gmailReadsBefore).toBeLessThanOrEqual(3 * 2);
        const enrollmentOf = (email: string) => t.prisma.enrollment.findFirstOrThrow({ where: { campaignId, lead: { email } } });
        expect(await enrollmentOf(replier!.to)).toMatchObject({ state: 'stopped' });
        expect(await enrollmentOf(bouncer!.to)).toMatchObject({ state: 'stopped' });
        expect(await enrollmentOf(imapBouncer!.to)).toMatchObject({ state: 'stopped' });
        expect(await enrollmentOf(absent!.to)).toMatchObject({ state: 'active' });
        for (const bounced of [bouncer!, imapBouncer!]) {
          expect(
            await t.prisma.suppression.findFirst({ where: { organizationId: owner.organization.id, value: bounced.to } }),
          ).toMatchObject({ reason: 'bounced' });
        }
        // A replay of the same watch (cursor advanced, nothing new) changes nothing.
        expect((await watchInboxes()).status).toBe('success');
        outOfOffice = absent!.to;

        // The reply is in the unified inbox; answering it there sends through the same Gmail mailbox and thread.
        const threads = await t.http.get('/api/inbox/threads').query({ unread: true }).set(owner.auth);
        const thread = threads.body.data.find((candidate: { lead: { email: string } }) => candidate.lead.email === replier!.to);
        expect(thread).toMatchObject({
          unread: true,
          snippet: expect.stringContaining('Sounds interesting'),
          mailbox: { email: replier!.from },
        });
        const answer = await t.http
          .post(`/api/inbox/threads/${thread.id}/replies`)
          .set(owner.auth)
          .send({ bodyText: 'Thursday at 10 works. Talk then!' });
        expect(answer.status, answer.text).toBe(202);
        inboxReplies.add(answer.body.messageIdHeader);
        const sentAnswer = await until('the inbox reply reached Gmail', () =>
          google.messagesOf(replier!.from).find((message) => message.messageId === answer.body.messageIdHeader),
        );
        // The lead's reply, not our own next step, which is threaded to the same first message.
        const leadReply = google
          .messagesOf(replier!.from)
          .find((message) => message.labelIds.includes('INBOX') && headerValue(message.headers, 'In-Reply-To') === replier!.messageId)!;
        expect(sentAnswer).toMatchObject({ labelIds: ['SENT'], threadId: leadReply.threadId });
        expect(headerValue(sentAnswer.headers, 'In-Reply-To')).toBe(leadReply.messageId);
        expect(headerValue(sentAnswer.headers, 'References')).toContain(replier!.messageId);
        const shown = await until('the thread shows the reply as sent', async () => {
          const detail = await t.http.get(`/api/inbox/threads/${thread.id}`).set(owner.auth);
          return (
            detail.body.messages.some(
              (message: { kind: string; status: string }) => message.kind === 'inbox_reply' && message.status === 'sent',
            ) && detail.body
          );
        });
        expect(shown.messages.map((message: { kind: string }) => message.kind)).toEqual(['campaign', 'reply', 'inbox_reply']);

        const unsubscribeUrl = new URL(unsubscriber!.listUnsubscribe!.replace(/^<|>$/g, ''));
        const oneClick = await t.http.post(unsubscribeUrl.pathname).type('form').send('List-Unsubscribe=One-Click');
        expect(oneClick.status).toBe(200);
        stopped
          .set(replier!.to, 'replied')
          .set(unsubscriber!.to, 'unsubscribed')
          .set(bouncer!.to, 'bounced')
          .set(imapBouncer!.to, 'bounced');
      }
      // The tick's run comes after what arrived at this instant, so a lead who answered at 00:00 gets no step due at 00:00.
      const due = await t.prisma.message.count({
        where: { campaignId, status: { in: ['queued', 'deferred', 'retrying'] }, dueAt: { lte: clock.now() } },
      });
      if (due > 0) await runOnce();
      clock.advance(tickMinutes * 60_000);
    }

    const sent = deliveries();
    const byLead = new Map<string, Delivery[]>();
    for (const delivery of sent) byLead.set(delivery.to, [...(byLead.get(delivery.to) ?? []), delivery]);
    const messages = await t.prisma.message.findMany({
      where: { campaignId, status: 'sent' },
      include: { enrollment: { include: { lead: true } } },
      orderBy: { sentAt: 'asc' },
    });
    expect(messages.length).toBe(sent.length);

    // Exactly the right messages, once each, in order and threaded from the same mailbox.
    expect(byLead.size).toBe(leadCount);
    for (const [email, received] of byLead) {
      const expected = stopped.has(email) ? 1 : 3;
      expect(received.length, email).toBe(expected);
      const ordered = messages.filter((m) => m.enrollment.lead.email === email).sort((a, b) => a.stepPosition - b.stepPosition);
      expect(ordered.map((m) => m.stepPosition)).toEqual([0, 1, 2].slice(0, expected));
      const root = ordered[0]!.messageIdHeader;
      for (const followUp of ordered.slice(1)) {
        const delivered = received.find((d) => d.messageId === followUp.messageIdHeader)!;
        expect(delivered.inReplyTo).toBeDefined();
        expect(delivered.references).toContain(root);
        expect(followUp.mailboxId).toBe(ordered[0]!.mailboxId);
        expect(delivered.subject).toMatch(/^Re: /);
      }
      for (const delivery of received) expect(delivery.listUnsubscribePost).toBe('List-Unsubscribe=One-Click');
    }

    // Only inside each lead's window, and each step after its delay.
    for (const message of messages) {
      const local = localParts(message.sentAt!, zoneOf.get(message.enrollment.lead.email)!);
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(local.weekday);
      expect(local.minutes).toBeGreaterThanOrEqual(9 * 60);
      expect(local.minutes).toBeLessThan(17 * 60);
    }

    // No mailbox over its cap on any day or under its minimum gap; the caps did bind.
    let busiestDay = 0;
    for (const mailboxId of mailboxIds) {
      const own = messages.filter((m) => m.mailboxId === mailboxId);
      const perDay = new Map<string, number>();
      for (const message of own)
        perDay.set(message.sentAt!.toISOString().slice(0, 10), (perDay.get(message.sentAt!.toISOString().slice(0, 10)) ?? 0) + 1);
      for (const count of perDay.values()) expect(count).toBeLessThanOrEqual(dailyCap);
      busiestDay = Math.max(busiestDay, ...perDay.values());
      for (let i = 1; i < own.length; i += 1)
        expect(own[i]!.sentAt!.getTime() - own[i - 1]!.sentAt!.getTime()).toBeGreaterThanOrEqual(minGapSeconds * 1000);
    }
    expect(busiestDay).toBe(dailyCap);
    expect(new Set(sent.map((d) => d.from)).size).toBe(3);

    // Stops: reply, unsubscribe and hard bounce each ended that lead's sequence; the last two suppress it.
    const stops = await t.prisma.enrollment.findMany({
      where: { campaignId, lead: { email: { in: [...stopped.keys()] } } },
      include: { lead: true },
    });
    expect(stops.every((e) => e.state === 'stopped')).toBe(true);
    const suppressed = await t.prisma.suppression.findMany({ where: { organizationId: owner.organization.id, kind: 'email' } });
    const reasons = Object.fromEntries(suppressed.map((s) => [s.value, s.reason]));
    for (const [email, why] of stopped) {
      if (why === 'unsubscribed') expect(reasons[email]).toBe('unsubscribed');
      if (why === 'bounced') expect(reasons[email]).toBe('bounced');
      if (why === 'replied') expect(reasons[email]).toBeUndefined();
    }

    // The stats page says what the fakes received.
    // The out-of-office was recorded and stopped nothing: that lead got the whole sequence.
    expect(byLead.get(outOfOffice!)).toHaveLength(3);
    expect(await t.prisma.event.count({ where: { campaignId, type: 'auto_replied' } })).toBe(1);

    const stats = await t.http.get(`/api/campaigns/${campaignId}/stats`).set(owner.auth);
    expect(stats.body.totals).toMatchObject({ sent: sent.length, replied: 1, bounced: 2, unsubscribed: 1, failed: 0 });
    expect(stats.body.steps.map((s: { sent: number }) => s.sent)).toEqual([leadCount, leadCount - stopped.size, leadCount - stopped.size]);
    expect(stats.body.mailboxes.reduce((sum: number, m: { sent: number }) => sum + m.sent, 0)).toBe(sent.length);
  }, 900_000);
});
