import { z } from 'zod';

/** The campaigns list's filters, kept in the URL. */
export const campaignsSearch = z.object({
  status: z.enum(['draft', 'active', 'paused', 'completed', 'archived']).optional().catch(undefined),
  search: z.string().optional(),
});

/** Which part of a campaign's page is open. */
export const campaignDetailSearch = z.object({
  tab: z.string().optional(),
});

/** Which section of the builder is open. */
export const campaignBuilderSearch = z.object({
  section: z.string().optional(),
});
