import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Archive, Copy, Megaphone, Pencil } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows, PageHeader } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useCan } from '@/features/auth/permissions';
import { SearchBox } from '@/features/leads/SearchBox';
import { SelectField } from '@/features/mailboxes/fields';
import { CampaignStatusBadge, campaignStatusLabels } from './launch/CampaignStatusBadge';
import { NewCampaignDialog } from './NewCampaignDialog';
import {
  campaignsOverviewQuery,
  campaignsQuery,
  useCampaignAction,
  useDuplicateCampaign,
  type CampaignListItem,
  type CampaignOverview,
  type CampaignStatus,
} from './queries';
import { compactDateTime, formatNumber, formatPercent } from '@/lib/dates';

const route = getRouteApi('/app/campaigns');

function nextSend(campaign: CampaignListItem): string {
  if (campaign.nextSendAt) return compactDateTime(new Date(campaign.nextSendAt));
  if (campaign.status === 'active') return 'Nothing queued';
  if (campaign.status === 'paused') return 'Paused';
  return '—';
}

export function CampaignsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const canWrite = useCan('campaigns:write');
  const campaigns = useQuery(campaignsQuery(search.status));
  const overview = useQuery(campaignsOverviewQuery);
  const figures = new Map((overview.data ?? []).map((entry) => [entry.campaignId, entry]));
  const term = search.search?.trim().toLowerCase() ?? '';
  const shown = (campaigns.data ?? []).filter((campaign) => campaign.name.toLowerCase().includes(term));
  const filtered = search.status !== undefined || term !== '';

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Your sequences, their audience and how they are doing. Replies are the figure to watch: opens are unreliable."
        actions={canWrite ? <NewCampaignDialog /> : null}
      />
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <div className="w-48">
          <SelectField
            label="Status"
            value={search.status ?? ''}
            onChange={(event) =>
              void navigate({
                search: (previous) => ({ ...previous, status: (event.target.value || undefined) as CampaignStatus | undefined }),
              })
            }
          >
            <option value="">All but archived</option>
            {(Object.keys(campaignStatusLabels) as CampaignStatus[]).map((status) => (
              <option key={status} value={status}>
                {campaignStatusLabels[status]}
              </option>
            ))}
          </SelectField>
        </div>
        <SearchBox
          label="Search campaigns by name"
          placeholder="Search by name"
          value={search.search ?? ''}
          onSearch={(value) => void navigate({ search: (previous) => ({ ...previous, search: value || undefined }), replace: true })}
        />
      </div>
      {campaigns.isPending ? (
        <LoadingRows label="Loading campaigns" />
      ) : campaigns.isError ? (
        <ErrorState error={campaigns.error} title="Campaigns could not be loaded" onRetry={() => void campaigns.refetch()} />
      ) : shown.length === 0 ? (
        <EmptyState
          icon={<Megaphone className="size-5" aria-hidden="true" />}
          title={filtered ? 'No campaign matches these filters' : 'No campaigns yet'}
          nextAction={
            filtered
              ? 'Change the status or the search above.'
              : canWrite
                ? 'Create one with New campaign: name it, write its sequence, choose its leads and mailboxes, then start it.'
                : 'A member of your organization creates campaigns.'
          }
        />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <Table>
            <caption className="sr-only">Campaigns</caption>
            <TableHead>
              <TableRow>
                <TableHeader className="min-w-44 px-3">Campaign</TableHeader>
                <TableHeader className="px-3">Status</TableHeader>
                <TableHeader className="px-3 text-right">Leads</TableHeader>
                <TableHeader className="px-3 text-right">Sent</TableHeader>
                <TableHeader className="px-3 text-right">Replies</TableHeader>
                <TableHeader className="px-3 text-right">Bounces</TableHeader>
                <TableHeader className="px-3 text-right">Unsubscribes</TableHeader>
                <TableHeader className="px-3">Next send</TableHeader>
                {canWrite ? (
                  <TableHeader className="px-2 text-right">
                    <span className="sr-only">Actions</span>
                  </TableHeader>
                ) : null}
              </TableRow>
            </TableHead>
            <tbody>
              {shown.map((campaign) => (
                <CampaignRow key={campaign.id} campaign={campaign} figures={figures.get(campaign.id)} canWrite={canWrite} />
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}

function CampaignRow({
  campaign,
  figures,
  canWrite,
}: {
  campaign: CampaignListItem;
  figures: CampaignOverview | undefined;
  canWrite: boolean;
}) {
  const navigate = useNavigate();
  const duplicate = useDuplicateCampaign();
  const archive = useCampaignAction(campaign.id);
  const totals = figures?.totals;
  const figure = (value: number | undefined) => (value === undefined ? '…' : formatNumber(value));
  return (
    <TableRow>
      <TableCell className="px-3">
        <Link
          to={campaign.status === 'draft' ? '/campaigns/$campaignId/edit' : '/campaigns/$campaignId'}
          params={{ campaignId: campaign.id }}
          className="font-medium text-indigo-700 hover:underline"
        >
          {campaign.name}
        </Link>
      </TableCell>
      <TableCell className="px-3">
        <CampaignStatusBadge status={campaign.status} />
      </TableCell>
      <TableCell className="px-3 text-right tabular-nums">{figure(figures?.enrolled)}</TableCell>
      <TableCell className="px-3 text-right tabular-nums">{figure(totals?.sent)}</TableCell>
      <TableCell className="px-3 text-right tabular-nums">
        {figure(totals?.replied)}
        {totals && totals.sent > 0 ? <span className="ml-1 text-xs text-slate-500">({formatPercent(totals.rates.reply)})</span> : null}
      </TableCell>
      <TableCell className="px-3 text-right tabular-nums">{figure(totals?.bounced)}</TableCell>
      <TableCell className="px-3 text-right tabular-nums">{figure(totals?.unsubscribed)}</TableCell>
      <TableCell className="whitespace-nowrap px-3 text-sm text-slate-700">{nextSend(campaign)}</TableCell>
      {canWrite ? (
        <TableCell className="px-2">
          <div className="flex justify-end">
            {campaign.status !== 'archived' ? (
              <Button asChild variant="ghost" size="sm" className="px-2">
                <Link
                  to="/campaigns/$campaignId/edit"
                  params={{ campaignId: campaign.id }}
                  aria-label={`Edit ${campaign.name}`}
                  title="Edit"
                >
                  <Pencil className="size-4" aria-hidden="true" />
                </Link>
              </Button>
            ) : null}
            <Button
              variant="ghost"
              size="sm"
              className="px-2"
              aria-label={`Duplicate ${campaign.name}`}
              title="Duplicate as a new draft"
              disabled={duplicate.isPending}
              onClick={async () => {
                const copy = await duplicate.mutateAsync(campaign.id);
                toast.success(`${copy.name} created as a draft, without leads`);
                await navigate({ to: '/campaigns/$campaignId/edit', params: { campaignId: copy.id } });
              }}
            >
              <Copy className="size-4" aria-hidden="true" />
            </Button>
            {campaign.status !== 'archived' ? (
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" size="sm" className="px-2" aria-label={`Archive ${campaign.name}`} title="Archive">
                    <Archive className="size-4" aria-hidden="true" />
                  </Button>
                }
                title={`Archive ${campaign.name}?`}
                description="Sending stops for good and its workflow is removed from n8n. Its results stay readable under the Archived filter."
                confirmLabel="Archive campaign"
                onConfirm={async () => {
                  await archive.mutateAsync('archive');
                  toast.success(`${campaign.name} archived`);
                }}
              />
            ) : null}
          </div>
        </TableCell>
      ) : null}
    </TableRow>
  );
}
