import { z } from 'zod';
import { emailSchema } from '../auth/auth.schemas.js';
import { timezoneSchema } from '../../lib/timezone.js';
import { simulationKinds } from './sandbox/simulatedMail.js';
import { newestFirstCursor } from '../../lib/http/cursor.js';

export const mailboxParams = z.object({ mailboxId: z.uuid() });

export const mailboxProviderSchema = z.enum(['gmail', 'smtp', 'outlook', 'sandbox']).openapi('MailboxProvider');
export const mailboxStatusSchema = z.enum(['active', 'paused', 'needs_reauth', 'error', 'disabled']).openapi('MailboxStatus');
export const tlsModeSchema = z
  .enum(['tls', 'starttls', 'none'])
  .describe('tls: implicit TLS (465); starttls: upgrade required (587); none: no TLS (local relays only)')
  .openapi('TlsMode');

const hostSchema = z.string().trim().min(1).max(253);
const portSchema = z.number().int().min(1).max(65535);

/** Where a mailbox's SMTP/IMAP server is; the passwords live encrypted elsewhere. */
export const serverConnectionSchema = z
  .object({ host: z.string(), port: z.number().int(), tlsMode: tlsModeSchema, username: z.string() })
  .openapi('MailServerConnection');

/** The shape of Mailbox.settings as this module writes it. */
export const mailboxSettingsSchema = z.object({ smtp: serverConnectionSchema.optional(), imap: serverConnectionSchema.optional() });

export const mailboxSchema = z
  .object({
    id: z.uuid(),
    provider: mailboxProviderSchema,
    email: z.string(),
    displayName: z.string().nullable(),
    status: mailboxStatusSchema,
    statusReason: z.string().nullable().describe('Why the mailbox is not active (revoked grant, auto-pause...)'),
    dailyCap: z.number().int(),
    rampEnabled: z.boolean(),
    rampStart: z.number().int(),
    rampStep: z.number().int(),
    rampStartedAt: z.iso.datetime(),
    minGapSeconds: z.number().int(),
    gapJitterSeconds: z.number().int(),
    timezone: z.string(),
    weight: z.number().int(),
    healthScore: z.number(),
    lastSentAt: z.iso.datetime().nullable(),
    lastWatchedAt: z.iso.datetime().nullable().describe('When the inbox watcher last read this inbox to the end; null if never'),
    smtp: serverConnectionSchema.nullable(),
    imap: serverConnectionSchema.nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Mailbox');

export const updateMailboxBody = z
  .object({
    displayName: z.string().trim().min(1).max(200).nullable(),
    dailyCap: z.number().int().min(1).max(2000).describe('Also the ramp ceiling'),
    rampEnabled: z.boolean(),
    rampStart: z.number().int().min(1).max(2000),
    rampStep: z.number().int().min(0).max(2000),
    restartRamp: z.literal(true).describe('Start the ramp again from today'),
    minGapSeconds: z.number().int().min(0).max(86_400),
    gapJitterSeconds: z.number().int().min(0).max(86_400),
    timezone: timezoneSchema,
    weight: z.number().int().min(1).max(100),
    status: z
      .enum(['active', 'paused'])
      .describe('Pause or resume sending; a mailbox that needs re-authorization is resumed by connecting it again'),
  })
  .partial()
  .strict();

const serverInput = z.object({
  host: hostSchema,
  port: portSchema,
  tlsMode: tlsModeSchema,
  username: z.string().min(1).max(320).optional().describe('Defaults to the mailbox address'),
  password: z.string().min(1).max(1024),
});

export const createSmtpMailboxBody = z
  .object({
    email: emailSchema,
    displayName: z.string().trim().min(1).max(200).optional(),
    smtp: serverInput.strict(),
    imap: serverInput
      .extend({ password: z.string().min(1).max(1024).optional().describe('Defaults to the SMTP password') })
      .strict()
      .optional()
      .describe('For reply and bounce detection'),
  })
  .strict();

export const createSandboxMailboxBody = z
  .object({ email: emailSchema, displayName: z.string().trim().min(1).max(200).optional() })
  .strict();

export const connectResponseSchema = z
  .object({
    authorizationUrl: z.url().describe("Send the user's browser here; the provider redirects back to our callback"),
    expiresAt: z.iso.datetime(),
  })
  .openapi('MailboxConnectStart');

export const deleteMailboxQuery = z.object({
  detach: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Remove the mailbox from active campaigns instead of refusing'),
});

export const mailboxUsageSchema = z
  .object({
    timezone: z.string(),
    dayStart: z.iso.datetime(),
    dayEnd: z.iso.datetime(),
    limitToday: z.number().int(),
    rampDay: z.number().int().nullable(),
    rampValue: z.number().int().nullable(),
    sentToday: z.number().int(),
    reserved: z.number().int(),
    remainingToday: z.number().int(),
    lastSentAt: z.iso.datetime().nullable(),
    nextAllowedAt: z.iso.datetime().nullable(),
    blockedBy: z.enum(['status', 'daily_limit']).nullable(),
  })
  .openapi('MailboxUsage');

const warmingDaySchema = z
  .number()
  .int()
  .nullable()
  .describe('In its first 14 days of warm-up (docs/warmup.md): which day it is, 1 on the first; null when not warming');

export const mailboxListItemSchema = mailboxSchema
  .extend({
    usage: mailboxUsageSchema.describe("Today's numbers, as GET /api/mailboxes/{mailboxId}/usage answers them"),
    warmingDay: warmingDaySchema,
  })
  .openapi('MailboxListItem');

export const dailyUsageQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).default(30).describe('How many local days, today included'),
});

export const mailboxDailyUsageSchema = z
  .object({
    timezone: z.string().describe("The mailbox's timezone: each day is a calendar day there, as for the daily cap"),
    days: z.array(z.object({ date: z.iso.date(), sent: z.number().int() })).describe('Oldest first, today last'),
  })
  .openapi('MailboxDailyUsage');

export const mailboxHealthSchema = z
  .object({
    score: z.number().describe("The points earned as a share of what the mailbox's parts can earn, 0-100"),
    parts: z
      .array(z.object({ name: z.string(), points: z.number(), maxPoints: z.number(), explanation: z.string() }))
      .describe('hard_bounces, failures, replies, authentication, sending_domain, age, and inbox_placement only with warm-up placements'),
    warmingDay: warmingDaySchema,
    window: z.object({
      attempts: z.number().int(),
      sent: z.number().int(),
      failed: z.number().int(),
      hardBounces: z.number().int(),
      replies: z.number().int(),
      hardBounceRate: z.number(),
      failureRate: z.number(),
      replyRate: z.number(),
    }),
    autoPause: z.object({ bounceRateThreshold: z.number(), minSends: z.number().int(), wouldPause: z.boolean() }),
    status: mailboxStatusSchema,
    statusReason: z.string().nullable(),
  })
  .openapi('MailboxHealth');

export const sandboxMessageSchema = z
  .object({
    id: z.uuid(),
    messageId: z.string(),
    to: z.string(),
    subject: z.string(),
    raw: z.string().describe('The whole MIME message'),
    headers: z.array(z.object({ name: z.string(), value: z.string() })).describe('Every header, decoded, in the order written'),
    html: z.string().nullable().describe('The HTML body as sent (not sanitized: render it only in a sandboxed frame)'),
    text: z.string().nullable().describe('The plain-text body'),
    createdAt: z.iso.datetime(),
  })
  .openapi('SandboxMessage');

export const sandboxMessageParams = z.object({
  mailboxId: z.uuid(),
  sandboxMessageId: z.uuid().describe('The `id` of a captured message (GET /api/mailboxes/{mailboxId}/sandbox-messages)'),
});

export const simulateSandboxMessageBody = z
  .object({
    kind: z
      .enum(simulationKinds)
      .describe(
        'reply: the lead answers (stops their sequence); bounce: a delivery status notification; out_of_office: an auto-reply (postpones, never stops)',
      ),
    bodyText: z
      .string()
      .trim()
      .min(1)
      .max(100_000)
      .optional()
      .describe('What the lead writes (reply, out_of_office); a default sentence when absent'),
    bounceStatus: z
      .string()
      .regex(/^[45]\.\d{1,3}\.\d{1,3}$/, 'an enhanced status code such as 5.1.1 (hard) or 4.2.2 (soft)')
      .optional()
      .describe('bounce only: 5.x.x is a hard bounce (the address is suppressed), 4.x.x a soft one; default 5.1.1'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.kind === 'bounce' && body.bodyText !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['bodyText'],
        message: 'a bounce is written by the mail system: give bodyText with reply or out_of_office',
      });
    if (body.kind !== 'bounce' && body.bounceStatus !== undefined)
      ctx.addIssue({ code: 'custom', path: ['bounceStatus'], message: 'bounceStatus applies to kind bounce only' });
  })
  .openapi('SandboxSimulation');

export const simulatedSandboxMessageSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(simulationKinds),
    sandboxMessageId: z.uuid().describe('The captured send it answers'),
    inReplyTo: z.string().describe("That send's Message-ID"),
    raw: z.string().describe('The whole MIME message the mailbox received'),
    createdAt: z.iso.datetime(),
    watch: z
      .object({ started: z.boolean(), detail: z.string() })
      .describe('Whether the inbox watcher was started to read it now; otherwise it is read on the next poll'),
  })
  .openapi('SimulatedSandboxMessage');

export const sandboxInboxReadBody = z
  .object({
    cursor: z
      .string()
      .regex(/^\d{1,20}$/, 'the last sequence watched (decimal digits)')
      .nullable()
      .describe('null before the first watch'),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const sandboxInboxSchema = z
  .object({
    cursor: z.string().describe('The last sequence returned (the given cursor when nothing is new)'),
    messages: z.array(z.object({ id: z.uuid(), threadId: z.string().nullable(), receivedAt: z.iso.datetime(), raw: z.string() })),
  })
  .openapi('SandboxInbox');

export const sandboxMessagesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: newestFirstCursor.param,
});

// The OAuth redirect carries more than we read (Google adds authuser, prompt, hd...): not strict.
export const oauthCallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/** What the Send Email and Inbox Watch nodes send to the broker endpoints; `provider` is required, so no credential route answers a bodiless request. */
export const brokerRequestBody = z
  .object({
    sendId: z.string().max(200).optional(),
    provider: mailboxProviderSchema.describe('The provider the node expects; a mailbox of another provider is refused'),
    purpose: z.enum(['send', 'watch']).default('send').describe('watch: reading the inbox, allowed while the mailbox is paused'),
  })
  .strict();

export const accessTokenSchema = z
  .object({
    accessToken: z.string(),
    expiresAt: z.iso.datetime(),
    provider: z.enum(['gmail', 'outlook']),
    email: z.string(),
    apiBaseUrl: z.string().describe('Gmail or Graph root URL to call with the token'),
  })
  .openapi('BrokeredAccessToken');

export const smtpCredentialsSchema = z
  .object({
    host: z.string(),
    port: z.number().int(),
    tlsMode: tlsModeSchema,
    secure: z.boolean().describe('Implicit TLS'),
    requireTls: z.boolean().describe('STARTTLS required'),
    username: z.string(),
    password: z.string(),
    fromAddress: z.string(),
    fromName: z.string().nullable(),
  })
  .openapi('BrokeredSmtpCredentials');

export const imapCredentialsSchema = z
  .object({
    host: z.string(),
    port: z.number().int(),
    tlsMode: tlsModeSchema,
    secure: z.boolean().describe('Implicit TLS (usually 993)'),
    requireTls: z.boolean().describe('STARTTLS required (usually 143)'),
    username: z.string(),
    password: z.string().describe('The IMAP password, or the SMTP one when none was given'),
  })
  .openapi('BrokeredImapCredentials');

export const captureSandboxMessageBody = z
  .object({
    sendId: z.string().max(200).optional(),
    mailboxId: z.uuid(),
    messageId: z.string().min(3).max(998).describe('Our RFC 5322 Message-ID, angle brackets included; captures are idempotent by it'),
    from: z.string().max(320).optional(),
    to: z.string().min(1).max(998),
    subject: z.string().max(998).optional().describe("Read from the message's Subject header when absent"),
    threadId: z.string().max(200).nullable().optional(),
    raw: z.string().min(1).max(700_000).describe('The MIME message, base64'),
  })
  .strict();

export const capturedSandboxMessageSchema = z
  .object({ id: z.uuid(), threadId: z.string(), duplicate: z.boolean() })
  .openapi('CapturedSandboxMessage');
