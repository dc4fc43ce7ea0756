import type { SuppressionKind, SuppressionReason } from '../../generated/prisma/enums.js';
import type { SqlRunner } from '../leads/import/sqlRunner.js';

export interface SuppressionMatch {
  kind: SuppressionKind;
  reason: SuppressionReason;
}

/**
 * Which of these (normalized) addresses must never be mailed by the organization: suppressed by
 * address, by their whole domain, or erased (only a SHA-256 of the address is kept). One query for
 * a whole batch; each branch probes the (organizationId, kind, value) unique index.
 *
 * Raw SQL is outside the tenant scope: it filters by organizationId itself.
 */
export async function findSuppressed(sql: SqlRunner, organizationId: string, emails: string[]): Promise<Map<string, SuppressionMatch>> {
  const matches = new Map<string, SuppressionMatch>();
  if (emails.length === 0) return matches;
  const rows = await sql.query<{ email: string; kind: SuppressionKind; reason: SuppressionReason }>(
    `SELECT DISTINCT ON (a.email) a.email, s.kind, s.reason
     FROM unnest($2::text[]) AS a(email)
     JOIN suppressions s ON s."organizationId" = $1::uuid AND (
          (s.kind = 'email' AND s.value = a.email)
       OR (s.kind = 'domain' AND s.value = split_part(a.email, '@', 2))
       OR (s.kind = 'email_hash' AND s.value = encode(sha256(convert_to(a.email, 'UTF8')), 'hex')))
     ORDER BY a.email, s.kind`,
    [organizationId, emails],
  );
  for (const row of rows) matches.set(row.email, { kind: row.kind, reason: row.reason });
  return matches;
}

export function describeSuppression(match: SuppressionMatch): string {
  if (match.kind === 'email_hash') return 'suppressed: this person asked to be erased';
  return `suppressed: ${match.kind === 'domain' ? 'domain' : 'address'} is on the suppression list (${match.reason})`;
}
