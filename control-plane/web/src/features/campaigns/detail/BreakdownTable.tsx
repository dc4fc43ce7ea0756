import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatNumber, formatPercent } from '@/lib/dates';
import type { Campaign } from '../queries';
import type { CampaignCounts } from './queries';

export interface BreakdownRow {
  key: string;
  name: string;
  counts: CampaignCounts;
}

/** One row per step, variant or mailbox, with the API's counts and rates for it. */
export function BreakdownTable({
  caption,
  nameHeader,
  rows,
  tracking,
}: {
  caption: string;
  nameHeader: string;
  rows: BreakdownRow[];
  tracking: Pick<Campaign, 'trackOpens' | 'trackClicks'>;
}) {
  return (
    <Table>
      <caption className="px-4 py-3 text-left text-sm font-semibold text-slate-900">{caption}</caption>
      <TableHead>
        <tr>
          <TableHeader>{nameHeader}</TableHeader>
          <TableHeader className="text-right">Sent</TableHeader>
          <TableHeader className="text-right">Replies</TableHeader>
          <TableHeader className="text-right">Reply rate</TableHeader>
          <TableHeader className="text-right">Bounces</TableHeader>
          <TableHeader className="text-right">Unsubscribes</TableHeader>
          {tracking.trackOpens ? <TableHeader className="text-right">Opens*</TableHeader> : null}
          {tracking.trackClicks ? <TableHeader className="text-right">Clicks*</TableHeader> : null}
        </tr>
      </TableHead>
      <tbody>
        {rows.map(({ key, name, counts }) => (
          <TableRow key={key}>
            <TableCell className="font-medium">{name}</TableCell>
            <TableCell className="text-right tabular-nums">{formatNumber(counts.sent)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatNumber(counts.replied)}</TableCell>
            <TableCell className="text-right font-semibold tabular-nums text-indigo-700">{formatPercent(counts.rates.reply)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatNumber(counts.bounced)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatNumber(counts.unsubscribed)}</TableCell>
            {tracking.trackOpens ? (
              <TableCell className="text-right tabular-nums text-slate-600">{formatPercent(counts.rates.open)}</TableCell>
            ) : null}
            {tracking.trackClicks ? (
              <TableCell className="text-right tabular-nums text-slate-600">{formatPercent(counts.rates.click)}</TableCell>
            ) : null}
          </TableRow>
        ))}
      </tbody>
    </Table>
  );
}
