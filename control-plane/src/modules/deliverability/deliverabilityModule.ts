import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import { createDnsResolver, dnsSettings } from '../../lib/net/dnsResolver.js';
import { domainDns } from './checks/domainDns.js';
import { deliverabilityRoutes } from './deliverability.routes.js';
import { DomainChecks } from './domainChecks.service.js';

/** Sending-domain checks (SPF, DKIM, DMARC, MX, blocklists) through the configured DNS servers. */
export function deliverabilityModule(deps: { config: Config; prisma: PrismaClient; clock: Clock }): {
  routes: AnyRoute[];
  domainChecks: DomainChecks;
} {
  const { config, prisma, clock } = deps;
  const domainChecks = new DomainChecks({
    prisma,
    clock,
    dns: domainDns(createDnsResolver(dnsSettings(config))),
    blocklistZones: config.DOMAIN_CHECK_DNSBL_ZONES,
    maxAgeMs: config.DOMAIN_CHECK_MAX_AGE_HOURS * 3_600_000,
  });
  return { domainChecks, routes: deliverabilityRoutes({ domainChecks }) };
}
