import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { Logger } from '../../lib/logger.js';
import { createDnsResolver, dnsSettings } from '../../lib/net/dnsResolver.js';
import { suppressionRoutes } from './suppressions/suppressions.routes.js';
import { SuppressionsService } from './suppressions/suppressions.service.js';
import { ImportUpkeep } from './import/importUpkeep.js';
import { leadImportRoutes } from './import/leadImports.routes.js';
import { LeadImportsService } from './import/leadImports.service.js';
import { createImportPool } from './import/sqlRunner.js';
import { LeadListsService } from './leadLists.service.js';
import { leadRoutes } from './leads.routes.js';
import { LeadsService } from './leads.service.js';
import type { LeadSequences } from './leadSequences.js';
import { leadVerificationRoutes } from './verification/leadVerification.routes.js';
import { LeadVerificationService } from './verification/leadVerification.service.js';

// DNS lookups in flight at once per verification run, and how long a domain's answer is reused (docs/deliverability.md).
const verificationDnsConcurrency = 64;
const verificationCacheTtlMs = 24 * 3_600_000;
// A run's heartbeat: every few seconds, and at least three within the staleness bound so one slow write is no takeover.
const verificationHeartbeatMaxMs = 5_000;

/** Leads, lists, imports, address verification and the suppression list, wired from configuration. */
export function leadsModule(deps: { config: Config; prisma: PrismaClient; clock: Clock; logger: Logger; sequences: LeadSequences }): {
  routes: AnyRoute[];
  imports: LeadImportsService;
  verification: LeadVerificationService;
  importUpkeep: ImportUpkeep;
  suppressions: SuppressionsService;
} {
  const { config, prisma, clock, logger, sequences } = deps;
  const files = {
    importsDir: config.LEAD_IMPORTS_DIR,
    maxUploadBytes: config.LEAD_IMPORT_MAX_BYTES,
    maxRecordBytes: config.LEAD_IMPORT_MAX_RECORD_BYTES,
  };
  const sql = createImportPool(config.DATABASE_URL, logger);
  const verification = new LeadVerificationService({
    prisma,
    clock,
    logger,
    resolver: createDnsResolver(dnsSettings(config)),
    concurrency: verificationDnsConcurrency,
    cacheTtlMs: verificationCacheTtlMs,
    staleAfterMs: config.LEAD_VERIFICATION_STALE_AFTER_SECONDS * 1000,
    heartbeatMs: Math.min(verificationHeartbeatMaxMs, (config.LEAD_VERIFICATION_STALE_AFTER_SECONDS * 1000) / 3),
  });
  const imports = new LeadImportsService({
    prisma,
    sql,
    clock,
    logger,
    eventStreamsPerUser: config.LEAD_IMPORT_EVENT_STREAMS_PER_USER,
    sequences,
    verification,
    ...files,
  });
  const importUpkeep = new ImportUpkeep({
    prisma,
    imports,
    clock,
    logger,
    importsDir: config.LEAD_IMPORTS_DIR,
    previewRetentionMs: config.LEAD_IMPORT_PREVIEW_RETENTION_HOURS * 3_600_000,
    fileRetentionMs: config.LEAD_IMPORT_FILE_RETENTION_DAYS * 86_400_000,
    verification,
  });
  const suppressions = new SuppressionsService({ ...files, sequences });
  return {
    imports,
    verification,
    importUpkeep,
    suppressions,
    routes: [
      ...leadRoutes({ leads: new LeadsService({ imports, clock, sequences }), lists: new LeadListsService() }),
      ...leadImportRoutes({ imports }),
      ...leadVerificationRoutes({ verification }),
      ...suppressionRoutes({ suppressions }),
    ],
  };
}
