import { useState } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useCan } from '@/features/auth/permissions';
import { ApiError } from '@/lib/api/problem';
import { useCampaignAction, useRunNow, type Campaign, type CampaignAction } from '../queries';

const actionDone: Record<CampaignAction, string> = {
  start: 'Campaign started',
  pause: 'Campaign paused: nothing is sent until you resume it',
  resume: 'Campaign resumed',
  archive: 'Campaign archived',
};

/**
 * Pause, resume, archive and run a campaign now, as its status allows. Starting a draft is the builder's
 * Launch section, after its readiness checklist.
 */
export function CampaignActions({ campaign }: { campaign: Pick<Campaign, 'id' | 'name' | 'status'> }) {
  const canWrite = useCan('campaigns:write');
  const action = useCampaignAction(campaign.id);
  const runNow = useRunNow(campaign.id);
  const [error, setError] = useState<string | null>(null);
  const [lastRun, setLastRun] = useState<string | null>(null);
  if (!canWrite || campaign.status === 'archived') return null;

  const perform = async (next: CampaignAction) => {
    setError(null);
    try {
      await action.mutateAsync(next);
      toast.success(actionDone[next]);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      setError(failure.problem.detail);
    }
  };
  const run = async () => {
    setError(null);
    try {
      const outcome = await runNow.mutateAsync();
      setLastRun(outcome.finished ? `Run finished: ${outcome.summary}` : `Run still going: ${outcome.summary}`);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      setError(failure.problem.detail);
    }
  };
  const busy = action.isPending || runNow.isPending;

  return (
    <div className="max-w-xl space-y-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {campaign.status === 'active' ? (
          <>
            <Button variant="secondary" disabled={busy} onClick={run}>
              {runNow.isPending ? 'Running…' : 'Run now'}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => perform('pause')}>
              Pause campaign
            </Button>
          </>
        ) : null}
        {campaign.status === 'paused' ? (
          <Button disabled={busy} onClick={() => perform('resume')}>
            Resume campaign
          </Button>
        ) : null}
        <ConfirmDialog
          trigger={
            <Button variant="ghost" disabled={busy}>
              Archive campaign
            </Button>
          }
          title={`Archive ${campaign.name}?`}
          description="Sending stops for good and its workflow is removed from n8n. Its results stay readable; an archived campaign cannot be restarted (duplicate it instead)."
          confirmLabel="Archive"
          onConfirm={() => perform('archive')}
        />
      </div>
      {lastRun ? (
        <p role="status" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
          {lastRun}
        </p>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
