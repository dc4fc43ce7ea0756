import type { Clock } from '../../lib/clock.js';
import { NotFoundError } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { accumulate, addMetric, emptyCounts, finishCounts, type CampaignCounts, type CountsAccumulator } from './counts.js';
import { foldCampaignStats, readCampaignDays, readCampaignSlices } from './statsAggregate.js';
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
 * Campaign statistics from the events' pre-aggregated counts (docs/performance.md): each read first
 * folds the deltas recorded since the last read, then reads at most days x steps x variants x
 * mailboxes x metrics rows, whatever the number of events.
 *
 * Raw SQL is outside the tenant scope: every statement names the organization itself.
 */
export class CampaignStatsService {
  constructor(private readonly deps: { clock: Clock }) {}

  private async campaign(db: ScopedDb, campaignId: string) {
    const campaign = await db.campaign.findUnique({
      where: { id: campaignId },
      select: { id: true, organizationId: true, timezone: true },
    });
    if (!campaign) throw new NotFoundError('Campaign');
    return campaign;
  }

  async summary(auth: Pick<AuthContext, 'db'>, campaignId: string): Promise<CampaignStats> {
    const campaign = await this.campaign(auth.db, campaignId);
    const { organizationId } = campaign;
    await foldCampaignStats(auth.db, organizationId, campaignId);
    // Independent reads, side by side: the page waits for the slowest one, not for their sum.
    const [rows, states, cancelledRows] = await Promise.all([
      readCampaignSlices(auth.db, organizationId, campaignId),
      auth.db.enrollment.groupBy({ by: ['state'], where: { campaignId }, _count: { _all: true } }),
      // Cancelling records no event, so these come from the sends themselves (the (campaignId, status) index).
      auth.db.message.groupBy({ by: ['stepPosition'], where: { campaignId, status: 'cancelled' }, _count: { _all: true } }),
    ]);
    const cancelled = new Map(cancelledRows.map((row) => [row.stepPosition, row._count._all]));

    const totals = emptyCounts();
    const steps = new Map<number, CountsAccumulator>();
    const variants = new Map<string, CountsAccumulator>();
    const variantSteps = new Map<string, number>();
    const mailboxes = new Map<string, CountsAccumulator>();
    for (const row of rows) {
      addMetric(totals, row.metric, Number(row.total), Number(row.unique));
      if (row.stepPosition >= 0) accumulate(steps, row.stepPosition, row);
      if (row.variantId !== nilUuid) {
        accumulate(variants, row.variantId, row);
        variantSteps.set(row.variantId, row.stepPosition);
      }
      if (row.mailboxId !== nilUuid) accumulate(mailboxes, row.mailboxId, row);
    }
    const [variantRows, mailboxRows] = await Promise.all([
      auth.db.stepVariant.findMany({ where: { id: { in: [...variants.keys()] } }, select: { id: true, label: true } }),
      auth.db.mailbox.findMany({ where: { id: { in: [...mailboxes.keys()] } }, select: { id: true, email: true } }),
    ]);
    const labels = new Map(variantRows.map((v) => [v.id, v.label]));
    const emails = new Map(mailboxRows.map((m) => [m.id, m.email]));

    for (const stepPosition of cancelled.keys()) if (!steps.has(stepPosition)) steps.set(stepPosition, emptyCounts());
    const enrolled = { total: 0, active: 0, paused: 0, completed: 0, stopped: 0 };
    for (const group of states) {
      enrolled[group.state] = group._count._all;
      enrolled.total += group._count._all;
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
  async daily(auth: Pick<AuthContext, 'db'>, campaignId: string, range: { from?: string; to?: string }): Promise<DailyStats> {
    const campaign = await this.campaign(auth.db, campaignId);
    const { organizationId, timezone } = campaign;
    const { from, to, days: dates } = dayRange(range, timezone, this.deps.clock.now());

    await foldCampaignStats(auth.db, organizationId, campaignId);
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
