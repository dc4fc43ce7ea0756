import { z } from 'zod';

/** The dashboard's date range, kept in the URL. */
export const dashboardSearch = z.object({
  range: z.string().optional(),
});
