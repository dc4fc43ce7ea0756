import { useQuery } from '@tanstack/react-query';
import { ListOrdered, Plus } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows } from '@/components/ui/page';
import { useCan } from '@/features/auth/permissions';
import { CheckboxField } from '@/features/mailboxes/fields';
import { campaignQuery, type CampaignStatus } from '../queries';
import { bodyOf, draftOf, newStep, type Draft, type DraftStep } from './draft';
import { sequenceQuery, useSaveSequence, type Sequence } from './queries';
import { StepEditor } from './StepEditor';
import { sequenceTimeline } from './timeline';
import { issuesOf, useSequenceCheck } from './useSequenceCheck';

/** What saving does to leads already in the sequence (docs/campaign-definition.md, "Sequence"). */
function RunningEditNote({ status }: { status: CampaignStatus }) {
  return (
    <div role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p className="font-medium">This campaign is {status}: saving changes what leads already in it receive.</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        <li>Messages waiting to go out keep their step and variant and are sent with the new wording.</li>
        <li>A removed variant's waiting messages move to another variant of the same step.</li>
        <li>A removed step's waiting messages are cancelled; leads waiting for it finish the sequence.</li>
        <li>A changed delay applies to follow-ups queued after the save; one already waiting keeps its time.</li>
        <li>Messages already sent, or being sent right now, are not changed.</li>
      </ul>
    </div>
  );
}

function SequenceEditor({ campaignId, sequence, status }: { campaignId: string; sequence: Sequence; status: CampaignStatus | undefined }) {
  const canEdit = useCan('campaigns:write');
  const [draft, setDraft] = useState<Draft>(() => draftOf(sequence));
  const [edited, setEdited] = useState(false);
  const [issues, setIssues] = useSequenceCheck(campaignId, draft, edited);
  const save = useSaveSequence(campaignId);
  const timeline = sequenceTimeline(draft.steps);

  const change = (next: Draft) => {
    setDraft(next);
    setEdited(true);
  };
  const changeStep = (key: string, step: DraftStep) => change({ ...draft, steps: draft.steps.map((s) => (s.key === key ? step : s)) });

  const onSave = async () => {
    try {
      const saved = await save.mutateAsync(bodyOf(draft));
      setDraft(draftOf(saved));
      setEdited(false);
      setIssues({ fields: new Map(), other: null });
      toast.success(status === 'draft' || status === undefined ? 'Sequence saved as a draft' : 'Sequence saved');
    } catch (error) {
      setIssues(issuesOf(error));
    }
  };

  const problemCount = issues.fields.size + (issues.other ? 1 : 0);
  return (
    <div className="space-y-4">
      {issues.other ? <Alert>{issues.other}</Alert> : null}
      <fieldset disabled={!canEdit} className="space-y-4">
        {draft.steps.length === 0 ? (
          <EmptyState
            icon={<ListOrdered className="size-5" aria-hidden />}
            title="No steps yet"
            nextAction="Add the first email; each follow-up waits its delay after the one before and goes out in the lead's sending window."
          />
        ) : (
          draft.steps.map((step, index) => (
            <StepEditor
              key={step.key}
              step={step}
              index={index}
              timeline={timeline[index]}
              errors={issues.fields}
              onChange={(next) => changeStep(step.key, next)}
              onRemove={() => change({ ...draft, steps: draft.steps.filter((s) => s.key !== step.key) })}
            />
          ))
        )}
        <Button
          type="button"
          variant="secondary"
          onClick={() => change({ ...draft, steps: [...draft.steps, newStep(draft.steps.length)] })}
        >
          <Plus className="size-4" aria-hidden /> Add step
        </Button>
        <CheckboxField
          label="Require an unsubscribe link in every body"
          hint="Recommended: each body must contain {{unsubscribeUrl}}. Without it, a footer with the link is added to the text body."
          checked={draft.requireUnsubscribeLink}
          onChange={(event) => change({ ...draft, requireUnsubscribeLink: event.target.checked })}
        />
      </fieldset>
      {canEdit ? (
        <div className="space-y-3 border-t border-slate-200 pt-4">
          {status && status !== 'draft' ? <RunningEditNote status={status} /> : null}
          <div className="flex flex-wrap items-center justify-end gap-3">
            {problemCount > 0 ? (
              <Badge tone="bad">{problemCount === 1 ? '1 problem to fix' : `${problemCount} problems to fix`}</Badge>
            ) : edited ? (
              <Badge tone="warn">Unsaved changes</Badge>
            ) : (
              <Badge tone="good">Saved</Badge>
            )}
            <Button type="button" onClick={onSave} disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save'}
            </Button>
          </div>
          <p className="text-right text-xs text-slate-600">
            {status === 'draft' || status === undefined
              ? 'Saving keeps the campaign a draft until you launch it.'
              : 'Saved changes apply at once.'}
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-600">Your role can read this sequence; a member or admin can change it.</p>
      )}
    </div>
  );
}

/** The campaign's steps, their delays and wording, with A/B variants; checked by the API as the marketer types. */
export function SequenceSection({ campaignId }: { campaignId: string }) {
  const sequence = useQuery(sequenceQuery(campaignId));
  const campaign = useQuery(campaignQuery(campaignId));
  return (
    <Card className="p-5">
      <section aria-labelledby="sequence-heading" className="space-y-4">
        <div>
          <h2 id="sequence-heading" className="text-base font-semibold text-slate-900">
            Sequence
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            The emails each lead receives, in order. Problems are checked as you type and shown at their field.
          </p>
        </div>
        {sequence.isPending ? (
          <LoadingRows label="Loading the sequence" />
        ) : sequence.isError ? (
          <ErrorState title="The sequence could not be loaded" error={sequence.error} onRetry={() => void sequence.refetch()} />
        ) : (
          // Keyed: another campaign's builder starts from its own sequence, never from this draft.
          <SequenceEditor key={campaignId} campaignId={campaignId} sequence={sequence.data} status={campaign.data?.status} />
        )}
      </section>
    </Card>
  );
}
