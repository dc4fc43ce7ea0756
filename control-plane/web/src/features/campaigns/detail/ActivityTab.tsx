import { useInfiniteQuery } from '@tanstack/react-query';
import { Activity } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { ShowMore } from '@/features/leads/ShowMore';
import { formatDateTime } from '@/lib/dates';
import { activityQuery, type ActivityEntry } from './queries';

const metricLabels: Record<ActivityEntry['metric'], { label: string; tone: 'neutral' | 'good' | 'warn' | 'bad' | 'info' }> = {
  sent: { label: 'Sent', tone: 'info' },
  failed: { label: 'Failed', tone: 'bad' },
  deferred: { label: 'Deferred', tone: 'neutral' },
  opened_human: { label: 'Opened', tone: 'neutral' },
  opened_machine: { label: 'Opened by a machine', tone: 'neutral' },
  clicked_human: { label: 'Clicked', tone: 'neutral' },
  clicked_machine: { label: 'Clicked by a scanner', tone: 'neutral' },
  replied: { label: 'Replied', tone: 'good' },
  auto_replied: { label: 'Auto-reply', tone: 'neutral' },
  bounced: { label: 'Bounced', tone: 'bad' },
  bounced_soft: { label: 'Soft bounce', tone: 'warn' },
  unsubscribed: { label: 'Unsubscribed', tone: 'warn' },
  complained: { label: 'Complained', tone: 'bad' },
};

/** What happened in the campaign, newest first; it refreshes whenever the live numbers move. */
export function ActivityTab({ campaignId }: { campaignId: string }) {
  const activity = useInfiniteQuery(activityQuery(campaignId));
  const rows = activity.data?.pages.flatMap((page) => page.data) ?? [];
  if (activity.isPending) return <LoadingRows label="Loading the activity" />;
  if (activity.isError)
    return (
      <ErrorState title="The campaign's activity could not be loaded" error={activity.error} onRetry={() => void activity.refetch()} />
    );
  if (rows.length === 0)
    return (
      <EmptyState
        icon={<Activity className="size-5" aria-hidden="true" />}
        title="No activity yet"
        nextAction="Sends, replies, bounces and unsubscribes show here as they happen."
      />
    );
  return (
    <>
      <Table>
        <caption className="sr-only">Recent activity, newest first</caption>
        <TableHead>
          <tr>
            <TableHeader>When</TableHeader>
            <TableHeader>What</TableHeader>
            <TableHeader>Lead</TableHeader>
            <TableHeader>Step</TableHeader>
            <TableHeader>Mailbox</TableHeader>
          </tr>
        </TableHead>
        <tbody>
          {rows.map((entry) => (
            <TableRow key={entry.id}>
              <TableCell className="whitespace-nowrap tabular-nums text-slate-600">{formatDateTime(entry.at)}</TableCell>
              <TableCell>
                <Badge tone={metricLabels[entry.metric].tone}>{metricLabels[entry.metric].label}</Badge>
              </TableCell>
              <TableCell className="font-medium">{entry.leadEmail ?? '—'}</TableCell>
              <TableCell>{entry.step ?? '—'}</TableCell>
              <TableCell className="text-slate-600">{entry.mailboxEmail ?? '—'}</TableCell>
            </TableRow>
          ))}
        </tbody>
      </Table>
      <ShowMore query={activity} />
    </>
  );
}
