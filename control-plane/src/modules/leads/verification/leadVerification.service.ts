import { randomUUID } from 'node:crypto';
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
import { verifyLeads } from './verifyLeads.js';

export interface LeadVerificationDeps {
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  resolver: MailDomainResolver;
  /** DNS lookups in flight at once, per run. */
  concurrency: number;
  /** How long a domain's definite verdict is reused by later runs. */
  cacheTtlMs: number;
  /**
   * A queued or running run whose heartbeat (its row's `updatedAt`) is older than this was left behind
   * by a stopped process, and the upkeep takes it over.
   */
  staleAfterMs: number;
  /** How often the process running a run writes its heartbeat: well within `staleAfterMs`. */
  heartbeatMs: number;
}

type RunSelection = { importId: string } | { leadIds: string[] } | { filter: LeadFilter };

/** What a runner meets when the row names another runner: its run was taken over, and the new runner carries on. */
class RunTakenOver extends Error {
  constructor() {
    super('The run was taken over by another process');
  }
}

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
   * Takes over the runs a stopped process left queued or running (no heartbeat for `staleAfterMs`)
   * and continues each after the last lead it wrote, with its counts so far. Runs across
   * organizations: the platform's upkeep calls it (importUpkeep.ts), on the replica that leads the
   * periodic jobs (src/lib/db/leadership.ts). Returns how many it took over.
   */
  async resumeInterrupted(): Promise<number> {
    const now = this.deps.clock.now();
    const rows = await this.deps.prisma.leadVerificationRun.findMany({
      where: { status: { in: ['queued', 'running'] }, updatedAt: { lt: new Date(now.getTime() - this.deps.staleAfterMs) } },
      orderBy: { createdAt: 'asc' },
    });
    let resumed = 0;
    for (const row of rows) {
      if (this.running.has(row.id)) continue;
      const runnerId = randomUUID();
      // Claimed by compare-and-set: a heartbeat or progress meanwhile, or another claim, wins. The new
      // runner id fences the old runner out should it be alive after all (see execute()).
      const { count } = await scopedDb(this.deps.prisma, row.organizationId).leadVerificationRun.updateMany({
        where: { id: row.id, updatedAt: row.updatedAt, runnerId: row.runnerId },
        data: { status: 'queued', runnerId, updatedAt: now },
      });
      if (count === 0) continue;
      this.deps.logger.info(
        { verificationId: row.id, organizationId: row.organizationId, after: row.lastLeadId },
        'lead verification resumed',
      );
      this.track(row, runnerId);
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
        runnerId: randomUUID(),
      },
    });
    this.track(run, run.runnerId!);
    return run;
  }

  /** Runs it in the background as `runnerId`; a failure is recorded only while the run is still this runner's. */
  private track(run: LeadVerificationRun, runnerId: string): void {
    const db = scopedDb(this.deps.prisma, run.organizationId);
    const done = this.execute(run, runnerId)
      .catch(async (error: unknown) => {
        if (error instanceof RunTakenOver) {
          this.deps.logger.warn({ verificationId: run.id }, 'lead verification taken over by another process: this one stops');
          return;
        }
        this.deps.logger.error({ err: error, verificationId: run.id }, 'lead verification failed');
        const message = error instanceof Error ? error.message : String(error);
        await db.leadVerificationRun
          .updateMany({
            where: { id: run.id, runnerId },
            data: { status: 'failed', error: message.slice(0, 500), finishedAt: this.deps.clock.now() },
          })
          .catch(() => undefined);
      })
      .finally(() => this.running.delete(run.id));
    this.running.set(run.id, done);
  }

  /**
   * Runs (or, with a last lead written, continues) a run as `runnerId`, writing a heartbeat every
   * `heartbeatMs` and each page's progress as it is written. Every write is conditional on the row still
   * naming this runner: once another process took the run over, the next one throws RunTakenOver. At
   * most the page being written then is written twice, with the same verdicts.
   */
  private async execute(run: LeadVerificationRun, runnerId: string): Promise<void> {
    const db = scopedDb(this.deps.prisma, run.organizationId);
    const write = async (data: Prisma.LeadVerificationRunUpdateManyMutationInput) => {
      const { count } = await db.leadVerificationRun.updateMany({
        where: { id: run.id, runnerId },
        data: { ...data, updatedAt: this.deps.clock.now() },
      });
      if (count === 0) throw new RunTakenOver();
    };
    let beating: Promise<void> | undefined;
    const heartbeat = setInterval(() => {
      // A page waiting on slow DNS writes nothing for minutes: the heartbeat says the process is alive meanwhile.
      beating ??= write({})
        .catch((error: unknown) => {
          if (!(error instanceof RunTakenOver))
            this.deps.logger.warn({ err: error, verificationId: run.id }, 'lead verification heartbeat failed');
        })
        .finally(() => (beating = undefined));
    }, this.deps.heartbeatMs);
    heartbeat.unref();
    try {
      const selection: RunSelection = run.importId ? { importId: run.importId } : (run.selection as RunSelection);
      const now = this.deps.clock.now();
      await write({ status: 'running', startedAt: run.startedAt ?? now });
      const { checked, valid, risky, invalid, unknown, domains } = run;
      const counts = await verifyLeads(db, {
        organizationId: run.organizationId,
        where: selectionWhere(selection),
        now,
        resolver: this.deps.resolver,
        cache: this.cache,
        concurrency: this.deps.concurrency,
        ...(run.lastLeadId ? { resume: { after: run.lastLeadId, counts: { checked, valid, risky, invalid, unknown, domains } } } : {}),
        onProgress: (progress, lastLeadId) => write({ ...progress, lastLeadId }),
      });
      await write({ ...counts, status: 'completed', finishedAt: this.deps.clock.now() });
    } finally {
      clearInterval(heartbeat);
      await beating;
    }
  }
}
