import { z } from 'zod';
import { inboxLabels } from './inboxThreads.schemas.js';

/** How the built-in labels read; an organization's own label may not take one of these names. */
export const builtInLabelNames: Record<(typeof inboxLabels)[number], string> = {
  interested: 'Interested',
  not_interested: 'Not interested',
  meeting_booked: 'Meeting booked',
  out_of_office: 'Out of office',
  wrong_person: 'Wrong person',
};

export const inboxCustomLabelSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    threads: z.number().int().describe('Threads with this label now'),
    createdAt: z.iso.datetime(),
  })
  .openapi('InboxCustomLabel');

export const inboxCustomLabelBody = z
  .object({ name: z.string().trim().min(1).max(40).describe('Unique in the organization, ignoring case') })
  .strict()
  .openapi('InboxCustomLabelInput');

export const inboxCustomLabelParams = z.object({ labelId: z.uuid() });
