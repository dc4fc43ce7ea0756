/** Test drivers for mailbox flows: the browser side of an OAuth connect, and signed n8n calls. */
import { randomUUID } from 'node:crypto';
import type { TestApp } from './testApp.js';

/** Environment for createTestApp so redirect URIs and the post-connect landing page are predictable. */
export const oauthTestEnv = { PUBLIC_URL: 'http://127.0.0.1:3000', APP_URL: 'http://app.test' };

export interface ConnectOutcome {
  /** The connected mailbox id, or undefined when the connect failed. */
  mailboxId?: string;
  /** The failure code the app was redirected with (`?error=`). */
  error?: string;
  /** Where the control plane sent the browser at the end. */
  landing: URL;
}

/** A connect as the browser started it: the consent URL, and its cookie as a `Cookie` request header value. */
export interface StartedConnect {
  authorizationUrl: string;
  cookie: string;
}

/** Asks the control plane for the consent URL, keeping the cookie it sets as a browser would. */
export async function startConnect(
  t: Pick<TestApp, 'http'>,
  auth: { Authorization: string },
  provider: 'gmail' | 'outlook',
): Promise<StartedConnect> {
  const start = await t.http.post(`/api/mailboxes/${provider}/connect`).set(auth);
  if (start.status !== 200) throw new Error(`connect start failed: ${start.status} ${start.text}`);
  const setCookie = ([] as string[]).concat(start.headers['set-cookie'] ?? []);
  if (setCookie.length !== 1) throw new Error(`the connect start set ${setCookie.length} cookies`);
  return { authorizationUrl: start.body.authorizationUrl, cookie: setCookie[0]!.split(';')[0]! };
}

/** Lets the fake provider "consent" (see `fake.nextConsent`) and answers the callback URL it redirects to. */
export async function consent(authorizationUrl: string): Promise<string> {
  const answer = await fetch(authorizationUrl, { redirect: 'manual' });
  const callback = answer.headers.get('location');
  if (answer.status !== 302 || !callback) throw new Error(`the fake consent did not redirect: ${answer.status} ${await answer.text()}`);
  return callback;
}

/** Plays the browser through a whole connect: start, consent, and the callback carrying the start's cookie. */
export async function connectOAuthMailbox(
  t: Pick<TestApp, 'http'>,
  auth: { Authorization: string },
  provider: 'gmail' | 'outlook',
): Promise<ConnectOutcome> {
  const started = await startConnect(t, auth, provider);
  return followCallback(t, await consent(started.authorizationUrl), started.cookie);
}

/** Delivers a provider redirect (a URL on PUBLIC_URL) to the app, with the browser's cookies if any, and reads where it lands. */
export async function followCallback(t: Pick<TestApp, 'http'>, callbackUrl: string, cookie: string | undefined): Promise<ConnectOutcome> {
  const url = new URL(callbackUrl);
  const request = t.http.get(`${url.pathname}${url.search}`);
  const answer = await (cookie === undefined ? request : request.set('Cookie', cookie));
  if (answer.status !== 302) throw new Error(`the callback answered ${answer.status} ${answer.text}`);
  const landing = new URL(answer.headers.location!);
  return { mailboxId: landing.searchParams.get('connected') ?? undefined, error: landing.searchParams.get('error') ?? undefined, landing };
}

/** Every table's rows as JSON text that contain one of `needles`: proof that a secret is stored nowhere in clear. */
export async function plaintextOccurrences(t: TestApp, needles: string[]): Promise<Array<{ table: string; needle: string }>> {
  const tables = await t.prisma.$queryRaw<
    Array<{ table_name: string }>
  >`SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const found: Array<{ table: string; needle: string }> = [];
  for (const { table_name: table } of tables) {
    const rows = await t.prisma.$queryRawUnsafe<Array<{ row: string }>>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
    for (const { row } of rows) for (const needle of needles) if (row.includes(needle)) found.push({ table, needle });
  }
  return found;
}

/** `leased`: in flight, a queued message with a lease until `leaseExpiresAt` (send_leases). */
export interface SeededSend {
  status: 'queued' | 'leased' | 'sent' | 'failed';
  sentAt?: Date;
  leaseExpiresAt?: Date;
}

/** Puts a campaign message in flight as a claim would: a lease row for its next attempt, the message left pending. */
export async function leaseMessage(
  t: Pick<TestApp, 'prisma'>,
  messageId: string,
  lease: { mailboxId?: string; leaseExpiresAt?: Date } = {},
): Promise<void> {
  const message = await t.prisma.message.findUniqueOrThrow({ where: { id: messageId } });
  await t.prisma.sendLease.create({
    data: {
      messageId,
      organizationId: message.organizationId,
      campaignId: message.campaignId,
      mailboxId: lease.mailboxId ?? message.mailboxId ?? randomUUID(),
      attempt: message.attempt + 1,
      subject: 'Leased',
      leaseExpiresAt: lease.leaseExpiresAt ?? new Date(Date.now() + 600_000),
      createdAt: new Date(),
    },
  });
}

/**
 * Message rows from one mailbox, as the campaign engine would leave them (each to its own lead and
 * enrolment of one active campaign), written straight to the database. Returns the message ids.
 */
export async function seedSends(t: TestApp, organizationId: string, mailboxId: string, sends: SeededSend[]): Promise<string[]> {
  const campaign = await t.prisma.campaign.create({ data: { organizationId, name: `seeded ${randomUUID()}`, status: 'active' } });
  await t.prisma.campaignMailbox.create({ data: { organizationId, campaignId: campaign.id, mailboxId } });
  const ids: string[] = [];
  for (const send of sends) {
    const lead = await t.prisma.lead.create({
      data: { organizationId, email: `${randomUUID()}@leads.example`, emailDomain: 'leads.example' },
    });
    const enrollment = await t.prisma.enrollment.create({ data: { organizationId, campaignId: campaign.id, leadId: lead.id } });
    const message = await t.prisma.message.create({
      data: {
        organizationId,
        campaignId: campaign.id,
        enrollmentId: enrollment.id,
        leadId: lead.id,
        stepPosition: 0,
        mailboxId: send.status === 'leased' ? null : mailboxId,
        status: send.status === 'leased' ? 'queued' : send.status,
        dueAt: send.sentAt ?? new Date(),
        messageIdHeader: `<${randomUUID()}@ophir.test>`,
        sentAt: send.sentAt ?? null,
      },
    });
    if (send.status === 'leased') await leaseMessage(t, message.id, { mailboxId, leaseExpiresAt: send.leaseExpiresAt });
    ids.push(message.id);
  }
  return ids;
}

/**
 * Adds an SMTP mailbox on the local SMTP server whose inbox is read from the local IMAP server (one
 * login for both, no TLS), through the API; answers its id.
 */
export async function addLocalSmtpMailbox(
  t: Pick<TestApp, 'http'>,
  auth: { Authorization: string },
  options: {
    email: string;
    smtp: { host: string; port: number };
    imap: { host: string; port: number };
    login: { username: string; password: string };
  },
): Promise<string> {
  const created = await t.http
    .post('/api/mailboxes/smtp')
    .set(auth)
    .send({
      email: options.email,
      smtp: { ...options.smtp, tlsMode: 'none', ...options.login },
      imap: { ...options.imap, tlsMode: 'none', username: options.login.username },
    });
  if (created.status !== 201) throw new Error(`SMTP mailbox: ${created.status} ${created.text}`);
  return created.body.id as string;
}
