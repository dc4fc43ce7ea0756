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

/**
 * A queued or running run whose row has not changed for this long is taken for one a stopped process
 * left behind. A run records its progress after each page; a page waits for its domains' lookups,
 * which on a failing DNS server can take minutes (10,000 new domains, 64 in flight, a timeout each).
 */
export const staleAfterMs = 15 * 60_000;

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

  /**
   * Continues the runs a stopped process left queued or running (no progress for `staleAfterMs`),
   * after the last lead each wrote, with its counts so far. Runs across organizations: the platform's
   * upkeep calls it (importUpkeep.ts). Returns how many it resumed.
   */
  async resumeInterrupted(): Promise<number> {
    const staleBefore = new Date(this.deps.clock.now().getTime() - staleAfterMs);
    const rows = await this.deps.prisma.leadVerificationRun.findMany({
      where: { status: { in: ['queued', 'running'] }, updatedAt: { lt: staleBefore } },
      orderBy: { createdAt: 'asc' },
    });
    let resumed = 0;
    for (const row of rows) {
      if (this.running.has(row.id)) continue;
      const db = scopedDb(this.deps.prisma, row.organizationId);
      // Claimed by compare-and-set: another replica's upkeep, or progress made meanwhile, wins.
      const { count } = await db.leadVerificationRun.updateMany({
        where: { id: row.id, updatedAt: row.updatedAt },
        data: { status: 'queued' },
      });
      if (count === 0) continue;
      this.deps.logger.info(
        { verificationId: row.id, organizationId: row.organizationId, after: row.lastLeadId },
        'lead verification resumed',
      );
      this.track(row, this.execute(row));
      resumed += 1;
    }
    return resumed;
  }

  private async launch(organizationId: string, selection: RunSelection): Promise<LeadVerificationRun> {
    const db = scopedDb(this.deps.prisma, organizationId);
    const total = await db.lead.count({ where: selectionWhere(selection) });
    const run = await db.leadVerificationRun.create({
      data: {
        organizationId,
        importId: 'importId' in selection ? selection.importId : null,
        selection: 'importId' in selection ? {} : (selection as object),
        total,
      },
    });
    this.track(run, this.execute(run));
    return run;
  }

  private track(run: LeadVerificationRun, execution: Promise<void>): void {
    const db = scopedDb(this.deps.prisma, run.organizationId);
    const done = execution
      .catch(async (error: unknown) => {
        this.deps.logger.error({ err: error, verificationId: run.id }, 'lead verification failed');
        const message = error instanceof Error ? error.message : String(error);
        await db.leadVerificationRun
          .update({ where: { id: run.id }, data: { status: 'failed', error: message.slice(0, 500), finishedAt: this.deps.clock.now() } })
          .catch(() => undefined);
      })
      .finally(() => this.running.delete(run.id));
    this.running.set(run.id, done);
  }

  /** Runs (or, with a last lead written, continues) a run; each page's progress is recorded as it is written. */
  private async execute(run: LeadVerificationRun): Promise<void> {
    const db = scopedDb(this.deps.prisma, run.organizationId);
    const selection: RunSelection = run.importId ? { importId: run.importId } : (run.selection as RunSelection);
    const now = this.deps.clock.now();
    await db.leadVerificationRun.update({ where: { id: run.id }, data: { status: 'running', startedAt: run.startedAt ?? now } });
    const record = (counts: VerificationCounts, lastLeadId: string) =>
      db.leadVerificationRun.update({ where: { id: run.id }, data: { ...counts, lastLeadId } }).then(() => undefined);
    const { checked, valid, risky, invalid, unknown, domains } = run;
    const counts = await verifyLeads(db, {
      organizationId: run.organizationId,
      where: selectionWhere(selection),
      now,
      resolver: this.deps.resolver,
      cache: this.cache,
      concurrency: this.deps.concurrency,
      ...(run.lastLeadId ? { resume: { after: run.lastLeadId, counts: { checked, valid, risky, invalid, unknown, domains } } } : {}),
      onProgress: record,
    });
    await db.leadVerificationRun.update({
      where: { id: run.id },
      data: { ...counts, status: 'completed', finishedAt: this.deps.clock.now() },
    });
  }
}
