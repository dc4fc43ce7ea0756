import { Badge } from '@/components/ui/badge';
import type { InboxCustomLabel, InboxThread } from './queries';
import { builtInLabels, type InboxLabel } from './search';

export const labelNames: Record<InboxLabel, string> = {
  interested: 'Interested',
  not_interested: 'Not interested',
  meeting_booked: 'Meeting booked',
  out_of_office: 'Out of office',
  wrong_person: 'Wrong person',
};

const labelTones: Record<InboxLabel, 'good' | 'bad' | 'info' | 'warn' | 'neutral'> = {
  interested: 'good',
  meeting_booked: 'info',
  not_interested: 'bad',
  out_of_office: 'warn',
  wrong_person: 'neutral',
};

/** The select value of a thread's one label: a built-in label's name or an own label's id ('' for none). */
export function labelValue(thread: Pick<InboxThread, 'label' | 'customLabel'>): string {
  return thread.customLabel?.id ?? thread.label ?? '';
}

/** A thread's label as a badge; one an auto-reply only suggested says so. */
export function ThreadLabel({ thread }: { thread: Pick<InboxThread, 'label' | 'customLabel' | 'labelSuggested'> }) {
  if (thread.customLabel) return <Badge tone="info">{thread.customLabel.name}</Badge>;
  if (!thread.label) return null;
  return (
    <Badge tone={labelTones[thread.label]} title={thread.labelSuggested ? 'Suggested by an automatic reply' : undefined}>
      {labelNames[thread.label]}
      {thread.labelSuggested ? ' (suggested)' : ''}
    </Badge>
  );
}

/** The built-in labels, then the organization's own, as options of a select (built-in by name, own by id). */
export function LabelOptions({ labels, suggested }: { labels: InboxCustomLabel[] | undefined; suggested?: InboxLabel | null }) {
  return (
    <>
      {builtInLabels.map((label) => (
        <option key={label} value={label}>
          {labelNames[label]}
          {label === suggested ? ' (suggested)' : ''}
        </option>
      ))}
      {(labels ?? []).map((label) => (
        <option key={label.id} value={label.id}>
          {label.name}
        </option>
      ))}
    </>
  );
}
