import type { Clock } from '../../lib/clock.js';
import { NotFoundError } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';
import { preparedQuery } from '../../lib/db/prisma.js';
import { accumulate, addMetric, emptyCounts, finishCounts, type CampaignCounts, type CountsAccumulator } from './counts.js';
import { foldCampaignStats, pendingDeltasSql, readCampaignDays, readCampaignSummary } from './statsAggregate.js';
import { dayRange } from './statsRange.js';

const nilUuid = '00000000-0000-0000-0000-000000000000';

export interface CampaignStats {
  campaignId: string;
  timezone: string;
  enrolled: { total: number; active: number; paused: number; completed: number; stopped: number };
  totals: CampaignCounts & Cancelled;
  /** `step` is 1-based, as in sequences, previews and claims; the stored rows' 0-based position is mapped here. */
  steps: Array<{ step: number } & CampaignCounts & Cancelled>;
  variants: Array<{ variantId: string; label: string | null; step: number } & CampaignCounts>;
  mailboxes: Array<{ mailboxId: string; email: string | null } & CampaignCounts>;
}

/** Sends cancelled before they went out (suppressed, stopped, step removed): never sent, and not lost either. */
interface Cancelled {
  cancelled: number;
}

export interface DailyStats {
  campaignId: string;
  timezone: string;
  from: string;
  to: string;
  days: Array<{ date: string; enrolled: number } & CampaignCounts>;
}

/**
 * Campaign statistics from the events' pre-aggregated counts (docs/performance.md): each read folds
 * the deltas recorded since the last read (when there are some: most reads find none), and reads at most days x steps x variants x
 * mailboxes x metrics rows, whatever the number of events, and at most four enrolment counts
 * (by state), whatever the number of enrolments.
 *
 * Raw SQL is outside the tenant scope: every statement names the organization itself.
 */
export class CampaignStatsService {
  constructor(private readonly deps: { clock: Clock }) {}

  /** The campaign's time zone, and whether deltas wait to be folded; null when the organization has no such campaign. */
  private async findCampaign(auth: Pick<AuthContext, 'db' | 'organizationId'>, campaignId: string) {
    const [campaign] = await preparedQuery<{ timezone: string; pending: boolean }>(
      auth.db,
      'stats_campaign_pending',
      `SELECT timezone, ${pendingDeltasSql} AS pending FROM campaigns WHERE id = $2::uuid AND "organizationId" = $1::uuid`,
      [auth.organizationId, campaignId],
    );
    return campaign ?? null;
  }

  private async campaign(auth: Pick<AuthContext, 'db' | 'organizationId'>, campaignId: string) {
    const campaign = await this.findCampaign(auth, campaignId);
    if (!campaign) throw new NotFoundError('Campaign');
    if (campaign.pending) await foldCampaignStats(auth.db, auth.organizationId, campaignId);
    return { organizationId: auth.organizationId, timezone: campaign.timezone };
  }

  async summary(auth: Pick<AuthContext, 'db' | 'organizationId'>, campaignId: string): Promise<CampaignStats> {
    const { organizationId } = auth;
    const campaign = await readCampaignSummary(auth.db, organizationId, campaignId);
    if (!campaign) throw new NotFoundError('Campaign');
    // The numbers read include the deltas not folded yet: folding them after changes none.
    if (campaign.pending) await foldCampaignStats(auth.db, organizationId, campaignId);
    const { slices: rows, states, cancelled: cancelledRows } = campaign;
    const cancelled = new Map(cancelledRows.map((row) => [row.stepPosition, row.cancelled]));

    const totals = emptyCounts();
    const steps = new Map<number, CountsAccumulator>();
    const variants = new Map<string, CountsAccumulator>();
    const variantSteps = new Map<string, number>();
    const labels = new Map<string, string | null>();
    const mailboxes = new Map<string, CountsAccumulator>();
    const emails = new Map<string, string | null>();
    for (const row of rows) {
      addMetric(totals, row.metric, row.total, row.unique);
      if (row.stepPosition >= 0) accumulate(steps, row.stepPosition, row);
      if (row.variantId !== nilUuid) {
        accumulate(variants, row.variantId, row);
        variantSteps.set(row.variantId, row.stepPosition);
        labels.set(row.variantId, row.variantLabel);
      }
      if (row.mailboxId !== nilUuid) {
        accumulate(mailboxes, row.mailboxId, row);
        emails.set(row.mailboxId, row.mailboxEmail);
      }
    }

    for (const stepPosition of cancelled.keys()) if (!steps.has(stepPosition)) steps.set(stepPosition, emptyCounts());
    const enrolled = { total: 0, active: 0, paused: 0, completed: 0, stopped: 0 };
    for (const group of states) {
      enrolled[group.state] = group.enrolled;
      enrolled.total += group.enrolled;
    }
    return {
      campaignId,
      timezone: campaign.timezone,
      enrolled,
      totals: { ...finishCounts(totals), cancelled: [...cancelled.values()].reduce((sum, n) => sum + n, 0) },
      steps: [...steps]
        .sort(([a], [b]) => a - b)
        .map(([stepPosition, counts]) => ({
          step: stepPosition + 1,
          ...finishCounts(counts),
          cancelled: cancelled.get(stepPosition) ?? 0,
        })),
      variants: [...variants]
        .map(([variantId, counts]) => ({
          variantId,
          label: labels.get(variantId) ?? null,
          step: variantSteps.get(variantId)! + 1,
          ...finishCounts(counts),
        }))
        .sort((a, b) => a.step - b.step || (a.label ?? '').localeCompare(b.label ?? '')),
      mailboxes: [...mailboxes]
        .map(([mailboxId, counts]) => ({ mailboxId, email: emails.get(mailboxId) ?? null, ...finishCounts(counts) }))
        .sort((a, b) => (a.email ?? '').localeCompare(b.email ?? '')),
    };
  }

  /** One entry per calendar day in the campaign's time zone, from..to inclusive, days without events included. */
  async daily(
    auth: Pick<AuthContext, 'db' | 'organizationId'>,
    campaignId: string,
    range: { from?: string; to?: string },
  ): Promise<DailyStats> {
    const { organizationId, timezone } = await this.campaign(auth, campaignId);
    const { from, to, days: dates } = dayRange(range, timezone, this.deps.clock.now());

    const rows = await readCampaignDays(auth.db, organizationId, campaignId, from, to);
    const enrolledRows = await auth.db.$queryRaw<Array<{ day: Date; enrolled: bigint }>>`
      SELECT (("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timezone})::date AS day, count(*)::bigint AS enrolled
      FROM enrollments
      WHERE "organizationId" = ${organizationId}::uuid AND "campaignId" = ${campaignId}::uuid
      GROUP BY 1`;

    const byDay = new Map<string, CountsAccumulator>();
    for (const row of rows) accumulate(byDay, row.day.toISOString().slice(0, 10), row);
    const enrolled = new Map(enrolledRows.map((row) => [row.day.toISOString().slice(0, 10), Number(row.enrolled)]));
    const days = dates.map((date) => ({ date, enrolled: enrolled.get(date) ?? 0, ...finishCounts(byDay.get(date) ?? emptyCounts()) }));
    return { campaignId, timezone, from, to, days };
  }
}
