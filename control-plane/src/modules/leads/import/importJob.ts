/**
 * Runs one import from its stored file: stream-parse, validate, dedupe, drop suppressed addresses,
 * and write batches through `writeBatch`. Memory stays flat (two batches and a fingerprint set).
 *
 * Resuming after a crash re-reads the file up to `lastCommittedLine` only to rebuild the set of
 * addresses already met (so duplicates are still recognised), then continues from there.
 */
import { describeSuppression, findSuppressed } from '../suppressions/suppressionMatch.js';
import { AddressSet } from './addressSet.js';
import { writeBatch, type BatchProgress, type OnExisting } from './batchWriter.js';
import { openRecordStream, RecordTooLargeError, type CsvFormat } from './csvFormat.js';
import type { ColumnMapping } from './headerMapping.js';
import { appendRejectedRows, filterRejectedRows, rejectedRowsPath, startRejectedRows, type RejectedRow } from './rejectedRows.js';
import { createRowReader, mergeInto, type LeadRow } from './rowReader.js';
import type { SqlRunner } from './sqlRunner.js';

export interface ImportJobInput {
  organizationId: string;
  importId: string;
  storagePath: string;
  format: CsvFormat;
  mapping: ColumnMapping[];
  onExisting: OnExisting;
  listId: string | null;
  checkActiveCampaigns: boolean;
  lastCommittedLine: number;
}

export interface ImportJobOptions {
  sql: SqlRunner;
  importsDir: string;
  batchSize: number;
  /** A longer record fails the import at its line (csvFormat.ts). */
  maxRecordBytes?: number;
  /** Stops between batches; what was committed stays committed (the import can be resumed). */
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
}

export type ImportJobOutcome = { kind: 'completed'; progress: BatchProgress | undefined } | { kind: 'stopped' } | { kind: 'superseded' };

interface PendingRow {
  row: LeadRow;
  line: number;
  cells: string[];
  repeated: boolean;
}

interface PreparedBatch {
  batch: Batch;
  fresh: LeadRow[];
  repeated: LeadRow[];
  suppressed: number;
}

class Batch {
  readonly byEmail = new Map<string, PendingRow>();
  readonly rejected: RejectedRow[] = [];
  rowsRead = 0;
  duplicates = 0;
  lastLine = 0;
}

/**
 * Physical line numbers (what an editor shows) of each record. csv-parse counts a CRLF inside a
 * quoted cell as two lines, so its count drifts after such a cell; this corrects it.
 */
class LineTracker {
  private drift = 0;

  locate(record: string[], parserLine: number): { start: number; end: number } {
    let breaks = 0;
    let crlfPairs = 0;
    for (const cell of record) {
      if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) continue;
      for (let at = 0; at < cell.length; at += 1) {
        const code = cell.charCodeAt(at);
        if (code === 10) breaks += 1;
        else if (code === 13) {
          breaks += 1;
          if (cell.charCodeAt(at + 1) === 10) {
            crlfPairs += 1;
            at += 1;
          }
        }
      }
    }
    const end = parserLine - this.drift - crlfPairs;
    this.drift += crlfPairs;
    return { start: end - breaks, end };
  }

  /** A line number csv-parse reported (for records it could not read). */
  physical(parserLine: number): number {
    return parserLine - this.drift;
  }
}

export async function runImportJob(input: ImportJobInput, options: ImportJobOptions): Promise<ImportJobOutcome> {
  const { sql, batchSize, signal } = options;
  const reader = createRowReader(input.mapping);
  const rejectedPath = rejectedRowsPath(options.importsDir, input.importId);
  const resumeAfter = input.lastCommittedLine;
  if (resumeAfter > 0) await filterRejectedRows(rejectedPath, (line) => line <= resumeAfter);
  else await startRejectedRows(rejectedPath, input.format.headers);

  const seen = new AddressSet();
  const { parser } = openRecordStream(input.storagePath, input.format, { maxRecordBytes: options.maxRecordBytes });
  // Records csv-parse could not read (e.g. a quote never closed) are reported with their line.
  const unreadable: RejectedRow[] = [];
  const lines = new LineTracker();
  parser.on('skip', (error: Error & { lines?: number; code?: string }) => {
    if (error.code === 'CSV_MAX_RECORD_SIZE') return;
    unreadable.push({ line: lines.physical(error.lines ?? 0), error: `unreadable CSV: ${error.message}`, cells: [] });
  });

  let committedLine = resumeAfter;
  let lastProgress: BatchProgress | undefined;
  let superseded = false;

  /** The read-only half of a batch (suppression lookup, rejected rows to disk), done while the previous batch is written. */
  const prepare = async (batch: Batch): Promise<PreparedBatch> => {
    const pending = [...batch.byEmail.values()];
    const suppressed = await findSuppressed(
      sql,
      input.organizationId,
      pending.map((entry) => entry.row.email),
    );
    const rejected = [...batch.rejected];
    const fresh: LeadRow[] = [];
    const repeated: LeadRow[] = [];
    for (const entry of pending) {
      const match = suppressed.get(entry.row.email);
      if (match) rejected.push({ line: entry.line, error: describeSuppression(match), cells: entry.cells });
      else (entry.repeated ? repeated : fresh).push(entry.row);
    }
    // Before the batch commits: on resume, rows past the last committed line are dropped again.
    await appendRejectedRows(rejectedPath, rejected);
    return { batch, fresh, repeated, suppressed: suppressed.size };
  };

  const write = async ({ batch, fresh, repeated, suppressed }: PreparedBatch): Promise<void> => {
    const progress = await writeBatch(sql, {
      organizationId: input.organizationId,
      importId: input.importId,
      source: `import:${input.importId}`,
      listId: input.listId,
      onExisting: input.onExisting,
      checkActiveCampaigns: input.checkActiveCampaigns,
      previousLine: committedLine,
      lastLine: batch.lastLine,
      rowsRead: batch.rowsRead,
      rejected: batch.rejected.length,
      suppressed,
      duplicatesInBatch: batch.duplicates,
      fresh,
      repeated,
    });
    if (!progress) {
      superseded = true;
      return;
    }
    committedLine = batch.lastLine;
    lastProgress = progress;
    options.onProgress?.(progress);
  };

  // Three stages overlap: parsing batch n+2, preparing n+1 and writing n. Preparations run in
  // order (the rejected-rows file stays sorted), writes run in order (each claims the line the
  // previous one committed). Failures are handled where awaited; the no-op catches only keep an
  // early failure from being reported as unhandled.
  let preparing: Promise<unknown> = Promise.resolve();
  let writing: Promise<void> = Promise.resolve();
  const submit = async (full: Batch): Promise<boolean> => {
    const ready = preparing.then(() => prepare(full));
    preparing = ready;
    ready.catch(() => undefined);
    await writing;
    if (superseded || signal?.aborted) {
      await ready.catch(() => undefined);
      return false;
    }
    writing = ready.then(write);
    writing.catch(() => undefined);
    return true;
  };
  const stopped = (): ImportJobOutcome => (superseded ? { kind: 'superseded' } : { kind: 'stopped' });

  let batch = new Batch();
  let headerPending = input.format.hasHeaderRow;
  const takeUnreadable = (beforeLine: number) => {
    while (unreadable.length > 0 && unreadable[0]!.line < beforeLine) {
      const row = unreadable.shift()!;
      if (row.line <= resumeAfter) continue;
      batch.rejected.push(row);
      batch.rowsRead += 1;
      batch.lastLine = Math.max(batch.lastLine, row.line);
    }
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (headerPending) {
        headerPending = false;
        continue;
      }
      const { start: line, end: endLine } = lines.locate(record, info.lines);
      if (endLine <= resumeAfter) {
        const replayed = reader.read(record);
        if (replayed.ok) seen.add(replayed.row.email);
        continue;
      }
      takeUnreadable(line);
      batch.rowsRead += 1;
      batch.lastLine = endLine;
      const result = reader.read(record);
      if (!result.ok) {
        batch.rejected.push({ line, error: result.error, cells: record });
      } else {
        const earlier = batch.byEmail.get(result.row.email);
        if (earlier) {
          mergeInto(earlier.row, result.row);
          batch.duplicates += 1;
        } else {
          batch.byEmail.set(result.row.email, { row: result.row, line, cells: record, repeated: !seen.add(result.row.email) });
        }
      }
      if (batch.rowsRead >= batchSize) {
        const full = batch;
        batch = new Batch();
        if (!(await submit(full))) return stopped();
      }
    }
    takeUnreadable(Number.POSITIVE_INFINITY);
    if (batch.rowsRead > 0 && !(await submit(batch))) return stopped();
    await writing;
    if (superseded) return stopped();
    return { kind: 'completed', progress: lastProgress };
  } catch (error) {
    if (!(error instanceof RecordTooLargeError)) throw error;
    // Everything before the oversized record is committed, so the import fails at a clean line:
    // its counters and lastCommittedLine say exactly what was imported.
    const startLine = lines.physical(error.line);
    takeUnreadable(startLine);
    if (batch.rowsRead > 0 && !(await submit(batch))) return stopped();
    await writing;
    if (superseded) return stopped();
    throw new RecordTooLargeError(startLine, error.maxRecordBytes);
  } finally {
    parser.destroy();
  }
}
