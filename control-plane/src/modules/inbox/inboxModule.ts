import type { Clock } from '../../lib/clock.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { Logger } from '../../lib/logger.js';
import type { DeploymentService } from '../deployments/deployment.service.js';
import type { InboundEventsService } from '../outcomes/inboundEvents.service.js';
import type { TrackingLinks } from '../campaigns/messages/trackingLinks.js';
import { ChangeStream } from '../../lib/http/changeStream.js';
import { inboxWatchRoutes } from './inbox.routes.js';
import type { InboxSummary } from './inboxActivity.schemas.js';
import { inboxActivityRoutes } from './inboxActivity.routes.js';
import { inboxLabelRoutes } from './inboxLabels.routes.js';
import { InboxLabelsService } from './inboxLabels.service.js';
import { inboxThreadRoutes } from './inboxThreads.routes.js';
import { InboxThreadsService } from './inboxThreads.service.js';
import { InboxWatchService } from './inboxWatch.service.js';

// A reply shows on an open inbox page within this; not worth a setting.
const inboxStreamIntervalMs = 2_000;

/**
 * The inbox watcher's callbacks (its events go through the same InboundEventsService as
 * /inbound-events, which files replies into the unified inbox) and the unified inbox API with its
 * labels and live stream. Replies
 * written here are queued; the sending module sends them.
 */
export function inboxModule(deps: {
  prisma: PrismaClient;
  clock: Clock;
  links: TrackingLinks;
  logger: Logger;
  deployments: Pick<DeploymentService, 'tickInboxWatcher'>;
  inbound: InboundEventsService;
}): { routes: AnyRoute[] } {
  const { prisma, clock, links, logger, deployments, inbound } = deps;
  const sendQueuedReplies = async (organizationId: string) => {
    try {
      await deployments.tickInboxWatcher(organizationId);
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message : String(error), organizationId },
        "inbox reply queued; it goes out with the inbox watcher's next poll",
      );
    }
  };
  return {
    routes: [
      ...inboxWatchRoutes({ watch: new InboxWatchService({ prisma, inbound, clock }) }),
      ...inboxThreadRoutes({ threads: new InboxThreadsService({ clock, links, sendQueuedReplies }) }),
      ...inboxLabelRoutes({ labels: new InboxLabelsService() }),
      ...inboxActivityRoutes({ stream: new ChangeStream<InboxSummary>({ intervalMs: inboxStreamIntervalMs, logger, name: 'inbox' }) }),
    ],
  };
}
