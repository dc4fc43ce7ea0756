import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, Play, Square } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useCan } from '@/features/auth/permissions';
import { queryKeys } from '@/lib/api/queryKeys';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useImportEvents } from './importEvents';
import { importVerificationQuery } from '../verification/queries';
import { VerificationSummary } from '../verification/VerificationSummary';
import {
  cancelImport,
  downloadRejectedRows,
  finishedStatuses,
  leadImportQuery,
  rejectedRowsQuery,
  resumeImport,
  type LeadImport,
} from './queries';
import { formatNumber } from '@/lib/dates';

const statusLabels: Record<LeadImport['status'], string> = {
  previewed: 'Waiting to start',
  queued: 'Queued',
  running: 'Importing',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const statusTones = { completed: 'good', failed: 'bad', cancelled: 'warn', running: 'info', queued: 'info', previewed: 'neutral' } as const;

export function ImportStatusBadge({ status }: { status: LeadImport['status'] }) {
  return <Badge tone={statusTones[status]}>{statusLabels[status]}</Badge>;
}

/** Stop a running import (what is committed stays), or continue a failed one from its last committed line. */
function ImportControls({ leadImport }: { leadImport: LeadImport }) {
  const queryClient = useQueryClient();
  const canImport = useCan('imports:write');
  const onAnswer = (answer: LeadImport) => {
    queryClient.setQueryData(queryKeys.leadImports.one(answer.id), answer);
    return queryClient.invalidateQueries({ queryKey: queryKeys.leadImports.history });
  };
  const cancel = useMutation({
    mutationFn: () => cancelImport(leadImport.id),
    onSuccess: onAnswer,
    onError: (error) => toast.error(error.message),
  });
  const resume = useMutation({
    mutationFn: () => resumeImport(leadImport.id),
    onSuccess: onAnswer,
    onError: (error) => toast.error(error.message),
  });
  if (!canImport) return null;
  if (leadImport.status === 'queued' || leadImport.status === 'running') {
    return (
      <ConfirmDialog
        trigger={
          <Button variant="secondary" size="sm">
            <Square className="size-3.5" aria-hidden="true" />
            Stop import
          </Button>
        }
        title="Stop this import?"
        description="It stops after the batch it is writing. The leads imported so far stay; importing the same file again later skips or updates them, never duplicates them."
        confirmLabel="Stop import"
        onConfirm={() =>
          cancel.mutateAsync().then(
            () => undefined,
            () => undefined,
          )
        }
      />
    );
  }
  if (leadImport.status === 'failed') {
    return (
      <Button size="sm" onClick={() => resume.mutate()} disabled={resume.isPending}>
        <Play className="size-3.5" aria-hidden="true" />
        {resume.isPending ? 'Resuming…' : 'Resume import'}
      </Button>
    );
  }
  return null;
}

function Counter({ value, label, hint }: { value: number; label: string; hint: string }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <p className="text-slate-700">
        <span className="block text-2xl font-semibold tabular-nums text-slate-900">{formatNumber(value)}</span> {label}
      </p>
      <p className="mt-0.5 text-xs text-slate-500">{hint}</p>
    </li>
  );
}

function averageRate(leadImport: LeadImport): number | null {
  if (!leadImport.startedAt || !leadImport.finishedAt) return null;
  const seconds = (Date.parse(leadImport.finishedAt) - Date.parse(leadImport.startedAt)) / 1000;
  return seconds > 0 ? leadImport.progress.rowsRead / seconds : null;
}

/**
 * An import as it runs and once it is done: its status, rows per second and every counter, moved by the
 * import's event stream (or by asking every second when the stream is unavailable), then the rejected rows.
 */
export function ImportProgress({ importId }: { importId: string }) {
  const initial = useQuery(leadImportQuery(importId));
  // A preview waits for a commit that this page does not make: nothing to follow.
  const finished = initial.data ? finishedStatuses.has(initial.data.status) || initial.data.status === 'previewed' : false;
  const { rowsPerSecond, streamFailed } = useImportEvents(importId, initial.isSuccess && !finished);
  const polled = useQuery({ ...leadImportQuery(importId), refetchInterval: streamFailed && !finished ? 1_000 : false });
  const leadImport = polled.data ?? initial.data;

  if (initial.isPending) return <LoadingRows label="Loading the import" />;
  if (initial.isError)
    return <ErrorState title="This import could not be loaded" error={initial.error} onRetry={() => void initial.refetch()} />;
  if (!leadImport) return null;

  if (leadImport.status === 'previewed') {
    return (
      <Card className="p-5 text-sm text-slate-700">
        <ImportStatusBadge status="previewed" />
        <p className="mt-3">
          {leadImport.fileName ?? 'This file'} was uploaded, but its import was never started. Upload it again to import it: nothing from it
          is in your leads yet.
        </p>
      </Card>
    );
  }

  const { progress } = leadImport;
  const rate = finished ? averageRate(leadImport) : rowsPerSecond;
  const notTaken = progress.rejected + progress.suppressed;
  return (
    <div className="space-y-6">
      <Card className="p-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <ImportStatusBadge status={leadImport.status} />
            <p className="text-sm text-slate-700" aria-live="polite">
              {formatNumber(progress.rowsRead)} rows read
              {rate !== null ? ` · ${formatNumber(Math.round(rate))} rows/s${finished ? ' on average' : ''}` : ''}
            </p>
          </div>
          <div className="flex items-center gap-3">
            {leadImport.fileName ? <p className="text-sm text-slate-500">{leadImport.fileName}</p> : null}
            <ImportControls leadImport={leadImport} />
          </div>
        </div>
        {!finished ? (
          <div
            className="mt-4 h-2 overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-label="Import progress"
            aria-valuetext={`${progress.rowsRead} rows read`}
          >
            <div className="h-full w-1/3 animate-pulse rounded-full bg-indigo-500 motion-reduce:animate-none" />
          </div>
        ) : null}
        {leadImport.error ? <Alert className="mt-4">{leadImport.error}</Alert> : null}
      </Card>

      <section aria-labelledby="import-counters">
        <h2 id="import-counters" className="sr-only">
          Counters
        </h2>
        <ul className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-4">
          <Counter value={progress.imported} label="imported" hint="New leads" />
          <Counter value={progress.updated} label="updated" hint="Existing leads given the file’s values" />
          <Counter value={progress.skipped} label="skipped" hint="Already leads, left as they were" />
          <Counter value={progress.duplicates} label="duplicates" hint="Repeated in the file, merged into the first" />
          <Counter value={progress.rejected} label="rejected" hint="Rows that could not be read as a lead" />
          <Counter value={progress.suppressed} label="suppressed" hint="On your suppression list" />
          {progress.inActiveCampaign !== null ? (
            <Counter value={progress.inActiveCampaign} label="in an active campaign" hint="Imported; already being contacted" />
          ) : null}
        </ul>
      </section>

      {leadImport.verifyAddresses && leadImport.status === 'completed' ? <ImportVerification importId={importId} /> : null}
      {finished && notTaken > 0 ? <RejectedRows importId={importId} count={notTaken} /> : null}
    </div>
  );
}

/** The check of the import's new leads, which starts once the import completes. */
function ImportVerification({ importId }: { importId: string }) {
  const run = useQuery(importVerificationQuery(importId, true));
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5" aria-label="Address check of the new leads">
      {run.data ? <VerificationSummary run={run.data} /> : <p className="text-sm text-slate-700">Checking addresses…</p>}
    </section>
  );
}

const shownRejectedRows = 50;

function RejectedRows({ importId, count }: { importId: string; count: number }) {
  const rejected = useQuery(rejectedRowsQuery(importId));
  const [downloading, setDownloading] = useState(false);
  const download = async () => {
    setDownloading(true);
    try {
      await downloadRejectedRows(importId);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : 'The rejected rows could not be downloaded');
    } finally {
      setDownloading(false);
    }
  };
  // The address is the cell that best identifies a row for the person fixing the file.
  const emailColumn = rejected.data?.columns.findIndex((column) => /e-?mail/i.test(column)) ?? -1;
  return (
    <section aria-labelledby="rejected-rows" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="rejected-rows" className="text-base font-semibold text-slate-900">
            Rows not imported
          </h2>
          <p className="text-sm text-slate-600">
            {count === 1 ? 'One row was' : `${formatNumber(count)} rows were`} not imported. Fix {count === 1 ? 'it' : 'them'} in the
            downloaded file (it keeps your columns, with the line number and the reason first) and import the fixed rows again.
          </p>
        </div>
        <Button variant="secondary" onClick={() => void download()} disabled={downloading}>
          <Download className="size-4" aria-hidden="true" />
          {downloading ? 'Downloading…' : 'Download rejected rows'}
        </Button>
      </div>
      {rejected.isPending ? <LoadingRows label="Loading the rejected rows" /> : null}
      {rejected.isError ? (
        <ErrorState title="The rejected rows could not be loaded" error={rejected.error} onRetry={() => void rejected.refetch()} />
      ) : null}
      {rejected.data ? (
        <Table>
          <caption className="sr-only">Rows not imported</caption>
          <TableHead>
            <tr>
              <TableHeader className="w-20">Line</TableHeader>
              <TableHeader>Reason</TableHeader>
              <TableHeader>{emailColumn >= 0 ? rejected.data.columns[emailColumn] : 'First cell'}</TableHeader>
            </tr>
          </TableHead>
          <tbody>
            {rejected.data.rows.slice(0, shownRejectedRows).map((row) => (
              <TableRow key={row.line}>
                <TableCell className="tabular-nums">{row.line}</TableCell>
                <TableCell>{row.error}</TableCell>
                <TableCell className="max-w-64 truncate">{row.cells[Math.max(emailColumn, 0)] ?? ''}</TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      ) : null}
      {rejected.data && rejected.data.rows.length > shownRejectedRows ? (
        <p className="text-sm text-slate-600">The first {shownRejectedRows} are shown; the download has them all.</p>
      ) : null}
    </section>
  );
}
