import { useQuery } from '@tanstack/react-query';
import { Megaphone } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { toast } from 'sonner';
import { ErrorState } from '@/components/ui/error-state';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { EnrollmentCounts } from '@/features/campaigns/audience/EnrollmentCounts';
import { campaignsQuery, useEnrollLeads, usePreviewEnrollment } from '@/features/campaigns/queries';

const leadsCount = (count: number) => `${count} ${count === 1 ? 'lead' : 'leads'}`;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong. Try again.');

/**
 * Enrols the leads picked on the Leads page in a campaign: the same dry run as the builder's Audience
 * section says who would be enrolled and who left out (suppressed, already in, not active) before anyone is.
 */
export function EnrollInCampaignDialog({ leadIds, onDone }: { leadIds: string[]; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [campaignId, setCampaignId] = useState('');
  const campaigns = useQuery({ ...campaignsQuery(undefined), enabled: open });
  const enrollable = (campaigns.data ?? []).filter((campaign) => campaign.status !== 'archived' && campaign.status !== 'completed');
  const selectId = useId();

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setCampaignId('');
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          <Megaphone className="size-4" aria-hidden="true" />
          Enrol in campaign
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Enrol in campaign"
        description={`The campaign's sequence starts for ${leadsCount(leadIds.length)} selected, at its next sending window once it runs.`}
      >
        <div className="space-y-4">
          <div className="space-y-1.5">
            <Label htmlFor={selectId}>Campaign</Label>
            <Select id={selectId} value={campaignId} onChange={(event) => setCampaignId(event.target.value)}>
              <option value="" disabled>
                {campaigns.isPending ? 'Loading campaigns…' : 'Choose a campaign'}
              </option>
              {enrollable.map((campaign) => (
                <option key={campaign.id} value={campaign.id}>
                  {campaign.name}
                </option>
              ))}
            </Select>
            {campaigns.isError ? (
              <ErrorState title="Campaigns could not be loaded" error={campaigns.error} onRetry={() => void campaigns.refetch()} />
            ) : null}
            {campaigns.data && enrollable.length === 0 ? (
              <p className="text-sm text-slate-600">No campaign takes new leads: create one on the Campaigns page first.</p>
            ) : null}
          </div>
          {campaignId ? (
            <SelectionEnrollment
              key={campaignId}
              campaignId={campaignId}
              leadIds={leadIds}
              onEnrolled={() => {
                setOpen(false);
                setCampaignId('');
                onDone();
              }}
            />
          ) : null}
        </div>
      </DialogContent>
    </Dialog>
  );
}

function SelectionEnrollment({ campaignId, leadIds, onEnrolled }: { campaignId: string; leadIds: string[]; onEnrolled: () => void }) {
  const preview = usePreviewEnrollment(campaignId);
  const enroll = useEnrollLeads(campaignId);
  const [error, setError] = useState<string | null>(null);
  // The selection as it was when the campaign was chosen: the counts and the enrolment name the same leads.
  const [selection] = useState(() => ({ leadIds }));
  const { mutate: count } = preview;

  useEffect(() => {
    count(selection, { onError: (failure) => setError(messageOf(failure)) });
  }, [count, selection]);

  const confirm = async () => {
    setError(null);
    try {
      const outcome = await enroll.mutateAsync(selection);
      toast.success(`${leadsCount(outcome.enrolled)} enrolled`);
      onEnrolled();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <>
      {preview.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Counting who would be enrolled…
        </p>
      ) : null}
      {preview.data ? <EnrollmentCounts outcome={preview.data} /> : null}
      {error ? <Alert>{error}</Alert> : null}
      <DialogFooter>
        <Button
          disabled={!preview.data || preview.data.enrolled === 0 || preview.data.blocker !== null || enroll.isPending}
          onClick={confirm}
        >
          {enroll.isPending ? 'Enrolling…' : `Enrol ${leadsCount(preview.data?.enrolled ?? 0)}`}
        </Button>
      </DialogFooter>
    </>
  );
}
