import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import { InboundEventsService } from '../events/inboundEvents.service.js';
import { healthPolicy } from '../mailboxes/health/healthSweep.js';
import { SuppressionsService } from '../suppressions/suppressions.service.js';
import { LeadOutcomes } from '../tracking/leadOutcomes.js';
import { inboxWatchRoutes } from './inbox.routes.js';
import { InboxWatchService } from './inboxWatch.service.js';

/** The inbox watcher's callbacks; its events go through the same InboundEventsService as /inbound-events. */
export function inboxModule(deps: { config: Config; prisma: PrismaClient; clock: Clock }): { routes: AnyRoute[] } {
  const { config, prisma, clock } = deps;
  const suppressions = new SuppressionsService({ importsDir: config.LEAD_IMPORTS_DIR, maxUploadBytes: config.LEAD_IMPORT_MAX_BYTES });
  const inbound = new InboundEventsService({ prisma, clock, outcomes: new LeadOutcomes({ prisma, suppressions }), healthPolicy: healthPolicy(config) });
  return { routes: inboxWatchRoutes({ watch: new InboxWatchService({ prisma, inbound }) }) };
}
