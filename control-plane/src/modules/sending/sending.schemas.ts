import { z } from 'zod';

const envelope = { sendId: z.uuid(), attempt: z.number().int().min(1), eventId: z.string().min(1).max(200) };

// Results are read leniently (`.loose()`): the Send node may add diagnostic fields; only these drive state.
export const sendResultSchema = z.discriminatedUnion('status', [
  z.object({
    ...envelope,
    status: z.literal('sent'),
    mailboxId: z.uuid(),
    messageId: z.string().min(3).max(998),
    providerMessageId: z.string().max(500).nullish(),
    threadId: z.string().max(500).nullish(),
    sentAt: z.iso.datetime().nullish(),
  }).loose(),
  z.object({ ...envelope, status: z.literal('deferred'), notBefore: z.iso.datetime().nullish(), code: z.string().nullish(), reason: z.string().nullish() }).loose(),
  z.object({
    ...envelope,
    status: z.literal('retryable'),
    retryAfterSeconds: z.number().min(0).max(7 * 86_400),
    mayHaveBeenSent: z.boolean().default(false),
    code: z.string().nullish(),
    reason: z.string().nullish(),
  }).loose(),
  z.object({ ...envelope, status: z.literal('failed'), code: z.string().nullish(), reason: z.string().nullish() }).loose(),
]);

export type SendResult = z.infer<typeof sendResultSchema>;

export const sendResultsBody = z
  .object({
    source: z.object({ workflowId: z.string().optional(), executionId: z.string().optional() }).loose().optional(),
    results: z.array(sendResultSchema).min(1).max(1000),
  })
  .strict()
  .openapi('SendResults');

export const sendResultsOutcomeSchema = z
  .object({
    applied: z.number().int(),
    duplicates: z.number().int(),
    stale: z.number().int(),
    unknown: z.number().int().describe('Results naming a send, or a sending mailbox, that does not exist (any more): nothing was recorded for them'),
  })
  .openapi('SendResultsOutcome');

export const campaignClaimBody = z.object({ campaignId: z.uuid(), batchSize: z.number().int().min(1).max(500).default(50) }).strict().openapi('CampaignClaim');

export const inboxRepliesClaimBody = z
  .object({ organizationId: z.uuid(), batchSize: z.number().int().min(1).max(500).default(20) })
  .strict()
  .openapi('InboxRepliesClaim');

export const inboxReplyResultsBody = z
  .object({
    source: z.object({ workflowId: z.string().optional(), executionId: z.string().optional() }).loose().optional(),
    results: z.array(sendResultSchema).min(1).max(1000).describe('Send results as the Send Email node produces them; sendId is the reply id'),
  })
  .strict()
  .openapi('InboxReplyResults');
