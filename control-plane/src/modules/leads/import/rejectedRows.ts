/**
 * The downloadable CSV of rows an import did not take: the original line number, why, and the
 * original cells. Rows are appended before their batch commits; on resume, anything after the last
 * committed line is dropped, so the file always matches the counters.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { appendFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { neutraliseCell } from '../csvSafety.js';

export interface RejectedRow {
  line: number;
  error: string;
  cells: string[];
}

export function rejectedRowsPath(importsDir: string, importId: string): string {
  return `${importsDir}/${importId}.rejected.csv`;
}

// The cells go back to someone who will open this file in a spreadsheet: neutralise formulas.
const toCsv = (rows: string[][]) =>
  stringifySync(
    rows.map((row) => row.map(neutraliseCell)),
    { eof: true, record_delimiter: '\r\n' },
  );

export async function startRejectedRows(path: string, headers: string[]): Promise<void> {
  await writeFile(path, `\uFEFF${toCsv([['line', 'error', ...headers]])}`);
}

export async function appendRejectedRows(path: string, rows: RejectedRow[]): Promise<void> {
  if (rows.length === 0) return;
  rows.sort((a, b) => a.line - b.line);
  await appendFile(path, toCsv(rows.map((row) => [String(row.line), row.error, ...row.cells])));
}

/** Rewrites the file keeping only rows whose line passes `keep` (the header row always stays). */
export const fileExists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

export async function filterRejectedRows(path: string, keep: (line: number, cells: string[]) => boolean): Promise<void> {
  if (!(await fileExists(path))) return;
  const temporary = `${path}.tmp`;
  let header = true;
  await pipeline(
    createReadStream(path),
    parse({ bom: true, relax_column_count: true }),
    async function* (records: AsyncIterable<string[]>) {
      for await (const record of records) {
        if (header || keep(Number(record[0]), record.slice(2))) yield record;
        header = false;
      }
    },
    stringify({ record_delimiter: '\r\n', bom: true }),
    createWriteStream(temporary),
  );
  await rename(temporary, path);
}

export async function removeRejectedRows(path: string): Promise<void> {
  await rm(path, { force: true });
}
