import type { Histogram } from 'prom-client';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { Logger } from '../../lib/logger.js';
import type { TrackingLinks } from '../campaigns/messages/trackingLinks.js';
import { healthPolicy } from '../mailboxes/health/healthSweep.js';
import { ClaimService } from './campaignSends/claimDueSends.js';
import { SendResultsService } from './campaignSends/recordSendResults.js';
import { InboxRepliesService } from './inboxReplies/inboxReplies.service.js';
import { sendingRoutes } from './sending.routes.js';
import { WarmupObservationsService } from './warmup/warmupObservations.service.js';
import { WarmupSendsService } from './warmup/warmupSends.service.js';

/** n8n's send path: the send queues it claims from (campaign sends, inbox replies, warm-up) and the results it reports. */
export function sendingModule(deps: {
  config: Config;
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  links: TrackingLinks;
  claimDuration?: Histogram;
}): { routes: AnyRoute[] } {
  const { config, prisma, clock, logger, links } = deps;
  const leaseSeconds = config.CLAIM_LEASE_SECONDS;
  return {
    routes: sendingRoutes({
      claims: new ClaimService({
        prisma,
        clock,
        links,
        leaseSeconds,
        ...(deps.claimDuration ? { claimDuration: deps.claimDuration } : {}),
      }),
      results: new SendResultsService({ prisma, clock, healthPolicy: healthPolicy(config), logger }),
      inboxReplies: new InboxRepliesService({ prisma, clock, links, leaseSeconds }),
      warmupSends: new WarmupSendsService({ prisma, clock, leaseSeconds }),
      warmupObservations: new WarmupObservationsService({ prisma, clock }),
    }),
  };
}
