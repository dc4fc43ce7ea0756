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
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const insertColumns = [
  'id',
  '"organizationId"',
  'email',
  '"emailDomain"',
  ...fieldColumns,
  '"customFields"',
  'tags',
  'source',
  '"createdAt"',
  '"updatedAt"',
].join(', ');
const selectValues = [
  'gen_random_uuid()',
  '$1::uuid',
  'i.email',
  'i.domain',
  ...standardFields.map((field) => `i.${quoted(field)}`),
  'i.custom',
  `COALESCE(string_to_array(i.tags, E'\\x1f'), '{}'::text[])`,
  '$5',
  'now()',
  'now()',
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

// The batch travels as one jsonb array of row arrays: PostgreSQL parses it once, in C, which costs
// less on both sides than fifteen text[] parameters (measured: docs/performance.md).
const rowValues = ['email', 'domain', ...standardFields, 'custom', 'tags', 'repeated'];
const inputColumns = rowValues
  .map((name, index) => {
    if (name === 'custom') return `r->${index} AS custom`;
    if (name === 'repeated') return `(r->>${index})::boolean AS repeated`;
    return `r->>${index} AS ${standardFields.includes(name as never) ? quoted(name) : name}`;
  })
  .join(', ');

function batchStatement(onExisting: OnExisting): string {
  const onConflictForFresh = onExisting === 'update' ? `DO UPDATE SET ${overwrite}` : 'DO NOTHING';
  return `
WITH claim AS (
  SELECT id FROM lead_imports
  WHERE id = $2::uuid AND "organizationId" = $1::uuid AND "lastCommittedLine" = $3::int
  FOR UPDATE
),
input AS (
  SELECT ${inputColumns} FROM jsonb_array_elements($13::jsonb) AS r
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
  const toValues = (row: LeadRow, repeated: boolean) => [
    row.email,
    row.domain,
    ...row.fields,
    row.custom ?? {},
    row.tags && row.tags.length > 0 ? row.tags.join(tagSeparator) : null,
    repeated,
  ];
  const rows = [...batch.fresh.map((row) => toValues(row, false)), ...batch.repeated.map((row) => toValues(row, true))];
  let payload = JSON.stringify(rows);
  // jsonb refuses NUL and lone UTF-16 surrogates (JSON.stringify escapes both as \u....): the rare
  // batch that has one is re-encoded with them dropped or replaced, rather than failing.
  if (payload.includes('\\u0000') || /\\ud[89a-f]/i.test(payload)) {
    payload = JSON.stringify(rows, (_key, value: unknown) =>
      typeof value === 'string' ? value.replaceAll('\u0000', '').replace(loneSurrogate, '\ufffd') : value,
    );
  }
  const result = await sql.query<BatchProgress>(
    statements[batch.onExisting],
    [
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
      payload,
    ],
    `lead-import-batch-${batch.onExisting}`,
  );
  return result[0];
}
