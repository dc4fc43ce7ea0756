import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { ErrorState } from '@/components/ui/error-state';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { leadListsQuery } from '@/features/leads/queries';
import { SelectField } from '@/features/mailboxes/fields';
import { ApiError } from '@/lib/api/problem';
import { SectionCard } from '../builder/SectionCard';
import { campaignsOverviewQuery, useEnrollLeads, usePreviewEnrollment, type Campaign, type EnrollLeads } from '../queries';
import { EnrollmentCounts } from './EnrollmentCounts';

type Source = 'list' | 'filter';

/** The selection as the enrolment API names it, or null while it names nothing yet. */
function selectionOf(source: Source, listId: string, filter: { tag: string; search: string }): EnrollLeads | null {
  if (source === 'list') return listId ? { listId } : null;
  const tag = filter.tag.trim();
  const search = filter.search.trim();
  if (!tag && !search) return null;
  return { filter: { ...(tag ? { tag } : {}), ...(search ? { search } : {}) } };
}

/**
 * Who the campaign writes to: a list or a filter over the leads. The counts come from the API's dry run of
 * the same enrolment (suppressed, already enrolled, not active, active in another campaign) before anyone
 * is enrolled; enrolling again later adds only the leads not in yet.
 */
export function AudienceSection({ campaign, canEdit }: { campaign: Campaign; canEdit: boolean }) {
  const lists = useQuery(leadListsQuery);
  const overview = useQuery(campaignsOverviewQuery);
  const enrolled = overview.data?.find((entry) => entry.campaignId === campaign.id)?.enrolled;
  const preview = usePreviewEnrollment(campaign.id);
  const enroll = useEnrollLeads(campaign.id);
  const [source, setSource] = useState<Source>('list');
  const [listId, setListId] = useState('');
  const [filter, setFilter] = useState({ tag: '', search: '' });
  const [error, setError] = useState<string | null>(null);
  const selection = selectionOf(source, listId, filter);
  // The counts stand only for the selection they were made for.
  const checked = preview.data && JSON.stringify(preview.variables) === JSON.stringify(selection) ? preview.data : undefined;
  const radioName = useId();

  const change = (next: () => void) => {
    next();
    preview.reset();
    setError(null);
  };
  const check = async () => {
    if (!selection) return;
    setError(null);
    try {
      await preview.mutateAsync(selection);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      setError(failure.problem.detail);
    }
  };
  const confirm = async () => {
    if (!selection) return;
    setError(null);
    try {
      const outcome = await enroll.mutateAsync(selection);
      toast.success(`${outcome.enrolled} ${outcome.enrolled === 1 ? 'lead' : 'leads'} enrolled`);
      preview.reset();
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      setError(failure.problem.detail);
    }
  };

  return (
    <SectionCard
      id="audience"
      title="Audience"
      description="Choose the leads this campaign writes to. Suppressed, bounced or unsubscribed leads and leads already in it are always left out."
    >
      <p className="text-sm text-slate-700" role="status">
        {enrolled === undefined ? 'Counting enrolled leads…' : `${enrolled} ${enrolled === 1 ? 'lead' : 'leads'} enrolled so far.`}
      </p>
      {canEdit ? (
        <div className="space-y-4">
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-900">Enrol leads from</legend>
            <div className="flex flex-wrap gap-4 text-sm">
              {(
                [
                  ['list', 'A list'],
                  ['filter', 'A filter (tag or search)'],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="flex items-center gap-2">
                  <input
                    type="radio"
                    name={radioName}
                    value={value}
                    checked={source === value}
                    onChange={() => change(() => setSource(value))}
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
          {source === 'list' ? (
            <div className="max-w-sm">
              <SelectField label="Lead list" value={listId} onChange={(event) => change(() => setListId(event.target.value))}>
                <option value="">Choose a list…</option>
                {(lists.data ?? []).map((list) => (
                  <option key={list.id} value={list.id}>
                    {list.name} ({list.memberCount})
                  </option>
                ))}
              </SelectField>
              {lists.isError ? (
                <ErrorState
                  className="mt-2"
                  title="Lead lists could not be loaded"
                  error={lists.error}
                  onRetry={() => void lists.refetch()}
                />
              ) : null}
              {lists.data?.length === 0 ? (
                <p className="mt-1 text-sm text-slate-600">
                  No lists yet:{' '}
                  <Link to="/leads/import" className="text-indigo-700 underline hover:text-indigo-900">
                    import leads
                  </Link>{' '}
                  into one first.
                </p>
              ) : null}
            </div>
          ) : (
            <div className="grid max-w-2xl grid-cols-2 gap-4">
              <FormField
                label="Tag"
                autoComplete="off"
                value={filter.tag}
                onChange={(event) => change(() => setFilter({ ...filter, tag: event.target.value }))}
              />
              <FormField
                label="Email, name or company contains"
                autoComplete="off"
                value={filter.search}
                onChange={(event) => change(() => setFilter({ ...filter, search: event.target.value }))}
              />
            </div>
          )}
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" disabled={!selection || preview.isPending} onClick={check}>
              {preview.isPending ? 'Counting…' : 'Count leads'}
            </Button>
            {checked && !checked.blocker ? (
              <Button disabled={checked.enrolled === 0 || enroll.isPending} onClick={confirm}>
                {enroll.isPending ? 'Enrolling…' : `Enrol ${checked.enrolled} ${checked.enrolled === 1 ? 'lead' : 'leads'}`}
              </Button>
            ) : null}
          </div>
          {checked ? <EnrollmentCounts outcome={checked} /> : null}
          {error ? <Alert>{error}</Alert> : null}
          {campaign.status !== 'draft' ? (
            <p className="text-sm text-slate-600">
              The campaign is running: new leads get the first step at the next sending window; leads already in it are not touched.
            </p>
          ) : null}
        </div>
      ) : null}
    </SectionCard>
  );
}
