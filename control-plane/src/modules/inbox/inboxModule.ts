import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { Logger } from '../../lib/logger.js';
import type { DeploymentService } from '../deployments/deployment.service.js';
import type { InboundEventsService } from '../events/inboundEvents.service.js';
import type { TrackingLinks } from '../tracking/links.js';
import { inboxWatchRoutes } from './inbox.routes.js';
import { InboxRepliesService } from './inboxReplies.service.js';
import { inboxReplyCallbackRoutes, inboxThreadRoutes } from './inboxThreads.routes.js';
import { InboxThreadsService } from './inboxThreads.service.js';
import { InboxWatchService } from './inboxWatch.service.js';

/**
 * The inbox watcher's callbacks (its events go through the same InboundEventsService as
 * /inbound-events, which files replies into the unified inbox), the unified inbox API, and the
 * callbacks that send replies from the inbox.
 */
export function inboxModule(deps: {
  config: Config;
  prisma: PrismaClient;
  clock: Clock;
  links: TrackingLinks;
  logger: Logger;
  deployments: Pick<DeploymentService, 'tickInboxWatcher'>;
  inbound: InboundEventsService;
}): { routes: AnyRoute[] } {
  const { config, prisma, clock, links, logger, deployments, inbound } = deps;
  const sendQueuedReplies = async (organizationId: string) => {
    try {
      await deployments.tickInboxWatcher(organizationId);
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error), organizationId }, 'inbox reply queued; it goes out with the inbox watcher\'s next poll');
    }
  };
  return {
    routes: [
      ...inboxWatchRoutes({ watch: new InboxWatchService({ prisma, inbound }) }),
      ...inboxThreadRoutes({ threads: new InboxThreadsService({ clock, links, sendQueuedReplies }) }),
      ...inboxReplyCallbackRoutes({ replies: new InboxRepliesService({ prisma, clock, links, leaseSeconds: config.CLAIM_LEASE_SECONDS }) }),
    ],
  };
}
