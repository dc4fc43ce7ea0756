import { useQuery } from '@tanstack/react-query';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { formatDateTime, formatTime } from '@/lib/dates';
import { lastWatch, rampStage } from './mailboxFormat';
import { mailboxDailyUsageQuery, mailboxUsageQuery, type Mailbox } from './queries';
import { UsageChart } from './UsageChart';

const chartDays = 30;

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-base font-semibold tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}

function nextSend(usage: { nextAllowedAt: string | null; blockedBy: 'status' | 'daily_limit' | null }): string {
  if (usage.blockedBy === 'status' || !usage.nextAllowedAt) return 'Not sending';
  const next = new Date(usage.nextAllowedAt);
  if (next.getTime() <= Date.now()) return 'Now';
  return next.toDateString() === new Date().toDateString() ? formatTime(next) : formatDateTime(usage.nextAllowedAt);
}

/** Today's numbers (limit, sent, reserved, next send) and the last 30 days as a chart. */
export function UsageCard({ mailbox }: { mailbox: Mailbox }) {
  const usage = useQuery(mailboxUsageQuery(mailbox.id));
  const daily = useQuery(mailboxDailyUsageQuery(mailbox.id, chartDays));
  const totalSent = daily.data?.days.reduce((total, day) => total + day.sent, 0);
  return (
    <Card className="p-5">
      <section aria-labelledby="usage-heading">
        <h2 id="usage-heading" className="text-base font-semibold text-slate-900">
          Usage
        </h2>
        {usage.isPending ? <LoadingRows label="Loading usage" /> : null}
        {usage.isError ? (
          <ErrorState title="Today's usage could not be loaded" error={usage.error} onRetry={() => void usage.refetch()} />
        ) : null}
        {usage.data ? (
          <dl className="mt-3 grid grid-cols-3 gap-4">
            <Figure label="Sent today" value={`${usage.data.sentToday} / ${usage.data.limitToday}`} />
            <Figure label="Left today" value={String(usage.data.remainingToday)} />
            <Figure label="Limit ramp-up" value={rampStage(mailbox, usage.data)} />
            <Figure label="Next send" value={nextSend(usage.data)} />
            <Figure label="Last send" value={usage.data.lastSentAt ? formatDateTime(usage.data.lastSentAt) : 'Never'} />
            <Figure label="Inbox last read" value={lastWatch(mailbox)} />
          </dl>
        ) : null}
        <h3 className="mt-5 text-sm font-medium text-slate-800">
          Sent per day, last {chartDays} days ({daily.data?.timezone ?? mailbox.timezone})
        </h3>
        {daily.isPending ? (
          <div className="mt-2 h-56 animate-pulse rounded-lg bg-slate-200/70" role="status" aria-label="Loading the chart" />
        ) : null}
        {daily.isError ? (
          <ErrorState title="The sent-per-day chart could not be loaded" error={daily.error} onRetry={() => void daily.refetch()} />
        ) : null}
        {daily.data ? (
          <>
            <UsageChart
              days={daily.data.days}
              dailyCap={mailbox.dailyCap}
              summary={`${totalSent} sent over the last ${chartDays} days, cap ${mailbox.dailyCap} a day; ${daily.data.days.map((day) => `${day.date}: ${day.sent}`).join(', ')}`}
            />
            {totalSent === 0 ? (
              <p className="text-sm text-slate-600">
                Nothing sent yet: campaign emails, inbox replies and warm-up messages from this mailbox appear here, one daily cap for all
                three.
              </p>
            ) : null}
          </>
        ) : null}
      </section>
    </Card>
  );
}
