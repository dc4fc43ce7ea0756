import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { Logger } from '../../lib/logger.js';
import type { TrackingLinks } from '../campaigns/messages/trackingLinks.js';
import type { LeadOutcomes } from '../outcomes/leadOutcomes.js';
import { EngagementEvents } from './engagementEvents.js';
import { EngagementThrottle } from './engagementThrottle.js';
import { trackingRoutes } from './tracking.routes.js';
import { TrackingService } from './tracking.service.js';

/**
 * The public links in a sent message (unsubscribe, open pixel, clicks). An unsubscribe goes through
 * LeadOutcomes like every other outcome.
 */
export function trackingModule(deps: {
  config: Config;
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  links: TrackingLinks;
  outcomes: LeadOutcomes;
}): { routes: AnyRoute[] } {
  const { config, prisma, clock, logger, links, outcomes } = deps;
  return {
    routes: trackingRoutes({
      tracking: new TrackingService({
        prisma,
        clock,
        links,
        outcomes,
        logger,
        throttle: new EngagementThrottle(config.TRACKING_EVENTS_PER_MESSAGE_PER_MINUTE),
        events: new EngagementEvents(prisma),
      }),
    }),
  };
}
