import { z } from 'zod';
import {
  accepts,
  CLAIM_BATCH_SIZE_DEFAULT,
  CLAIM_BATCH_SIZE_MAX,
  EVENT_ID_MAX_LENGTH,
  HEADER_MAX_LENGTH,
  INBOX_REPLY_CLAIM_BATCH_SIZE_DEFAULT,
  PROVIDER_ID_MAX_LENGTH,
  INBOUND_EVENTS_PER_REPORT_MAX,
  RETRY_AFTER_SECONDS_MAX,
  SEND_RESULTS_PER_REPORT_MAX,
  WARMUP_CLAIM_BATCH_SIZE_DEFAULT,
  type ClaimBatch,
  type ClaimItem,
  type InboxReplyItem,
  type MailboxPoolEntry,
  type ReportedSendResult,
  type SendResultsOutcome,
  type SendResultsReport,
  type WarmupItem,
  type WarmupObservation,
  type WarmupObservationsReport,
} from '../../lib/n8n/nodeContract.js';
import { weekdaySchema } from '../campaigns/campaigns.schemas.js';
import { mailboxProviderSchema } from '../mailboxes/mailboxes.schemas.js';

// ---- Claims: what the control plane hands out, described exactly (each schema `satisfies` the contract's type) ----

export const mailboxPoolEntrySchema = z
  .object({
    id: z.uuid(),
    provider: mailboxProviderSchema,
    email: z.string(),
    fromName: z.string().nullable(),
    remainingToday: z.number().int().min(0).describe('Sends this mailbox may still make today (already net of reservations)'),
    minGapSeconds: z.number().int().min(0).describe('Minimum seconds between two sends from this mailbox'),
    lastSentAt: z.iso.datetime().nullable(),
    health: z.number().min(0).max(1).describe('0..1; 0 means paused or unhealthy and never assigned'),
    weight: z.number().describe('Relative share for the weighted rotation strategy'),
  })
  .openapi('MailboxPoolEntry') satisfies z.ZodType<MailboxPoolEntry>;

const claimLeadSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    company: z.string().nullable(),
    timezone: z.string().nullable().describe("IANA zone; null when unknown (the campaign's zone applies)"),
  })
  .openapi('ClaimLead') satisfies z.ZodType<ClaimItem['lead']>;

const renderedMessageSchema = z
  .object({
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    unsubscribeUrl: z.url().describe('HTTPS one-click unsubscribe URL (RFC 8058), also linked in the body'),
    replyTo: z.string().nullable(),
  })
  .openapi('RenderedMessage') satisfies z.ZodType<ClaimItem['message']>;

const threadingSchema = z
  .object({
    messageId: z.string().describe('Message-ID of the thread root (step 1), angle brackets included'),
    inReplyTo: z.string().describe('Message-ID of the latest earlier message in the thread'),
    references: z.array(z.string()).describe('Every earlier Message-ID, oldest first'),
    gmailThreadId: z.string().nullable(),
    mailboxId: z.uuid().describe('The mailbox that sent step 1: follow-ups go out from it'),
  })
  .openapi('Threading') satisfies z.ZodType<NonNullable<ClaimItem['threading']>>;

const claimScheduleSchema = z
  .object({
    timezone: z.string(),
    useLeadTimezone: z.boolean(),
    days: z.array(weekdaySchema),
    start: z.string().describe('Local wall-clock HH:MM, inclusive'),
    end: z.string().describe('Local wall-clock HH:MM (or 24:00), exclusive'),
    holidays: z.array(z.string()).describe('Local dates YYYY-MM-DD on which nothing is sent'),
  })
  .openapi('ClaimSchedule') satisfies z.ZodType<ClaimItem['schedule']>;

export const claimItemSchema = z
  .object({
    sendId: z.uuid(),
    attempt: z.number().int().min(1).describe('1 for the first attempt, one more on every re-claim'),
    mayHaveBeenSent: z
      .boolean()
      .describe('An earlier attempt may have reached the provider (lease expired, or a retryable result said so)'),
    campaignId: z.uuid(),
    step: z.number().int().min(1).describe('1-based sequence step'),
    now: z.iso.datetime().describe("The control plane's clock at claim time"),
    lead: claimLeadSchema,
    schedule: claimScheduleSchema,
    message: renderedMessageSchema,
    // A union, not .nullable(): zod-to-openapi would write the null into the shared Threading component.
    threading: z.union([threadingSchema, z.null()]).describe('null for step 1 (or an unthreaded follow-up)'),
    mailboxes: z.array(mailboxPoolEntrySchema).describe('Mailboxes this send may use; the same entries repeat on every item of a batch'),
  })
  .openapi('ClaimItem') satisfies z.ZodType<ClaimItem>;

export const inboxReplyItemSchema = z
  .object({
    kind: z.literal('inbox_reply'),
    sendId: z.uuid().describe("The reply's id"),
    attempt: z.number().int().min(1),
    mayHaveBeenSent: z.boolean(),
    inboxThreadId: z.uuid(),
    campaignId: z.uuid(),
    step: z.null(),
    now: z.iso.datetime(),
    lead: claimLeadSchema,
    message: renderedMessageSchema,
    threading: threadingSchema,
    mailboxId: z.uuid().describe("The thread's mailbox, already assigned (never rotated)"),
    mailbox: mailboxPoolEntrySchema,
    mailboxes: z.array(mailboxPoolEntrySchema),
  })
  .openapi('InboxReplyItem') satisfies z.ZodType<InboxReplyItem>;

export const warmupItemSchema = z
  .object({
    kind: z.literal('warmup'),
    sendId: z.uuid().describe("The warm-up message's id"),
    attempt: z.number().int().min(1),
    mayHaveBeenSent: z.boolean(),
    warmupTag: z
      .string()
      .regex(/^[a-z0-9]{12}$/)
      .describe('Sent as the X-Ophir-Warmup header and as `ow-<tag>` ending the body'),
    warmupKind: z.enum(['initial', 'reply']),
    campaignId: z.null(),
    step: z.null(),
    now: z.iso.datetime(),
    lead: claimLeadSchema.describe('The receiving mailbox'),
    message: z
      .object({ subject: z.string(), text: z.string() })
      .openapi('WarmupMessageContent')
      .describe('Plain text only: no links, no tracking, no unsubscribe'),
    threading: z.union([threadingSchema, z.null()]).describe('A reply: the thread of the message it answers'),
    mailboxId: z.uuid().describe('The sending mailbox, already assigned (never rotated)'),
    mailbox: mailboxPoolEntrySchema,
    mailboxes: z.array(mailboxPoolEntrySchema),
  })
  .openapi('WarmupItem') satisfies z.ZodType<WarmupItem>;

function claimBatchSchema<Item extends z.ZodType>(item: Item) {
  return z.object({
    now: z.iso.datetime(),
    leaseExpiresAt: z.iso.datetime().describe('Until when the items are leased to this execution'),
    items: z.array(item).describe('The batch (maybe empty)'),
  });
}

export const campaignClaimBatchSchema = claimBatchSchema(claimItemSchema).openapi('CampaignClaimBatch') satisfies z.ZodType<
  ClaimBatch<ClaimItem>
>;
export const inboxReplyClaimBatchSchema = claimBatchSchema(inboxReplyItemSchema).openapi('InboxReplyClaimBatch') satisfies z.ZodType<
  ClaimBatch<InboxReplyItem>
>;

export const warmupClaimBatchSchema = claimBatchSchema(warmupItemSchema).openapi('WarmupClaimBatch') satisfies z.ZodType<
  ClaimBatch<WarmupItem>
>;

// ---- Send results: what the nodes report, read leniently ----

const envelope = { sendId: z.uuid(), attempt: z.number().int().min(1), eventId: z.string().min(1).max(EVENT_ID_MAX_LENGTH) };

// Results are read leniently (`.loose()`): the Send node may add diagnostic fields; only these drive state.
export const sendResultSchema = z.discriminatedUnion('status', [
  z
    .object({
      ...envelope,
      status: z.literal('sent'),
      mailboxId: z.uuid(),
      messageId: z.string().min(3).max(HEADER_MAX_LENGTH),
      providerMessageId: z.string().max(PROVIDER_ID_MAX_LENGTH).nullish(),
      threadId: z.string().max(PROVIDER_ID_MAX_LENGTH).nullish(),
      sentAt: z.iso.datetime().nullish(),
    })
    .loose(),
  z
    .object({
      ...envelope,
      status: z.literal('deferred'),
      notBefore: z.iso.datetime().nullish(),
      code: z.string().nullish(),
      reason: z.string().nullish(),
    })
    .loose(),
  z
    .object({
      ...envelope,
      status: z.literal('retryable'),
      retryAfterSeconds: z.number().min(0).max(RETRY_AFTER_SECONDS_MAX),
      mayHaveBeenSent: z.boolean().default(false),
      code: z.string().nullish(),
      reason: z.string().nullish(),
    })
    .loose(),
  z.object({ ...envelope, status: z.literal('failed'), code: z.string().nullish(), reason: z.string().nullish() }).loose(),
]);

/** A result as read (lenient); what the nodes post is the contract's `ReportedSendResult`. */
export type SendResult = z.infer<typeof sendResultSchema>;

/** Which execution reports (diagnostics only; n8n may not know its workflow id). */
const reportSourceSchema = z.object({ workflowId: z.string().nullish(), executionId: z.string().nullish() }).loose();

export const sendResultsBody = z
  .object({
    source: reportSourceSchema.optional(),
    results: z.array(sendResultSchema).min(1).max(SEND_RESULTS_PER_REPORT_MAX),
  })
  .strict()
  .openapi('SendResults');

export const sendResultsOutcomeSchema = z
  .object({
    applied: z.number().int(),
    duplicates: z.number().int(),
    stale: z.number().int(),
    unknown: z
      .number()
      .int()
      .describe('Results naming a send, or a sending mailbox, that does not exist (any more): nothing was recorded for them'),
  })
  .openapi('SendResultsOutcome') satisfies z.ZodType<SendResultsOutcome>;

const batchSize = (fallback: number) => z.number().int().min(1).max(CLAIM_BATCH_SIZE_MAX).default(fallback);

export const campaignClaimBody = z
  .object({ campaignId: z.uuid(), batchSize: batchSize(CLAIM_BATCH_SIZE_DEFAULT) })
  .strict()
  .openapi('CampaignClaim');

export const inboxRepliesClaimBody = z
  .object({ organizationId: z.uuid(), batchSize: batchSize(INBOX_REPLY_CLAIM_BATCH_SIZE_DEFAULT) })
  .strict()
  .openapi('InboxRepliesClaim');

/** A report of results from the Send Email node for a queue other than campaigns' sends; `sendIdNames` is what its sendId is. */
const queueResultsBody = (sendIdNames: string) =>
  z
    .object({
      source: reportSourceSchema.optional(),
      results: z
        .array(sendResultSchema)
        .min(1)
        .max(SEND_RESULTS_PER_REPORT_MAX)
        .describe(`Send results as the Send Email node produces them; sendId is ${sendIdNames}`),
    })
    .strict();

export const inboxReplyResultsBody = queueResultsBody('the reply id').openapi('InboxReplyResults');

export const warmupClaimBody = z
  .object({ organizationId: z.uuid(), batchSize: batchSize(WARMUP_CLAIM_BATCH_SIZE_DEFAULT) })
  .strict()
  .openapi('WarmupClaim');

export const warmupResultsBody = queueResultsBody('the warm-up message id').openapi('WarmupResults');

const warmupObservationSchema = z
  .object({
    eventId: z.string().min(1).max(EVENT_ID_MAX_LENGTH),
    tag: z.string().regex(/^[a-z0-9]{12}$/),
    receivingMailboxId: z.uuid(),
    folder: z.enum(['inbox', 'spam']).describe('Where the message was found, before any rescue'),
    rescued: z.boolean().describe('Moved from spam/junk to the inbox by the watcher'),
    markedImportant: z.boolean(),
    observedAt: z.iso.datetime(),
    providerMessageId: z.string().max(PROVIDER_ID_MAX_LENGTH),
    providerThreadId: z.string().max(PROVIDER_ID_MAX_LENGTH).nullable(),
    messageIdHeader: z.string().max(HEADER_MAX_LENGTH).nullable(),
  })
  .loose() satisfies z.ZodType<WarmupObservation>;

export const warmupObservationsBody = z
  .object({ observations: z.array(warmupObservationSchema).min(1).max(INBOUND_EVENTS_PER_REPORT_MAX) })
  .loose()
  .openapi('WarmupObservations');

export const warmupObservationsOutcomeSchema = z
  .object({
    applied: z.number().int(),
    duplicates: z.number().int().describe('Messages already observed: the first observation decides their placement'),
    unknown: z.number().int().describe('Tags never sent, or not sent to the reporting mailbox: nothing was recorded'),
  })
  .openapi('WarmupObservationsOutcome');

// Every result and report the nodes post is accepted as is (a field renamed or made required on either side stops this compiling).
accepts<z.input<typeof sendResultSchema>, ReportedSendResult>(true);
accepts<z.input<typeof sendResultsBody>, SendResultsReport>(true);
accepts<z.input<typeof inboxReplyResultsBody>, SendResultsReport>(true);
accepts<z.input<typeof warmupResultsBody>, SendResultsReport>(true);
accepts<z.input<typeof warmupObservationsBody>, WarmupObservationsReport>(true);
