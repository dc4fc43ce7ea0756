import { z } from 'zod';

/** The inbox's filters and the open thread, kept in the URL. */
export const inboxSearch = z.object({
  thread: z.string().optional(),
});
