import { preparedQuery } from '../../lib/db/prisma.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import type { EnrollmentState } from '../../generated/prisma/enums.js';

// Raw SQL is outside the tenant scope: every statement names the organization itself.

/**
 * Folds a campaign's pending deltas into campaign_stats_daily, and its enrolment changes into
 * campaign_enrollment_counts: one statement deletes them and adds their sums, so each delta is counted
 * exactly once, before or after, never both. Rows are upserted in key order, and only one folder per
 * campaign runs at a time (the others skip: their read still sees the deltas), so folding never deadlocks.
 */
export async function foldCampaignStats(db: ScopedDb, organizationId: string, campaignId: string): Promise<void> {
  // One statement (its own transaction): a fold already running holds the campaign's lock, and this one then moves nothing.
  await preparedQuery(
    db,
    'stats_fold_campaign_and_enrollments',
    `WITH lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(hashtextextended('campaign-stats:' || $2::text, 0)) AS locked),
     moved AS (
       DELETE FROM campaign_stats_deltas
       WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid AND (SELECT locked FROM lock)
       RETURNING "organizationId", "campaignId", day, "stepPosition", "variantId", "mailboxId", metric, "uniqueMessage"
     ),
     moved_enrollments AS (
       DELETE FROM campaign_enrollment_deltas
       WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid AND (SELECT locked FROM lock)
       RETURNING "organizationId", "campaignId", state, change
     ),
     folded_enrollments AS (
       INSERT INTO campaign_enrollment_counts ("organizationId", "campaignId", state, enrolled)
       SELECT "organizationId", "campaignId", state, sum(change) FROM moved_enrollments
       GROUP BY "organizationId", "campaignId", state
       ORDER BY "campaignId", state
       ON CONFLICT ("campaignId", state) DO UPDATE SET enrolled = campaign_enrollment_counts.enrolled + EXCLUDED.enrolled
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
  /** The variant's label and the mailbox's address, when the slice has one that still exists. */
  variantLabel: string | null;
  mailboxEmail: string | null;
  metric: string;
  total: number;
  unique: number;
}

/** Whether the campaign ($2) of the organization ($1) has events or enrolment changes waiting to be folded. */
export const pendingDeltasSql = `(EXISTS (SELECT FROM campaign_stats_deltas WHERE "campaignId" = $2::uuid AND "organizationId" = $1::uuid)
   OR EXISTS (SELECT FROM campaign_enrollment_deltas WHERE "campaignId" = $2::uuid AND "organizationId" = $1::uuid))`;

export interface CampaignSummaryRows {
  timezone: string;
  /** Deltas wait to be folded (they are counted below all the same). */
  pending: boolean;
  /** Counts by step, variant, mailbox and metric, with each slice's variant label and mailbox address. */
  slices: SliceRow[];
  /** Enrolments by state. */
  states: Array<{ state: EnrollmentState; enrolled: number }>;
  /** Sends cancelled before they went out, by step: cancelling records no event, so these come from the sends (the (campaignId, status) index). */
  cancelled: Array<{ stepPosition: number; cancelled: number }>;
}

/**
 * Everything the campaign's summary shows, in one statement and one snapshot: the folded rows plus
 * any delta not folded yet. Null when the organization has no such campaign.
 */
export async function readCampaignSummary(db: ScopedDb, organizationId: string, campaignId: string): Promise<CampaignSummaryRows | null> {
  const [row] = await preparedQuery<CampaignSummaryRows>(
    db,
    'stats_campaign_summary',
    `SELECT c.timezone, ${pendingDeltasSql} AS pending,
       (SELECT COALESCE(json_agg(slice_row), '[]'::json) FROM (
          SELECT counted."stepPosition", counted."variantId"::text AS "variantId", counted."mailboxId"::text AS "mailboxId",
                 v.label AS "variantLabel", mb.email AS "mailboxEmail", counted.metric,
                 counted.total::float8 AS total, counted.uniques::float8 AS unique
          FROM (
            SELECT "stepPosition", "variantId", "mailboxId", metric, sum(total) AS total, sum(uniques) AS uniques
            FROM (
              SELECT "stepPosition", "variantId", "mailboxId", metric, total, "uniqueMessages" AS uniques
              FROM campaign_stats_daily WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid
              UNION ALL
              SELECT "stepPosition", "variantId", "mailboxId", metric, 1, "uniqueMessage"
              FROM campaign_stats_deltas WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid
            ) rows
            GROUP BY "stepPosition", "variantId", "mailboxId", metric
          ) counted
          LEFT JOIN step_variants v ON v.id = counted."variantId" AND v."organizationId" = $1::uuid
          LEFT JOIN mailboxes mb ON mb.id = counted."mailboxId" AND mb."organizationId" = $1::uuid
       ) slice_row) AS slices,
       (SELECT COALESCE(json_agg(state_row), '[]'::json) FROM (
          SELECT state::text AS state, sum(enrolled)::float8 AS enrolled
          FROM (
            SELECT state, enrolled FROM campaign_enrollment_counts WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid
            UNION ALL
            SELECT state, change FROM campaign_enrollment_deltas WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid
          ) counted
          GROUP BY state
       ) state_row) AS states,
       (SELECT COALESCE(json_agg(step_row), '[]'::json) FROM (
          SELECT "stepPosition", count(*)::float8 AS cancelled FROM messages
          WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid AND status = 'cancelled'
          GROUP BY "stepPosition"
       ) step_row) AS cancelled
     FROM campaigns c WHERE c.id = $2::uuid AND c."organizationId" = $1::uuid`,
    [organizationId, campaignId],
  );
  return row ?? null;
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
