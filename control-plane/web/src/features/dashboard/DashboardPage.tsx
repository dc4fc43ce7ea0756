import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows, PageHeader } from '@/components/ui/page';
import { ActivityChart } from './ActivityChart';
import { AttentionCard } from './AttentionCard';
import { GettingStartedCard } from './GettingStartedCard';
import { gettingStartedQuery, overviewQuery, type OrganizationStats } from './queries';
import { RangePicker, rangeNames } from './RangePicker';
import { dashboardRanges, type DashboardSearch } from './search';
import { calendarRangeLabel, formatNumber, formatPercent } from '@/lib/dates';

const route = getRouteApi('/app/dashboard');
const chartDays = 30;
const replies = (count: number) => `${formatNumber(count)} ${count === 1 ? 'reply' : 'replies'}`;

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
      <Kpi label="Replies" value={formatNumber(totals.replied)} detail={`${formatPercent(totals.rates.reply)} of sent`} />
      <Kpi label="Positive replies" value={formatNumber(totals.positiveReplies)} detail="Labelled interested or meeting booked" />
      <Kpi
        label="Sent"
        value={formatNumber(totals.sent)}
        detail={totals.failed > 0 ? `${totals.failed} failed` : 'Accepted by the mail provider'}
      />
      <Kpi label="Bounce rate" value={formatPercent(totals.rates.bounce)} detail={`${totals.bounced} hard bounces`} />
      <Kpi label="Unsubscribes" value={formatNumber(totals.unsubscribed)} detail={`${formatPercent(totals.rates.unsubscribe)} of sent`} />
    </div>
  );
}

function LastThirtyDays() {
  const overview = useQuery(overviewQuery({ days: chartDays }));
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
        {overview.isError ? (
          <ErrorState error={overview.error} title="The chart could not be loaded" onRetry={() => void overview.refetch()} />
        ) : null}
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

const maxRangeDays = 366;
const dayMs = 86_400_000;

/** What the overview is asked for: a preset's days, or a custom range; a custom range the API would refuse is said why instead. */
function requestedRange(search: DashboardSearch): { range: { days: number } | { from: string; to: string }; problem: string | null } {
  if (search.range !== 'custom') return { range: { days: dashboardRanges[search.range ?? '30d'] }, problem: null };
  const { from, to } = search;
  if (!from || !to) return { range: { days: dashboardRanges['30d'] }, problem: 'Choose the first and the last day of the range.' };
  const days = (Date.parse(to) - Date.parse(from)) / dayMs + 1;
  const problem =
    days < 1 ? 'The first day must not be after the last.' : days > maxRangeDays ? `Choose at most ${maxRangeDays} days.` : null;
  return { range: { from, to }, problem };
}

export function DashboardPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const range = search.range ?? '30d';
  const requested = requestedRange(search);
  // While a custom range is being typed, the figures shown stay those of the last range asked for, with its dates.
  const overview = useQuery({ ...overviewQuery(requested.range), enabled: requested.problem === null, placeholderData: keepPreviousData });
  const progress = useQuery(gettingStartedQuery);
  const newOrganization = progress.data && !Object.values(progress.data).every(Boolean);
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Replies, sends and what needs your attention across campaigns."
        actions={<RangePicker search={search} shown={overview.data} onChange={(next) => void navigate({ search: next, replace: true })} />}
      />
      <div className="space-y-5">
        {newOrganization ? <GettingStartedCard progress={progress.data} /> : null}
        {requested.problem ? <Alert>{requested.problem}</Alert> : null}
        {overview.isPending && !requested.problem ? <LoadingRows label="Loading the totals" /> : null}
        {overview.isError ? (
          <ErrorState error={overview.error} title="The totals could not be loaded" onRetry={() => void overview.refetch()} />
        ) : null}
        {overview.data ? (
          <section aria-labelledby="totals-heading">
            <h2 id="totals-heading" className="mb-2 text-sm font-medium text-slate-700">
              {range === 'custom'
                ? calendarRangeLabel(overview.data.from, overview.data.to)
                : `${rangeNames[range]} (${calendarRangeLabel(overview.data.from, overview.data.to)})`}
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
