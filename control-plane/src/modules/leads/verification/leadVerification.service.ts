import type { LeadVerificationRun } from '../../../generated/prisma/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { Prisma, PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import { NotFoundError } from '../../../lib/errors.js';
import type { AuthContext } from '../../../lib/http/route.js';
import type { Logger } from '../../../lib/logger.js';
import { leadWhere, type LeadFilter } from '../leadSelection.js';
import { DomainVerdictCache, type MailDomainResolver } from './domainVerdicts.js';
import type { StartVerificationInput } from './leadVerification.schemas.js';
import { verifyLeads, type VerificationCounts } from './verifyLeads.js';

export interface LeadVerificationDeps {
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  resolver: MailDomainResolver;
  /** DNS lookups in flight at once, per run. */
  concurrency: number;
  /** How long a domain's definite verdict is reused by later runs. */
  cacheTtlMs: number;
}

type RunSelection = { importId: string } | { leadIds: string[] } | { filter: LeadFilter };

function selectionWhere(selection: RunSelection): Prisma.LeadWhereInput {
  // An import's leads are the ones it created (leadImports' batch writer stamps their source).
  if ('importId' in selection) return { source: `import:${selection.importId}` };
  if ('leadIds' in selection) return { id: { in: selection.leadIds } };
  return leadWhere(selection.filter);
}

function toRun(row: LeadVerificationRun) {
  return {
    id: row.id,
    status: row.status,
    importId: row.importId,
    progress: { total: row.total, checked: row.checked, domains: row.domains },
    counts: { valid: row.valid, risky: row.risky, invalid: row.invalid, unknown: row.unknown },
    error: row.error,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export type LeadVerificationRunDto = ReturnType<typeof toRun>;

/** Verification runs: started for an import, a selection or a filter; run in the background; polled for progress. */
export class LeadVerificationService {
  private readonly cache: DomainVerdictCache;
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly deps: LeadVerificationDeps) {
    this.cache = new DomainVerdictCache({ maxEntries: 200_000, ttlMs: deps.cacheTtlMs, now: () => deps.clock.now().getTime() });
  }

  async start(auth: AuthContext, input: StartVerificationInput): Promise<LeadVerificationRunDto> {
    const selection: RunSelection = input.leadIds ? { leadIds: input.leadIds } : { filter: input.filter! };
    return toRun(await this.launch(auth.organizationId, selection));
  }

  /** Checks the leads an import created, once it completed. */
  async startForImport(organizationId: string, importId: string): Promise<void> {
    await this.launch(organizationId, { importId });
  }

  async get(auth: AuthContext, runId: string): Promise<LeadVerificationRunDto> {
    const row = await auth.db.leadVerificationRun.findUnique({ where: { id: runId } });
    if (!row) throw new NotFoundError('Verification');
    return toRun(row);
  }

  /** The latest run for an import, or null when it verifies nothing (or has not finished importing). */
  async forImport(auth: AuthContext, importId: string): Promise<LeadVerificationRunDto | null> {
    if (!(await auth.db.leadImport.findUnique({ where: { id: importId }, select: { id: true } }))) throw new NotFoundError('Import');
    const row = await auth.db.leadVerificationRun.findFirst({ where: { importId }, orderBy: { createdAt: 'desc' } });
    return row ? toRun(row) : null;
  }

  /** Resolves when the runs this process started have ended. */
  async settled(): Promise<void> {
    await Promise.all(this.running.values());
  }

  private async launch(organizationId: string, selection: RunSelection): Promise<LeadVerificationRun> {
    const db = scopedDb(this.deps.prisma, organizationId);
    const where = selectionWhere(selection);
    const total = await db.lead.count({ where });
    const run = await db.leadVerificationRun.create({
      data: {
        organizationId,
        importId: 'importId' in selection ? selection.importId : null,
        selection: 'importId' in selection ? {} : (selection as object),
        total,
      },
    });
    const done = this.execute(organizationId, run.id, where)
      .catch(async (error: unknown) => {
        this.deps.logger.error({ err: error, verificationId: run.id }, 'lead verification failed');
        const message = error instanceof Error ? error.message : String(error);
        await db.leadVerificationRun
          .update({ where: { id: run.id }, data: { status: 'failed', error: message.slice(0, 500), finishedAt: this.deps.clock.now() } })
          .catch(() => undefined);
      })
      .finally(() => this.running.delete(run.id));
    this.running.set(run.id, done);
    return run;
  }

  private async execute(organizationId: string, runId: string, where: Prisma.LeadWhereInput): Promise<void> {
    const db = scopedDb(this.deps.prisma, organizationId);
    const now = this.deps.clock.now();
    await db.leadVerificationRun.update({ where: { id: runId }, data: { status: 'running', startedAt: now } });
    const record = (counts: VerificationCounts) =>
      db.leadVerificationRun.update({ where: { id: runId }, data: counts }).then(() => undefined);
    const counts = await verifyLeads(db, {
      organizationId,
      where,
      now,
      resolver: this.deps.resolver,
      cache: this.cache,
      concurrency: this.deps.concurrency,
      onProgress: record,
    });
    await db.leadVerificationRun.update({
      where: { id: runId },
      data: { ...counts, status: 'completed', finishedAt: this.deps.clock.now() },
    });
  }
}
