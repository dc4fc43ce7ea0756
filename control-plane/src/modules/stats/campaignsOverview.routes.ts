import { z } from 'zod';
import { route, type AnyRoute } from '../../lib/http/route.js';
import type { CampaignsOverviewService } from './campaignsOverview.js';
import { campaignCountsSchema } from './stats.schemas.js';

const campaignsOverviewSchema = z
  .object({
    data: z.array(
      z.object({
        campaignId: z.uuid(),
        enrolled: z.number().int().describe('Leads ever enrolled'),
        totals: campaignCountsSchema,
      }),
    ),
  })
  .openapi('CampaignsOverview');

export function campaignsOverviewRoutes(deps: { overview: CampaignsOverviewService }): AnyRoute[] {
  return [
    // GET /api/stats/campaigns
    route({
      method: 'get',
      path: '/api/stats/campaigns',
      access: 'viewer',
      tag: 'Campaign stats',
      summary: "Every campaign's enrolled leads and all-time totals (sent, replies, bounces, unsubscribes, rates), for the campaigns list",
      responses: { 200: { description: 'One entry per campaign (archived ones too), newest first', schema: campaignsOverviewSchema } },
      handler: async ({ auth }) => ({ body: { data: await deps.overview.list(auth) } }),
    }),
  ];
}
