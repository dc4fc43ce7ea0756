import { useQuery } from '@tanstack/react-query';
import { BarChart3 } from 'lucide-react';
import { lazy, Suspense } from 'react';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows } from '@/components/ui/page';
import { BreakdownTable } from './BreakdownTable';
import type { Campaign } from '../queries';
import { dailyStatsQuery, type CampaignStats } from './queries';

// The charting library is the page's heaviest part: the headline numbers must not wait for it.
const DailyChart = lazy(() => import('./DailyChart').then((module) => ({ default: module.DailyChart })));

/** The daily series and the results per step, variant and mailbox. */
export function OverviewTab({ campaign, stats }: { campaign: Campaign; stats: CampaignStats }) {
  const daily = useQuery(dailyStatsQuery(campaign.id));
  return (
    <div className="space-y-6">
      <Card className="p-5">
        <h2 className="text-base font-semibold text-slate-900">Last 30 days</h2>
        <p className="mb-3 text-sm text-slate-600">Days in the campaign&apos;s time zone{daily.data ? ` (${daily.data.timezone})` : ''}.</p>
        {daily.isPending ? <LoadingRows label="Loading the daily series" /> : null}
        {daily.isError ? (
          <ErrorState title="The daily chart could not be loaded" error={daily.error} onRetry={() => void daily.refetch()} />
        ) : null}
        {daily.data ? (
          <Suspense fallback={<LoadingRows label="Loading the chart" />}>
            <DailyChart daily={daily.data} />
          </Suspense>
        ) : null}
      </Card>
      {stats.steps.length === 0 ? (
        <EmptyState
          icon={<BarChart3 className="size-5" aria-hidden="true" />}
          title="Nothing sent yet"
          nextAction="Results per step, variant and mailbox appear here as soon as the first emails go out."
        />
      ) : (
        <>
          <BreakdownTable
            tracking={campaign}
            caption="By step"
            nameHeader="Step"
            rows={stats.steps.map((step) => ({ key: String(step.step), name: `Step ${step.step}`, counts: step }))}
          />
          <BreakdownTable
            tracking={campaign}
            caption="By variant"
            nameHeader="Variant"
            rows={stats.variants.map((variant) => ({
              key: variant.variantId,
              name: `Step ${variant.step}, variant ${variant.label ?? 'unnamed'}`,
              counts: variant,
            }))}
          />
          <BreakdownTable
            tracking={campaign}
            caption="By mailbox"
            nameHeader="Mailbox"
            rows={stats.mailboxes.map((mailbox) => ({ key: mailbox.mailboxId, name: mailbox.email ?? 'Deleted mailbox', counts: mailbox }))}
          />
          {campaign.trackOpens || campaign.trackClicks ? (
            <p className="text-xs text-slate-600">* By people, of the emails sent: unreliable, shown for comparison only.</p>
          ) : null}
        </>
      )}
    </div>
  );
}
