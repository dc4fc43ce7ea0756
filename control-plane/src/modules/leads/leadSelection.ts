/**
 * How a set of leads is named — explicit ids, a static list, or a filter — for the leads API and
 * for the campaign engine's enrolment (`selectLeads`).
 */
import type { Prisma } from '../../lib/db/prisma.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { sha256Hex } from '../../lib/crypto.js';
import type { LeadStatus, LeadVerificationStatus } from '../../generated/prisma/enums.js';

/** What checking a lead's address found; `unverified` for a lead never checked (it has no verification). */
export type LeadAddressStatus = LeadVerificationStatus | 'unverified';

export interface LeadFilter {
  status?: LeadStatus;
  verificationStatus?: LeadAddressStatus;
  listId?: string;
  tag?: string;
  search?: string;
  /** "<key>:<value>" */
  customField?: string;
}

export interface LeadSelection {
  leadIds?: string[];
  listId?: string;
  filter?: LeadFilter;
}

/**
 * How PostgreSQL's lead_custom_field_entries() (migration lead_list_indexes) writes one field into
 * leads."customFieldEntries": the key's length in characters, a colon, the key, the value.
 */
export function customFieldEntry(key: string, value: string): string {
  return `${[...key].length}:${key}${value}`;
}

export function leadWhere(filter: LeadFilter): Prisma.LeadWhereInput {
  const and: Prisma.LeadWhereInput[] = [];
  if (filter.status) and.push({ status: filter.status });
  if (filter.verificationStatus)
    and.push({
      verification: filter.verificationStatus === 'unverified' ? { is: null } : { is: { status: filter.verificationStatus } },
    });
  if (filter.listId) and.push({ lists: { some: { listId: filter.listId } } });
  if (filter.tag) and.push({ tags: { has: filter.tag } });
  if (filter.search) {
    const contains = { contains: filter.search, mode: 'insensitive' as const };
    and.push({ OR: [{ email: contains }, { firstName: contains }, { lastName: contains }, { company: contains }] });
  }
  if (filter.customField) {
    const colon = filter.customField.indexOf(':');
    const entry = customFieldEntry(filter.customField.slice(0, colon), filter.customField.slice(colon + 1));
    // The overlap is implied by the containment, but PostgreSQL multiplies the two estimates: a value
    // absent from the column's statistics is estimated at 0.5% of the leads on its own (a walk of the
    // whole email index when it is in fact rare), at 0.0025% with both (the GIN index, then a sort).
    and.push({ customFieldEntries: { has: entry } }, { customFieldEntries: { hasSome: [entry] } });
  }
  return { AND: and };
}

/**
 * leadWhere's filter as SQL conditions on `leads`, for the leads page's own statement (Prisma plans
 * each call of its API anew, which cost more than the page's query). Each value is appended to
 * `values` and named by its position; leads.test.ts checks both give the same leads for every filter.
 */
export function leadFilterSql(filter: LeadFilter, values: unknown[]): string[] {
  const parameter = (value: unknown) => `$${values.push(value)}`;
  const conditions: string[] = [];
  if (filter.status) conditions.push(`status = ${parameter(filter.status)}::"LeadStatus"`);
  if (filter.verificationStatus === 'unverified')
    conditions.push('NOT EXISTS (SELECT FROM lead_verifications v WHERE v."leadId" = leads.id)');
  else if (filter.verificationStatus)
    // The organization's condition is repeated so the (organizationId, status) index can answer a rare status.
    conditions.push(
      `EXISTS (SELECT FROM lead_verifications v WHERE v."leadId" = leads.id AND v."organizationId" = leads."organizationId" AND v.status = ${parameter(filter.verificationStatus)}::"LeadVerificationStatus")`,
    );
  if (filter.listId) conditions.push(`id IN (SELECT "leadId" FROM lead_list_members WHERE "listId" = ${parameter(filter.listId)}::uuid)`);
  if (filter.tag) conditions.push(`tags @> ARRAY[${parameter(filter.tag)}]::text[]`);
  if (filter.search) {
    // As Prisma's `contains`: the fragment is not escaped, so % and _ in it match as in LIKE.
    const fragment = parameter(`%${filter.search}%`);
    conditions.push(
      `(email ILIKE ${fragment} OR "firstName" ILIKE ${fragment} OR "lastName" ILIKE ${fragment} OR company ILIKE ${fragment})`,
    );
  }
  if (filter.customField) {
    const colon = filter.customField.indexOf(':');
    const entry = parameter(customFieldEntry(filter.customField.slice(0, colon), filter.customField.slice(colon + 1)));
    // Both clauses, as in leadWhere: their estimates multiply, so a rare value is read from the GIN index.
    conditions.push(`"customFieldEntries" @> ARRAY[${entry}]::text[]`, `"customFieldEntries" && ARRAY[${entry}]::text[]`);
  }
  return conditions;
}

export function selectionWhere(selection: LeadSelection): Prisma.LeadWhereInput {
  const and: Prisma.LeadWhereInput[] = [];
  if (selection.leadIds) and.push({ id: { in: selection.leadIds } });
  if (selection.listId) and.push({ lists: { some: { listId: selection.listId } } });
  if (selection.filter) and.push(leadWhere(selection.filter));
  return { AND: and };
}

export const selectedLeadFields = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  company: true,
  title: true,
  timezone: true,
  customFields: true,
} as const satisfies Prisma.LeadSelect;

export type SelectedLead = Prisma.LeadGetPayload<{ select: typeof selectedLeadFields }>;

/** The addresses among these leads that are suppressed (by address, domain, or erasure hash). */
async function suppressedEmails(db: ScopedDb, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const hashes = new Map(emails.map((email) => [sha256Hex(email), email]));
  const domains = [...new Set(emails.map((email) => email.slice(email.lastIndexOf('@') + 1)))];
  const rows = await db.suppression.findMany({
    where: {
      OR: [
        { kind: 'email', value: { in: emails } },
        { kind: 'domain', value: { in: domains } },
        { kind: 'email_hash', value: { in: [...hashes.keys()] } },
      ],
    },
    select: { kind: true, value: true },
  });
  const blockedDomains = new Set(rows.filter((row) => row.kind === 'domain').map((row) => row.value));
  const blocked = new Set<string>();
  for (const row of rows) {
    if (row.kind === 'email') blocked.add(row.value);
    if (row.kind === 'email_hash') blocked.add(hashes.get(row.value)!);
  }
  for (const email of emails) if (blockedDomains.has(email.slice(email.lastIndexOf('@') + 1))) blocked.add(email);
  return blocked;
}

/**
 * The leads a campaign may enrol, in pages (ordered by email, so memory stays flat on big lists).
 * Unless `includeUnmailable`, only active leads that no suppression covers are returned.
 */
export async function* selectLeads(
  db: ScopedDb,
  selection: LeadSelection,
  options: { pageSize?: number; includeUnmailable?: boolean } = {},
): AsyncGenerator<SelectedLead[]> {
  const pageSize = options.pageSize ?? 1000;
  const where = selectionWhere(selection);
  const mailable: Prisma.LeadWhereInput = options.includeUnmailable ? {} : { status: 'active' };
  let after: string | undefined;
  for (;;) {
    const page = await db.lead.findMany({
      where: { AND: [where, mailable, after ? { email: { gt: after } } : {}] },
      orderBy: { email: 'asc' },
      take: pageSize,
      select: selectedLeadFields,
    });
    if (page.length === 0) return;
    after = page.at(-1)!.email;
    if (options.includeUnmailable) yield page;
    else {
      const blocked = await suppressedEmails(
        db,
        page.map((lead) => lead.email),
      );
      const kept = page.filter((lead) => !blocked.has(lead.email));
      if (kept.length > 0) yield kept;
    }
    if (page.length < pageSize) return;
  }
}
