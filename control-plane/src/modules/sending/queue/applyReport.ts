import type { SendResultsOutcome } from '../../../lib/n8n/nodeContract.js';
import type { SendResult } from '../sending.schemas.js';
import type { ResultVerdict } from './sendResultRule.js';

/** What earlier results of the same report did: a repeated event is a duplicate, a second settlement of one send is stale. */
export interface ReportSeen {
  seenEvents: Set<string>;
  settledSends: Set<string>;
}

/**
 * Applies a report's results in order, each by `apply` in its own transaction (judged by the one
 * rule, sendResultRule.ts); a result naming a send of no known organization is counted as unknown.
 */
export async function applyReport(
  results: SendResult[],
  organizationOf: Map<string, string>,
  apply: (organizationId: string, result: SendResult, seen: ReportSeen) => Promise<ResultVerdict>,
): Promise<SendResultsOutcome> {
  const outcome: SendResultsOutcome = { applied: 0, duplicates: 0, stale: 0, unknown: 0 };
  const seen: ReportSeen = { seenEvents: new Set(), settledSends: new Set() };
  for (const result of results) {
    const organizationId = organizationOf.get(result.sendId);
    if (!organizationId) outcome.unknown += 1;
    else {
      const verdict = await apply(organizationId, result, seen);
      outcome[verdict === 'apply' ? 'applied' : verdict] += 1;
    }
    seen.seenEvents.add(result.eventId);
  }
  return outcome;
}
