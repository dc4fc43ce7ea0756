import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { campaignsQuery } from '@/features/campaigns/queries';
import { SearchBox } from '@/features/leads/SearchBox';
import { mailboxesQuery } from '@/features/mailboxes/queries';
import { cn } from '@/lib/cn';
import { LabelOptions } from './labels';
import type { InboxCustomLabel, InboxSummary } from './queries';
import { hasFilters, useInboxSearch } from './search';

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div>
      <Label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </Label>
      {children(id)}
    </div>
  );
}

/** The inbox's filters: each one lives in the URL, so a reload or a shared link shows the same conversations. */
export function InboxFilters({ summary, labels }: { summary: InboxSummary | undefined; labels: InboxCustomLabel[] | undefined }) {
  const [search, setSearch] = useInboxSearch();
  const campaigns = useQuery(campaignsQuery(undefined));
  const mailboxes = useQuery(mailboxesQuery);
  // The open conversation stays open while the list is filtered.
  const choose = (change: Parameters<typeof setSearch>[0]) => setSearch(change);

  return (
    <div role="search" aria-label="Filter conversations" className="space-y-4">
      <div className="flex flex-col gap-1" role="group" aria-label="Show">
        <Button
          variant="ghost"
          className={cn('justify-between', !search.unread && 'bg-indigo-50 text-indigo-800')}
          aria-pressed={!search.unread}
          onClick={() => choose({ unread: undefined })}
        >
          All conversations
          <span className="text-xs text-slate-600">{summary?.threads ?? ''}</span>
        </Button>
        <Button
          variant="ghost"
          className={cn('justify-between font-semibold', search.unread && 'bg-indigo-50 text-indigo-800')}
          aria-pressed={search.unread === true}
          onClick={() => choose({ unread: true })}
        >
          Unread
          {summary && summary.unreadThreads > 0 ? (
            <span
              className="rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white"
              aria-label={`${summary.unreadThreads} unread`}
            >
              {summary.unreadThreads}
            </span>
          ) : null}
        </Button>
      </div>
      <SearchBox
        label="Search conversations"
        placeholder="Search replies"
        value={search.search ?? ''}
        onSearch={(value) => setSearch({ search: value || undefined }, { replace: true })}
      />
      <Field label="Label">
        {(id) => (
          <Select
            id={id}
            value={search.label ?? ''}
            onChange={(event) => choose({ label: (event.target.value || undefined) as typeof search.label })}
          >
            <option value="">All labels</option>
            <option value="none">No label</option>
            <LabelOptions labels={labels} />
          </Select>
        )}
      </Field>
      <Field label="Campaign">
        {(id) => (
          <Select id={id} value={search.campaignId ?? ''} onChange={(event) => choose({ campaignId: event.target.value || undefined })}>
            <option value="">All campaigns</option>
            {(campaigns.data ?? []).map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Mailbox">
        {(id) => (
          <Select id={id} value={search.mailboxId ?? ''} onChange={(event) => choose({ mailboxId: event.target.value || undefined })}>
            <option value="">All mailboxes</option>
            {(mailboxes.data ?? []).map((mailbox) => (
              <option key={mailbox.id} value={mailbox.id}>
                {mailbox.email}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {hasFilters(search) ? (
        <Button
          variant="secondary"
          size="sm"
          className="w-full"
          onClick={() => choose({ unread: undefined, label: undefined, campaignId: undefined, mailboxId: undefined, search: undefined })}
        >
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
