import { preparedQuery } from '../../lib/db/prisma.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';

// Raw SQL is outside the tenant scope: every statement names the organization itself.

/**
 * Folds a campaign's pending deltas into campaign_stats_daily: one statement deletes them and adds
 * their sums, so each delta is counted exactly once, before or after, never both. Rows are upserted
 * in key order, and only one folder per campaign runs at a time (the others skip: their read still
 * sees the deltas), so folding never deadlocks.
 */
export async function foldCampaignStats(db: ScopedDb, organizationId: string, campaignId: string): Promise<void> {
  // One statement (its own transaction): a fold already running holds the campaign's lock, and this one then moves nothing.
  await preparedQuery(
    db,
    'stats_fold_campaign',
    `WITH lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(hashtextextended('campaign-stats:' || $2::text, 0)) AS locked),
     moved AS (
       DELETE FROM campaign_stats_deltas
       WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid AND (SELECT locked FROM lock)
       RETURNING "organizationId", "campaignId", day, "stepPosition", "variantId", "mailboxId", metric, "uniqueMessage"
     )
     INSERT INTO campaign_stats_daily ("organizationId", "campaignId", day, "stepPosition", "variantId", "mailboxId", metric, total, "uniqueMessages")
     SELECT "organizationId", "campaignId", day, "stepPosition", "variantId", "mailboxId", metric, count(*), sum("uniqueMessage")
     FROM moved
     GROUP BY "organizationId", "campaignId", day, "stepPosition", "variantId", "mailboxId", metric
     ORDER BY "campaignId", day, "stepPosition", "variantId", "mailboxId", metric
     ON CONFLICT ("campaignId", day, "stepPosition", "variantId", "mailboxId", metric) DO UPDATE
       SET total = campaign_stats_daily.total + EXCLUDED.total,
           "uniqueMessages" = campaign_stats_daily."uniqueMessages" + EXCLUDED."uniqueMessages"`,
    [organizationId, campaignId],
  );
}

export interface SliceRow {
  stepPosition: number;
  variantId: string;
  mailboxId: string;
  metric: string;
  total: bigint;
  unique: bigint;
}

/** Counts by step, variant, mailbox and metric: the folded rows plus any delta not folded yet, in one snapshot. */
export async function readCampaignSlices(db: ScopedDb, organizationId: string, campaignId: string): Promise<SliceRow[]> {
  return db.$queryRaw<SliceRow[]>`
    SELECT "stepPosition", "variantId"::text AS "variantId", "mailboxId"::text AS "mailboxId", metric,
           sum(total)::bigint AS total, sum(uniques)::bigint AS unique
    FROM (
      SELECT "stepPosition", "variantId", "mailboxId", metric, total, "uniqueMessages" AS uniques
      FROM campaign_stats_daily WHERE "organizationId" = ${organizationId}::uuid AND "campaignId" = ${campaignId}::uuid
      UNION ALL
      SELECT "stepPosition", "variantId", "mailboxId", metric, 1, "uniqueMessage"
      FROM campaign_stats_deltas WHERE "organizationId" = ${organizationId}::uuid AND "campaignId" = ${campaignId}::uuid
    ) counted
    GROUP BY "stepPosition", "variantId", "mailboxId", metric`;
}

export interface DayRow {
  day: Date;
  metric: string;
  total: bigint;
  unique: bigint;
}

/** Counts by day (the campaign's calendar) and metric, from..to inclusive, in one snapshot. */
export async function readCampaignDays(
  db: ScopedDb,
  organizationId: string,
  campaignId: string,
  from: string,
  to: string,
): Promise<DayRow[]> {
  return db.$queryRaw<DayRow[]>`
    SELECT day, metric, sum(total)::bigint AS total, sum(uniques)::bigint AS unique
    FROM (
      SELECT day, metric, total, "uniqueMessages" AS uniques
      FROM campaign_stats_daily
      WHERE "organizationId" = ${organizationId}::uuid AND "campaignId" = ${campaignId}::uuid AND day BETWEEN ${from}::date AND ${to}::date
      UNION ALL
      SELECT day, metric, 1, "uniqueMessage"
      FROM campaign_stats_deltas
      WHERE "organizationId" = ${organizationId}::uuid AND "campaignId" = ${campaignId}::uuid AND day BETWEEN ${from}::date AND ${to}::date
    ) counted
    GROUP BY day, metric`;
}

/** Folds the pending deltas of every campaign of the organization that has some (see foldCampaignStats). */
export async function foldOrganizationStats(db: ScopedDb, organizationId: string): Promise<void> {
  const pending = await db.$queryRaw<Array<{ campaignId: string }>>`
    SELECT id::text AS "campaignId" FROM campaigns c
    WHERE c."organizationId" = ${organizationId}::uuid
      AND EXISTS (SELECT 1 FROM campaign_stats_deltas d WHERE d."campaignId" = c.id)`;
  for (const { campaignId } of pending) await foldCampaignStats(db, organizationId, campaignId);
}

/**
 * Counts by day and metric across the organization's campaigns, from..to inclusive, in one snapshot.
 * Each campaign's days are its own calendar (its time zone), as in its daily series. The rows are
 * reached through the organization's campaigns, so the (campaignId, day, ...) keys serve the read.
 */
export async function readOrganizationDays(db: ScopedDb, organizationId: string, from: string, to: string): Promise<DayRow[]> {
  return db.$queryRaw<DayRow[]>`
    WITH organization_campaigns AS (SELECT id FROM campaigns WHERE "organizationId" = ${organizationId}::uuid)
    SELECT day, metric, sum(total)::bigint AS total, sum(uniques)::bigint AS unique
    FROM (
      SELECT day, metric, total, "uniqueMessages" AS uniques
      FROM campaign_stats_daily
      WHERE "campaignId" IN (SELECT id FROM organization_campaigns) AND "organizationId" = ${organizationId}::uuid
        AND day BETWEEN ${from}::date AND ${to}::date
      UNION ALL
      SELECT day, metric, 1, "uniqueMessage"
      FROM campaign_stats_deltas
      WHERE "campaignId" IN (SELECT id FROM organization_campaigns) AND "organizationId" = ${organizationId}::uuid
        AND day BETWEEN ${from}::date AND ${to}::date
    ) counted
    GROUP BY day, metric`;
}
