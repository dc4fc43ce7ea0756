import { Search, X } from 'lucide-react';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { useSettledInput } from '@/lib/useSettledInput';
import { hasFilters, joinCustomField, leadStatuses, splitCustomField, useLeadSearch, type LeadStatus } from './leadSearch';
import type { LeadList } from './queries';
import type { LeadVerificationStatus } from './verification/queries';
import { verificationLabels, verificationStatuses } from './verification/verificationLabels';

export const statusLabels: Record<LeadStatus, string> = {
  active: 'Active',
  unsubscribed: 'Unsubscribed',
  bounced: 'Bounced',
  complained: 'Complained',
};

function Field({ label, children, className }: { label: string; children: (id: string) => ReactNode; className?: string }) {
  const id = useId();
  return (
    <div className={className}>
      <Label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </Label>
      {children(id)}
    </div>
  );
}

/** The table's filters: each one lives in the URL, so a reload or a shared link shows the same leads. */
export function LeadsFilters({ lists }: { lists: LeadList[] | undefined }) {
  const [search, setSearch] = useLeadSearch();
  const [text, setText] = useSettledInput(search.search ?? '', (value) => setSearch({ search: value || undefined }, { replace: true }));
  const [tag, setTag] = useSettledInput(search.tag ?? '', (value) => setSearch({ tag: value || undefined }, { replace: true }));
  const custom = splitCustomField(search.customField);
  const [fieldKey, setFieldKey] = useState(custom.key);
  const [fieldValue, setFieldValue] = useSettledInput(custom.value, (value) =>
    setSearch({ customField: joinCustomField(fieldKey, value) }, { replace: true }),
  );
  useEffect(() => setFieldKey(custom.key), [custom.key]);

  return (
    <div
      role="search"
      aria-label="Filter leads"
      className="mb-4 flex flex-wrap items-end gap-x-3 gap-y-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm"
    >
      <Field label="Search leads" className="min-w-56 flex-[2]">
        {(id) => (
          <div className="relative">
            <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400" aria-hidden="true" />
            <Input
              id={id}
              type="search"
              className="pl-8"
              placeholder="Name, email or company"
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </div>
        )}
      </Field>
      <Field label="Status" className="w-32">
        {(id) => (
          <Select
            id={id}
            value={search.status ?? ''}
            onChange={(event) => setSearch({ status: (event.target.value || undefined) as LeadStatus | undefined })}
          >
            <option value="">All statuses</option>
            {leadStatuses.map((status) => (
              <option key={status} value={status}>
                {statusLabels[status]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Address check" className="w-36">
        {(id) => (
          <Select
            id={id}
            value={search.verificationStatus ?? ''}
            onChange={(event) => setSearch({ verificationStatus: (event.target.value || undefined) as LeadVerificationStatus | undefined })}
          >
            <option value="">Any address</option>
            {verificationStatuses.map((status) => (
              <option key={status} value={status}>
                {verificationLabels[status]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="List" className="w-36">
        {(id) => (
          <Select id={id} value={search.listId ?? ''} onChange={(event) => setSearch({ listId: event.target.value || undefined })}>
            <option value="">All lists</option>
            {search.listId && lists && !lists.some((list) => list.id === search.listId) ? (
              <option value={search.listId}>A list that no longer exists</option>
            ) : null}
            {(lists ?? []).map((list) => (
              <option key={list.id} value={list.id}>
                {list.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Tag" className="w-32">
        {(id) => <Input id={id} placeholder="e.g. vip" value={tag} onChange={(event) => setTag(event.target.value)} />}
      </Field>
      <Field label="Custom field" className="w-32">
        {(id) => (
          <Input
            id={id}
            placeholder="e.g. plan"
            value={fieldKey}
            onChange={(event) => setFieldKey(event.target.value)}
            onBlur={() => setSearch({ customField: joinCustomField(fieldKey, fieldValue) }, { replace: true })}
          />
        )}
      </Field>
      <Field label="Field value" className="w-32">
        {(id) => (
          <Input
            id={id}
            placeholder="e.g. pro"
            value={fieldValue}
            disabled={!fieldKey.trim()}
            onChange={(event) => setFieldValue(event.target.value)}
          />
        )}
      </Field>
      {hasFilters(search) ? (
        <Button
          variant="ghost"
          size="sm"
          className="mb-0.5"
          onClick={() => {
            setFieldKey('');
            setSearch({
              search: undefined,
              status: undefined,
              verificationStatus: undefined,
              listId: undefined,
              tag: undefined,
              customField: undefined,
            });
          }}
        >
          <X className="size-4" aria-hidden="true" />
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
