import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { SuppressionsService } from '../leads/suppressions/suppressions.service.js';
import { healthPolicy } from '../mailboxes/health/healthSweep.js';
import { inboundEventRoutes } from './inboundEvents.routes.js';
import { InboundEventsService } from './inboundEvents.service.js';
import { LeadOutcomes } from './leadOutcomes.js';

/**
 * What happens when something happens to a message or a lead: the one place (LeadOutcomes) that records
 * the event, suppresses, stops or postpones sequences and files what a lead wrote into the inbox.
 * Tracking's public links, the inbox watcher and n8n's inbound events all go through it.
 */
export function outcomesModule(deps: { config: Config; prisma: PrismaClient; clock: Clock; suppressions: SuppressionsService }): {
  routes: AnyRoute[];
  leadOutcomes: LeadOutcomes;
  inbound: InboundEventsService;
} {
  const { config, prisma, clock, suppressions } = deps;
  const leadOutcomes = new LeadOutcomes({ prisma, suppressions });
  const inbound = new InboundEventsService({ prisma, clock, outcomes: leadOutcomes, healthPolicy: healthPolicy(config) });
  return { leadOutcomes, inbound, routes: inboundEventRoutes({ inbound }) };
}
