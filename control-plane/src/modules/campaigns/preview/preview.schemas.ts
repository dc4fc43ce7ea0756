import { z } from 'zod';

export const previewBody = z
  .object({
    leadId: z.uuid().describe("A lead of the organization; if it is enrolled, its enrolment's variants and wording are shown"),
    step: z.number().int().min(1).optional().describe('1-based; all steps when omitted'),
    variantLabel: z.string().trim().min(1).max(20).optional().describe('Show this variant instead of the one the lead gets (needs step)'),
  })
  .strict()
  .openapi('PreviewRequest');

export type PreviewInput = z.infer<typeof previewBody>;

export const previewSchema = z
  .object({
    leadId: z.uuid(),
    to: z.string().describe("The lead's address, the To of every step"),
    enrollmentId: z.uuid().nullable(),
    steps: z.array(
      z.object({
        step: z.number().int(),
        variantId: z.uuid(),
        variantLabel: z.string(),
        subject: z.string(),
        bodyText: z.string().describe("The rendered plain-text body (the sequence variant's bodyText, personalised)"),
        bodyHtml: z.string().nullable().describe('The rendered HTML body, with tracking and the unsubscribe link as sent'),
        sendId: z.uuid().nullable().describe('The queued or sent message this preview is for; its unsubscribe link is the real one'),
        unsubscribeUrl: z.string().describe('The link {{unsubscribeUrl}} stands for: the real one once the message is queued'),
        headers: z
          .array(z.object({ name: z.string(), value: z.string() }))
          .describe(
            'The headers the message carries whichever mailbox sends it (the one-click List-Unsubscribe pair), as written; From, Message-ID and threading come from the sending mailbox',
          ),
      }),
    ),
  })
  .openapi('Preview');

export const testSendBody = z
  .object({
    leadId: z.uuid().describe('Whose message to send: it is rendered for this lead exactly as the preview shows it'),
    step: z.number().int().min(1).describe('1-based'),
    variantLabel: z.string().trim().min(1).max(20).optional().describe('Send this variant instead of the one the lead gets'),
    mailboxId: z.uuid().describe('A sandbox mailbox: it keeps the message in its sandbox messages instead of sending it'),
  })
  .strict()
  .openapi('TestSendRequest');

export type TestSendInput = z.infer<typeof testSendBody>;

export const testSendSchema = z
  .object({
    mailboxId: z.uuid(),
    sandboxMessageId: z.uuid().describe('The message in GET /api/mailboxes/{mailboxId}/sandbox-messages'),
    messageId: z.string().describe('Its Message-ID'),
    to: z.string(),
    subject: z.string(),
    step: z.number().int(),
    variantLabel: z.string(),
  })
  .openapi('TestSend');
