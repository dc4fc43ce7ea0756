import type { Clock } from '../../lib/clock.js';
import type { AuthContext } from '../../lib/http/route.js';
import { accumulate, addMetric, emptyCounts, finishCounts, type CampaignCounts, type CountsAccumulator } from './counts.js';
import { foldOrganizationStats, readOrganizationDays } from './statsAggregate.js';
import { dayRange } from './statsRange.js';

type DayCounts = CampaignCounts & { positiveReplies: number };

export interface OrganizationStats {
  timezone: string;
  from: string;
  to: string;
  totals: DayCounts;
  days: Array<{ date: string } & DayCounts>;
}

/**
 * The organization's numbers across all its campaigns: the campaigns' pre-aggregated daily counts added
 * up (exact, like a campaign's own), and positive replies: threads a person labelled interested or meeting booked, on the
 * day the lead first replied (in the organization's time zone).
 *
 * Raw SQL is outside the tenant scope: every statement names the organization itself.
 */
export class OrganizationStatsService {
  constructor(private readonly deps: { clock: Clock }) {}

  async overview(
    auth: Pick<AuthContext, 'db' | 'organizationId'>,
    range: { from?: string | undefined; to?: string | undefined; days?: number | undefined },
  ): Promise<OrganizationStats> {
    const { db, organizationId } = auth;
    const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timezone: true } });
    const { timezone } = organization;
    const { from, to, days: dates } = dayRange(range, timezone, this.deps.clock.now());

    await foldOrganizationStats(db, organizationId);
    const rows = await readOrganizationDays(db, organizationId, from, to);
    const positiveRows = await db.$queryRaw<Array<{ day: Date; threads: bigint }>>`
      SELECT day, count(*)::bigint AS threads
      FROM (
        SELECT ((min(m."receivedAt") AT TIME ZONE 'UTC') AT TIME ZONE ${timezone})::date AS day
        FROM inbox_threads t
        JOIN inbox_messages m ON m."threadId" = t.id AND m.direction = 'inbound'
        WHERE t."organizationId" = ${organizationId}::uuid AND t.label::text IN ('interested', 'meeting_booked')
        GROUP BY t.id
      ) first_replies
      WHERE day BETWEEN ${from}::date AND ${to}::date
      GROUP BY day`;

    const byDay = new Map<string, CountsAccumulator>();
    const total = emptyCounts();
    for (const row of rows) {
      accumulate(byDay, row.day.toISOString().slice(0, 10), row);
      addMetric(total, row.metric, Number(row.total), Number(row.unique));
    }
    const positive = new Map(positiveRows.map((row) => [row.day.toISOString().slice(0, 10), Number(row.threads)]));
    const days = dates.map((date) => ({
      date,
      ...finishCounts(byDay.get(date) ?? emptyCounts()),
      positiveReplies: positive.get(date) ?? 0,
    }));
    const positiveReplies = [...positive.values()].reduce((sum, n) => sum + n, 0);
    return { timezone, from, to, totals: { ...finishCounts(total), positiveReplies }, days };
  }
}
