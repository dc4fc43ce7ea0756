import { rm } from 'node:fs/promises';
import type { Request } from 'express';
import type { Suppression } from '../../../generated/prisma/client.js';
import type { LeadStatus, SuppressionKind, SuppressionReason } from '../../../generated/prisma/enums.js';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.js';
import { newestFirstOrder, newestFirstPage, olderThan } from '../../../lib/http/cursor.js';
import type { AuthContext } from '../../../lib/http/route.js';
import type { LeadSequences } from '../leadSequences.js';
import { recordAudit } from '../../organizations/audit.js';
import { isAddressCell, openRecordStream, sampleCsvFile } from '../import/csvFormat.js';
import { normalizeHeader } from '../import/headerMapping.js';
import { receiveUpload } from '../import/upload.js';
import { emailProblem, isValidDomain, normalizeDomain, normalizeEmail } from '../leadFields.js';
import { describeSuppression } from './suppressionMatch.js';

type ManualReason = Exclude<SuppressionReason, 'erased'>;
type ListedEntry = { kind: 'email' | 'domain'; value: string; reason: SuppressionReason };

function toSuppression(row: Suppression) {
  return { id: row.id, kind: row.kind, value: row.value, reason: row.reason, source: row.source, createdAt: row.createdAt.toISOString() };
}

/** A suppressed address also stops being an active lead: its status says why. */
const leadStatusFor: Partial<Record<SuppressionReason, LeadStatus>> = {
  unsubscribed: 'unsubscribed',
  bounced: 'bounced',
  complained: 'complained',
};

const reasonWords: Record<string, ManualReason> = {
  unsubscribed: 'unsubscribed',
  unsubscribe: 'unsubscribed',
  optout: 'unsubscribed',
  optedout: 'unsubscribed',
  bounced: 'bounced',
  bounce: 'bounced',
  hardbounce: 'bounced',
  complained: 'complained',
  complaint: 'complained',
  spam: 'complained',
  spamcomplaint: 'complained',
  manual: 'manual',
  blocked: 'manual',
  blocklist: 'manual',
  donotcontact: 'manual',
};

const reasonChoices = [...new Set(Object.values(reasonWords))].join(', ');

/** Normalizes an email or domain entry; returns the problem instead when it is not one. */
export function parseSuppressionValue(kind: 'email' | 'domain', raw: string): { value: string } | { problem: string } {
  if (kind === 'email') {
    const value = normalizeEmail(raw);
    const problem = emailProblem(value);
    return problem ? { problem } : { value };
  }
  const value = normalizeDomain(raw);
  return isValidDomain(value) ? { value } : { problem: 'The domain is not valid' };
}

const importBatchSize = 1000;

/**
 * Stops every live sequence of the leads these entries cover: the address, or every address at the
 * domain. One statement pair per kind and reason, whatever the number of entries.
 */
async function stopCoveredSequences(sequences: LeadSequences, db: ScopedDb, entries: ListedEntry[]): Promise<void> {
  const groups = new Map<string, { kind: ListedEntry['kind']; reason: SuppressionReason; values: string[] }>();
  for (const entry of entries) {
    const key = `${entry.kind}:${entry.reason}`;
    const group = groups.get(key) ?? { kind: entry.kind, reason: entry.reason, values: [] };
    group.values.push(entry.value);
    groups.set(key, group);
  }
  for (const { kind, reason, values } of groups.values()) {
    const lead = kind === 'email' ? { email: { in: values } } : { emailDomain: { in: values } };
    await sequences.stop(db, { lead }, describeSuppression({ kind, reason }));
  }
}

export class SuppressionsService {
  constructor(private readonly deps: { importsDir: string; maxUploadBytes: number; maxRecordBytes?: number; sequences: LeadSequences }) {}

  async list(
    auth: AuthContext,
    query: { kind?: SuppressionKind; search?: string; cursor?: { createdAt: Date; id: string }; limit: number },
  ) {
    const rows = await auth.db.suppression.findMany({
      where: {
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.search ? { value: { contains: query.search.toLowerCase() } } : {}),
        ...olderThan(query.cursor),
      },
      orderBy: newestFirstOrder,
      take: query.limit + 1,
    });
    const { page, nextCursor } = newestFirstPage(rows, query.limit);
    return { data: page.map(toSuppression), nextCursor };
  }

  /**
   * Idempotent: suppressing what is already suppressed answers the existing entry. Either way, every
   * sequence of a lead the entry covers (its address, or any address at the domain) is stopped in
   * the same transaction.
   */
  async add(auth: AuthContext, input: { kind: 'email' | 'domain'; value: string; reason: ManualReason; source?: string }) {
    return auth.db.$transaction((tx) => this.addInTransaction({ ...auth, db: tx as unknown as ScopedDb }, input));
  }

  /** `add` for a caller already inside a transaction (`auth.db` is its client), such as LeadOutcomes. */
  async addInTransaction(auth: AuthContext, input: { kind: 'email' | 'domain'; value: string; reason: ManualReason; source?: string }) {
    const parsed = parseSuppressionValue(input.kind, input.value);
    if ('problem' in parsed) throw new ValidationError([{ path: 'value', message: parsed.problem }]);
    const entry: ListedEntry = { kind: input.kind, value: parsed.value, reason: input.reason };
    const existing = await auth.db.suppression.findFirst({ where: { kind: input.kind, value: parsed.value } });
    if (existing) {
      await stopCoveredSequences(this.deps.sequences, auth.db, [{ ...entry, reason: existing.reason }]);
      return { created: false, suppression: toSuppression(existing) };
    }
    const row = await auth.db.suppression.create({
      data: {
        organizationId: auth.organizationId,
        kind: input.kind,
        value: parsed.value,
        reason: input.reason,
        source: input.source ?? 'manual',
      },
    });
    await this.markLeads(auth.db, input.kind === 'email' ? [parsed.value] : [], input.reason);
    await stopCoveredSequences(this.deps.sequences, auth.db, [entry]);
    await recordAudit(auth, {
      action: 'suppression.added',
      targetType: 'suppression',
      targetId: row.id,
      data: { kind: row.kind, reason: row.reason },
    });
    return { created: true, suppression: toSuppression(row) };
  }

  /** Erasure entries stay: removing one would let a forgotten person be imported and mailed again. */
  async remove(auth: AuthContext, suppressionId: string): Promise<void> {
    const row = await auth.db.suppression.findUnique({ where: { id: suppressionId } });
    if (!row) throw new NotFoundError('Suppression');
    if (row.kind === 'email_hash') throw new ConflictError('An erasure cannot be undone');
    await auth.db.suppression.delete({ where: { id: suppressionId } });
    await recordAudit(auth, {
      action: 'suppression.removed',
      targetType: 'suppression',
      targetId: row.id,
      data: { kind: row.kind, reason: row.reason },
    });
  }

  private async markLeads(db: ScopedDb, emails: string[], reason: SuppressionReason): Promise<void> {
    const status = leadStatusFor[reason];
    if (!status || emails.length === 0) return;
    await db.lead.updateMany({ where: { email: { in: emails }, status: 'active' }, data: { status } });
  }

  /**
   * Imports a suppression list from CSV: one column of addresses or domains (a value with an @ is an
   * address), optionally `reason` and `source` columns. Streams; refuses non-CSV files like lead imports.
   */
  async importCsv(auth: AuthContext, req: Request) {
    const stored = await receiveUpload(req, { directory: this.deps.importsDir, maxBytes: this.deps.maxUploadBytes });
    try {
      const { format, rows } = await sampleCsvFile(stored.path);
      const keys = format.headers.map(normalizeHeader);
      let valueColumn = keys.findIndex((key) => ['email', 'emailaddress', 'domain', 'value', 'address', 'suppression'].includes(key));
      if (valueColumn < 0) valueColumn = format.headers.findIndex((_, column) => rows.some((row) => isAddressCell(row[column] ?? '')));
      if (valueColumn < 0 && !format.hasHeaderRow) valueColumn = 0;
      if (valueColumn < 0)
        throw new AppError('import_no_email_column', 'No column holds email addresses or domains', { headers: format.headers });
      const reasonColumn = keys.indexOf('reason');
      const sourceColumn = keys.indexOf('source');

      const result = { rowsRead: 0, added: 0, alreadyPresent: 0, rejected: 0, issues: [] as Array<{ line: number; message: string }> };
      let batch: Array<{ kind: 'email' | 'domain'; value: string; reason: ManualReason; source: string }> = [];
      // Each batch of entries and the sequences they stop commit together.
      const flush = async () => {
        if (batch.length === 0) return;
        const entries = batch;
        batch = [];
        const added = await auth.db.$transaction(async (tx) => {
          const db = tx as unknown as ScopedDb;
          const created = await db.suppression.createMany({
            data: entries.map((entry) => ({ ...entry, organizationId: auth.organizationId })),
            skipDuplicates: true,
          });
          for (const reason of ['unsubscribed', 'bounced', 'complained'] as const) {
            await this.markLeads(
              db,
              entries.filter((entry) => entry.kind === 'email' && entry.reason === reason).map((entry) => entry.value),
              reason,
            );
          }
          await stopCoveredSequences(this.deps.sequences, db, entries);
          return created.count;
        });
        result.added += added;
        result.alreadyPresent += entries.length - added;
      };
      const reject = (line: number, message: string) => {
        result.rejected += 1;
        if (result.issues.length < 100) result.issues.push({ line, message });
      };

      const { parser } = openRecordStream(stored.path, format, { maxRecordBytes: this.deps.maxRecordBytes });
      let skipHeader = format.hasHeaderRow;
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (skipHeader) {
          skipHeader = false;
          continue;
        }
        result.rowsRead += 1;
        const raw = record[valueColumn] ?? '';
        // "@example.com" is a domain; "someone@example.com" an address.
        const kind = raw.includes('@') && !raw.startsWith('@') ? 'email' : 'domain';
        const parsed = parseSuppressionValue(kind, raw);
        if ('problem' in parsed) {
          reject(info.lines, raw ? parsed.problem : 'The email address or domain is missing');
          continue;
        }
        const reasonCell = reasonColumn >= 0 ? normalizeHeader(record[reasonColumn] ?? '') : '';
        const reason = reasonCell ? reasonWords[reasonCell] : 'manual';
        if (!reason) {
          reject(info.lines, `Unknown reason "${record[reasonColumn]}": use one of ${reasonChoices}`);
          continue;
        }
        batch.push({
          kind,
          value: parsed.value,
          reason,
          source: (sourceColumn >= 0 && record[sourceColumn]?.slice(0, 200)) || 'csv import',
        });
        if (batch.length >= importBatchSize) await flush();
      }
      await flush();
      await recordAudit(auth, {
        action: 'suppression.imported',
        targetType: 'suppression',
        data: { added: result.added, rejected: result.rejected },
      });
      return result;
    } finally {
      await rm(stored.path, { force: true });
    }
  }
}
