import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { useCan } from '@/features/auth/permissions';
import { ApiError } from '@/lib/api/problem';
import { SectionCard } from '../builder/SectionCard';
import { campaignReadinessQuery, useCampaignAction, type Campaign } from '../queries';
import { CampaignActions } from './CampaignActions';
import { ReadinessChecklist } from './ReadinessChecklist';
import { StartAnywayForm } from './StartAnywayForm';

/** The readiness checklist with each failing item's reason, then Start campaign (a draft) or the running campaign's actions. */
export function LaunchSection({ campaign }: { campaign: Campaign }) {
  const readiness = useQuery(campaignReadinessQuery(campaign.id));
  const canWrite = useCan('campaigns:write');
  const start = useCampaignAction(campaign.id);
  const [error, setError] = useState<string | null>(null);

  const onStart = async () => {
    setError(null);
    try {
      await start.mutateAsync('start');
      toast.success('Campaign started: it sends in its next window');
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      setError(failure.problem.detail);
    }
  };

  return (
    <SectionCard
      id="launch"
      title="Launch"
      description="What the campaign still needs before it can start, and what it can send in the next 24 hours."
    >
      {readiness.isPending ? (
        <LoadingRows label="Checking readiness" />
      ) : readiness.isError ? (
        <ErrorState title="The launch checks could not be loaded" error={readiness.error} onRetry={() => void readiness.refetch()} />
      ) : (
        <ReadinessChecklist readiness={readiness.data} />
      )}
      {error ? <Alert>{error}</Alert> : null}
      {campaign.status === 'draft' && canWrite ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button size="lg" disabled={!readiness.data?.ready || start.isPending} onClick={onStart}>
            {start.isPending ? 'Starting…' : 'Start campaign'}
          </Button>
          <p className="text-sm text-slate-600">
            Starting sets up the campaign's automation in n8n; it sends only inside its sending window.
          </p>
        </div>
      ) : null}
      {campaign.status === 'draft' && canWrite && readiness.data ? (
        <StartAnywayForm campaignId={campaign.id} readiness={readiness.data} />
      ) : null}
      {campaign.status !== 'draft' ? <CampaignActions campaign={campaign} /> : null}
    </SectionCard>
  );
}
