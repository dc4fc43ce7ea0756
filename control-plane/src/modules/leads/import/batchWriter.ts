/**
 * The import's fast path: one SQL statement per batch of rows that upserts the leads, adds them to
 * the target list and advances the import's counters and `lastCommittedLine` — atomically, so a
 * process killed at any moment leaves either the whole batch or none of it.
 *
 * Raw SQL is not covered by the tenant scope (src/lib/db/tenantScope.ts): every statement here
 * filters by, and stamps, `organizationId` itself.
 */
import { standardFields } from '../leadFields.js';
import type { LeadRow } from './rowReader.js';
import type { SqlRunner } from './sqlRunner.js';

export type OnExisting = 'skip' | 'update';

export interface BatchProgress {
  rowsRead: number;
  imported: number;
  updated: number;
  skipped: number;
  rejected: number;
  suppressed: number;
  duplicates: number;
  inActiveCampaign: number | null;
  lastCommittedLine: number;
}

export interface BatchToWrite {
  organizationId: string;
  importId: string;
  /** Written to `leads.source` for leads this import creates; also how merges recognise them. */
  source: string;
  listId: string | null;
  onExisting: OnExisting;
  checkActiveCampaigns: boolean;
  /** The line the previous batch ended on: the statement only applies if the import is still there. */
  previousLine: number;
  lastLine: number;
  rowsRead: number;
  rejected: number;
  suppressed: number;
  duplicatesInBatch: number;
  /** First occurrences of addresses in the file. */
  fresh: LeadRow[];
  /** Addresses already met in an earlier batch of the same file: merged, never counted twice. */
  repeated: LeadRow[];
}

const quoted = (name: string) => `"${name}"`;
const fieldColumns = standardFields.map(quoted);
// Unit separator: cannot appear in a tag (tags come from splitting on , ; |, and control characters are refused).
const tagSeparator = '\u001f';

const insertColumns = ['id', '"organizationId"', 'email', '"emailDomain"', ...fieldColumns, '"customFields"', 'tags', 'source', '"createdAt"', '"updatedAt"'].join(', ');
const selectValues = [
  'gen_random_uuid()', '$1::uuid', 'i.email', 'i.domain', ...standardFields.map((field) => `i.${quoted(field)}`),
  "COALESCE(i.custom::jsonb, '{}'::jsonb)", `COALESCE(string_to_array(i.tags, E'\\x1f'), '{}'::text[])`, '$5', 'now()', 'now()',
].join(', ');
const mergedTags = 'ARRAY(SELECT DISTINCT t FROM unnest(leads.tags || EXCLUDED.tags) AS t)';

// An existing lead under "update": values from the file win, empty cells keep what is there.
const overwrite = [
  ...fieldColumns.map((column) => `${column} = COALESCE(EXCLUDED.${column}, leads.${column})`),
  '"customFields" = leads."customFields" || EXCLUDED."customFields"',
  `tags = ${mergedTags}`,
  '"updatedAt" = now()',
].join(', ');
// A repeated address fills only what its first occurrence left empty.
const fillGaps = [
  ...fieldColumns.map((column) => `${column} = COALESCE(leads.${column}, EXCLUDED.${column})`),
  '"customFields" = EXCLUDED."customFields" || leads."customFields"',
  `tags = ${mergedTags}`,
  '"updatedAt" = now()',
].join(', ');

const arrayParameters = ['email', 'domain', ...standardFields, 'custom', 'tags'];
const firstArrayParameter = 13;
const inputColumns = [...arrayParameters.map((name) => (standardFields.includes(name as never) ? quoted(name) : name)), 'repeated'].join(', ');
const unnestArguments = [
  ...arrayParameters.map((_, index) => `$${firstArrayParameter + index}::text[]`),
  `$${firstArrayParameter + arrayParameters.length}::boolean[]`,
].join(', ');

function batchStatement(onExisting: OnExisting): string {
  const onConflictForFresh = onExisting === 'update' ? `DO UPDATE SET ${overwrite}` : 'DO NOTHING';
  return `
WITH claim AS (
  SELECT id FROM lead_imports
  WHERE id = $2::uuid AND "organizationId" = $1::uuid AND "lastCommittedLine" = $3::int
  FOR UPDATE
),
input AS (
  SELECT * FROM unnest(${unnestArguments}) AS t(${inputColumns})
  WHERE EXISTS (SELECT 1 FROM claim)
),
in_active_campaign AS (
  SELECT count(DISTINCT l.id) AS n
  FROM input i
  JOIN leads l ON l."organizationId" = $1::uuid AND l.email = i.email
  JOIN enrollments e ON e."leadId" = l.id AND e."organizationId" = $1::uuid AND e.state = 'active'
  JOIN campaigns c ON c.id = e."campaignId" AND c."organizationId" = $1::uuid AND c.status = 'active'
  WHERE $11::boolean
),
fresh AS (
  INSERT INTO leads (${insertColumns})
  SELECT ${selectValues} FROM input i WHERE NOT i.repeated
  ON CONFLICT ("organizationId", email) ${onConflictForFresh}
  RETURNING id, (xmax = 0) AS inserted
),
merged AS (
  INSERT INTO leads (${insertColumns})
  SELECT ${selectValues} FROM input i WHERE i.repeated
  ON CONFLICT ("organizationId", email) DO UPDATE SET ${fillGaps}
  WHERE leads.source = $5 OR $6::boolean
  RETURNING id, (xmax = 0) AS inserted
),
listed AS (
  INSERT INTO lead_list_members ("organizationId", "listId", "leadId", "addedAt")
  SELECT DISTINCT $1::uuid, $4::uuid, member.id, now()
  FROM (
    SELECT id FROM fresh
    UNION SELECT id FROM merged
    UNION SELECT l.id FROM input i JOIN leads l ON l."organizationId" = $1::uuid AND l.email = i.email
  ) AS member
  WHERE $4::uuid IS NOT NULL
  ON CONFLICT DO NOTHING
),
counts AS (
  SELECT
    (SELECT count(*) FROM fresh WHERE inserted) + (SELECT count(*) FROM merged WHERE inserted) AS imported,
    (SELECT count(*) FROM fresh WHERE NOT inserted) AS updated,
    (SELECT count(*) FROM input WHERE NOT repeated) - (SELECT count(*) FROM fresh) AS skipped,
    (SELECT count(*) FROM input WHERE repeated) - (SELECT count(*) FROM merged WHERE inserted) AS duplicates,
    (SELECT n FROM in_active_campaign) AS in_active_campaign
)
UPDATE lead_imports li SET
  "rowsRead" = li."rowsRead" + $7::int,
  imported = li.imported + counts.imported,
  updated = li.updated + counts.updated,
  skipped = li.skipped + counts.skipped,
  rejected = li.rejected + $8::int,
  suppressed = li.suppressed + $9::int,
  duplicates = li.duplicates + $10::int + counts.duplicates,
  "inActiveCampaign" = CASE WHEN $11::boolean THEN COALESCE(li."inActiveCampaign", 0) + counts.in_active_campaign ELSE li."inActiveCampaign" END,
  "lastCommittedLine" = $12::int,
  "updatedAt" = now()
FROM counts, claim
WHERE li.id = claim.id
RETURNING li."rowsRead", li.imported, li.updated, li.skipped, li.rejected, li.suppressed, li.duplicates, li."inActiveCampaign", li."lastCommittedLine"`;
}

const statements: Record<OnExisting, string> = { skip: batchStatement('skip'), update: batchStatement('update') };

/**
 * Writes one batch. Returns the import's counters after it, or undefined when the import had moved
 * on (another runner committed this range, or it was deleted): the caller must stop.
 */
export async function writeBatch(sql: SqlRunner, batch: BatchToWrite): Promise<BatchProgress | undefined> {
  const rows = [...batch.fresh, ...batch.repeated];
  const columns: Array<Array<string | null>> = arrayParameters.map(() => new Array(rows.length));
  const repeatedFlags: boolean[] = new Array(rows.length);
  const emailColumn = columns[0]!;
  const domainColumn = columns[1]!;
  const customColumn = columns[2 + standardFields.length]!;
  const tagsColumn = columns[3 + standardFields.length]!;
  rows.forEach((row, index) => {
    emailColumn[index] = row.email;
    domainColumn[index] = row.domain;
    for (let field = 0; field < standardFields.length; field += 1) columns[2 + field]![index] = row.fields[field] ?? null;
    customColumn[index] = row.custom ? JSON.stringify(row.custom) : null;
    tagsColumn[index] = row.tags && row.tags.length > 0 ? row.tags.join(tagSeparator) : null;
    repeatedFlags[index] = index >= batch.fresh.length;
  });
  const result = await sql.query<BatchProgress>(statements[batch.onExisting], [
    batch.organizationId,
    batch.importId,
    batch.previousLine,
    batch.listId,
    batch.source,
    batch.onExisting === 'update',
    batch.rowsRead,
    batch.rejected,
    batch.suppressed,
    batch.duplicatesInBatch,
    batch.checkActiveCampaigns,
    batch.lastLine,
    ...columns,
    repeatedFlags,
  ]);
  return result[0];
}
