import { z } from 'zod';

export const inboxSummarySchema = z
  .object({
    threads: z.number().int(),
    unreadThreads: z.number().int(),
    changedAt: z.iso
      .datetime()
      .nullable()
      .describe(
        'When a thread or a message of the inbox last changed (a new reply, a read state, a reply sent): a later one means read again',
      ),
  })
  .openapi('InboxSummary');

export type InboxSummary = z.infer<typeof inboxSummarySchema>;
