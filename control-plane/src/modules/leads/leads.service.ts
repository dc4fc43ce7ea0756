import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import type { Lead, LeadVerification } from '../../generated/prisma/client.js';
import type { LeadStatus } from '../../generated/prisma/enums.js';
import type { Clock } from '../../lib/clock.js';
import { preparedQuery, type Prisma } from '../../lib/db/prisma.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { sha256Hex } from '../../lib/crypto.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';
import { recordAudit } from '../organizations/audit.js';
import { findSuppressed } from './suppressions/suppressionMatch.js';
import { neutraliseCell } from './csvSafety.js';
import type { LeadImportsService } from './import/leadImports.service.js';
import type { LeadSequences } from './leadSequences.js';
import { prismaSql } from './import/sqlRunner.js';
import { emailDomain, standardFields, type StandardField } from './leadFields.js';
import { leadFilterSql, leadWhere, type LeadFilter } from './leadSelection.js';
import { leadsCursor } from './leads.schemas.js';
import { isUniqueViolation } from './uniqueViolation.js';
import type { VerificationReason } from './verification/addressRules.js';

/** A lead as Prisma reads it, with its verification. */
type LeadRow = Lead & { verification: Pick<LeadVerification, 'status' | 'reason' | 'verifiedAt'> | null };

/** The lead's verification, read with the lead wherever Prisma reads one. */
const withVerification = { verification: { select: { status: true, reason: true, verifiedAt: true } } } as const;

export function toLead(row: LeadRow) {
  const {
    organizationId: _organization,
    emailDomain: _domain,
    customFieldEntries: _entries,
    customFields,
    verification,
    createdAt,
    updatedAt,
    ...rest
  } = row;
  return {
    ...rest,
    customFields: customFields as Record<string, string>,
    verification: {
      status: verification?.status ?? ('unverified' as const),
      reason: (verification?.reason ?? null) as VerificationReason | null,
      checkedAt: verification?.verifiedAt.toISOString() ?? null,
    },
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** An instant as toISOString writes it: the columns hold UTC (timestamp(3) without time zone, as Prisma stores it). */
const isoInstant = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// The leads page's rows are the API's leads as toLead writes them, in its key order: PostgreSQL
// writes the timestamps and the verification, so no row is mapped or parsed again here.
const leadPageColumns = [
  'id::text AS id',
  'email',
  ...standardFields.map((column) => `"${column}"`),
  'tags',
  'status::text AS status',
  'source',
  '"customFields"',
  `COALESCE(
     (SELECT json_build_object('status', v.status, 'reason', v.reason, 'checkedAt', ${isoInstant('v."verifiedAt"')})
      FROM lead_verifications v WHERE v."leadId" = leads.id),
     json_build_object('status', 'unverified', 'reason', NULL, 'checkedAt', NULL)) AS verification`,
  `${isoInstant('"createdAt"')} AS "createdAt"`,
  `${isoInstant('"updatedAt"')} AS "updatedAt"`,
].join(', ');

type ApiLead = ReturnType<typeof toLead>;

type LeadPageQuery = LeadFilter & { cursor?: { email: string }; limit: number };

/**
 * The leads page's statement: the leads after the cursor in email order, one more than the page to
 * tell whether another follows. Prepared once per connection and filter shape (its name), answered
 * from the (organizationId, email) index or the filter's own.
 */
function leadPageStatement(organizationId: string, query: LeadPageQuery): { name: string; text: string; values: unknown[] } {
  const values: unknown[] = [organizationId];
  const conditions = ['"organizationId" = $1::uuid', ...leadFilterSql(query, values)];
  if (query.cursor) conditions.push(`email > $${values.push(query.cursor.email)}`);
  const text = `SELECT ${leadPageColumns} FROM leads WHERE ${conditions.join(' AND ')} ORDER BY email LIMIT $${values.push(query.limit + 1)}`;
  let name = leadPageStatementNames.get(text);
  if (!name) leadPageStatementNames.set(text, (name = `leads_page_${sha256Hex(text).slice(0, 16)}`));
  return { name, text, values };
}

/** Each statement's name, hashed once: there are a few dozen filter shapes (values are parameters). */
const leadPageStatementNames = new Map<string, string>();

type LeadFieldsInput = Partial<Record<StandardField, string | null>> & { customFields?: Record<string, string>; tags?: string[] };

async function refuseSuppressed(db: ScopedDb, organizationId: string, email: string): Promise<void> {
  const suppressed = await findSuppressed(prismaSql(db), organizationId, [email]);
  if (suppressed.size > 0) {
    throw new ConflictError('This address is on the suppression list', {
      reason: 'suppressed',
      issues: [{ path: 'email', message: 'This address is on the suppression list' }],
    });
  }
}

/** Empty strings clear a field (the schema checked and canonicalized the values). */
function fieldData(input: LeadFieldsInput) {
  const data: Partial<Record<StandardField, string | null>> & { customFields?: object; tags?: string[] } = {};
  for (const field of standardFields) {
    const value = input[field];
    if (value !== undefined) data[field] = value === null || value === '' ? null : value;
  }
  if (input.customFields) data.customFields = input.customFields;
  if (input.tags) data.tags = [...new Set(input.tags)];
  return data;
}

export class LeadsService {
  constructor(private readonly deps: { imports: LeadImportsService; clock: Clock; sequences: LeadSequences }) {}

  async list(auth: AuthContext, query: LeadPageQuery) {
    const { name, text, values } = leadPageStatement(auth.organizationId, query);
    const rows = await preparedQuery<ApiLead>(auth.db, name, text, values);
    const page = rows.length > query.limit ? rows.slice(0, query.limit) : rows;
    return {
      data: page,
      nextCursor: rows.length > query.limit ? leadsCursor.encode({ email: page.at(-1)!.email }) : null,
    };
  }

  async get(auth: AuthContext, leadId: string) {
    const row = await auth.db.lead.findUnique({ where: { id: leadId }, include: withVerification });
    if (!row) throw new NotFoundError('Lead');
    return toLead(row);
  }

  async create(auth: AuthContext, input: LeadFieldsInput & { email: string }) {
    const { email } = input;
    await refuseSuppressed(auth.db, auth.organizationId, email);
    try {
      const row = await auth.db.lead.create({
        data: { organizationId: auth.organizationId, email, emailDomain: emailDomain(email), source: 'api', ...fieldData(input) },
        include: withVerification,
      });
      return toLead(row);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError('A lead with this email already exists', {
          issues: [{ path: 'email', message: 'A lead with this email already exists' }],
        });
      throw error;
    }
  }

  /**
   * A lead that is no longer active, or no longer at the address its sequences were started with,
   * has those sequences stopped in the same transaction (follow-ups would continue a thread the new
   * address never received). A new address on the suppression list is refused, as on create.
   */
  async update(auth: AuthContext, leadId: string, input: LeadFieldsInput & { email?: string; status?: LeadStatus }) {
    const data: Prisma.LeadUpdateInput = { ...fieldData(input) };
    if (input.status) data.status = input.status;
    const { email } = input;
    if (email !== undefined) {
      data.email = email;
      data.emailDomain = emailDomain(email);
    }
    try {
      return await auth.db.$transaction(async (tx) => {
        const db = tx as unknown as ScopedDb;
        const before = await db.lead.findUnique({ where: { id: leadId }, select: { email: true } });
        if (!before) throw new NotFoundError('Lead');
        const addressChanged = email !== undefined && email !== before.email;
        if (addressChanged) await refuseSuppressed(db, auth.organizationId, email);
        // What was found about the old address says nothing about the new one.
        if (addressChanged) await db.leadVerification.deleteMany({ where: { leadId } });
        const updated = await db.lead.update({ where: { id: leadId }, data, include: withVerification });
        if (updated.status !== 'active') await this.deps.sequences.stop(db, { leadId }, `the lead is ${updated.status}`);
        else if (addressChanged) await this.deps.sequences.stop(db, { leadId }, "the lead's address changed");
        // The lead's window is read in the lead's timezone: sends waiting for the old one wait for the new one.
        if (input.timezone !== undefined)
          await this.deps.sequences.recomputeWindows(tx, { organizationId: auth.organizationId, leadId, now: this.deps.clock.now() });
        return toLead(updated);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError('Another lead has this email', { issues: [{ path: 'email', message: 'Another lead has this email' }] });
      throw error;
    }
  }

  /**
   * GDPR erasure: the person disappears from leads, lists, enrolments, messages, events, sandbox
   * mail and rejected-import files; only a SHA-256 of the address stays, as a suppression, so no
   * later import or API call can mail them again.
   */
  async erase(auth: AuthContext, leadId: string): Promise<void> {
    const lead = await auth.db.lead.findUnique({ where: { id: leadId }, select: { id: true, email: true } });
    if (!lead) throw new NotFoundError('Lead');
    const hash = sha256Hex(lead.email);
    await auth.db.$transaction(async (tx) => {
      await tx.event.deleteMany({ where: { leadId: lead.id } });
      await tx.sandboxMessage.deleteMany({ where: { toAddress: { equals: lead.email, mode: 'insensitive' } } });
      await tx.suppression.deleteMany({ where: { kind: 'email', value: lead.email } });
      await tx.suppression.upsert({
        where: { organizationId_kind_value: { organizationId: auth.organizationId, kind: 'email_hash', value: hash } },
        create: { organizationId: auth.organizationId, kind: 'email_hash', value: hash, reason: 'erased', source: 'gdpr_erasure' },
        update: {},
      });
      // Enrolments, their messages and list memberships go with the lead (ON DELETE CASCADE).
      await tx.lead.delete({ where: { id: lead.id } });
    });
    await this.deps.imports.forgetAddress(auth.organizationId, lead.email);
    await recordAudit(auth, { action: 'lead.erased', targetType: 'lead', targetId: lead.id });
  }

  /** Adds and removes tags on many leads at once; ids of other organizations are simply not matched. */
  async changeTags(auth: AuthContext, input: { leadIds: string[]; add: string[]; remove: string[] }) {
    // Raw SQL is outside the tenant scope: it filters by organizationId itself.
    const updated = await auth.db.$executeRawUnsafe(
      `UPDATE leads SET
         tags = ARRAY(SELECT DISTINCT t FROM unnest(tags || $3::text[]) AS t WHERE t <> ALL($4::text[])),
         "updatedAt" = now()
       WHERE "organizationId" = $1::uuid AND id = ANY($2::uuid[])`,
      auth.organizationId,
      input.leadIds,
      input.add,
      input.remove,
    );
    return { updated };
  }

  /** The custom-field names the organization's leads carry (at most 500, alphabetical): export columns, template variables. */
  async customFieldKeys(auth: AuthContext): Promise<string[]> {
    // Raw SQL is outside the tenant scope: it filters by organizationId itself.
    const keys = await auth.db.$queryRawUnsafe<Array<{ key: string }>>(
      `SELECT DISTINCT jsonb_object_keys("customFields") AS key FROM leads WHERE "organizationId" = $1::uuid ORDER BY 1 LIMIT 500`,
      auth.organizationId,
    );
    return keys.map((row) => row.key);
  }

  /**
   * Streams the matching leads as CSV, one page at a time, with spreadsheet formulas neutralised.
   * A client that disconnects stops it at once: no further page is read and nothing waits for a
   * drain that will never come.
   */
  async exportCsv(auth: AuthContext, filter: LeadFilter & { leadIds?: string[] }, res: Response): Promise<void> {
    const customKeys = await this.customFieldKeys(auth);
    res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="leads.csv"' });
    const csv = stringify({ bom: true, record_delimiter: '\r\n' });
    const clientGone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) clientGone.abort();
    });
    csv.pipe(res);
    const write = async (cells: string[]) => {
      if (!csv.write(cells.map(neutraliseCell))) await once(csv, 'drain', { signal: clientGone.signal });
    };
    try {
      await this.writeLeadPages(auth, filter, customKeys, write, clientGone.signal);
      csv.end();
      await finished(res);
    } catch (error) {
      csv.destroy();
      if (!clientGone.signal.aborted) throw error;
    }
  }

  private async writeLeadPages(
    auth: AuthContext,
    filter: LeadFilter & { leadIds?: string[] },
    customKeys: string[],
    write: (cells: string[]) => Promise<void>,
    clientGone: AbortSignal,
  ) {
    await write(['email', ...standardFields, 'tags', 'status', 'createdAt', ...customKeys]);
    const where = filter.leadIds ? { AND: [leadWhere(filter), { id: { in: filter.leadIds } }] } : leadWhere(filter);
    let after: string | undefined;
    while (!clientGone.aborted) {
      const page = await auth.db.lead.findMany({
        where: { AND: [where, after ? { email: { gt: after } } : {}] },
        orderBy: { email: 'asc' },
        take: 1000,
      });
      for (const lead of page) {
        const custom = lead.customFields as Record<string, string>;
        await write([
          lead.email,
          ...standardFields.map((field) => lead[field] ?? ''),
          lead.tags.join(', '),
          lead.status,
          lead.createdAt.toISOString(),
          ...customKeys.map((key) => (custom[key] === undefined ? '' : String(custom[key]))),
        ]);
      }
      if (page.length < 1000) break;
      after = page.at(-1)!.email;
    }
  }
}
