import { z } from 'zod';
import {
  accepts,
  INBOUND_EVENTS_PER_REPORT_MAX,
  WATCH_CURSOR_MAX_LENGTH,
  type InboxWatchResults,
  type InboxWatchWork,
  type MailboxToWatch,
} from '../../lib/n8n/nodeContract.js';
import { inboundEventSchema, inboundEventsOutcomeSchema } from '../outcomes/inboundEvents.schemas.js';
import { mailboxProviderSchema } from '../mailboxes/mailboxes.schemas.js';

/** A Graph delta link is the longest cursor; its format per provider is checked by the service. */
const cursorSchema = z.string().min(1).max(WATCH_CURSOR_MAX_LENGTH);

export const inboxWatchClaimBody = z.object({ organizationId: z.uuid() }).strict().openapi('InboxWatchClaim');

export const mailboxToWatchSchema = z
  .object({
    mailboxId: z.uuid(),
    provider: mailboxProviderSchema,
    email: z.string(),
    cursor: z
      .string()
      .nullable()
      .describe(
        "Where the last accepted watch stopped, in the provider's terms (Gmail history id, IMAP `UIDVALIDITY:UID`, Graph delta link, sandbox inbox sequence); null before the first",
      ),
  })
  .openapi('MailboxToWatch') satisfies z.ZodType<MailboxToWatch>;

export const inboxWatchClaimSchema = z
  .object({
    now: z.iso.datetime().describe("The control plane's clock: the watch dates its warm-up observations and bounds its windows by it"),
    ourAddresses: z.array(z.string()).describe('Every mailbox address of the organization: mail from them is never a reply'),
    mailboxes: z.array(mailboxToWatchSchema),
  })
  .openapi('InboxWatchWork') satisfies z.ZodType<InboxWatchWork>;

export const inboxWatchResultsBody = z
  .object({
    mailboxId: z.uuid(),
    previousCursor: cursorSchema.nullable().describe('The cursor the watch started from, as the claim handed it out'),
    cursor: cursorSchema
      .nullable()
      .describe(
        'Where the watch stopped. A watch too large for one request is sent in several: every one but the last has cursor null (its events are recorded, the cursor stays)',
      ),
    events: z.array(inboundEventSchema).max(INBOUND_EVENTS_PER_REPORT_MAX),
  })
  .strict()
  .openapi('InboxWatchResults');

// Every request Inbox Watch posts is accepted as is (a field renamed or made required on either side stops this compiling).
accepts<z.input<typeof inboxWatchResultsBody>, InboxWatchResults>(true);

export const inboxWatchResultsOutcomeSchema = inboundEventsOutcomeSchema
  .extend({
    cursorAdvanced: z
      .boolean()
      .describe(
        'False when the request carried no cursor (not the last of its watch), or another watch moved the cursor since this one was claimed',
      ),
    cursor: z.string().nullable().describe("The mailbox's cursor after this call"),
  })
  .openapi('InboxWatchResultsOutcome');
