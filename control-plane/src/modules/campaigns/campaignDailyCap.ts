import { Prisma } from '../../generated/prisma/client.js';
import { rawQuery, type RawSql } from '../../lib/db/prisma.js';
import { zonedDayBounds } from '../mailboxes/limits/zonedDay.js';

export interface CampaignOfClaim {
  id: string;
  organizationId: string;
  timezone: string;
}

/**
 * What the campaign's daily cap has used: its sends of its calendar day in the campaign's zone, and its
 * sends in flight (a lease, expired or not, until its result or its return). A scalar subquery, also
 * folded into the claim's capacity statement (capacity.ts). Raw SQL: scoped to the campaign's organization here.
 */
export function campaignUsedTodayCount(campaign: CampaignOfClaim, now: Date): Prisma.Sql {
  const { start, end } = zonedDayBounds(now, campaign.timezone);
  return Prisma.sql`(
    (SELECT count(*)::int FROM messages
     WHERE "organizationId" = ${campaign.organizationId}::uuid AND "campaignId" = ${campaign.id}::uuid AND status = 'sent'
       AND "sentAt" >= (${start.toISOString()}::timestamptz AT TIME ZONE 'UTC') AND "sentAt" < (${end.toISOString()}::timestamptz AT TIME ZONE 'UTC'))
    + (SELECT count(*)::int FROM send_leases
       WHERE "organizationId" = ${campaign.organizationId}::uuid AND "campaignId" = ${campaign.id}::uuid))`;
}

/** The campaign's daily cap counts its calendar day in the campaign's zone, in-flight claims included. */
export async function campaignUsedToday(db: RawSql, campaign: CampaignOfClaim, now: Date): Promise<number> {
  const [row] = await rawQuery<{ used: number }>(
    db,
    Prisma.sql`SELECT ${campaignUsedTodayCount(campaign, now)} AS used`,
    'campaign_used_today',
  );
  return row!.used;
}
