import type { SuppressionKind, SuppressionReason } from '../../../generated/prisma/enums.js';
import type { SqlRunner } from '../import/sqlRunner.js';

export interface SuppressionMatch {
  kind: SuppressionKind;
  reason: SuppressionReason;
}

const kindBranch = (kind: SuppressionKind, value: string) => `
  SELECT a.email, s.kind, s.reason
  FROM json_array_elements_text($2::json) AS a(email)
  JOIN suppressions s ON s."organizationId" = $1::uuid AND s.kind = '${kind}' AND s.value = ${value}
  WHERE EXISTS (SELECT 1 FROM suppressions WHERE "organizationId" = $1::uuid AND kind = '${kind}')`;

// One branch per kind, each probing the (organizationId, kind, value) unique index, and skipped
// outright (a one-time filter) when the organization has no entry of that kind: an organization
// without erasures never pays for hashing every address of a million-row import. The addresses come
// as one JSON array: node-postgres escapes a text[] parameter element by element in JavaScript, which
// was a claim's largest parameter (docs/performance.md, "Claims at scale").
const suppressedQuery = [
  kindBranch('email', 'a.email'),
  kindBranch('domain', "split_part(a.email, '@', 2)"),
  kindBranch('email_hash', "encode(sha256(convert_to(a.email, 'UTF8')), 'hex')"),
].join('\nUNION ALL');

/**
 * Which of these (normalized) addresses must never be mailed by the organization: suppressed by
 * address, by their whole domain, or erased (only a SHA-256 of the address is kept).
 *
 * Raw SQL is outside the tenant scope: it filters by organizationId itself.
 */
export async function findSuppressed(sql: SqlRunner, organizationId: string, emails: string[]): Promise<Map<string, SuppressionMatch>> {
  const matches = new Map<string, SuppressionMatch>();
  if (emails.length === 0) return matches;
  const rows = await sql.query<{ email: string; kind: SuppressionKind; reason: SuppressionReason }>(
    suppressedQuery,
    [organizationId, JSON.stringify(emails)],
    'suppressed-addresses',
  );
  for (const row of rows) if (!matches.has(row.email)) matches.set(row.email, { kind: row.kind, reason: row.reason });
  return matches;
}

export function describeSuppression(match: SuppressionMatch): string {
  if (match.kind === 'email_hash') return 'suppressed: this person asked to be erased';
  return `suppressed: ${match.kind === 'domain' ? 'domain' : 'address'} is on the suppression list (${match.reason})`;
}
