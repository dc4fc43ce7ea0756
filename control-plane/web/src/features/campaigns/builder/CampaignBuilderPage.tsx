import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useEffect } from 'react';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { useCan } from '@/features/auth/permissions';
import { AudienceSection } from '../audience/AudienceSection';
import { LaunchSection } from '../launch/LaunchSection';
import { CampaignStatusBadge } from '../launch/CampaignStatusBadge';
import { PreviewSection } from '../preview/PreviewSection';
import { campaignQuery } from '../queries';
import { SendingSection } from '../sending/SendingSection';
import { SequenceSection } from '../sequence/SequenceSection';
import { NameForm } from './NameForm';

const route = getRouteApi('/app/campaigns/$campaignId/edit');

const sections = [
  { id: 'sequence', label: 'Sequence' },
  { id: 'preview', label: 'Preview' },
  { id: 'audience', label: 'Audience' },
  { id: 'sending', label: 'Sending' },
  { id: 'launch', label: 'Launch' },
];

function BackToCampaigns() {
  return (
    <Link to="/campaigns" className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
      <ArrowLeft className="size-4" aria-hidden="true" />
      Campaigns
    </Link>
  );
}

/**
 * The campaign builder: one page, one section per concern, each saved on its own so the campaign is a
 * usable draft at any point. Only the sequence has a plain Save; the other sections name what they save.
 */
export function CampaignBuilderPage() {
  const { campaignId } = route.useParams();
  const campaign = useQuery(campaignQuery(campaignId));
  const canEdit = useCan('campaigns:write');
  const { section } = route.useSearch();
  const loaded = campaign.isSuccess;
  // ?section=audience (a link from the campaign's page or the readiness list) opens the page at that section.
  useEffect(() => {
    if (loaded && section) document.getElementById(section)?.scrollIntoView();
  }, [loaded, section]);

  if (!campaign.isSuccess)
    return (
      <div className="space-y-5">
        <div>
          <BackToCampaigns />
          <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Edit campaign</h1>
        </div>
        {campaign.isError ? (
          <ErrorState title="This campaign could not be loaded" error={campaign.error} onRetry={() => void campaign.refetch()} />
        ) : (
          <LoadingRows label="Loading the campaign" />
        )}
      </div>
    );
  const current = campaign.data;
  const editable = canEdit && current.status !== 'archived' && current.status !== 'completed';

  return (
    <div className="space-y-5">
      <div>
        <BackToCampaigns />
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{current.name}</h1>
          <CampaignStatusBadge status={current.status} />
          {current.status !== 'draft' ? (
            <Link to="/campaigns/$campaignId" params={{ campaignId }} className="text-sm text-indigo-700 hover:underline">
              See results
            </Link>
          ) : null}
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {current.status === 'draft'
            ? 'A draft: everything you save here is kept, and nothing is sent until you start the campaign under Launch.'
            : current.status === 'archived'
              ? 'Archived: its settings are shown as they were and can no longer be changed.'
              : 'This campaign has started: each section says what a change does to leads already in the sequence.'}
        </p>
      </div>
      <Card className="p-5">
        <NameForm campaign={current} canEdit={editable} />
      </Card>
      <nav aria-label="Builder sections" className="flex flex-wrap gap-2">
        {sections.map((section) => (
          <a
            key={section.id}
            href={`#${section.id}`}
            className="rounded-full border border-slate-300 bg-white px-3 py-1 text-sm text-slate-700 hover:bg-slate-50"
          >
            {section.label}
          </a>
        ))}
      </nav>
      <div id="sequence" className="scroll-mt-6">
        <SequenceSection campaignId={campaignId} />
      </div>
      <div id="preview" className="scroll-mt-6">
        <PreviewSection campaignId={campaignId} />
      </div>
      <AudienceSection campaign={current} canEdit={editable} />
      <SendingSection campaign={current} canEdit={editable} />
      <LaunchSection campaign={current} />
    </div>
  );
}
