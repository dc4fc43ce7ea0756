/**
 * Lead import upkeep, run when the control plane starts and then on a schedule (docs/leads.md, "Upkeep"):
 * - resumes imports a dead process left `running`/`queued` (stale by the resume endpoint's rule), once
 *   per interruption: one that dies again before committing another batch is marked failed instead,
 *   so a file that crashes the process cannot crash every restart;
 * - continues the address verification runs a dead process left behind (leadVerification.service.ts);
 * - deletes files past their retention: never-committed previews (the row is marked so that committing
 *   it answers 410), a failed import's upload, every finished import's rejected rows, and files no
 *   import accounts for (an upload cut short, the import's organization deleted).
 * It works across organizations (the platform's job); each row is then changed in its own scope.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import cron, { type ScheduledTask } from 'node-cron';
import type { LeadImport } from '../../../generated/prisma/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import { AppError, ConflictError } from '../../../lib/errors.js';
import type { Logger } from '../../../lib/logger.js';
import { expiredPreviewError, staleAfterMs, type LeadImportsService } from './leadImports.service.js';

export interface ImportUpkeepDeps {
  prisma: PrismaClient;
  imports: LeadImportsService;
  clock: Clock;
  logger: Logger;
  importsDir: string;
  /** How long an uploaded file waits for its commit (and how old a file no import accounts for gets). */
  previewRetentionMs: number;
  /** How long after an import finished its rejected rows (and a failed import's upload) are kept. */
  fileRetentionMs: number;
  verification?: { resumeInterrupted(): Promise<number> };
}

export interface UpkeepSummary {
  resumed: number;
  verificationsResumed: number;
  failed: number;
  expiredPreviews: number;
  filesRemoved: number;
  errors: number;
}

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** The files upload.ts, the preview, importJob.ts and rejectedRows.ts write; anything else in the folder is left alone. */
const filePatterns = [
  { kind: 'partial', pattern: new RegExp(`^upload-${uuid}\\.csv$`) },
  { kind: 'partial', pattern: new RegExp(`^(${uuid})\\.rejected\\.csv\\.tmp$`) },
  { kind: 'upload', pattern: new RegExp(`^(${uuid})\\.csv$`) },
  { kind: 'rejectedRows', pattern: new RegExp(`^(${uuid})\\.rejected\\.csv$`) },
] as const;

type ImportFile = { name: string; kind: (typeof filePatterns)[number]['kind']; importId: string | undefined };
type Action = 'keep' | 'remove' | 'expirePreview' | 'dropFailedUpload';

const idQueryChunk = 5000;

export class ImportUpkeep {
  private busy = false;
  private task: ScheduledTask | undefined;

  constructor(private readonly deps: ImportUpkeepDeps) {}

  async runOnce(): Promise<UpkeepSummary> {
    const summary: UpkeepSummary = { resumed: 0, verificationsResumed: 0, failed: 0, expiredPreviews: 0, filesRemoved: 0, errors: 0 };
    if (this.busy) return summary;
    this.busy = true;
    try {
      await this.resumeInterrupted(summary);
      summary.verificationsResumed = (await this.deps.verification?.resumeInterrupted()) ?? 0;
      await this.removeExpiredFiles(summary);
      return summary;
    } finally {
      this.busy = false;
    }
  }

  /** Runs once now (the imports a previous process left behind), then on the schedule. */
  start(schedule: string): void {
    const run = () =>
      this.runOnce()
        .then((summary) => {
          if (Object.values(summary).some((count) => count > 0)) this.deps.logger.info(summary, 'lead import upkeep');
        })
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'lead import upkeep failed'));
    void run();
    this.task = cron.schedule(schedule, () => void run());
  }

  stop(): void {
    void this.task?.stop();
  }

  private async resumeInterrupted(summary: UpkeepSummary): Promise<void> {
    const staleBefore = new Date(this.deps.clock.now().getTime() - staleAfterMs);
    // Across all organizations by design: the sweep is the platform's.
    const rows = await this.deps.prisma.leadImport.findMany({
      where: { status: { in: ['running', 'queued'] }, updatedAt: { lt: staleBefore } },
      orderBy: { updatedAt: 'asc' },
    });
    for (const row of rows) {
      const context = { importId: row.id, organizationId: row.organizationId, lastCommittedLine: row.lastCommittedLine };
      try {
        if (row.autoResumedAtLine === row.lastCommittedLine) {
          if (await this.markFailed(row, 'Interrupted again before committing anything after an automatic resume; resume it by hand')) {
            summary.failed += 1;
            this.deps.logger.warn(context, 'lead import stopped again after its automatic resume: marked failed');
          }
          continue;
        }
        await this.deps.imports.resumeStopped(row, { automatic: true });
        summary.resumed += 1;
        this.deps.logger.info(context, 'lead import resumed automatically');
      } catch (error) {
        if (error instanceof AppError && error.code === 'import_file_expired') {
          if (await this.markFailed(row, error.message)) summary.failed += 1;
          this.deps.logger.warn(context, 'interrupted lead import cannot resume: its file is gone');
        } else if (!(error instanceof ConflictError)) {
          // A ConflictError means it runs in this process or another one claimed it first: nothing to do.
          summary.errors += 1;
          this.deps.logger.error({ ...context, err: error }, 'lead import could not be resumed');
        }
      }
    }
  }

  private async markFailed(row: LeadImport, error: string): Promise<boolean> {
    const { count } = await scopedDb(this.deps.prisma, row.organizationId).leadImport.updateMany({
      where: { id: row.id, updatedAt: row.updatedAt },
      data: { status: 'failed', error, finishedAt: this.deps.clock.now() },
    });
    return count === 1;
  }

  private async removeExpiredFiles(summary: UpkeepSummary): Promise<void> {
    const names = await readdir(this.deps.importsDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const files = names.flatMap((name): ImportFile[] => {
      for (const { kind, pattern } of filePatterns) {
        const match = pattern.exec(name);
        if (match) return [{ name, kind, importId: match[1] }];
      }
      return [];
    });
    const ids = [...new Set(files.flatMap((file) => (file.importId ? [file.importId] : [])))];
    const rows = new Map<string, LeadImport>();
    for (let start = 0; start < ids.length; start += idQueryChunk) {
      const chunk = await this.deps.prisma.leadImport.findMany({ where: { id: { in: ids.slice(start, start + idQueryChunk) } } });
      for (const row of chunk) rows.set(row.id, row);
    }
    for (const file of files) {
      const filePath = path.join(this.deps.importsDir, file.name);
      const row = file.importId ? rows.get(file.importId) : undefined;
      try {
        const action = await this.actionFor(file, filePath, row);
        if (action === 'keep') continue;
        if (action === 'expirePreview' && row) {
          if (!(await this.expirePreview(row))) continue;
          summary.expiredPreviews += 1;
          this.deps.logger.info({ importId: row.id, organizationId: row.organizationId }, 'lead import preview expired: file deleted');
        }
        if (action === 'dropFailedUpload' && row && !(await this.dropFailedUpload(row))) continue;
        await rm(filePath, { force: true });
        summary.filesRemoved += 1;
      } catch (error) {
        summary.errors += 1;
        this.deps.logger.error({ err: error, file: file.name }, 'lead import file could not be cleaned up');
      }
    }
  }

  private async actionFor(file: ImportFile, filePath: string, row: LeadImport | undefined): Promise<Action> {
    const now = this.deps.clock.now().getTime();
    const olderThan = (date: Date | null, ms: number) => date !== null && now - date.getTime() > ms;
    if (file.kind === 'partial' || !row) {
      return olderThan((await stat(filePath)).mtime, this.deps.previewRetentionMs) ? 'remove' : 'keep';
    }
    if (file.kind === 'rejectedRows') {
      return ['completed', 'cancelled', 'failed'].includes(row.status) && olderThan(row.finishedAt, this.deps.fileRetentionMs)
        ? 'remove'
        : 'keep';
    }
    switch (row.status) {
      case 'previewed':
        return olderThan(row.createdAt, this.deps.previewRetentionMs) ? 'expirePreview' : 'keep';
      case 'failed':
        return olderThan(row.finishedAt, this.deps.fileRetentionMs) ? 'dropFailedUpload' : 'keep';
      case 'completed':
      case 'cancelled':
        // Their uploads are deleted when they finish; one still here outlived a crash between the two steps.
        return 'remove';
      default:
        return 'keep';
    }
  }

  /** Compare-and-set against the commit's own claim: a preview committed meanwhile keeps its file. */
  private async expirePreview(row: LeadImport): Promise<boolean> {
    const { count } = await scopedDb(this.deps.prisma, row.organizationId).leadImport.updateMany({
      where: { id: row.id, status: 'previewed' },
      data: {
        status: 'cancelled',
        storagePath: null,
        error: expiredPreviewError,
        fileExpiredAt: this.deps.clock.now(),
        finishedAt: this.deps.clock.now(),
      },
    });
    return count === 1;
  }

  /** Compare-and-set against a resume: a failed import resumed meanwhile keeps its file. */
  private async dropFailedUpload(row: LeadImport): Promise<boolean> {
    const { count } = await scopedDb(this.deps.prisma, row.organizationId).leadImport.updateMany({
      where: { id: row.id, status: 'failed', updatedAt: row.updatedAt },
      data: { storagePath: null, fileExpiredAt: this.deps.clock.now() },
    });
    return count === 1;
  }
}
