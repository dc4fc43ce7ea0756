import { z } from 'zod';

/** The ranges the dashboard's figures can cover, in days ending today in the organization's time zone. */
export const dashboardRanges = { '7d': 7, '30d': 30, '90d': 90 } as const;

const isoDate = z.iso.date().optional().catch(undefined);

/** The dashboard's date range, kept in the URL: a preset, or `custom` with its first and last day. */
export const dashboardSearch = z.object({
  range: z.enum(['7d', '30d', '90d', 'custom']).optional().catch(undefined),
  from: isoDate,
  to: isoDate,
});

export type DashboardSearch = z.infer<typeof dashboardSearch>;
