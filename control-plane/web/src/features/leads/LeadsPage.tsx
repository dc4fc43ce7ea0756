import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { RowSelectionState } from '@tanstack/react-table';
import { useNavigate } from '@tanstack/react-router';
import { Download, FileUp, SearchX, Users } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows, PageHeader } from '@/components/ui/page';
import { useCan } from '@/features/auth/permissions';
import { BulkActions } from './BulkActions';
import { LeadDrawer } from './LeadDrawer';
import { LeadsFilters } from './LeadsFilters';
import { LeadsTable } from './LeadsTable';
import { LeadsTabs } from './LeadsTabs';
import { filtersOf, hasFilters, useLeadSearch } from './leadSearch';
import { exportLeads, leadListsQuery, leadsInfiniteQuery } from './queries';
import { VerifyAddressesDialog } from './verification/VerifyAddressesDialog';

export function LeadsPage() {
  const [search, setSearch] = useLeadSearch();
  const navigate = useNavigate();
  const filters = useMemo(() => filtersOf(search), [search]);
  const filterKey = JSON.stringify(filters);
  const leads = useInfiniteQuery({ ...leadsInfiniteQuery(filters), placeholderData: keepPreviousData });
  const lists = useQuery(leadListsQuery);
  const canWrite = useCan('leads:write');
  const canErase = useCan('leads:erase');
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [exporting, setExporting] = useState(false);

  // A selection is of the rows shown: another filter starts a new one.
  useEffect(() => setRowSelection({}), [filterKey]);

  const rows = useMemo(() => leads.data?.pages.flatMap((page) => page.data) ?? [], [leads.data]);
  const selected = useMemo(() => rows.filter((lead) => rowSelection[lead.id]), [rows, rowSelection]);
  const fetchNextPage = useCallback(() => void leads.fetchNextPage(), [leads]);
  const filtered = hasFilters(search);
  const one = rows.length === 1 && !leads.hasNextPage;
  const loadedText = `${rows.length}${leads.hasNextPage ? '+' : ''} ${one ? 'lead' : 'leads'}${filtered ? (one ? ' matches these filters' : ' match these filters') : ''}`;

  return (
    <>
      <LeadsTabs current="leads" />
      <PageHeader
        title="Leads"
        description="The people your campaigns reach, by email address."
        actions={
          <div className="flex gap-2">
            <Button
              variant="secondary"
              disabled={exporting || rows.length === 0}
              onClick={async () => {
                setExporting(true);
                try {
                  await exportLeads({ filters });
                  toast.success(filtered ? 'Exported the filtered leads as CSV' : 'Exported every lead as CSV');
                } catch (failure) {
                  toast.error(`Export failed: ${failure instanceof Error ? failure.message : 'try again'}`);
                } finally {
                  setExporting(false);
                }
              }}
            >
              <Download className="size-4" aria-hidden="true" />
              {filtered ? 'Export filtered' : 'Export all'}
            </Button>
            {canWrite && rows.length > 0 ? (
              <VerifyAddressesDialog size="md" selection={{ filters }} what={filtered ? 'every lead these filters match' : 'every lead'} />
            ) : null}
            {canWrite ? (
              <Button onClick={() => void navigate({ to: '/leads/import' })}>
                <FileUp className="size-4" aria-hidden="true" />
                Import CSV
              </Button>
            ) : null}
          </div>
        }
      />
      <LeadsFilters lists={lists.data} />
      {selected.length > 0 ? (
        <BulkActions selected={selected} lists={lists.data} canWrite={canWrite} canErase={canErase} onDone={() => setRowSelection({})} />
      ) : null}
      {leads.isPending ? <LoadingRows label="Loading leads" /> : null}
      {leads.isError ? <ErrorState error={leads.error} title="Leads could not be loaded" onRetry={() => void leads.refetch()} /> : null}
      {leads.isSuccess && rows.length === 0 && !filtered ? (
        <EmptyState
          icon={<Users className="size-5" aria-hidden="true" />}
          title="No leads yet"
          nextAction="Import a CSV of the people you want to reach (Import CSV above): each row becomes a lead you can list, tag and add to a campaign."
        />
      ) : null}
      {leads.isSuccess && rows.length === 0 && filtered ? (
        <EmptyState
          icon={<SearchX className="size-5" aria-hidden="true" />}
          title="No lead matches these filters"
          nextAction="Loosen the search or clear the filters to see every lead."
        />
      ) : null}
      {rows.length > 0 ? (
        <>
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">
            {loadedText}
            {leads.isPlaceholderData ? ' (updating…)' : ''}
          </p>
          <LeadsTable
            leads={rows}
            rowSelection={rowSelection}
            onRowSelectionChange={setRowSelection}
            onOpen={(leadId) => setSearch({ lead: leadId })}
            hasNextPage={leads.hasNextPage}
            isFetchingNextPage={leads.isFetchingNextPage}
            fetchNextPage={fetchNextPage}
          />
        </>
      ) : null}
      <LeadDrawer leadId={search.lead} lead={rows.find((lead) => lead.id === search.lead)} onClose={() => setSearch({ lead: undefined })} />
    </>
  );
}
