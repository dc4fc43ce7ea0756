import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatPercent, weekdayLabel } from '@/lib/dates';
import { warmupSeriesQuery, type WarmupDay } from './warmupQueries';

const historyDays = 30;

const percent = (rate: number | null) => (rate === null ? '–' : formatPercent(rate));
/** Sent, and not yet found in the inbox or spam nor missing: the receiving mailbox has not looked yet (up to 24 hours). */
const notSeenYet = (day: WarmupDay) => day.sent - day.inbox - day.spam - day.missing;

const hadActivity = (day: WarmupDay) => day.sent + day.received + day.inbox + day.spam + day.missing > 0;

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-base font-semibold tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}

/** The last 30 days of warm-up: totals, then each day that had any, newest first. */
export function WarmupHistory({ mailboxId }: { mailboxId: string }) {
  const series = useQuery(warmupSeriesQuery(mailboxId, historyDays));
  if (series.isPending) return <LoadingRows label="Loading the warm-up history" />;
  if (series.isError)
    return <ErrorState title="The warm-up history could not be loaded" error={series.error} onRetry={() => void series.refetch()} />;
  const days = series.data.days;
  const total = (key: 'sent' | 'received' | 'rescued' | 'replied') => days.reduce((sum, day) => sum + day[key], 0);
  const active = days.filter(hadActivity).reverse();
  return (
    <div className="mt-5 border-t border-slate-100 pt-4">
      <h3 className="text-sm font-semibold text-slate-900">Last {historyDays} days</h3>
      <dl className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Figure label="Sent" value={String(total('sent'))} />
        <Figure
          label="Inbox placement (last 7 days)"
          value={series.data.placementRate7d === null ? 'Not measured yet' : percent(series.data.placementRate7d)}
        />
        <Figure label="Rescued from spam" value={String(total('rescued'))} />
        <Figure label="Answered" value={String(total('replied'))} />
        <Figure label="Received" value={String(total('received'))} />
      </dl>
      {active.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No warm-up messages in the last {historyDays} days.</p>
      ) : (
        <div className="mt-3 max-h-72 overflow-y-auto">
          <Table aria-label="Warm-up per day">
            <TableHead>
              <tr>
                <TableHeader>Day</TableHeader>
                <TableHeader className="text-right">Sent</TableHeader>
                <TableHeader className="text-right">Inbox placement</TableHeader>
                <TableHeader className="text-right">Rescued from spam</TableHeader>
                <TableHeader className="text-right">Answered</TableHeader>
                <TableHeader className="text-right">Received</TableHeader>
              </tr>
            </TableHead>
            <tbody>
              {active.map((day) => (
                <TableRow key={day.date}>
                  <TableCell>{weekdayLabel(day.date)}</TableCell>
                  <TableCell className="text-right tabular-nums">{day.sent}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {percent(day.placementRate)}
                    {notSeenYet(day) > 0 ? <span className="block text-xs text-slate-500">{notSeenYet(day)} not seen yet</span> : null}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{day.rescued}</TableCell>
                  <TableCell className="text-right tabular-nums">{day.replied}</TableCell>
                  <TableCell className="text-right tabular-nums">{day.received}</TableCell>
                </TableRow>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      <p className="mt-2 text-xs text-slate-600">
        Of the warm-up messages this mailbox sent: <span className="font-medium">inbox placement</span> is the share that reached the inbox,
        of those your other mailboxes have looked for (one not found within 24 hours counts as missing);{' '}
        <span className="font-medium">rescued from spam</span> ones landed in spam and were moved to the inbox;{' '}
        <span className="font-medium">answered</span> ones got a reply. <span className="font-medium">Received</span> counts the warm-up
        messages sent to this mailbox. Days with no warm-up are left out; days are in {series.data.timezone}.
      </p>
    </div>
  );
}
