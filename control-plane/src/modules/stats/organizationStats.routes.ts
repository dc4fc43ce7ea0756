import { route, type AnyRoute } from '../../lib/http/route.js';
import type { OrganizationStatsService } from './organizationStats.service.js';
import { organizationStatsQuery, organizationStatsSchema } from './organizationStats.schemas.js';

export function organizationStatsRoutes(deps: { organizationStats: OrganizationStatsService }): AnyRoute[] {
  const { organizationStats } = deps;
  return [
    // GET /api/stats/overview
    route({
      method: 'get',
      path: '/api/stats/overview',
      access: 'viewer',
      tag: 'Organization stats',
      summary: "Totals and a daily series across the organization's campaigns (at most 366 days per request)",
      query: organizationStatsQuery,
      responses: { 200: { description: 'The totals of the range and one entry per day', schema: organizationStatsSchema } },
      handler: async ({ auth, query }) => ({ body: await organizationStats.overview(auth, query) }),
    }),
  ];
}
