import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { LeadImport } from '../../../generated/prisma/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.js';
import type { AuthContext } from '../../../lib/http/route.js';
import type { Logger } from '../../../lib/logger.js';
import { normalizeEmail } from '../leadFields.js';
import type { BatchProgress, OnExisting } from './batchWriter.js';
import { sampleCsvFile, type CsvFormat } from './csvFormat.js';
import { mappingProblems, proposeMapping, type ColumnMapping } from './headerMapping.js';
import { ImportEventStreams } from './importEventStreams.js';
import { runImportJob, type ImportJobOutcome } from './importJob.js';
import { ImportProgressFeed } from './importProgressFeed.js';
import { fileExists, filterRejectedRows, rejectedRowsPath } from './rejectedRows.js';
import type { SqlRunner } from './sqlRunner.js';
import { receiveUpload, type StoredUpload } from './upload.js';
import { withArticle } from '../../../lib/words.js';
import { newestFirstOrder, newestFirstPage, olderThan } from '../../../lib/http/cursor.js';
import type { LeadSequences } from '../leadSequences.js';
import { recordWebhookEvents } from '../../../lib/webhooks/webhookOutbox.js';

export interface LeadImportsDeps {
  prisma: PrismaClient;
  /** The fast path's connection (see sqlRunner.ts). */
  sql: SqlRunner;
  clock: Clock;
  logger: Logger;
  importsDir: string;
  maxUploadBytes: number;
  /** LEAD_IMPORT_MAX_RECORD_BYTES (csvFormat.ts's default when absent). */
  maxRecordBytes?: number;
  batchSize?: number;
  /** LEAD_IMPORT_EVENT_STREAMS_PER_USER (5 when absent: the benchmark and tests that serve no HTTP). */
  eventStreamsPerUser?: number;
  /** What updating existing leads' timezones does to their waiting sends. */
  sequences: LeadSequences;
  /** Checks the addresses of a completed import's new leads when it asked for it (absent: never). */
  verification?: { startForImport(organizationId: string, importId: string): Promise<void> };
}

export interface CommitOptions {
  mapping?: ColumnMapping[];
  onExisting: OnExisting;
  listId?: string | null;
  warnActiveCampaigns: boolean;
  /** Check the new leads' addresses once imported; absent: the organization's setting. */
  verifyAddresses?: boolean | undefined;
}

// Rows per statement: big enough that per-statement costs vanish, small enough that the three
// batches in flight keep the heap small (docs/performance.md).
const defaultBatchSize = 2500;
/** An import whose counters have not moved for this long is presumed dead and may be resumed. */
export const staleAfterMs = 30_000;
const terminal = new Set(['completed', 'failed', 'cancelled']);
/** How often a watched import's progress is re-read for its event streams. */
const progressPollMs = 250;

/** What a preview the upkeep deleted unused (importUpkeep.ts) says in `error`. */
export const expiredPreviewError = 'Not committed in time: the uploaded file was deleted; upload it again';

const uploadGone = () =>
  new AppError(
    'import_file_expired',
    'The uploaded file is gone (deleted after its retention period); upload it again (leads already imported are not duplicated)',
  );

const notCommittable = (row: LeadImport) => (row.fileExpiredAt ? uploadGone() : new ConflictError(`This import is already ${row.status}`));

function toLeadImport(row: LeadImport) {
  return {
    id: row.id,
    status: row.status,
    fileName: row.fileName,
    fileSha256: row.fileSha256,
    format: row.format as unknown as CsvFormat,
    mapping: row.mapping as unknown as ColumnMapping[],
    onExisting: row.onExisting as OnExisting,
    listId: row.listId,
    verifyAddresses: row.verifyAddresses,
    progress: {
      rowsRead: row.rowsRead,
      imported: row.imported,
      updated: row.updated,
      skipped: row.skipped,
      rejected: row.rejected,
      suppressed: row.suppressed,
      duplicates: row.duplicates,
      inActiveCampaign: row.inActiveCampaign,
      lastCommittedLine: row.lastCommittedLine,
    },
    error: row.error,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type LeadImportDto = ReturnType<typeof toLeadImport>;

function progressEvent(row: LeadImport) {
  const dto = toLeadImport(row);
  return { status: dto.status, progress: dto.progress, error: dto.error };
}

interface RunningJob {
  controller: AbortController;
  cancelled: boolean;
  done: Promise<void>;
}

export class LeadImportsService {
  private readonly running = new Map<string, RunningJob>();
  private readonly eventStreams: ImportEventStreams;

  constructor(private readonly deps: LeadImportsDeps) {
    const feed = new ImportProgressFeed({
      read: (organizationId, importId) => scopedDb(deps.prisma, organizationId).leadImport.findUnique({ where: { id: importId } }),
      intervalMs: progressPollMs,
      logger: deps.logger,
    });
    this.eventStreams = new ImportEventStreams({ feed, streamsPerUser: deps.eventStreamsPerUser ?? 5, progressOf: progressEvent });
  }

  private async find(auth: AuthContext, importId: string): Promise<LeadImport> {
    const row = await auth.db.leadImport.findUnique({ where: { id: importId } });
    if (!row) throw new NotFoundError('Import');
    return row;
  }

  /** Streams the request body to disk, then answers with the preview. */
  async upload(auth: AuthContext, req: Request) {
    const stored = await receiveUpload(req, { directory: this.deps.importsDir, maxBytes: this.deps.maxUploadBytes });
    return this.preview(auth, stored);
  }

  /** Inspects a stored file and records the import as previewed; refused files are deleted. */
  async preview(auth: AuthContext, stored: StoredUpload) {
    const id = randomUUID();
    const storagePath = path.join(this.deps.importsDir, `${id}.csv`);
    let sample: Awaited<ReturnType<typeof sampleCsvFile>>;
    let mapping: ColumnMapping[];
    try {
      sample = await sampleCsvFile(stored.path);
      mapping = proposeMapping(sample.format.headers, sample.rows);
      if (!mapping.some((entry) => entry.target === 'email')) {
        throw new AppError('import_no_email_column', 'No column holds email addresses; every lead needs one', {
          headers: sample.format.headers,
        });
      }
      await rename(stored.path, storagePath);
    } catch (error) {
      await rm(stored.path, { force: true });
      throw error;
    }
    const row = await auth.db.leadImport.create({
      data: {
        id,
        organizationId: auth.organizationId,
        createdById: auth.userId ?? null,
        fileName: stored.fileName,
        fileSha256: stored.sha256,
        storagePath,
        format: sample.format as object,
        mapping: mapping as object[],
      },
    });
    const previous = await auth.db.leadImport.findFirst({
      where: { fileSha256: stored.sha256, status: 'completed' },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
    return { ...toLeadImport(row), preview: { rows: sample.rows }, previousImportId: previous?.id ?? null };
  }

  async commit(auth: AuthContext, importId: string, options: CommitOptions): Promise<LeadImportDto> {
    const row = await this.find(auth, importId);
    if (row.status !== 'previewed') throw notCommittable(row);
    const format = row.format as unknown as CsvFormat;
    const mapping = options.mapping ?? (row.mapping as unknown as ColumnMapping[]);
    const problems = mappingProblems(mapping, format.headers.length);
    if (problems.length > 0) throw new ValidationError(problems, 'The column mapping is not usable');
    if (options.listId && !(await auth.db.leadList.findUnique({ where: { id: options.listId }, select: { id: true } }))) {
      throw new ValidationError([{ path: 'listId', message: 'No such list' }]);
    }
    if (!row.storagePath || !(await fileExists(row.storagePath))) throw uploadGone();
    const verifyAddresses =
      options.verifyAddresses ??
      (await auth.db.organization.findUniqueOrThrow({ where: { id: auth.organizationId }, select: { verifyLeadsAtImport: true } }))
        .verifyLeadsAtImport;
    const claimed = await auth.db.leadImport.updateMany({
      where: { id: importId, status: 'previewed' },
      data: {
        status: 'running',
        mapping: mapping as object[],
        onExisting: options.onExisting,
        listId: options.listId ?? null,
        inActiveCampaign: options.warnActiveCampaigns ? 0 : null,
        verifyAddresses,
        startedAt: this.deps.clock.now(),
      },
    });
    if (claimed.count === 0) throw notCommittable(await this.find(auth, importId));
    this.launch(auth.organizationId, importId);
    return toLeadImport(await this.find(auth, importId));
  }

  async resume(auth: AuthContext, importId: string): Promise<LeadImportDto> {
    await this.resumeStopped(await this.find(auth, importId), { automatic: false });
    return toLeadImport(await this.find(auth, importId));
  }

  /**
   * Continues an import whose process died (or that failed) from its last committed line. The claim
   * is a compare-and-set on `updatedAt`: of the endpoint and the upkeep sweeps of every control-plane
   * process, one wins. An automatic resume (the upkeep's) records the line it started from.
   */
  async resumeStopped(row: LeadImport, options: { automatic: boolean }): Promise<void> {
    if (!['running', 'queued', 'failed'].includes(row.status))
      throw new ConflictError(`${withArticle(row.status, { capital: true })} import cannot be resumed`);
    const heartbeatAge = this.deps.clock.now().getTime() - row.updatedAt.getTime();
    if (this.running.has(row.id) || (row.status === 'running' && heartbeatAge < staleAfterMs)) {
      throw new ConflictError('This import is still running');
    }
    if (!row.storagePath || !(await fileExists(row.storagePath))) throw uploadGone();
    const claimed = await scopedDb(this.deps.prisma, row.organizationId).leadImport.updateMany({
      where: { id: row.id, updatedAt: row.updatedAt },
      data: {
        status: 'running',
        error: options.automatic ? `Interrupted (its process stopped); resumed automatically after line ${row.lastCommittedLine}` : null,
        autoResumedAtLine: options.automatic ? row.lastCommittedLine : null,
        finishedAt: null,
      },
    });
    if (claimed.count === 0) throw new ConflictError('This import was just resumed');
    this.launch(row.organizationId, row.id);
  }

  async cancel(auth: AuthContext, importId: string): Promise<LeadImportDto> {
    const row = await this.find(auth, importId);
    if (terminal.has(row.status) && row.status !== 'failed') throw new ConflictError(`This import is already ${row.status}`);
    const job = this.running.get(importId);
    if (job) {
      job.cancelled = true;
      job.controller.abort();
      await job.done;
    } else {
      await this.finish(auth.organizationId, importId, { status: 'cancelled' });
    }
    return toLeadImport(await this.find(auth, importId));
  }

  async get(auth: AuthContext, importId: string): Promise<LeadImportDto> {
    return toLeadImport(await this.find(auth, importId));
  }

  async list(auth: AuthContext, query: { limit: number; cursor?: { createdAt: Date; id: string } }) {
    const rows = await auth.db.leadImport.findMany({ where: olderThan(query.cursor), orderBy: newestFirstOrder, take: query.limit + 1 });
    const { page, nextCursor } = newestFirstPage(rows, query.limit);
    return { data: page.map(toLeadImport), nextCursor };
  }

  /** Resolves when the job this process runs for the import has stopped (at once if none). */
  async settled(importId: string): Promise<void> {
    await this.running.get(importId)?.done;
  }

  private launch(organizationId: string, importId: string): void {
    const controller = new AbortController();
    const job: RunningJob = { controller, cancelled: false, done: Promise.resolve() };
    job.done = this.execute(organizationId, importId, { signal: controller.signal })
      .then(async (outcome) => {
        if (outcome.kind === 'completed') await this.finish(organizationId, importId, { status: 'completed' });
        else if (outcome.kind === 'stopped' && job.cancelled) await this.finish(organizationId, importId, { status: 'cancelled' });
      })
      .catch(async (error: unknown) => {
        this.deps.logger.error({ err: error, importId }, 'lead import failed');
        const message = error instanceof Error ? error.message : String(error);
        await this.finish(organizationId, importId, { status: 'failed', error: message.slice(0, 500) }).catch(() => undefined);
      })
      .finally(() => this.running.delete(importId));
    this.running.set(importId, job);
  }

  /** Runs the import in the foreground (the background job, the benchmark and the tests use this). */
  async execute(
    organizationId: string,
    importId: string,
    options: { signal?: AbortSignal; onProgress?: (progress: BatchProgress) => void } = {},
  ): Promise<ImportJobOutcome> {
    const row = await scopedDb(this.deps.prisma, organizationId).leadImport.findUniqueOrThrow({ where: { id: importId } });
    if (!row.storagePath) throw new Error('The import has no stored file');
    return runImportJob(
      {
        organizationId,
        importId,
        storagePath: row.storagePath,
        format: row.format as unknown as CsvFormat,
        mapping: row.mapping as unknown as ColumnMapping[],
        onExisting: row.onExisting as OnExisting,
        listId: row.listId,
        checkActiveCampaigns: row.inActiveCampaign !== null,
        lastCommittedLine: row.lastCommittedLine,
      },
      {
        sql: this.deps.sql,
        importsDir: this.deps.importsDir,
        batchSize: this.deps.batchSize ?? defaultBatchSize,
        maxRecordBytes: this.deps.maxRecordBytes,
        ...options,
      },
    );
  }

  /** Terminal states drop the uploaded file: leads live in the database, and erasure must reach everywhere. */
  private async finish(
    organizationId: string,
    importId: string,
    outcome: { status: 'completed' | 'cancelled' | 'failed'; error?: string },
  ) {
    const keepFile = outcome.status === 'failed';
    const finishedAt = this.deps.clock.now();
    const finished = await scopedDb(this.deps.prisma, organizationId).$transaction(async (tx) => {
      const row = await tx.leadImport.update({
        where: { id: importId },
        data: { status: outcome.status, error: outcome.error ?? null, finishedAt, ...(keepFile ? {} : { storagePath: null }) },
      });
      if (row.status === 'completed') {
        const counts = {
          rowsRead: row.rowsRead,
          imported: row.imported,
          updated: row.updated,
          skipped: row.skipped,
          rejected: row.rejected,
        };
        await recordWebhookEvents(tx, organizationId, [
          { type: 'import.completed', occurredAt: finishedAt, data: { importId, listId: row.listId, ...counts } },
        ]);
      }
      return row;
    });
    // An import that updates existing leads may have changed their timezones: sends waiting for a lead's old window wait for its new one.
    if (finished.onExisting === 'update')
      await this.deps.sequences.recomputeWindows(this.deps.prisma, { organizationId, now: this.deps.clock.now() });
    if (!keepFile) await rm(path.join(this.deps.importsDir, `${importId}.csv`), { force: true });
    if (finished.status === 'completed' && finished.verifyAddresses && this.deps.verification) {
      await this.deps.verification
        .startForImport(organizationId, importId)
        .catch((error: unknown) => this.deps.logger.error({ err: error, importId }, "could not start checking an import's addresses"));
    }
  }

  /** Server-sent events of the import's progress (importEventStreams.ts). */
  async streamEvents(auth: AuthContext, importId: string, req: Request, res: Response): Promise<void> {
    await this.eventStreams.serve(auth, await this.find(auth, importId), req, res);
  }

  async sendRejectedRows(auth: AuthContext, importId: string, res: Response): Promise<void> {
    const row = await this.find(auth, importId);
    const file = rejectedRowsPath(this.deps.importsDir, importId);
    if (!(await fileExists(file))) {
      // Every import that ran wrote one; gone once finished means the upkeep deleted it after its retention.
      if (row.startedAt && terminal.has(row.status))
        throw new AppError('import_file_expired', 'The rejected rows were deleted after their retention period');
      throw new NotFoundError('Rejected rows file');
    }
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="import-${importId}-rejected.csv"`,
    });
    await pipeline(createReadStream(file), res);
  }

  /** GDPR erasure: the rejected-rows files are the only other place an address can be kept. */
  async forgetAddress(organizationId: string, email: string): Promise<void> {
    const imports = await scopedDb(this.deps.prisma, organizationId).leadImport.findMany({ select: { id: true } });
    const target = normalizeEmail(email);
    for (const { id } of imports) {
      await filterRejectedRows(
        rejectedRowsPath(this.deps.importsDir, id),
        (_line, cells) => !cells.some((cell) => normalizeEmail(cell.replace(/^'/, '')) === target),
      );
    }
  }
}
