import { Prisma } from '../../generated/prisma/client.js';
import { rawQuery, type RawSql } from '../../lib/db/prisma.js';
import { zonedDayBounds } from '../mailboxes/limits/zonedDay.js';

/** The campaign's daily cap counts its calendar day in the campaign's zone, in-flight claims included. Raw SQL: scoped to the campaign's organization here. */
export async function campaignUsedToday(
  db: RawSql,
  campaign: { id: string; organizationId: string; timezone: string },
  now: Date,
): Promise<number> {
  const { start, end } = zonedDayBounds(now, campaign.timezone);
  const [row] = await rawQuery<{ used: number }>(
    db,
    Prisma.sql`
      SELECT count(*)::int AS used FROM messages
      WHERE "organizationId" = ${campaign.organizationId}::uuid AND "campaignId" = ${campaign.id}::uuid
        AND (status = 'claimed' OR (status = 'sent' AND "sentAt" >= (${start.toISOString()}::timestamptz AT TIME ZONE 'UTC')
                                    AND "sentAt" < (${end.toISOString()}::timestamptz AT TIME ZONE 'UTC')))`,
    'campaign_used_today',
  );
  return row!.used;
}
