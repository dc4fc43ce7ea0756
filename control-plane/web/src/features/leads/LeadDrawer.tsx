import { useQuery } from '@tanstack/react-query';
import { Activity, Mail, MousePointerClick, Reply, TriangleAlert } from 'lucide-react';
import { useRef, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { Sheet, SheetContent } from '@/components/ui/sheet';
import { statusLabels } from './LeadsFilters';
import { fullName } from './LeadsTable';
import { leadActivityQuery, leadQuery, type Lead, type LeadActivity } from './queries';
import { formatDateTime } from '@/lib/dates';

const fieldLabels: Array<[keyof Lead, string]> = [
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['company', 'Company'],
  ['title', 'Title'],
  ['phone', 'Phone'],
  ['website', 'Website'],
  ['linkedinUrl', 'LinkedIn'],
  ['city', 'City'],
  ['country', 'Country'],
  ['timezone', 'Time zone'],
  ['source', 'Source'],
];

const enrollmentTone = { active: 'good', paused: 'warn', completed: 'neutral', stopped: 'bad' } as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="border-t border-slate-200 py-4">
      <h3 className="mb-2 text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

function Fields({ rows }: { rows: Array<[string, string]> }) {
  return (
    <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="break-words text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const messageText: Record<string, string> = {
  queued: 'Queued',
  claimed: 'Sending',
  sent: 'Sent',
  deferred: 'Deferred',
  retrying: 'Retrying',
  failed: 'Failed to send',
  cancelled: 'Cancelled',
};
const eventText: Record<string, string> = {
  sent: 'Delivered to the provider',
  failed: 'Send failed',
  deferred: 'Send deferred',
  opened: 'Opened',
  clicked: 'Clicked a link',
  replied: 'Replied',
  auto_replied: 'Auto-replied',
  bounced: 'Bounced',
  unsubscribed: 'Unsubscribed',
  complained: 'Marked as spam',
};

function entryIcon(entry: LeadActivity['timeline'][number]) {
  if (entry.kind === 'message') return <Mail className="size-3.5" aria-hidden="true" />;
  if (entry.type === 'replied' || entry.type === 'auto_replied') return <Reply className="size-3.5" aria-hidden="true" />;
  if (entry.type === 'clicked') return <MousePointerClick className="size-3.5" aria-hidden="true" />;
  if (['bounced', 'complained', 'failed', 'unsubscribed'].includes(entry.type))
    return <TriangleAlert className="size-3.5" aria-hidden="true" />;
  return <Activity className="size-3.5" aria-hidden="true" />;
}

function Timeline({ entries }: { entries: LeadActivity['timeline'] }) {
  if (entries.length === 0)
    return <p className="text-sm text-slate-600">Nothing yet: messages and events appear here once a campaign reaches this lead.</p>;
  return (
    <ol className="space-y-3">
      {entries.map((entry) => (
        <li key={`${entry.kind}-${entry.id}`} className="flex gap-3 text-sm">
          <span className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-600">
            {entryIcon(entry)}
          </span>
          <div className="min-w-0">
            <p className="font-medium text-slate-900">
              {entry.kind === 'message'
                ? `${messageText[entry.type] ?? entry.type}: step ${(entry.stepPosition ?? 0) + 1}`
                : (eventText[entry.type] ?? entry.type)}
              {entry.subject ? <span className="font-normal text-slate-700"> · “{entry.subject}”</span> : null}
            </p>
            <p className="text-xs text-slate-500">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              {entry.campaignName ? ` · ${entry.campaignName}` : null}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}

/** Where the lead is in the campaign's sequence, or why it left it. */
function enrollmentDetail(enrollment: LeadActivity['enrollments'][number]): string {
  if (enrollment.state === 'stopped') return enrollment.stopReason ? `Stopped: ${enrollment.stopReason}` : 'Stopped';
  if (enrollment.state === 'completed') return `Every step sent (joined ${formatDateTime(enrollment.createdAt)})`;
  const next = `Next: step ${enrollment.nextStep + 1}${enrollment.nextDueAt ? ` on ${formatDateTime(enrollment.nextDueAt)}` : ''}`;
  return enrollment.state === 'paused' ? `Paused · ${next}` : next;
}

function LeadDetails({ leadId }: { leadId: string }) {
  const lead = useQuery(leadQuery(leadId));
  const activity = useQuery(leadActivityQuery(leadId));
  if (lead.isPending) return <LoadingRows label="Loading the lead" />;
  if (lead.isError) return <ErrorState title="This lead could not be loaded" error={lead.error} onRetry={() => void lead.refetch()} />;
  const data = lead.data;
  const custom = Object.entries(data.customFields);
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <Badge tone={data.status === 'active' ? 'good' : 'bad'}>{statusLabels[data.status]}</Badge>
        {data.tags.map((tag) => (
          <Badge key={tag} tone="info">
            {tag}
          </Badge>
        ))}
        {data.tags.length === 0 ? <span className="text-sm text-slate-500">No tags</span> : null}
      </div>
      <Section title="Fields">
        <Fields
          rows={[
            ['Email', data.email],
            ...fieldLabels.flatMap(([key, label]): Array<[string, string]> => (data[key] ? [[label, String(data[key])]] : [])),
            ['Added', formatDateTime(data.createdAt)],
          ]}
        />
      </Section>
      <Section title="Custom fields">
        {custom.length > 0 ? (
          <Fields rows={custom} />
        ) : (
          <p className="text-sm text-slate-600">None. Map extra CSV columns to custom fields when importing.</p>
        )}
      </Section>
      <Section title="Enrolments">
        {activity.isPending ? <LoadingRows label="Loading enrolments" /> : null}
        {activity.isError ? (
          <ErrorState title="The lead's activity could not be loaded" error={activity.error} onRetry={() => void activity.refetch()} />
        ) : null}
        {activity.data && activity.data.enrollments.length === 0 ? (
          <p className="text-sm text-slate-600">Not in any campaign yet.</p>
        ) : null}
        {activity.data && activity.data.enrollments.length > 0 ? (
          <ul className="space-y-2">
            {activity.data.enrollments.map((enrollment) => (
              <li
                key={enrollment.id}
                className="flex items-center justify-between gap-3 rounded-lg border border-slate-200 px-3 py-2 text-sm"
              >
                <div className="min-w-0">
                  <p className="truncate font-medium text-slate-900">{enrollment.campaignName}</p>
                  <p className="text-xs text-slate-500">{enrollmentDetail(enrollment)}</p>
                </div>
                <Badge tone={enrollmentTone[enrollment.state]} className="capitalize">
                  {enrollment.state}
                </Badge>
              </li>
            ))}
          </ul>
        ) : null}
      </Section>
      <Section title="Timeline">{activity.data ? <Timeline entries={activity.data.timeline} /> : null}</Section>
    </div>
  );
}

/** One lead beside the table: its fields, custom fields, tags, campaigns and what happened to it. */
export function LeadDrawer({ leadId, lead: row, onClose }: { leadId: string | undefined; lead: Lead | undefined; onClose: () => void }) {
  // The row's copy names the drawer at once; a shared link (no row loaded) waits for the lead itself.
  const fetched = useQuery({ ...leadQuery(leadId ?? ''), enabled: leadId !== undefined });
  const lead = fetched.data ?? row;
  const title = lead ? fullName(lead) || lead.email : 'Lead';
  // The drawer opens from the URL, not from a trigger: on closing, focus goes back to the lead's row by hand.
  const lastLeadId = useRef(leadId);
  if (leadId) lastLeadId.current = leadId;
  const returnFocus = (event: Event) => {
    const button = document.querySelector<HTMLElement>(`[data-lead-id="${lastLeadId.current}"]`);
    if (!button) return;
    event.preventDefault();
    button.focus();
  };
  return (
    <Sheet open={leadId !== undefined} onOpenChange={(open) => (open ? undefined : onClose())}>
      {leadId ? (
        <SheetContent title={title} description={lead && fullName(lead) ? lead.email : undefined} onCloseAutoFocus={returnFocus}>
          <LeadDetails leadId={leadId} />
        </SheetContent>
      ) : null}
    </Sheet>
  );
}
