// Integration: an Outlook mailbox on the real stack. The control plane listens on a real port, the
// provisioned n8n runs the campaign-sender and inbox-watcher workflows with our nodes, and the fake
// Microsoft speaks OAuth and Graph (sendMail, Sent Items, the inbox delta, headers, $value).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { N8nClient } from '../../lib/n8n/n8nClient.js';
import { createPlainCampaign } from '../../test/campaignApi.js';
import { FakeMicrosoft } from '../../test/fakes/fakeMicrosoft.js';
import type { FakeGraphMessage } from '../../test/fakes/fakeGraphMailbox.js';
import { headerValue } from '../../test/fakes/mimeHeaders.js';
import { watchInboxesOnce } from '../../test/inboxWatcher.js';
import { createListeningTestApp } from '../../test/listeningApp.js';
import { connectOAuthMailbox } from '../../test/mailboxFlows.js';
import { n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from '../../test/realN8n.js';
import { signUp, type SignedUp, type TestApp } from '../../test/testApp.js';
import { until } from '../../test/until.js';
import { n8nApiKeyName } from '../platform/platformSecrets.js';

const sender = 'sales@contoso.example';
const leadEmails = ['ada@leads.example', 'bruno@leads.example', 'chen@leads.example'];
const clock = new ManualClock(new Date());
const microsoft = new FakeMicrosoft();
let n8n: TestN8n;
let n8nApi: N8nClient;
let t: TestApp & { url: string };
let user: SignedUp;
let owner: SignedUp;

const header = (message: FakeGraphMessage, name: string) => headerValue(message.headers, name);
const sentTo = (email: string) => microsoft.sentBy(sender).filter((message) => header(message, 'To')?.includes(email));
const graphCalls = () => microsoft.server.requests.filter((request) => request.operation.startsWith('graph.')).length;

/** What the lead's mail client sends back about one of our messages. */
const inbound = {
  reply: (ours: FakeGraphMessage, lead: string) =>
    [
      `From: Ada <${lead}>`,
      `To: <${sender}>`,
      `Subject: Re: ${header(ours, 'Subject')}`,
      'Message-ID: <reply.1@leads.example>',
      `In-Reply-To: ${ours.internetMessageId}`,
      `References: ${ours.internetMessageId}`,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Sounds good, call me on Thursday.',
      '',
      '> earlier text',
    ].join('\r\n'),
  // As Exchange writes an out-of-office: "Automatische Antwort", auto-generated, in the conversation it answers.
  outOfOffice: (ours: FakeGraphMessage, lead: string) =>
    [
      `From: <${lead}>`,
      `To: <${sender}>`,
      `Subject: Automatische Antwort: ${header(ours, 'Subject')}`,
      'Message-ID: <ooo.1@leads.example>',
      `In-Reply-To: ${ours.internetMessageId}`,
      `References: ${ours.internetMessageId}`,
      'Auto-Submitted: auto-generated',
      'X-Auto-Response-Suppress: All',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Ich bin bis Montag nicht im Büro.',
    ].join('\r\n'),
};

describe.skipIf(!n8nProvisioned)(n8nSuite('an Outlook mailbox on the real stack'), () => {
  beforeAll(async () => {
    await microsoft.start();
    n8n = await startTestN8n();
    n8nApi = new N8nClient({ baseUrl: n8n.url, apiKey: n8n.apiKey, attempts: 2 });
    t = await createListeningTestApp({ clock, env: { ...microsoft.env(), N8N_URL: n8n.url, N8N_POLL_MINUTES: '60' } });
    await t.app.platformSecrets.set(n8nApiKeyName, n8n.apiKey);
    user = await signUp(t.http);
    // Access tokens expire when the clock moves a day; an API key does not.
    const key = await t.http.post('/api/api-keys').set(user.auth).send({ name: 'outlook', role: 'admin' });
    owner = { ...user, auth: { Authorization: `Bearer ${key.body.key}` } };
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await n8n?.stop();
    await microsoft.stop();
  }, 60_000);

  it('sends through Graph, finds a reply with the delta query, stops only that lead, answers it in the same conversation, and never sends twice', async () => {
    microsoft.nextConsent({ email: sender });
    const { mailboxId } = await connectOAuthMailbox(t, user.auth, 'outlook');
    expect(mailboxId).toBeDefined();
    const limits = await t.http
      .patch(`/api/mailboxes/${mailboxId}`)
      .set(owner.auth)
      .send({ dailyCap: 50, rampEnabled: false, minGapSeconds: 0, gapJitterSeconds: 0, timezone: 'UTC' });
    expect(limits.status).toBe(200);

    const leadIds: string[] = [];
    for (const email of leadEmails)
      leadIds.push(
        (
          await t.http
            .post('/api/leads')
            .set(owner.auth)
            .send({ email, firstName: email.split('@')[0] })
        ).body.id,
      );
    const campaignId = await createPlainCampaign(t.http, owner.auth, {
      name: 'Outlook',
      mailboxIds: [mailboxId!],
      steps: [
        { delayDays: 0, subject: 'Hello {{lead.firstName}}', bodyText: 'A question for you.\n\n{{unsubscribeUrl}}' },
        { delayDays: 1, bodyText: 'Following up.\n\n{{unsubscribeUrl}}' },
      ],
    });
    expect((await t.http.post(`/api/campaigns/${campaignId}/enrollments`).set(owner.auth).send({ leadIds })).body.enrolled).toBe(3);
    const started = await t.http.post(`/api/campaigns/${campaignId}/start`).set(owner.auth);
    expect(started.body.deployment.status).toBe('active');
    const sentSteps = (stepPosition: number) =>
      t.prisma.message.findMany({
        where: { campaignId, stepPosition, status: 'sent' },
        include: { enrollment: { include: { lead: true } } },
      });

    // Step 1 goes out through Graph's sendMail as our MIME: our Message-ID and unsubscribe headers survive.
    expect((await t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth)).status).toBe(202);
    const firstSteps = await until('the first step reported sent', async () => (await sentSteps(0)).length === 3 && sentSteps(0), 45_000);
    expect(microsoft.sentBy(sender)).toHaveLength(3);
    for (const message of firstSteps) {
      const [delivered] = sentTo(message.enrollment.lead.email);
      expect(delivered!.internetMessageId).toBe(message.messageIdHeader);
      expect(header(delivered!, 'List-Unsubscribe')).toMatch(new RegExp(`^<${t.url}/`));
      expect(header(delivered!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    }

    // The organization's inbox watcher (deployed when the campaign started) reads the Outlook inbox with a delta query.
    const watchInbox = () => watchInboxesOnce(t, n8nApi, owner.organization.id);
    const [replier, absent, quiet] = leadEmails as [string, string, string];
    const ourFirst = (email: string) => sentTo(email)[0]!;
    const leadReply = microsoft.deliver(sender, inbound.reply(ourFirst(replier), replier));
    microsoft.deliver(sender, inbound.outOfOffice(ourFirst(absent), absent));
    expect(leadReply.conversationId).toBe(ourFirst(replier).conversationId);
    expect((await watchInbox()).status).toBe('success');

    const enrollmentOf = (email: string) => t.prisma.enrollment.findFirstOrThrow({ where: { campaignId, lead: { email } } });
    expect(await enrollmentOf(replier)).toMatchObject({ state: 'stopped' });
    expect(await enrollmentOf(absent)).toMatchObject({ state: 'active' });
    expect(await t.prisma.event.count({ where: { campaignId, type: 'auto_replied' } })).toBe(1);
    expect(await t.prisma.event.count({ where: { campaignId, type: 'replied' } })).toBe(1);
    const mailbox = await t.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId! } });
    expect(mailbox.inboxCursor).toMatch(/\/v1\.0\/me\/mailFolders\('inbox'\)\/messages\/delta\?\$deltatoken=/);

    // Nothing new: one delta call, which answers an empty page and the next delta link, and the Junk Email
    // listing every watch makes for warm-up messages.
    const callsBefore = graphCalls();
    expect((await watchInbox()).status).toBe('success');
    expect(graphCalls() - callsBefore).toBe(2);
    expect(microsoft.calls('graph.folderMessages').at(-1)!.path).toMatch(/junkemail/);
    expect(microsoft.calls('graph.delta').at(-1)!.query.has('$deltatoken')).toBe(true);

    // The reply is in the unified inbox; answering it goes out through Graph in the same conversation.
    const threads = await t.http.get('/api/inbox/threads').set(owner.auth);
    const thread = threads.body.data.find((candidate: { lead: { email: string } }) => candidate.lead.email === replier);
    expect(thread).toMatchObject({ unread: true, snippet: expect.stringContaining('Sounds good'), mailbox: { email: sender } });
    const answer = await t.http.post(`/api/inbox/threads/${thread.id}/replies`).set(owner.auth).send({ bodyText: 'Thursday at 10 works.' });
    expect(answer.status, answer.text).toBe(202);
    const sentAnswer = await until(
      'the inbox reply reached Graph',
      () => microsoft.sentBy(sender).find((message) => message.internetMessageId === answer.body.messageIdHeader),
      30_000,
    );
    expect(sentAnswer.conversationId).toBe(leadReply.conversationId);
    expect(header(sentAnswer, 'To')).toContain(replier);
    expect(header(sentAnswer, 'Subject')).toBe(`Re: ${header(ourFirst(replier), 'Subject')}`);
    expect(header(sentAnswer, 'In-Reply-To')).toBe(leadReply.internetMessageId);
    expect(header(sentAnswer, 'References')).toContain(ourFirst(replier).internetMessageId);
    await until('the thread shows the reply as sent', async () => {
      const detail = await t.http.get(`/api/inbox/threads/${thread.id}`).set(owner.auth);
      return detail.body.messages.some(
        (message: { kind: string; status: string }) => message.kind === 'inbox_reply' && message.status === 'sent',
      );
    });

    // A day later the follow-ups go to the out-of-office lead and the quiet one, threaded under step 1; not to the
    // replier. Graph takes the first one but its answer is lost: the retry finds it in Sent Items and sends nothing.
    clock.advance(24 * 3600_000 + 60_000);
    microsoft.failNext('graph.sendMail', { kind: 'lost_answer' });
    expect((await t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth)).status).toBe(202);
    const retrying = await until(
      'the lost send to come back for a retry',
      async () => (await t.prisma.message.findFirst({ where: { campaignId, stepPosition: 1, status: 'retrying' } })) ?? undefined,
      45_000,
    );
    expect(retrying).toMatchObject({ mayHaveBeenSent: true });
    const lookupsBefore = microsoft.calls('graph.sentItems').length;
    const sendsBefore = microsoft.calls('graph.sendMail').length;
    clock.advance(10 * 60_000);
    expect((await t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth)).status).toBe(202);
    const followUps = await until('the follow-ups reported sent', async () => (await sentSteps(1)).length === 2 && sentSteps(1), 45_000);
    expect(microsoft.calls('graph.sentItems').length - lookupsBefore).toBe(1);
    expect(microsoft.calls('graph.sendMail').length).toBe(sendsBefore);
    expect(followUps.find((message) => message.id === retrying.id)).toMatchObject({ attempt: 2 });
    expect(followUps.map((message) => message.enrollment.lead.email).sort()).toEqual([absent, quiet]);
    expect(sentTo(replier).filter((message) => message !== sentAnswer)).toHaveLength(1);
    for (const email of [absent, quiet]) {
      const [first, followUp, ...more] = sentTo(email);
      expect(more).toEqual([]);
      expect(header(followUp!, 'In-Reply-To')).toBe(first!.internetMessageId);
      expect(followUp!.conversationId).toBe(first!.conversationId);
    }
  }, 120_000);

  it('a watch with more than 1 MB of replies reaches the control plane whole, and the cursor moves once', async () => {
    const mailbox = await t.prisma.mailbox.findFirstOrThrow({ where: { organizationId: owner.organization.id, provider: 'outlook' } });
    const [, , quiet] = leadEmails as [string, string, string];
    const ours = sentTo(quiet)[0]!;
    const repliedEvents = () =>
      t.prisma.event.count({ where: { type: 'replied', idempotencyKey: { startsWith: `inbound:outlook:${mailbox.id}:` } } });
    const repliedBefore = await repliedEvents();
    // A lead quoting a long thread, fourteen times: about 96 KB of text each, 1.3 MB in all.
    const quoted = `> ${'An earlier message, quoted in full. '.repeat(2)}\r\n`.repeat(1250);
    const replies = Array.from({ length: 14 }, (_, index) =>
      microsoft.deliver(
        sender,
        [
          `From: <${quiet}>`,
          `To: <${sender}>`,
          `Subject: Re: ${header(ours, 'Subject')}`,
          `Message-ID: <long-${index}@leads.example>`,
          `In-Reply-To: ${ours.internetMessageId}`,
          `References: ${ours.internetMessageId}`,
          'Content-Type: text/plain; charset=UTF-8',
          '',
          `Reply ${index}.`,
          quoted,
        ].join('\r\n'),
      ),
    );

    expect((await watchInboxesOnce(t, n8nApi, owner.organization.id)).status).toBe('success');

    const recorded = await t.prisma.inboxMessage.findMany({
      where: { mailboxId: mailbox.id, messageIdHeader: { in: replies.map((reply) => reply.internetMessageId) } },
    });
    expect(recorded).toHaveLength(14);
    expect(recorded.reduce((sum, message) => sum + Buffer.byteLength(message.text ?? ''), 0)).toBeGreaterThan(1_048_576);
    expect((await repliedEvents()) - repliedBefore).toBe(14);
    const after = await t.prisma.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
    expect(after.inboxCursor).not.toBe(mailbox.inboxCursor);
  }, 60_000);
});
