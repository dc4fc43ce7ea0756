/**
 * Recognises what a CSV export really is (encoding, delimiter, where the header is) from the first
 * bytes of the file, and opens the decoded record stream the import and the preview both read.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import chardet from 'chardet';
import { Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { AppError, ValidationError } from '../../../lib/errors.js';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'shift_jis' | 'gb18030' | 'big5' | 'euc-kr';
export type CsvDelimiter = ',' | ';' | '\t' | '|';

export interface CsvFormat {
  encoding: CsvEncoding;
  bom: boolean;
  delimiter: CsvDelimiter;
  /** Physical line (1-based) of the header row; exports sometimes put a title line above it. */
  headerLine: number;
  /** False when the first row already holds data (a bare list of addresses). */
  hasHeaderRow: boolean;
  headers: string[];
}

export interface CsvSample {
  format: CsvFormat;
  /** The first data rows, as the import will read them. */
  rows: string[][];
}

const sampleBytes = 1024 * 1024;
const previewRows = 10;

// Files people upload by mistake instead of a CSV export.
const binarySignatures: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive or an Excel/Numbers workbook (.xlsx); export it as CSV' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an Excel 97-2003 workbook (.xls); export it as CSV' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

const notCsv = (detail: string) => new AppError('import_not_csv', `The file is not a CSV file: ${detail}`);

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return bytes.every((byte, index) => buffer[index] === byte);
}

/** UTF-16 without a BOM shows as a NUL in every other byte of mostly-ASCII text. */
function utf16WithoutBom(sample: Buffer): CsvEncoding | undefined {
  const length = Math.min(sample.length, 4096) & ~1;
  if (length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (sample[i] === 0) evenZeros += 1;
    if (sample[i + 1] === 0) oddZeros += 1;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function isValidUtf8(sample: Buffer, truncated: boolean): boolean {
  // A sample cut mid-file may end inside a multi-byte character; ignore an incomplete tail.
  let end = sample.length;
  if (truncated) {
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (sample[end - back - 1]! & 0xc0) === 0x80) back += 1;
    if (end - back - 1 >= 0 && sample[end - back - 1]! >= 0xc0) end = end - back - 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

const multiByteLegacy: Record<string, CsvEncoding> = { Shift_JIS: 'shift_jis', GB18030: 'gb18030', Big5: 'big5', 'EUC-KR': 'euc-kr' };

export function detectEncoding(sample: Buffer, truncated: boolean): { encoding: CsvEncoding; bom: boolean } {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bom: true };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf-16le', bom: true };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf-16be', bom: true };
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bom: false };
  if (sample.includes(0)) throw notCsv('it contains binary data');
  if (isValidUtf8(sample, truncated)) return { encoding: 'utf-8', bom: false };
  // Not UTF-8: spreadsheet exports on Windows are Windows-1252 (a superset of Latin-1's printable
  // range), unless the statistics point clearly at a multi-byte Asian encoding.
  const best = chardet.analyse(sample)[0];
  const legacy = best && best.confidence >= 60 ? multiByteLegacy[best.name] : undefined;
  return { encoding: legacy ?? 'windows-1252', bom: false };
}

export function decodeSample(sample: Buffer, encoding: CsvEncoding): string {
  return iconv.decode(sample, encoding, { stripBOM: true });
}

/** Splits the sample into records honouring quotes, counting each candidate delimiter outside quotes. */
function delimiterCounts(text: string, maxRecords: number): Array<Record<CsvDelimiter, number>> {
  const counts: Array<Record<CsvDelimiter, number>> = [];
  let current: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let inQuotes = false;
  let recordHasContent = false;
  for (let i = 0; i < text.length && counts.length < maxRecords; i += 1) {
    const char = text[i]!;
    if (char === '"') {
      inQuotes = !inQuotes;
      recordHasContent = true;
    } else if (!inQuotes && (char === '\n' || char === '\r')) {
      if (recordHasContent) counts.push(current);
      current = { ',': 0, ';': 0, '\t': 0, '|': 0 };
      recordHasContent = false;
    } else if (!inQuotes && (char === ',' || char === ';' || char === '\t' || char === '|')) {
      current[char] += 1;
      recordHasContent = true;
    } else if (char !== ' ') {
      recordHasContent = true;
    }
  }
  return counts;
}

/** The delimiter that splits the most records into the same, largest number of fields. */
export function detectDelimiter(text: string): CsvDelimiter {
  const records = delimiterCounts(text, 50);
  let best: { delimiter: CsvDelimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of [',', ';', '\t', '|'] as const) {
    const frequency = new Map<number, number>();
    for (const record of records) frequency.set(record[delimiter], (frequency.get(record[delimiter]) ?? 0) + 1);
    let modeCount = 0;
    let modeRecords = 0;
    for (const [count, seen] of frequency) {
      if (count > 0 && (seen > modeRecords || (seen === modeRecords && count > modeCount))) {
        modeCount = count;
        modeRecords = seen;
      }
    }
    const score = modeRecords * 1000 + modeCount;
    if (modeCount > 0 && score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

export function csvParserOptions(format: Pick<CsvFormat, 'delimiter'>) {
  return {
    delimiter: format.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    // Whitespace-only lines and rows of bare delimiters (",,,") carry nothing.
    skip_records_with_empty_values: true,
    trim: true,
  } as const;
}

const looksLikeEmail = /^[^\s@,;"']+@[^\s@,;"']+\.[a-z]{2,}$/i;

export function isAddressCell(cell: string): boolean {
  return looksLikeEmail.test(cell.trim().replace(/^mailto:/i, ''));
}

/**
 * Reads the first megabyte of the stored upload and works out how to read the rest. Refuses, with
 * a stable code, files that are empty or not CSV at all.
 */
export async function sampleCsvFile(path: string): Promise<CsvSample> {
  const handle = await open(path, 'r');
  let sample: Buffer;
  let fileSize: number;
  try {
    fileSize = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(sampleBytes, fileSize));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (sample.length === 0) throw new AppError('import_file_empty', 'The file is empty');
  const signature = binarySignatures.find((candidate) => startsWith(sample, candidate.bytes));
  if (signature) throw notCsv(`it looks like ${signature.what}`);

  const truncated = fileSize > sample.length;
  const { encoding, bom } = detectEncoding(sample, truncated);
  let text = decodeSample(sample, encoding);
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 65536).replace(/\u001a$/, ''))) throw notCsv('it contains binary data');
  if (truncated) {
    // Only whole lines: the tail of the sample may cut a record in half.
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline > 0) text = text.slice(0, lastNewline + 1);
  }
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parseSync(text, { ...csvParserOptions({ delimiter }), to: previewRows + 20 }) as string[][];
  } catch (error) {
    throw notCsv(`it cannot be read as CSV (${(error as Error).message})`);
  }
  if (records.length === 0) throw new AppError('import_file_empty', 'The file has no rows');

  const headerIndex = findHeaderRecord(records);
  const headerRecord = records[headerIndex]!;
  const hasHeaderRow = !headerRecord.some(isAddressCell);
  const columnCount = Math.max(...records.slice(headerIndex).map((record) => trimTrailingEmpty(record).length), 1);
  const headers = hasHeaderRow
    ? Array.from({ length: columnCount }, (_, index) => headerRecord[index]?.trim() ?? '')
    : Array.from({ length: columnCount }, (_, index) => `Column ${index + 1}`);
  const rows = records.slice(hasHeaderRow ? headerIndex + 1 : headerIndex, (hasHeaderRow ? headerIndex + 1 : headerIndex) + previewRows);
  const headerLine = lineOfRecord(text, delimiter, headerIndex);
  return { format: { encoding, bom, delimiter, headerLine, hasHeaderRow, headers }, rows };
}

function trimTrailingEmpty(record: string[]): string[] {
  let end = record.length;
  while (end > 0 && record[end - 1] === '') end -= 1;
  return record.slice(0, end);
}

/**
 * The header is the first record that is as wide as the table below it; a title line such as
 * "Exported from X on 2026-01-01" above it is narrower.
 */
function findHeaderRecord(records: string[][]): number {
  const widths = records.map((record) => trimTrailingEmpty(record).length);
  const frequency = new Map<number, number>();
  for (const width of widths.slice(1)) frequency.set(width, (frequency.get(width) ?? 0) + 1);
  const typical = [...frequency.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? widths[0]!;
  const index = widths.findIndex((width) => width >= typical);
  return index < 0 ? 0 : Math.min(index, 5);
}

/** The physical line on which the n-th non-empty record starts (records may span lines). */
function lineOfRecord(text: string, delimiter: CsvDelimiter, recordIndex: number): number {
  if (recordIndex === 0) {
    let line = 1;
    for (const char of text) {
      if (char === '\n') line += 1;
      else if (char !== '\r' && char !== ' ' && char !== delimiter) return line;
    }
    return 1;
  }
  let found = 1;
  const parser = parseSync(text, { ...csvParserOptions({ delimiter }), info: true, to: recordIndex + 1 }) as unknown as Array<{
    info: { lines: number };
  }>;
  const previous = parser[recordIndex - 1];
  if (previous) found = previous.info.lines + 1;
  return found;
}

/** What a record may hold at most by default (LEAD_IMPORT_MAX_RECORD_BYTES). */
export const defaultMaxRecordBytes = 1024 * 1024;

/**
 * A record over the size limit. csv-parse cannot find where the next record starts after it (a quote
 * that is never closed makes the rest of the file one record), so reading stops there.
 */
export class RecordTooLargeError extends ValidationError {
  constructor(
    /** Line where the record starts, as csv-parse counts them (the import job makes it physical). */
    readonly line: number,
    readonly maxRecordBytes: number,
  ) {
    const problem = `the record starting at line ${line} is longer than ${maxRecordBytes} bytes, most likely because a quote opened there is never closed`;
    super(
      [{ path: '', line, message: problem }],
      `Line ${line}: ${problem}. Nothing from that line on was read; fix the file and import it again`,
    );
  }
}

/**
 * csv-parse's parser emitting each record as `{ record, info: { lines } }`, the only position its
 * readers use. csv-parse's own `info: true` builds a ~15-field object per record (two object
 * spreads): about 7% of the Node side of a million-row import (docs/performance.md). Its running
 * counter, read when the record is pushed, is the same line.
 */
class LineNumberedParser extends Parser {
  /** Where the last record read whole ended: the next one starts after it. */
  lastRecordLine = 0;
  private tooLarge: RecordTooLargeError | undefined;

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    this.lastRecordLine = this.info.lines;
    return super.push({ record, info: { lines: this.info.lines } }, encoding);
  }

  /** Ends the records after those already parsed; reading them to the end then throws `error`. */
  endWith(error: RecordTooLargeError): void {
    if (this.tooLarge) return;
    this.tooLarge = error;
    super.push(null);
  }

  override async *[Symbol.asyncIterator]() {
    yield* super[Symbol.asyncIterator]();
    if (this.tooLarge) throw this.tooLarge;
  }
}

/**
 * A stream of records (arrays of cells) with their position, decoded as the format says. A record
 * longer than `maxRecordBytes` ends the stream with a RecordTooLargeError: without the limit,
 * csv-parse would buffer the rest of a file of up to 2 GiB behind an unclosed quote.
 */
export function openRecordStream(
  path: string,
  format: CsvFormat,
  options: { maxRecordBytes?: number } = {},
): { input: Readable; parser: Parser } {
  const maxRecordBytes = options.maxRecordBytes ?? defaultMaxRecordBytes;
  // Small chunks: the parser yields to the event loop often, so database replies are handled promptly.
  const file = createReadStream(path, { highWaterMark: 64 * 1024 });
  const decoded: NodeJS.ReadableStream =
    format.encoding === 'utf-8' ? file : file.pipe(iconv.decodeStream(format.encoding, { stripBOM: true }));
  const parser = new LineNumberedParser({
    ...csvParserOptions(format),
    bom: format.encoding === 'utf-8',
    from_line: format.headerLine,
    max_record_size: maxRecordBytes,
    // A broken record (a quote never closed) is reported as a rejected row, not the end of the import.
    skip_records_with_error: true,
  });
  parser.lastRecordLine = format.headerLine - 1;
  decoded.pipe(parser);
  parser.on('skip', (error: Error & { code?: string }) => {
    if (error.code !== 'CSV_MAX_RECORD_SIZE') return;
    decoded.unpipe(parser);
    file.destroy();
    parser.endWith(new RecordTooLargeError(parser.lastRecordLine + 1, maxRecordBytes));
  });
  file.on('error', (error) => parser.destroy(error));
  return { input: file, parser };
}
