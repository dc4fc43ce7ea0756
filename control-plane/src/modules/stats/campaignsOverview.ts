import type { AuthContext } from '../../lib/http/route.js';
import { accumulate, emptyCounts, finishCounts, type CampaignCounts, type CountsAccumulator } from './counts.js';

export interface CampaignOverview {
  campaignId: string;
  enrolled: number;
  totals: CampaignCounts;
}

/**
 * Every campaign's enrolled leads and all-time counts, for the campaigns list: three queries whatever the
 * number of campaigns, the counts read like a campaign's own stats (folded rows plus deltas not folded yet).
 * Raw SQL is outside the tenant scope: the statement names the organization itself.
 */
export class CampaignsOverviewService {
  async list(auth: Pick<AuthContext, 'db' | 'organizationId'>): Promise<CampaignOverview[]> {
    const campaigns = await auth.db.campaign.findMany({ select: { id: true }, orderBy: { createdAt: 'desc' } });
    const rows = await auth.db.$queryRaw<Array<{ campaignId: string; metric: string; total: bigint; unique: bigint }>>`
      SELECT "campaignId"::text AS "campaignId", metric, sum(total)::bigint AS total, sum(uniques)::bigint AS unique
      FROM (
        SELECT "campaignId", metric, total, "uniqueMessages" AS uniques
        FROM campaign_stats_daily WHERE "organizationId" = ${auth.organizationId}::uuid
        UNION ALL
        SELECT "campaignId", metric, 1, "uniqueMessage"
        FROM campaign_stats_deltas WHERE "organizationId" = ${auth.organizationId}::uuid
      ) counted
      GROUP BY "campaignId", metric`;
    const enrolledRows = await auth.db.enrollment.groupBy({ by: ['campaignId'], _count: { _all: true } });
    const counts = new Map<string, CountsAccumulator>();
    for (const row of rows) accumulate(counts, row.campaignId, row);
    const enrolled = new Map(enrolledRows.map((row) => [row.campaignId, row._count._all]));
    return campaigns.map(({ id }) => ({
      campaignId: id,
      enrolled: enrolled.get(id) ?? 0,
      totals: finishCounts(counts.get(id) ?? emptyCounts()),
    }));
  }
}
