/**
 * Test support: runs one import in a process of its own, so a test can SIGKILL it mid-import.
 * Usage: node --import tsx src/test/leadImportProcess.ts <databaseUrl> <organizationId> <importId> <importsDir> <batchSize>
 * Prints one line per committed batch.
 */
import { systemClock } from '../lib/clock.js';
import { createPrismaClient } from '../lib/db/prisma.js';
import { createLogger } from '../lib/logger.js';
import { LeadImportsService } from '../modules/leads/import/leadImports.service.js';
import { createImportPool } from '../modules/leads/import/sqlRunner.js';
import { campaignLeadSequences } from '../modules/campaigns/leadSequences.js';

const [databaseUrl, organizationId, importId, importsDir, batchSize] = process.argv.slice(2) as [string, string, string, string, string];
const logger = createLogger({ level: 'silent' });
const prisma = createPrismaClient({ databaseUrl, poolSize: 2 });
const imports = new LeadImportsService({
  prisma,
  sql: createImportPool(databaseUrl, logger),
  clock: systemClock,
  logger,
  importsDir,
  maxUploadBytes: 1e9,
  batchSize: Number(batchSize),
  sequences: campaignLeadSequences,
});
await imports.execute(organizationId, importId, {
  onProgress: (progress) => process.stdout.write(`batch ${progress.lastCommittedLine}\n`),
});
process.stdout.write('done\n');
process.exit(0);
