import { z } from 'zod';
import {
  accepts,
  BOUNCE_DIAGNOSTIC_MAX_LENGTH,
  EVENT_ID_MAX_LENGTH,
  HEADER_MAX_LENGTH,
  INBOUND_EVENTS_PER_REPORT_MAX,
  INBOUND_TEXT_MAX_LENGTH,
  PROVIDER_ID_MAX_LENGTH,
  RECIPIENTS_MAX_LENGTH,
  type InboundEvent as ContractInboundEvent,
  type InboundEventsReport,
  type InboundEventType,
} from '../../lib/n8n/nodeContract.js';

export const inboundEventTypes = [
  'replied',
  'auto_replied',
  'bounced',
  'complained',
  'unsubscribe_request',
] as const satisfies readonly InboundEventType[];

/**
 * One thing the inbox watcher saw, with how to find our message: our Message-ID header (angle
 * brackets included) first, then the provider thread, then the lead's address within the mailbox's
 * organization. Read leniently (`.loose()`): the watcher may add diagnostics; `evidence` is kept as sent.
 */
export const inboundEventSchema = z
  .object({
    eventId: z.string().min(1).max(EVENT_ID_MAX_LENGTH),
    type: z.enum(inboundEventTypes),
    inReplyToMessageId: z.string().min(3).max(HEADER_MAX_LENGTH).nullish(),
    threadId: z.string().min(1).max(PROVIDER_ID_MAX_LENGTH).nullish(),
    leadEmail: z.email().max(254).nullish(),
    mailboxId: z.uuid().nullish(),
    bounce: z
      .object({
        kind: z.enum(['hard', 'soft']),
        status: z
          .string()
          .regex(/^[245]\.\d{1,3}\.\d{1,3}$/, 'an enhanced status code such as 5.1.1')
          .nullish(),
        diagnostic: z.string().max(BOUNCE_DIAGNOSTIC_MAX_LENGTH).nullish(),
      })
      .nullish(),
    receivedAt: z.iso.datetime({ offset: true }),
    message: z
      .object({
        from: z.string().max(HEADER_MAX_LENGTH).nullish(),
        to: z.string().max(RECIPIENTS_MAX_LENGTH).nullish(),
        subject: z.string().max(HEADER_MAX_LENGTH).nullish(),
        messageIdHeader: z
          .string()
          .max(HEADER_MAX_LENGTH)
          .nullish()
          .describe("The inbound message's own Message-ID, which a reply from the inbox answers"),
        text: z.string().max(INBOUND_TEXT_MAX_LENGTH).nullish().describe('The plain-text body, as read (quoted history included)'),
      })
      .nullish()
      .describe('What the message says, for the unified inbox; sent with replies, auto-replies and unsubscribe requests'),
    evidence: z.record(z.string(), z.unknown()).default({}),
  })
  .loose()
  .superRefine((event, ctx) => {
    if (!event.inReplyToMessageId && !event.threadId && !event.leadEmail) {
      ctx.addIssue({
        code: 'custom',
        path: ['inReplyToMessageId'],
        message: 'name the message: inReplyToMessageId, threadId or leadEmail',
      });
    }
    if (event.threadId && !event.mailboxId)
      ctx.addIssue({ code: 'custom', path: ['mailboxId'], message: 'a thread id is only unique within its mailbox' });
    if (event.leadEmail && !event.mailboxId && !event.inReplyToMessageId && !event.threadId) {
      ctx.addIssue({ code: 'custom', path: ['mailboxId'], message: "a lead email is looked up within the mailbox's organization" });
    }
    if (event.type === 'bounced' && !event.bounce)
      ctx.addIssue({ code: 'custom', path: ['bounce'], message: 'a bounce needs its kind (hard or soft)' });
  });

/** An event as read (lenient); what Inbox Watch posts is the contract's `InboundEvent`. */
export type InboundEvent = z.infer<typeof inboundEventSchema>;

export const inboundEventsBody = z
  .object({
    source: z.object({ workflowId: z.string().nullish(), executionId: z.string().nullish() }).loose().optional(),
    events: z.array(inboundEventSchema).min(1).max(INBOUND_EVENTS_PER_REPORT_MAX),
  })
  .strict()
  .openapi('InboundEvents');

// Every event and report Inbox Watch posts is accepted as is (a field renamed or made required on either side stops this compiling).
accepts<z.input<typeof inboundEventSchema>, ContractInboundEvent>(true);
accepts<z.input<typeof inboundEventsBody>, InboundEventsReport>(true);

export const inboundEventOutcomes = ['applied', 'duplicate', 'unknown'] as const;

export const inboundEventsOutcomeSchema = z
  .object({
    applied: z.number().int(),
    duplicates: z.number().int(),
    unknown: z.number().int().describe('Events naming no message, thread, lead or mailbox of ours: nothing was recorded'),
    events: z.array(
      z.object({
        eventId: z.string(),
        outcome: z.enum(inboundEventOutcomes),
        leadId: z.uuid().nullable(),
        stoppedEnrollments: z.number().int(),
      }),
    ),
  })
  .openapi('InboundEventsOutcome');
