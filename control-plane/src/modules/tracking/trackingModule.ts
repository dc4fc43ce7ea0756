import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { Logger } from '../../lib/logger.js';
import { inboundEventRoutes } from '../events/inboundEvents.routes.js';
import { InboundEventsService } from '../events/inboundEvents.service.js';
import { healthPolicy } from '../mailboxes/health/healthSweep.js';
import { CampaignStatsService } from '../stats/campaignStats.service.js';
import { statsRoutes } from '../stats/stats.routes.js';
import { StatsStream } from '../stats/statsStream.js';
import { SuppressionsService } from '../leads/suppressions/suppressions.service.js';
import { EngagementThrottle } from './engagementThrottle.js';
import { LeadOutcomes } from './leadOutcomes.js';
import type { TrackingLinks } from './links.js';
import { trackingRoutes } from './tracking.routes.js';
import { TrackingService } from './tracking.service.js';

/**
 * What happens after a send: the public links in the message (unsubscribe, open pixel, clicks), the
 * inbox watcher's replies and bounces, and the campaign stats they add up to. Unsubscribes and
 * inbound events share LeadOutcomes, the one place that suppresses a lead and stops its enrolments.
 */
export function trackingModule(deps: { config: Config; prisma: PrismaClient; clock: Clock; logger: Logger; links: TrackingLinks }): {
  routes: AnyRoute[];
  /** Also what the inbox watcher's results go through (inboxModule). */
  inbound: InboundEventsService;
} {
  const { config, prisma, clock, logger, links } = deps;
  const suppressions = new SuppressionsService({ importsDir: config.LEAD_IMPORTS_DIR, maxUploadBytes: config.LEAD_IMPORT_MAX_BYTES });
  const outcomes = new LeadOutcomes({ prisma, suppressions });
  const inbound = new InboundEventsService({ prisma, clock, outcomes, healthPolicy: healthPolicy(config) });
  return {
    inbound,
    routes: [
      ...trackingRoutes({
        tracking: new TrackingService({ prisma, clock, links, outcomes, logger, throttle: new EngagementThrottle(config.TRACKING_EVENTS_PER_MESSAGE_PER_MINUTE) }),
      }),
      ...inboundEventRoutes({ inbound }),
      ...statsRoutes({ stats: new CampaignStatsService({ clock }), stream: new StatsStream({ intervalMs: config.STATS_STREAM_INTERVAL_MS, logger }) }),
    ],
  };
}
