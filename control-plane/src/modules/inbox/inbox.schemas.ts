import { z } from 'zod';
import { inboundEventSchema, inboundEventsOutcomeSchema } from '../events/inboundEvents.schemas.js';
import { mailboxProviderSchema } from '../mailboxes/mailboxes.schemas.js';

/** Gmail history ids are unsigned 64-bit decimals. */
const historyIdSchema = z.string().regex(/^\d{1,20}$/, 'a Gmail history id (decimal digits)');

export const inboxWatchClaimBody = z
  .object({ organizationId: z.uuid() })
  .strict()
  .openapi('InboxWatchClaim');

export const mailboxToWatchSchema = z
  .object({
    mailboxId: z.uuid(),
    provider: mailboxProviderSchema,
    email: z.string(),
    historyId: z.string().nullable().describe('Where the last accepted watch stopped; null before the first'),
  })
  .openapi('MailboxToWatch');

export const inboxWatchClaimSchema = z
  .object({
    ourAddresses: z.array(z.string()).describe("Every mailbox address of the organization: mail from them is never a reply"),
    mailboxes: z.array(mailboxToWatchSchema),
  })
  .openapi('InboxWatchWork');

export const inboxWatchResultsBody = z
  .object({
    mailboxId: z.uuid(),
    previousHistoryId: historyIdSchema.nullable().describe('The cursor the watch started from, as the claim handed it out'),
    historyId: historyIdSchema.describe('Where the watch stopped'),
    events: z.array(inboundEventSchema).max(500),
  })
  .strict()
  .openapi('InboxWatchResults');

export const inboxWatchResultsOutcomeSchema = inboundEventsOutcomeSchema
  .extend({
    historyAdvanced: z.boolean().describe('False when another watch moved the cursor since this one was claimed'),
    historyId: z.string().nullable().describe("The mailbox's cursor after this call"),
  })
  .openapi('InboxWatchResultsOutcome');
