import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { AnyRoute } from '../../lib/http/route.js';
import { ChangeStream } from '../../lib/http/changeStream.js';
import type { Logger } from '../../lib/logger.js';
import { CampaignStatsService } from './campaignStats.service.js';
import { campaignsOverviewRoutes } from './campaignsOverview.routes.js';
import { CampaignsOverviewService } from './campaignsOverview.js';
import { OrganizationStatsService } from './organizationStats.service.js';
import { organizationStatsRoutes } from './organizationStats.routes.js';
import { statsRoutes } from './stats.routes.js';

/** Campaign and organization-wide statistics, read from the aggregates the events add up to, and their live stream. */
export function statsModule(deps: { config: Config; clock: Clock; logger: Logger }): { routes: AnyRoute[] } {
  const { config, clock, logger } = deps;
  return {
    routes: [
      ...statsRoutes({
        stats: new CampaignStatsService({ clock }),
        stream: new ChangeStream({ intervalMs: config.STATS_STREAM_INTERVAL_MS, logger, name: 'campaign stats' }),
      }),
      ...campaignsOverviewRoutes({ overview: new CampaignsOverviewService() }),
      ...organizationStatsRoutes({ organizationStats: new OrganizationStatsService({ clock }) }),
    ],
  };
}
