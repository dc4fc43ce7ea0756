// Integration: the receiving side of warm-up on the real stack. The organization's inbox watcher runs in
// the provisioned n8n with our nodes over a Gmail, an Outlook and an SMTP/IMAP mailbox; each provider's
// fake puts the first message from a new sender in spam. One watch rescues every warm-up message, marks
// it read and important/flagged and reports it as an observation, while a campaign reply in the same
// watch is handled as before.
//
// The observations route belongs to the control-plane side of warm-up, built at the same time: the proxy
// in front of the control plane captures what the node posts there and answers it itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../lib/clock.js';
import { N8nClient } from '../lib/n8n/n8nClient.js';
import type { WarmupObservation } from '../lib/n8n/nodeContract.js';
import { n8nApiKeyName } from '../modules/platform/platformSecrets.js';
import { createPlainCampaign } from './campaignApi.js';
import { spamFromNewSenders } from './fakes/fakeDelivery.js';
import { FakeGoogle } from './fakes/fakeGoogle.js';
import { FakeMicrosoft } from './fakes/fakeMicrosoft.js';
import { JUNK_MAILBOX, LocalImapServer } from './fakes/localImapServer.js';
import { LocalSmtpServer } from './fakes/localSmtpServer.js';
import { headerValue } from './fakes/mimeHeaders.js';
import { watchInboxesOnce } from './inboxWatcher.js';
import { createListeningTestApp } from './listeningApp.js';
import { addLocalSmtpMailbox, connectOAuthMailbox } from './mailboxFlows.js';
import { n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from './realN8n.js';
import { recordingProxy } from './recordingProxy.js';
import { signUp, type SignedUp, type TestApp } from './testApp.js';
import { until } from './until.js';

const gmailAddress = 'rx.gmail@gmail.example';
const outlookAddress = 'rx.outlook@contoso.example';
const imapAddress = 'rx.imap@smtp.example';
const lead = 'ada@leads.example';
const login = { username: 'rx-imap-user', password: 'rx-imap-pass-1' };
const clock = new ManualClock(new Date());
const google = new FakeGoogle();
const microsoft = new FakeMicrosoft();
const smtp = new LocalSmtpServer(login);
const imap = new LocalImapServer([login]);
const observationsPath = '/api/internal/n8n/warmup/observations';
let t: TestApp & { url: string };
const proxy = recordingProxy(
  () => t.url,
  (request) => {
    if (request.path !== observationsPath) return undefined;
    const { observations } = JSON.parse(request.body) as { observations: WarmupObservation[] };
    return { status: 200, json: { applied: observations.length, duplicates: 0 } };
  },
);
let n8n: TestN8n;
let n8nApi: N8nClient;
let user: SignedUp;
let owner: SignedUp;

/** A warm-up message as another mailbox of the organization writes it: plain text, the tag in a header and/or the body. */
function warmupMessage(options: { from: string; to: string; tag: string; header: boolean; inReplyTo?: string }): string {
  return [
    `From: <${options.from}>`,
    `To: <${options.to}>`,
    'Subject: Quick check-in',
    `Message-ID: <warmup.${options.tag}@${options.from.split('@')[1]}>`,
    ...(options.inReplyTo ? [`In-Reply-To: ${options.inReplyTo}`, `References: ${options.inReplyTo}`] : []),
    ...(options.header ? [`X-Ophir-Warmup: ${options.tag}`] : []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hope your week is going well. Are we still on for Thursday?',
    '',
    `ow-${options.tag}`,
  ].join('\r\n');
}

const postedObservations = () =>
  proxy.requests
    .filter((request) => request.path === observationsPath)
    .flatMap((request) => (JSON.parse(request.body) as { observations: WarmupObservation[] }).observations);

describe.skipIf(!n8nProvisioned)(n8nSuite('warm-up messages rescued from spam by the inbox watcher'), () => {
  beforeAll(async () => {
    await Promise.all([google.start(), microsoft.start(), proxy.start()]);
    const smtpAddress = await smtp.start();
    const imapServer = await imap.start();
    // Four fakes, the control plane and n8n on a shared host: n8n may take longer than usual to come up.
    n8n = await startTestN8n({ readyTimeoutMs: 400_000 });
    n8nApi = new N8nClient({ baseUrl: n8n.url, apiKey: n8n.apiKey, attempts: 2 });
    t = await createListeningTestApp({
      clock,
      env: { ...google.env(), ...microsoft.env(), N8N_URL: n8n.url, N8N_POLL_MINUTES: '60', N8N_CALLBACK_BASE_URL: proxy.url },
    });
    await t.app.platformSecrets.set(n8nApiKeyName, n8n.apiKey);
    user = await signUp(t.http);
    const key = await t.http.post('/api/api-keys').set(user.auth).send({ name: 'warmup', role: 'admin' });
    owner = { ...user, auth: { Authorization: `Bearer ${key.body.key}` } };
    google.nextConsent({ email: gmailAddress });
    await connectOAuthMailbox(t, user.auth, 'gmail');
    microsoft.nextConsent({ email: outlookAddress });
    await connectOAuthMailbox(t, user.auth, 'outlook');
    await addLocalSmtpMailbox(t, owner.auth, { email: imapAddress, smtp: smtpAddress, imap: imapServer, login });
  }, 600_000);

  afterAll(async () => {
    await t?.close();
    await n8n?.stop();
    await Promise.all([google.stop(), microsoft.stop(), proxy.stop(), smtp.stop(), imap.stop()]);
  }, 60_000);

  it('moves each warm-up message out of spam in one watch, marks it read and important, reports it, and still handles a campaign reply', async () => {
    // A one-step campaign from the Gmail mailbox, so that a lead's reply has something to stop.
    const gmailMailbox = await t.prisma.mailbox.findFirstOrThrow({ where: { email: gmailAddress } });
    const limits = await t.http
      .patch(`/api/mailboxes/${gmailMailbox.id}`)
      .set(owner.auth)
      .send({ dailyCap: 50, rampEnabled: false, minGapSeconds: 0, gapJitterSeconds: 0, timezone: 'UTC' });
    expect(limits.status, limits.text).toBe(200);
    const leadId = (await t.http.post('/api/leads').set(owner.auth).send({ email: lead, firstName: 'Ada' })).body.id as string;
    const campaignId = await createPlainCampaign(t.http, owner.auth, {
      name: 'Warm-up neighbour',
      mailboxIds: [gmailMailbox.id],
      steps: [
        { delayDays: 0, subject: 'Hello', bodyText: 'A question.\n\n{{unsubscribeUrl}}' },
        { delayDays: 3, bodyText: 'Following up.\n\n{{unsubscribeUrl}}' },
      ],
    });
    expect(
      (
        await t.http
          .post(`/api/campaigns/${campaignId}/enrollments`)
          .set(owner.auth)
          .send({ leadIds: [leadId] })
      ).body.enrolled,
    ).toBe(1);
    expect((await t.http.post(`/api/campaigns/${campaignId}/start`).set(owner.auth)).body.deployment.status).toBe('active');
    expect((await t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth)).status).toBe(202);
    const ours = await until(
      'the first step reached Gmail',
      () => google.messagesOf(gmailAddress).find((message) => message.labelIds.includes('SENT')),
      60_000,
    );

    // Mail arrives: the lead's reply in the inbox, and warm-up messages from the organization's other mailboxes,
    // each the first from its sender, so every provider files it in spam.
    google.deliveryRule = spamFromNewSenders(1);
    microsoft.deliveryRule = spamFromNewSenders(1);
    imap.deliveryRule = spamFromNewSenders(1);
    const leadReply = [
      `From: Ada <${lead}>`,
      `To: <${gmailAddress}>`,
      `Subject: Re: ${headerValue(ours.headers, 'Subject')}`,
      'Message-ID: <reply.1@leads.example>',
      `In-Reply-To: ${ours.messageId}`,
      `References: ${ours.messageId}`,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Yes, tell me more.',
    ].join('\r\n');
    google.deliver(gmailAddress, leadReply);
    const inGmailSpam = google.receive(
      gmailAddress,
      warmupMessage({ from: outlookAddress, to: gmailAddress, tag: 'gmailwarmup1', header: true }),
    );
    // A warm-up reply from another organization's pool mailbox in the campaign's thread: still never a reply.
    const inGmailInbox = google.deliver(
      gmailAddress,
      warmupMessage({ from: 'peer@pool.example', to: gmailAddress, tag: 'poolreply001', header: true, inReplyTo: ours.messageId }),
    );
    const inJunkEmail = microsoft.receive(
      outlookAddress,
      warmupMessage({ from: imapAddress, to: outlookAddress, tag: 'outlookwarm1', header: true }),
    );
    // Its provider dropped the header: the body tag alone says what it is.
    imap.receive(imapAddress, warmupMessage({ from: gmailAddress, to: imapAddress, tag: 'imapwarmup01', header: false }));
    expect(inGmailSpam.labelIds).toContain('SPAM');
    expect(inJunkEmail.folder).toBe('junkemail');
    expect(imap.messagesIn(JUNK_MAILBOX)).toHaveLength(1);

    const execution = await watchInboxesOnce(t, n8nApi, owner.organization.id);
    expect(execution.status).toBe('success');

    // Gmail: out of SPAM into INBOX, read, IMPORTANT; the pool reply in the inbox read and IMPORTANT too.
    expect(google.messageOf(gmailAddress, inGmailSpam.id)!.labelIds.sort()).toEqual(['IMPORTANT', 'INBOX']);
    expect(google.messageOf(gmailAddress, inGmailInbox.id)!.labelIds.sort()).toEqual(['IMPORTANT', 'INBOX']);
    // Outlook: moved from Junk Email to the inbox, read and flagged.
    expect(microsoft.mailboxOf(outlookAddress).messageById(inJunkEmail.immutableId)).toMatchObject({
      folder: 'inbox',
      isRead: true,
      flagStatus: 'flagged',
    });
    // IMAP: moved from Junk to INBOX with \Seen and \Flagged.
    expect(imap.messagesIn(JUNK_MAILBOX)).toEqual([]);
    const rescued = imap.messagesIn('INBOX').find((message) => message.raw.includes('ow-imapwarmup01'));
    expect(rescued?.flags).toEqual(expect.arrayContaining(['\\Seen', '\\Flagged']));

    // One observation per warm-up message reached the control plane, signed like every node request.
    const observations = postedObservations();
    expect(observations.map((observation) => observation.tag).sort()).toEqual([
      'gmailwarmup1',
      'imapwarmup01',
      'outlookwarm1',
      'poolreply001',
    ]);
    const byTag = new Map(observations.map((observation) => [observation.tag, observation]));
    for (const tag of ['gmailwarmup1', 'outlookwarm1', 'imapwarmup01'])
      expect(byTag.get(tag)).toMatchObject({ folder: 'spam', rescued: true, markedImportant: true, eventId: expect.stringContaining(tag) });
    expect(byTag.get('poolreply001')).toMatchObject({
      folder: 'inbox',
      rescued: false,
      markedImportant: true,
      providerThreadId: ours.threadId,
      messageIdHeader: '<warmup.poolreply001@pool.example>',
    });
    expect(byTag.get('outlookwarm1')?.messageIdHeader).toBe('<warmup.outlookwarm1@smtp.example>');
    expect(proxy.requests.find((request) => request.path === observationsPath)?.headers).toHaveProperty('x-ophir-signature');

    // The campaign reply is handled as before: one reply event, the lead stopped, the thread in the inbox; no warm-up message is.
    const enrollment = await t.prisma.enrollment.findFirstOrThrow({ where: { campaignId, leadId } });
    expect(enrollment.state).toBe('stopped');
    expect(await t.prisma.event.count({ where: { campaignId, type: 'replied' } })).toBe(1);
    const threads = await t.http.get('/api/inbox/threads').set(owner.auth);
    expect(threads.body.data.map((thread: { lead: { email: string } }) => thread.lead.email)).toEqual([lead]);
    const watchResults = proxy.requests
      .filter((request) => request.path === '/api/internal/n8n/inbox-watch/results')
      .flatMap((request) => (JSON.parse(request.body) as { events: Array<{ message: { text: string | null } | null }> }).events);
    expect(watchResults.some((event) => event.message?.text?.includes('ow-'))).toBe(false);

    // The next watch finds the rescued messages in the inbox (IMAP's under a new UID, Outlook's in the delta):
    // nothing is moved or marked again, and their observations repeat the same event ids.
    const before = new Set(observations.map((observation) => observation.eventId));
    expect((await watchInboxesOnce(t, n8nApi, owner.organization.id)).status).toBe('success');
    expect(postedObservations().every((observation) => before.has(observation.eventId))).toBe(true);
    expect(microsoft.calls('graph.move')).toHaveLength(1);
    expect(google.calls('gmail.modify')).toHaveLength(2);
  }, 300_000);
});
