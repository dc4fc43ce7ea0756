import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type OnChangeFn, type RowSelectionState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Badge } from '@/components/ui/badge';
import { Checkbox } from '@/components/ui/checkbox';
import { TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { cn } from '@/lib/cn';
import { statusLabels } from './LeadsFilters';
import type { Lead } from './queries';
import { VerificationBadge } from './verification/VerificationBadge';

const rowHeight = 49;
const statusTone = { active: 'good', unsubscribed: 'neutral', bounced: 'bad', complained: 'warn' } as const;

export function fullName(lead: Pick<Lead, 'firstName' | 'lastName'>): string {
  return [lead.firstName, lead.lastName].filter(Boolean).join(' ');
}

function columns(onOpen: (leadId: string) => void): ColumnDef<Lead>[] {
  return [
    {
      id: 'select',
      header: ({ table }) => (
        <Checkbox
          aria-label="Select all loaded leads"
          checked={table.getIsAllRowsSelected()}
          ref={(input) => {
            if (input) input.indeterminate = table.getIsSomeRowsSelected();
          }}
          onChange={table.getToggleAllRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <Checkbox aria-label={`Select ${row.original.email}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
      ),
      meta: { className: 'w-12 pr-0', cellClassName: 'pr-0 leading-none' },
    },
    {
      id: 'email',
      header: 'Email',
      cell: ({ row }) => (
        <button
          type="button"
          className="max-w-full truncate rounded text-left font-medium text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
          data-lead-id={row.original.id}
          onClick={() => onOpen(row.original.id)}
        >
          {row.original.email}
        </button>
      ),
      meta: { className: 'w-[32%]' },
    },
    { id: 'name', header: 'Name', cell: ({ row }) => fullName(row.original) || <span className="text-slate-400">—</span> },
    { id: 'company', header: 'Company', cell: ({ row }) => row.original.company ?? <span className="text-slate-400">—</span> },
    {
      id: 'tags',
      header: 'Tags',
      cell: ({ row }) => (
        // One line whatever the count (rows keep the height the virtualizer reckons with); the drawer lists them all.
        <span className="flex items-center gap-1 overflow-hidden" title={row.original.tags.join(', ')}>
          {row.original.tags.slice(0, 1).map((tag) => (
            <Badge key={tag} tone="info" className="min-w-0 truncate">
              {tag}
            </Badge>
          ))}
          {row.original.tags.length > 1 ? <span className="shrink-0 text-xs text-slate-600">+{row.original.tags.length - 1}</span> : null}
        </span>
      ),
      // One tag and a count: the width it leaves goes to names and companies.
      meta: { className: 'w-28' },
    },
    {
      id: 'verification',
      header: 'Address',
      cell: ({ row }) => <VerificationBadge verification={row.original.verification} />,
      // Wide enough for 'Not checked', the longest badge, with the cell's padding.
      meta: { className: 'w-32' },
    },
    {
      id: 'status',
      header: 'Status',
      cell: ({ row }) => <Badge tone={statusTone[row.original.status]}>{statusLabels[row.original.status]}</Badge>,
      meta: { className: 'w-32' },
    },
  ];
}

/**
 * The leads as a real table (column headers, rows of cells) whose rows are rendered only near the
 * viewport: the rows above and below are stood in for by two spacer rows of their height. Scrolling near
 * the end of what is loaded asks for the next page.
 */
export function LeadsTable({
  leads,
  rowSelection,
  onRowSelectionChange,
  onOpen,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  leads: Lead[];
  rowSelection: RowSelectionState;
  onRowSelectionChange: OnChangeFn<RowSelectionState>;
  onOpen: (leadId: string) => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const table = useReactTable({
    data: leads,
    columns: columns(onOpen),
    getRowId: (lead) => lead.id,
    state: { rowSelection },
    onRowSelectionChange,
    enableRowSelection: true,
    getCoreRowModel: getCoreRowModel(),
  });
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 20) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, rows.length, fetchNextPage]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div ref={scrollRef} className="max-h-[calc(100vh-20rem)] min-h-64 overflow-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full table-fixed text-left text-sm" aria-rowcount={hasNextPage ? -1 : rows.length + 1}>
        <caption className="sr-only">Leads</caption>
        <TableHead className="sticky top-0 z-10">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <TableHeader key={header.id} className={(header.column.columnDef.meta as { className?: string } | undefined)?.className}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </TableHeader>
              ))}
            </tr>
          ))}
        </TableHead>
        <tbody>
          {paddingTop > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={columnCount} style={{ height: paddingTop }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <TableRow key={row.id} aria-rowindex={item.index + 2} className={cn('h-[49px]', row.getIsSelected() && 'bg-indigo-50/60')}>
                {row.getVisibleCells().map((cell) => (
                  <TableCell
                    key={cell.id}
                    className={cn('truncate py-2.5', (cell.column.columnDef.meta as { cellClassName?: string } | undefined)?.cellClassName)}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </TableCell>
                ))}
              </TableRow>
            );
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={columnCount} style={{ height: paddingBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {isFetchingNextPage ? (
        <p role="status" className="border-t border-slate-100 px-4 py-2 text-center text-xs text-slate-500">
          Loading more leads…
        </p>
      ) : null}
    </div>
  );
}
