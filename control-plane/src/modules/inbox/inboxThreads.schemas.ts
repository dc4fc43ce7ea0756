import { z } from 'zod';
import { cursorInstant, pageCursor } from '../../lib/http/cursor.js';
import { mailboxProviderSchema } from '../mailboxes/mailboxes.schemas.js';

export const inboxLabels = ['interested', 'not_interested', 'meeting_booked', 'out_of_office', 'wrong_person'] as const;
export const inboxLabelSchema = z.enum(inboxLabels).openapi('InboxLabel');

/** Threads are listed newest activity first; the id breaks ties. */
export const inboxThreadsCursor = pageCursor(z.object({ lastMessageAt: cursorInstant, id: z.uuid() }));

export const listInboxThreadsQuery = z
  .object({
    mailboxId: z.uuid().optional(),
    campaignId: z.uuid().optional(),
    label: z
      .enum([...inboxLabels, 'none'])
      .optional()
      .describe('A built-in label; `none`: threads without any label, built-in or own'),
    customLabelId: z.uuid().optional().describe("Threads with this label of the organization's own"),
    unread: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    search: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("Part of the subject, a message's text, or the lead's email, name or company"),
    cursor: inboxThreadsCursor.param,
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type ListInboxThreadsQuery = z.infer<typeof listInboxThreadsQuery>;

export const inboxThreadParams = z.object({ threadId: z.uuid() });

export const inboxThreadSchema = z
  .object({
    id: z.uuid(),
    unread: z.boolean(),
    label: inboxLabelSchema.nullable(),
    labelSuggested: z.boolean().describe('The label is what an auto-reply suggested (out_of_office), not a person'),
    customLabel: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .describe("A label of the organization's own, instead of a built-in one (a thread has at most one label)"),
    subject: z.string().nullable(),
    snippet: z.string().nullable().describe('Start of the latest message, quoted history left out'),
    lastMessageAt: z.iso.datetime(),
    campaign: z.object({ id: z.uuid(), name: z.string() }),
    lead: z.object({
      id: z.uuid(),
      email: z.string(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      company: z.string().nullable(),
    }),
    mailbox: z.object({ id: z.uuid(), email: z.string(), provider: mailboxProviderSchema, displayName: z.string().nullable() }),
    createdAt: z.iso.datetime(),
  })
  .openapi('InboxThread');

export const inboxMessageKinds = ['campaign', 'reply', 'auto_reply', 'unsubscribe_request', 'inbox_reply'] as const;

export const inboxMessageSchema = z
  .object({
    id: z.uuid(),
    direction: z.enum(['inbound', 'outbound']),
    kind: z
      .enum(inboxMessageKinds)
      .describe('campaign: a step of the sequence; inbox_reply: written in the inbox; the others: what the lead sent, as classified'),
    status: z.enum(['received', 'queued', 'claimed', 'retrying', 'sent', 'failed']),
    step: z.number().int().nullable().describe('1-based sequence step of a campaign message'),
    from: z.string().nullable(),
    to: z.string().nullable(),
    subject: z.string().nullable(),
    bodyText: z.string().nullable().describe('The plain-text body (what the lead wrote includes the quoted history)'),
    bodyHtml: z.string().nullable(),
    messageIdHeader: z.string().nullable(),
    at: z.iso.datetime().describe('When it was received or sent (queued replies: when they were written)'),
    attempt: z.number().int(),
    lastError: z.string().nullable().describe('Why a reply has not gone out yet, or failed'),
  })
  .openapi('InboxMessage');

export const inboxThreadDetailSchema = inboxThreadSchema
  .extend({
    messages: z
      .array(inboxMessageSchema)
      .describe('Oldest first: our campaign messages, what the lead wrote and the replies from the inbox'),
  })
  .openapi('InboxThreadDetail');

export const updateInboxThreadBody = z
  .object({
    read: z.boolean().optional(),
    label: inboxLabelSchema.nullable().optional().describe("A built-in label (replaces the thread's label); null clears any label"),
    customLabelId: z
      .uuid()
      .nullable()
      .optional()
      .describe("A label of the organization's own (replaces the thread's label); null clears any label"),
  })
  .strict()
  .refine((body) => body.read !== undefined || body.label !== undefined || body.customLabelId !== undefined, {
    message: 'Give read, label or customLabelId',
  })
  .refine((body) => !(body.label && body.customLabelId), {
    message: 'A thread has one label: give label or customLabelId, not both',
    path: ['customLabelId'],
  })
  .openapi('InboxThreadUpdate');

export type UpdateInboxThreadInput = z.infer<typeof updateInboxThreadBody>;

export const inboxReplyBody = z
  .object({
    bodyText: z.string().trim().min(1).max(100_000).describe('The plain-text body, as in a sequence variant'),
    bodyHtml: z.string().min(1).max(500_000).optional().describe('An HTML alternative, as in a sequence variant'),
  })
  .strict()
  .openapi('InboxReplyInput');

export type InboxReplyInput = z.infer<typeof inboxReplyBody>;
