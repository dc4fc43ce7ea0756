import { Prisma } from '../../generated/prisma/client.js';
import { NotFoundError } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';
import { activityCursor, type ActivityMetric, type CampaignActivityQuery } from './stats.schemas.js';

export interface CampaignActivity {
  data: Array<{
    id: string;
    at: string;
    metric: ActivityMetric;
    leadId: string | null;
    leadEmail: string | null;
    step: number | null;
    mailboxEmail: string | null;
  }>;
  nextCursor: string | null;
}

interface ActivityRow {
  id: string;
  occurredAt: Date;
  metric: ActivityMetric;
  leadId: string | null;
  leadEmail: string | null;
  stepPosition: number | null;
  mailboxEmail: string | null;
}

/**
 * A campaign's events, newest first: sends, opens and clicks (human or machine), replies, bounces,
 * unsubscribes. The events index is (campaignId, type, occurredAt), so each type is read newest first
 * through it (at most a page per type) and the pages are merged: a page costs the same at a million
 * events as at ten. Raw SQL is outside the tenant scope: the statement names the organization itself.
 */
export async function findCampaignActivity(auth: Pick<AuthContext, 'db'>, campaignId: string, query: CampaignActivityQuery) {
  const campaign = await auth.db.campaign.findUnique({ where: { id: campaignId }, select: { organizationId: true } });
  if (!campaign) throw new NotFoundError('Campaign');
  const { cursor, limit } = query;
  const olderThanCursor = cursor
    ? Prisma.sql`AND e."occurredAt" <= ${cursor.at} AND (e."occurredAt" < ${cursor.at} OR e.id < ${cursor.id}::uuid)`
    : Prisma.empty;
  const rows = await auth.db.$queryRaw<ActivityRow[]>`
    WITH page AS (
      SELECT e.* FROM unnest(enum_range(NULL::"EventType")) AS t(type)
      CROSS JOIN LATERAL (
        SELECT e.id, e."occurredAt", e.type, e.data, e."leadId", e."messageId", e."mailboxId"
        FROM events e
        WHERE e."organizationId" = ${campaign.organizationId}::uuid AND e."campaignId" = ${campaignId}::uuid AND e.type = t.type
          ${olderThanCursor}
        ORDER BY e."occurredAt" DESC, e.id DESC
        LIMIT ${limit + 1}
      ) e
      ORDER BY e."occurredAt" DESC, e.id DESC
      LIMIT ${limit + 1}
    )
    SELECT page.id, page."occurredAt", campaign_event_metric(page.type, page.data) AS metric, page."leadId",
           l.email AS "leadEmail", m."stepPosition", b.email AS "mailboxEmail"
    FROM page
    LEFT JOIN leads l ON l.id = page."leadId" AND l."organizationId" = ${campaign.organizationId}::uuid
    LEFT JOIN messages m ON m.id = page."messageId" AND m."organizationId" = ${campaign.organizationId}::uuid
    LEFT JOIN mailboxes b ON b.id = COALESCE(page."mailboxId", m."mailboxId") AND b."organizationId" = ${campaign.organizationId}::uuid
    ORDER BY page."occurredAt" DESC, page.id DESC`;

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => ({
      id: row.id,
      at: row.occurredAt.toISOString(),
      metric: row.metric,
      leadId: row.leadId,
      leadEmail: row.leadEmail,
      step: row.stepPosition === null ? null : row.stepPosition + 1,
      mailboxEmail: row.mailboxEmail,
    })),
    nextCursor: rows.length > limit && last ? activityCursor.encode({ at: last.occurredAt.toISOString(), id: last.id }) : null,
  } satisfies CampaignActivity;
}
