import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { FileUp } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useCan } from '@/features/auth/permissions';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows, PageHeader } from '@/components/ui/page';
import { compactDateTime, formatDateTime } from '@/lib/dates';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { LeadsTabs } from '../LeadsTabs';
import { ShowMore } from '../ShowMore';
import { ImportStatusBadge } from './ImportProgress';
import { importHistoryQuery } from './queries';

/** The organization's CSV imports, newest first; each opens on its progress and rejected rows. */
export function ImportsPage() {
  const history = useInfiniteQuery(importHistoryQuery);
  const navigate = useNavigate();
  const canImport = useCan('imports:write');
  const imports = history.data?.pages.flatMap((page) => page.data);
  return (
    <>
      <LeadsTabs current="imports" />
      <PageHeader
        title="Imports"
        description="Every CSV file imported into your leads, with what became of its rows."
        actions={
          canImport ? (
            <Button onClick={() => void navigate({ to: '/leads/import' })}>
              <FileUp className="size-4" aria-hidden="true" />
              Import CSV
            </Button>
          ) : undefined
        }
      />
      {history.isPending ? <LoadingRows label="Loading imports" /> : null}
      {history.isError ? (
        <ErrorState title="Past imports could not be loaded" error={history.error} onRetry={() => void history.refetch()} />
      ) : null}
      {imports?.length === 0 ? (
        <EmptyState
          icon={<FileUp className="size-5" aria-hidden="true" />}
          title="No imports yet"
          nextAction="Import CSV uploads a file of leads; you check its columns before anything is imported."
        />
      ) : null}
      {imports && imports.length > 0 ? (
        <Table>
          <caption className="sr-only">Imports</caption>
          <TableHead>
            <tr>
              <TableHeader>File</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader className="px-3 text-right">Rows</TableHeader>
              <TableHeader className="px-3 text-right">Imported</TableHeader>
              <TableHeader className="px-3 text-right">Updated</TableHeader>
              <TableHeader className="px-3 text-right">Rejected</TableHeader>
              <TableHeader className="px-3 text-right">Duplicates</TableHeader>
            </tr>
          </TableHead>
          <tbody>
            {imports.map((item) => (
              <TableRow key={item.id}>
                {/* When it was uploaded sits under the file's name on one line, the word "Uploaded" only read aloud and the full date in its tooltip, and the counters are packed closer, so the table fits 1024 px. */}
                <TableCell className="max-w-64">
                  <Link
                    title={item.fileName ?? undefined}
                    to="/leads/import"
                    search={{ importId: item.id }}
                    className="block truncate font-medium text-indigo-700 hover:underline focus-visible:rounded focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
                  >
                    {item.fileName ?? 'Uploaded file'}
                  </Link>
                  <p className="mt-0.5 whitespace-nowrap text-xs text-slate-500">
                    <span className="sr-only">Uploaded </span>
                    <time dateTime={item.createdAt} title={`Uploaded ${formatDateTime(item.createdAt)}`}>
                      {compactDateTime(new Date(item.createdAt))}
                    </time>
                  </p>
                </TableCell>
                <TableCell>
                  <ImportStatusBadge status={item.status} />
                </TableCell>
                <TableCell className="px-3 text-right tabular-nums">{item.progress.rowsRead}</TableCell>
                <TableCell className="px-3 text-right tabular-nums">{item.progress.imported}</TableCell>
                <TableCell className="px-3 text-right tabular-nums">{item.progress.updated}</TableCell>
                <TableCell className="px-3 text-right tabular-nums">{item.progress.rejected + item.progress.suppressed}</TableCell>
                <TableCell className="px-3 text-right tabular-nums">{item.progress.duplicates}</TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      ) : null}
      <ShowMore query={history} />
    </>
  );
}
