import type { LeadStatus } from '../../../generated/prisma/enums.js';
import type { SqlRunner } from '../../leads/import/sqlRunner.js';
import { describeSuppression, findSuppressed } from '../../leads/suppressions/suppressionMatch.js';

/**
 * Which of these leads may no longer be mailed, and why: covered by a suppression (address, domain
 * or erasure hash) or no longer active. The claim's last check, whichever path added the
 * suppression or changed the lead, and however it raced the claim: one query for the whole batch.
 */
export async function unmailableLeads(
  sql: SqlRunner,
  organizationId: string,
  leads: Array<{ id: string; email: string; status: LeadStatus }>,
): Promise<Map<string, string>> {
  const suppressed = await findSuppressed(sql, organizationId, [...new Set(leads.map((lead) => lead.email))]);
  const reasons = new Map<string, string>();
  for (const lead of leads) {
    const match = suppressed.get(lead.email);
    if (match) reasons.set(lead.id, describeSuppression(match));
    else if (lead.status !== 'active') reasons.set(lead.id, `the lead is ${lead.status}`);
  }
  return reasons;
}
