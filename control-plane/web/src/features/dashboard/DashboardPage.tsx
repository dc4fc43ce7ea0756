import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Card } from '@/components/ui/card';
import { ErrorState, LoadingRows, PageHeader } from '@/components/ui/page';
import { Select } from '@/components/ui/select';
import { ActivityChart } from './ActivityChart';
import { AttentionCard } from './AttentionCard';
import { GettingStartedCard } from './GettingStartedCard';
import { gettingStartedQuery, overviewQuery, type OrganizationStats } from './queries';
import { dashboardRanges } from './search';

const route = getRouteApi('/app/dashboard');
const chartDays = 30;
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const replies = (count: number) => `${count} ${count === 1 ? 'reply' : 'replies'}`;
const rangeNames = { '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days' } as const;

function Kpi({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <Card className="p-4" role="group" aria-label={label}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid="kpi-value">
        {value}
      </p>
      <p className="mt-0.5 text-xs text-slate-600">{detail}</p>
    </Card>
  );
}

/** The range's totals across campaigns, as the API counts them. */
function Kpis({ totals }: { totals: OrganizationStats['totals'] }) {
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
      <Kpi label="Replies" value={String(totals.replied)} detail={`${percent.format(totals.rates.reply)} of sent`} />
      <Kpi label="Positive replies" value={String(totals.positiveReplies)} detail="Labelled interested or meeting booked" />
      <Kpi
        label="Sent"
        value={String(totals.sent)}
        detail={totals.failed > 0 ? `${totals.failed} failed` : 'Accepted by the mail provider'}
      />
      <Kpi label="Bounce rate" value={percent.format(totals.rates.bounce)} detail={`${totals.bounced} hard bounces`} />
      <Kpi label="Unsubscribes" value={String(totals.unsubscribed)} detail={`${percent.format(totals.rates.unsubscribe)} of sent`} />
    </div>
  );
}

function LastThirtyDays() {
  const overview = useQuery(overviewQuery(chartDays));
  const days = overview.data?.days ?? [];
  const summary = `${overview.data?.totals.sent ?? 0} sent and ${replies(overview.data?.totals.replied ?? 0)} over the last ${chartDays} days; ${days
    .filter((day) => day.sent > 0 || day.replied > 0)
    .map((day) => `${day.date}: ${day.sent} sent, ${replies(day.replied)}`)
    .join('; ')}`;
  return (
    <Card className="p-5">
      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading" className="text-base font-semibold text-slate-900">
          Sent and replies, last {chartDays} days
        </h2>
        {overview.data ? <p className="text-xs text-slate-600">Days in each campaign's time zone</p> : null}
        {overview.isPending ? (
          <div className="mt-3 h-64 animate-pulse rounded-lg bg-slate-200/70" role="status" aria-label="Loading the chart" />
        ) : null}
        {overview.isError ? <ErrorState error={overview.error} /> : null}
        {overview.data ? (
          <>
            <ActivityChart days={days} summary={summary} />
            {overview.data.totals.sent === 0 ? (
              <p className="text-sm text-slate-600">
                Nothing sent in the last {chartDays} days: start a campaign and its sends appear here.
              </p>
            ) : null}
          </>
        ) : null}
      </section>
    </Card>
  );
}

export function DashboardPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const range = search.range ?? '30d';
  const overview = useQuery(overviewQuery(dashboardRanges[range]));
  const progress = useQuery(gettingStartedQuery);
  const newOrganization = progress.data && !Object.values(progress.data).every(Boolean);
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Replies, sends and what needs your attention across campaigns."
        actions={
          <div className="w-40">
            <label htmlFor="dashboard-range" className="sr-only">
              Date range
            </label>
            <Select
              id="dashboard-range"
              value={range}
              onChange={(event) => void navigate({ search: { range: event.target.value as keyof typeof dashboardRanges }, replace: true })}
            >
              {Object.entries(rangeNames).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </Select>
          </div>
        }
      />
      <div className="space-y-5">
        {newOrganization ? <GettingStartedCard progress={progress.data} /> : null}
        {overview.isPending ? <LoadingRows label="Loading the totals" /> : null}
        {overview.isError ? <ErrorState error={overview.error} /> : null}
        {overview.data ? (
          <section aria-labelledby="totals-heading">
            <h2 id="totals-heading" className="mb-2 text-sm font-medium text-slate-700">
              {rangeNames[range]} ({overview.data.from} to {overview.data.to})
            </h2>
            <Kpis totals={overview.data.totals} />
          </section>
        ) : null}
        <div className="grid gap-5 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <LastThirtyDays />
          </div>
          <AttentionCard />
        </div>
      </div>
    </>
  );
}
