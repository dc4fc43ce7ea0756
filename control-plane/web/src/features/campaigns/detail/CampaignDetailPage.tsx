import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ArrowLeft, Pencil } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows, PageHeader } from '@/components/ui/page';
import { DeploymentPanel } from '@/features/deployments/DeploymentPanel';
import { CampaignActions } from '../launch/CampaignActions';
import { campaignQuery, type Campaign } from '../queries';
import { ActivityTab } from './ActivityTab';
import { CampaignTabs, tabOf, type CampaignTab } from './CampaignTabs';
import { EnrollmentsTab } from './EnrollmentsTab';
import { KpiCards } from './KpiCards';
import { OverviewTab } from './OverviewTab';
import { campaignStatsQuery, useStatsStream, type CampaignStats } from './queries';

const route = getRouteApi('/app/campaigns/$campaignId');

const statusLabels: Record<Campaign['status'], { label: string; tone: 'neutral' | 'good' | 'warn' | 'info' }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  active: { label: 'Sending', tone: 'good' },
  paused: { label: 'Paused', tone: 'warn' },
  completed: { label: 'Completed', tone: 'info' },
  archived: { label: 'Archived', tone: 'neutral' },
};

function LiveState({ live }: { live: boolean }) {
  return (
    <span role="status" className="inline-flex items-center gap-1.5 text-xs text-slate-600">
      <span className={live ? 'size-2 rounded-full bg-emerald-500' : 'size-2 rounded-full bg-slate-300'} aria-hidden="true" />
      {live ? 'Updating live' : 'Reconnecting…'}
    </span>
  );
}

function TabContent({ tab, campaign, stats }: { tab: CampaignTab; campaign: Campaign; stats: CampaignStats | undefined }) {
  if (tab === 'enrollments') return <EnrollmentsTab campaignId={campaign.id} />;
  if (tab === 'activity') return <ActivityTab campaignId={campaign.id} />;
  if (tab === 'automation')
    return campaign.deployment ? (
      <DeploymentPanel deploymentId={campaign.deployment.id} />
    ) : (
      <p className="text-sm text-slate-600">This campaign has no automation yet: Ophir sets one up in n8n when you launch it.</p>
    );
  return stats ? <OverviewTab campaign={campaign} stats={stats} /> : null;
}

/** A campaign's live results: the headline numbers first, then the breakdowns, its leads, its activity and its workflow. */
export function CampaignDetailPage() {
  const { campaignId } = route.useParams();
  const { tab } = route.useSearch();
  const campaign = useQuery(campaignQuery(campaignId));
  const stats = useQuery(campaignStatsQuery(campaignId));
  const { live } = useStatsStream(campaignId);
  const current = tabOf(tab);
  return (
    <>
      <Link
        to="/campaigns"
        className="mb-3 inline-flex items-center gap-1 rounded text-sm text-slate-600 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        All campaigns
      </Link>
      {campaign.data ? null : <PageHeader title="Campaign" description="A campaign's results, its leads, its activity and its workflow." />}
      {campaign.isPending ? <LoadingRows label="Loading the campaign" /> : null}
      {campaign.isError ? (
        <ErrorState title="This campaign could not be loaded" error={campaign.error} onRetry={() => void campaign.refetch()} />
      ) : null}
      {campaign.data ? (
        <>
          <PageHeader
            title={campaign.data.name}
            description={`Results in the campaign's time zone, ${campaign.data.timezone}.`}
            actions={
              <div className="flex shrink-0 flex-wrap items-start justify-end gap-2">
                <Button variant="secondary" asChild>
                  <Link to="/campaigns/$campaignId/edit" params={{ campaignId }}>
                    <Pencil className="size-4" aria-hidden="true" />
                    Edit
                  </Link>
                </Button>
                <CampaignActions campaign={campaign.data} />
              </div>
            }
          />
          <div className="-mt-3 mb-5 flex items-center gap-3">
            <Badge tone={statusLabels[campaign.data.status].tone}>{statusLabels[campaign.data.status].label}</Badge>
            <LiveState live={live} />
          </div>
          {stats.isPending ? <LoadingRows label="Loading the results" /> : null}
          {stats.isError ? (
            <ErrorState title="The campaign's numbers could not be loaded" error={stats.error} onRetry={() => void stats.refetch()} />
          ) : null}
          {stats.data ? <KpiCards stats={stats.data} tracking={campaign.data} /> : null}
          <div className="mt-8">
            <CampaignTabs campaignId={campaignId} current={current} />
            <TabContent tab={current} campaign={campaign.data} stats={stats.data} />
          </div>
        </>
      ) : null}
    </>
  );
}
