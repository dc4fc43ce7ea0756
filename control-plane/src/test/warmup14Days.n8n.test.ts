// End to end on the real stack: 14 simulated days of warm-up. PostgreSQL, the control plane on a real
// port, the provisioned n8n running the organization's warm-up, campaign-sender and inbox-watcher
// workflows with our nodes, two fake Gmail mailboxes, a fake Outlook one and an SMTP mailbox (the real
// local SMTP server, read through the real local IMAP server). A FakeMailExchange carries what one
// mailbox sends to another; each provider puts the first 2 messages from a new sender in spam. A
// one-step campaign sends from the first Gmail and the SMTP mailbox on the same daily budget.
//
// Time: the control plane's clock moves in 30-minute slots through each warm-up window (08:00–18:00
// UTC); at each slot the warm-up and campaign workflows run at once (their tick webhooks, rather than
// n8n's schedule triggers), and every hour the inbox watcher runs once. n8n works from the `now` each
// claim carries, and the fakes stamp mail with the same clock.
//
// Settings, chosen so that every assertion is exact: warm-up ramp 2 + 2 a day up to a target of 10,
// reply rate 30 %, weekdays only (the defaults but the target); each mailbox may send 18 a day with at
// least 25 minutes between two sends and no jitter, and no ramp of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../generated/prisma/client.js';
import { ManualClock } from '../lib/clock.js';
import { N8nClient } from '../lib/n8n/n8nClient.js';
import { n8nApiKeyName } from '../modules/platform/platformSecrets.js';
import { startSendingCampaign } from './campaignFixtures.js';
import { FakeMailExchange, spamFromNewSenders, type Delivery, type SentMail } from './fakes/fakeDelivery.js';
import { FakeGoogle } from './fakes/fakeGoogle.js';
import { FakeMicrosoft } from './fakes/fakeMicrosoft.js';
import { JUNK_MAILBOX, LocalImapServer } from './fakes/localImapServer.js';
import { LocalSmtpServer } from './fakes/localSmtpServer.js';
import { headerValue, splitMessage } from './fakes/mimeHeaders.js';
import { runWorkflowOnce, watchInboxesOnce } from './inboxWatcher.js';
import { createListeningTestApp } from './listeningApp.js';
import { addLocalSmtpMailbox, connectOAuthMailbox } from './mailboxFlows.js';
import { n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from './realN8n.js';
import { signUp, type SignedUp, type TestApp } from './testApp.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const days = 14;
const warmup = { targetPerDay: 10, rampStart: 2, rampStep: 2, replyRatePercent: 30, weekdaysOnly: true };
const limits = { dailyCap: 18, minGapSeconds: 25 * 60, gapJitterSeconds: 0, rampEnabled: false, timezone: 'UTC' };
const spamFirst = 2;
const slotMinutes = 30;
// The slots of a day: 08:00 to 18:00 (the end of the window, for what the last one of it left due).
const slots = Array.from({ length: (10 * 60) / slotMinutes + 1 }, (_, index) => 8 * 60 + index * slotMinutes);

/** The Monday after next (00:00 UTC): the simulated days never lie before the real time n8n and the fakes also see. */
function nextMonday(after: Date): Date {
  const midnight = Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate());
  return new Date(midnight + (((8 - new Date(midnight).getUTCDay()) % 7) + 7) * DAY);
}
const start = nextMonday(new Date());
const clock = new ManualClock(start);
const dayIndex = (at: Date) => Math.floor((at.getTime() - start.getTime()) / DAY);
const isWeekend = (day: number) => day % 7 >= 5;
/** What the ramp asks of a mailbox on day `day` (0-based): none at weekends, which still count. */
const rampOn = (day: number) => (isWeekend(day) ? 0 : Math.min(warmup.targetPerDay, warmup.rampStart + warmup.rampStep * day));

const login = { username: 'warm-smtp-user', password: 'warm-smtp-pass-1' };
const google = new FakeGoogle({ now: () => clock.now() });
const microsoft = new FakeMicrosoft({ now: () => clock.now() });
const smtp = new LocalSmtpServer(login);
const imap = new LocalImapServer([login], { now: () => clock.now() });
const addresses = {
  gmailA: 'warm.ann@gmail.example',
  gmailB: 'warm.ben@gmail.example',
  outlook: 'warm.cy@contoso.example',
  smtp: 'warm.di@smtp.example',
};
const exchange = new FakeMailExchange()
  .host(addresses.gmailA, google)
  .host(addresses.gmailB, google)
  .host(addresses.outlook, microsoft)
  .host(addresses.smtp, imap)
  .connect(google, microsoft, smtp);

/** Everything the fakes accepted for sending, at the simulated instant they did. */
interface Sent extends SentMail {
  at: Date;
  messageId: string;
  warmupTag: string | undefined;
  inReplyTo: string | undefined;
}
const sent: Sent[] = [];
for (const sender of [google, microsoft, smtp]) {
  const route = sender.onSent!;
  sender.onSent = (mail) => {
    const { headers } = splitMessage(mail.raw);
    sent.push({
      ...mail,
      from: mail.from.toLowerCase(),
      at: clock.now(),
      messageId: headerValue(headers, 'Message-ID') ?? '',
      warmupTag: headerValue(headers, 'X-Ophir-Warmup'),
      inReplyTo: headerValue(headers, 'In-Reply-To'),
    });
    route(mail);
  };
}
/** Where each provider filed each message arriving from another of our mailboxes. */
const filed: Array<Delivery & { at: Date; placement: 'inbox' | 'spam'; messageId: string }> = [];
const newSenders = spamFromNewSenders(spamFirst);
for (const host of [google, microsoft, imap]) {
  host.deliveryRule = (delivery) => {
    const placement = newSenders(delivery);
    filed.push({ ...delivery, at: clock.now(), placement, messageId: headerValue(splitMessage(delivery.raw).headers, 'Message-ID') ?? '' });
    return placement;
  };
}

let n8n: TestN8n;
let n8nApi: N8nClient;
let t: TestApp & { url: string };
let owner: SignedUp;

describe.skipIf(!n8nProvisioned)(n8nSuite('14 days of warm-up beside a campaign on the real stack'), () => {
  beforeAll(async () => {
    await Promise.all([google.start(), microsoft.start()]);
    const [smtpAddress, imapAddress] = [await smtp.start(), await imap.start()];
    n8n = await startTestN8n({ readyTimeoutMs: 400_000 });
    n8nApi = new N8nClient({ baseUrl: n8n.url, apiKey: n8n.apiKey, attempts: 2 });
    t = await createListeningTestApp({
      clock,
      env: { ...google.env(), ...microsoft.env(), N8N_URL: n8n.url, N8N_POLL_MINUTES: '60' },
    });
    await t.app.platformSecrets.set(n8nApiKeyName, n8n.apiKey);
    const user = await signUp(t.http);
    // Connecting is a user's act; an API key keeps working when the clock moves on by days.
    for (const [provider, email] of [
      ['gmail', addresses.gmailA],
      ['gmail', addresses.gmailB],
      ['outlook', addresses.outlook],
    ] as const) {
      (provider === 'gmail' ? google : microsoft).nextConsent({ email });
      await connectOAuthMailbox(t, user.auth, provider);
    }
    const key = await t.http.post('/api/api-keys').set(user.auth).send({ name: 'warm-up', role: 'admin' });
    owner = { ...user, auth: { Authorization: `Bearer ${key.body.key}` } };
    await addLocalSmtpMailbox(t, owner.auth, { email: addresses.smtp, smtp: smtpAddress, imap: imapAddress, login });
  }, 600_000);

  afterAll(async () => {
    await t?.close();
    await n8n?.stop();
    await Promise.all([google.stop(), microsoft.stop(), smtp.stop(), imap.stop()]);
  }, 60_000);

  it('ramps each mailbox exactly, within the shared budget and gap, rescues spam in one watch, answers 30 % in-thread, reports what the fakes saw, and keeps warm-up out of the campaign', async () => {
    const organizationId = owner.organization.id;
    const mailboxes = await t.prisma.mailbox.findMany({ where: { organizationId } });
    const idOf = (email: string) => mailboxes.find((mailbox) => mailbox.email === email)!.id;
    for (const mailbox of mailboxes) {
      expect((await t.http.patch(`/api/mailboxes/${mailbox.id}`).set(owner.auth).send(limits)).status).toBe(200);
      const on = await t.http
        .put(`/api/mailboxes/${mailbox.id}/warmup`)
        .set(owner.auth)
        .send({ enabled: true, ...warmup });
      expect(on.body).toMatchObject({ enabled: true, rampDay: 1, todayQuota: 2 });
    }
    const campaignMailboxes = [addresses.gmailA, addresses.smtp];
    const { campaignId, workflowId: campaignWorkflowId } = await startSendingCampaign({
      http: t.http,
      prisma: t.prisma,
      auth: owner.auth,
      organizationId,
      mailboxIds: campaignMailboxes.map(idOf),
      leads: 200,
      name: 'Beside warm-up',
      now: clock.now(),
      schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00', useLeadTimezone: false },
    });
    // The reconciler deploys the organization's warm-up workflow (its inbox watcher came with the campaign).
    await t.app.reconciler.runOnce();
    const warmupDeployment = await t.prisma.workflowDeployment.findFirstOrThrow({
      where: { organizationId, templateName: 'warmup', status: 'active' },
    });

    const campaignDue = () =>
      t.prisma.message.count({ where: { campaignId, status: { in: ['queued', 'deferred', 'retrying'] }, dueAt: { lte: clock.now() } } });
    const warmupDue = () =>
      t.prisma.warmupMessage.count({ where: { organizationId, status: { in: ['queued', 'retrying'] }, dueAt: { lte: clock.now() } } });
    const unsent = (where: Prisma.WarmupMessageWhereInput) =>
      t.prisma.warmupMessage.findMany({
        where: { organizationId, status: { not: 'sent' }, ...where },
        select: { kind: true, status: true, dueAt: true, attempt: true, lastError: true, senderMailboxId: true },
      });
    const runWarmup = () => runWorkflowOnce(n8nApi, warmupDeployment.n8nWorkflowId!, () => t.app.deployments.tickWarmup(organizationId));
    const runCampaign = () => runWorkflowOnce(n8nApi, campaignWorkflowId, () => t.app.deployments.tick(campaignId));
    let watches = 0;
    const watch = async () => {
      expect((await watchInboxesOnce(t, n8nApi, organizationId)).status).toBe('success');
      watches += 1;
      // Within one watch: nothing the providers filed as spam is still there.
      const inGmailSpam = [addresses.gmailA, addresses.gmailB].flatMap((email) =>
        google.messagesOf(email).filter((message) => message.labelIds.includes('SPAM')),
      );
      expect(inGmailSpam).toEqual([]);
      expect(microsoft.mailboxOf(addresses.outlook).messages.filter((message) => message.folder === 'junkemail')).toEqual([]);
      expect(imap.messagesIn(JUNK_MAILBOX)).toEqual([]);
    };
    // A slot: what is due runs, both workflows at once, so their claims meet on the shared mailboxes.
    const runSlot = async (withCampaign: boolean) => {
      const runs = [];
      if ((await warmupDue()) > 0) runs.push(runWarmup());
      if (withCampaign && (await campaignDue()) > 0) runs.push(runCampaign());
      for (const execution of await Promise.all(runs)) expect(execution.status).toBe('success');
      return runs.length;
    };

    const plannedPerDay: number[][] = [];
    let leadReply: { lead: string; messageId: string } | undefined;
    for (let day = 0; day < days; day += 1) {
      clock.set(new Date(start.getTime() + day * DAY + 7 * 60 * MINUTE));
      await t.app.warmupPlanner.planDue();
      plannedPerDay.push(
        await Promise.all(
          mailboxes.map((mailbox) =>
            t.prisma.warmupMessage.count({
              where: { senderMailboxId: mailbox.id, kind: 'initial', plannedDay: clock.now().toISOString().slice(0, 10) },
            }),
          ),
        ),
      );
      if (isWeekend(day)) continue;
      let sentSinceWatch = 0;
      for (const minute of slots) {
        clock.set(new Date(start.getTime() + day * DAY + minute * MINUTE));
        sentSinceWatch += await runSlot(minute < 18 * 60);
        // On the second day a lead answers the campaign in the first Gmail mailbox: a real reply among the warm-up mail.
        if (day === 1 && minute === 12 * 60 && !leadReply) {
          const ours = sent.find((mail) => mail.from === addresses.gmailA && mail.warmupTag === undefined)!;
          const lead = ours.recipients[0]!;
          google.deliver(
            addresses.gmailA,
            [
              `From: <${lead}>`,
              `To: <${addresses.gmailA}>`,
              'Subject: Re: your question',
              `Message-ID: <lead.reply@${lead.split('@')[1]}>`,
              `In-Reply-To: ${ours.messageId}`,
              `References: ${ours.messageId}`,
              'Content-Type: text/plain; charset=UTF-8',
              '',
              'Yes, tell me more.',
            ].join('\r\n'),
          );
          leadReply = { lead, messageId: ours.messageId };
          sentSinceWatch += 1;
        }
        if (minute % 120 === 0 && sentSinceWatch > 0) {
          await watch();
          sentSinceWatch = 0;
        }
      }
      const today = clock.now().toISOString().slice(0, 10);
      const left = await unsent({ kind: 'initial', plannedDay: today });
      const log = mailboxes.map((mailbox) => [
        mailbox.id.slice(0, 8),
        sent
          .filter((mail) => mail.from === mailbox.email && dayIndex(mail.at) === day)
          .map((mail) => `${mail.at.toISOString().slice(11, 16)}${mail.warmupTag ? (mail.inReplyTo ? 'R' : 'W') : 'C'}`)
          .join(' '),
      ]);
      expect(left, `day ${day}: planned warm-up messages not sent ${JSON.stringify(log)}`).toEqual([]);
    }
    // The Monday after: the replies Friday's last messages got wait for the window; they go out, then one last watch.
    for (let minute = 8 * 60; minute <= 12 * 60; minute += slotMinutes) {
      clock.set(new Date(start.getTime() + days * DAY + minute * MINUTE));
      if ((await runSlot(false)) === 0) break;
    }
    await watch();
    expect(await unsent({})).toEqual([]);

    const mailboxEmails = mailboxes.map((mailbox) => mailbox.email);
    const warmupSent = sent.filter((mail) => mail.warmupTag !== undefined);
    const initials = warmupSent.filter((mail) => mail.inReplyTo === undefined);
    const replies = warmupSent.filter((mail) => mail.inReplyTo !== undefined);
    const campaignSent = sent.filter((mail) => mail.warmupTag === undefined);
    const perDay = (mails: Sent[], email: string) =>
      Array.from({ length: days + 1 }, (_, day) => mails.filter((mail) => mail.from === email && dayIndex(mail.at) === day).length);

    // 1. The ramp, exactly: planned each morning and sent that day (the fakes' count), 2, 4, 6, 8, 10, none at the weekend, then 10.
    const ramp = Array.from({ length: days + 1 }, (_, day) => (day < days ? rampOn(day) : 0));
    expect(ramp.slice(0, days)).toEqual([2, 4, 6, 8, 10, 0, 0, 10, 10, 10, 10, 10, 0, 0]);
    for (const [index, mailbox] of mailboxes.entries()) {
      expect(
        plannedPerDay.map((planned) => planned[index]),
        mailbox.email,
      ).toEqual(ramp.slice(0, days));
      expect(perDay(initials, mailbox.email), mailbox.email).toEqual(ramp);
    }

    // 2. One budget and one gap for campaign and warm-up (replies included): never more than 18 a day, never two within 25 minutes.
    for (const email of mailboxEmails) {
      const all = sent.filter((mail) => mail.from === email).sort((a, b) => a.at.getTime() - b.at.getTime());
      const total = perDay(all, email);
      expect(Math.max(...total), email).toBeLessThanOrEqual(limits.dailyCap);
      for (let i = 1; i < all.length; i += 1)
        expect(all[i]!.at.getTime() - all[i - 1]!.at.getTime(), email).toBeGreaterThanOrEqual(limits.minGapSeconds * 1000);
      // The campaign took what the warm-up left: its mailboxes used the whole budget each weekday, and only they sent campaign mail.
      const campaignDays = perDay(campaignSent, email);
      if (campaignMailboxes.includes(email)) {
        for (let day = 0; day < days; day += 1) if (!isWeekend(day)) expect(total[day], `${email} day ${day}`).toBe(limits.dailyCap);
      } else expect(campaignDays.every((count) => count === 0)).toBe(true);
    }

    // 3. Spam: every message a provider filed there (the first 2 from each of the 3 other mailboxes, at each of the 4) was
    //    out of it after the next watch (checked after each of them) and is in the inbox, read and marked, now.
    const spam = filed.filter((delivery) => delivery.placement === 'spam');
    expect(spam).toHaveLength(4 * 3 * spamFirst);
    for (const delivery of spam) {
      if (delivery.to === addresses.outlook) {
        const message = microsoft.mailboxOf(delivery.to).messages.find((m) => m.internetMessageId === delivery.messageId);
        expect(message).toMatchObject({ folder: 'inbox', isRead: true, flagStatus: 'flagged' });
      } else if (delivery.to === addresses.smtp) {
        const message = imap.messagesIn('INBOX').find((m) => m.raw.includes(delivery.messageId));
        expect(message?.flags).toEqual(expect.arrayContaining(['\\Seen', '\\Flagged']));
      } else {
        const message = google.messagesOf(delivery.to).find((m) => m.messageId === delivery.messageId);
        expect(message?.labelIds.sort()).toEqual(['IMPORTANT', 'INBOX']);
      }
    }

    // 4. Replies: 30 % ± 10 % of what each mailbox received, each in the thread of the message it answers.
    const byMessageId = new Map(warmupSent.map((mail) => [mail.messageId, mail]));
    for (const email of mailboxEmails) {
      const received = initials.filter((mail) => mail.recipients.includes(email)).length;
      const answered = replies.filter((mail) => mail.from === email).length;
      expect(received, email).toBe(ramp.reduce((sum, count) => sum + count, 0));
      expect(Math.abs(answered / received - warmup.replyRatePercent / 100), `${email}: ${answered}/${received}`).toBeLessThanOrEqual(0.03);
    }
    for (const reply of replies) {
      const original = byMessageId.get(reply.inReplyTo!);
      expect(original, reply.inReplyTo).toBeDefined();
      expect(original!.recipients).toEqual([reply.from]);
      expect(reply.recipients).toEqual([original!.from]);
      const { headers } = splitMessage(reply.raw);
      expect(headerValue(headers, 'References')).toContain(original!.messageId);
      expect(headerValue(headers, 'Subject')).toBe(`Re: ${headerValue(splitMessage(original!.raw).headers, 'Subject')}`);
      // In the provider's thread too, on both sides where the provider keeps threads.
      for (const email of [reply.from, original!.from]) {
        if (email === addresses.outlook) {
          const conversation = (id: string) => microsoft.mailboxOf(email).messages.find((m) => m.internetMessageId === id)?.conversationId;
          expect(conversation(reply.messageId)).toBe(conversation(original!.messageId));
        } else if (email !== addresses.smtp) {
          const thread = (id: string) => google.messagesOf(email).find((m) => m.messageId === id)?.threadId;
          expect(thread(reply.messageId)).toBe(thread(original!.messageId));
        }
      }
    }

    // 5. The API's per-day series say what the fakes saw: sent, received, inbox, spam, rescued, replied, placement rate.
    for (const email of mailboxEmails) {
      const series = await t.http.get(`/api/mailboxes/${idOf(email)}/warmup/series?days=${days + 1}`).set(owner.auth);
      expect(series.status).toBe(200);
      const expected = Array.from({ length: days + 1 }, (_, day) => {
        const own = warmupSent.filter((mail) => mail.from === email && dayIndex(mail.at) === day);
        const landed = own.map((mail) => filed.find((delivery) => delivery.messageId === mail.messageId)!.placement);
        const inbox = landed.filter((placement) => placement === 'inbox').length;
        const spamCount = landed.length - inbox;
        return {
          date: new Date(start.getTime() + day * DAY).toISOString().slice(0, 10),
          sent: own.length,
          received: warmupSent.filter((mail) => mail.recipients.includes(email) && dayIndex(mail.at) === day).length,
          inbox,
          spam: spamCount,
          missing: 0,
          rescued: spamCount,
          replied: own.filter((mail) => replies.some((reply) => reply.inReplyTo === mail.messageId)).length,
          placementRate: own.length === 0 ? null : inbox / own.length,
        };
      });
      expect(series.body.days, email).toMatchObject(expected);
    }

    // 6. Warm-up stays out of the campaign: its stats count the campaign's sends and the lead's reply only, the inbox shows
    //    that lead alone, and the only inbound event is that reply.
    const stats = await t.http.get(`/api/campaigns/${campaignId}/stats`).set(owner.auth);
    expect(stats.body.totals).toMatchObject({ sent: campaignSent.length, replied: 1, bounced: 0, failed: 0 });
    const threads = await t.http.get('/api/inbox/threads').set(owner.auth);
    expect(threads.body.data.map((thread: { lead: { email: string } }) => thread.lead.email)).toEqual([leadReply!.lead]);
    const inbound = ['replied', 'auto_replied', 'bounced', 'complained', 'unsubscribed'] as const;
    const events = await t.prisma.event.findMany({ where: { organizationId, type: { in: [...inbound] } } });
    expect(events.map((event) => event.type)).toEqual(['replied']);
    expect(await t.prisma.warmupMessage.count({ where: { organizationId, bouncedAt: { not: null } } })).toBe(0);
    // Every warm-up message reached one of our mailboxes, and nothing of the campaign did.
    expect(exchange.routed.map((delivery) => delivery.raw).sort()).toEqual(warmupSent.map((mail) => mail.raw).sort());
    console.info(
      JSON.stringify({
        warmupInitials: initials.length,
        warmupReplies: replies.length,
        campaignSends: campaignSent.length,
        spam: spam.length,
        watches,
      }),
    );
  }, 900_000);
});
