import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { MailOpen } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { Select } from '@/components/ui/select';
import { useCan } from '@/features/auth/permissions';
import { formatDateTime } from '@/lib/dates';
import { leadName } from './format';
import { LabelOptions, labelValue } from './labels';
import { threadQuery, useUpdateThread, type InboxCustomLabel, type InboxMessage, type InboxThreadDetail } from './queries';
import { ReplyForm } from './ReplyForm';
import { builtInLabels, type InboxLabel } from './search';

const replyStates: Record<InboxMessage['status'], { text: string; tone: 'good' | 'bad' | 'info' | 'warn' | 'neutral' }> = {
  received: { text: 'Received', tone: 'neutral' },
  queued: { text: 'Queued, sending shortly', tone: 'warn' },
  claimed: { text: 'Sending…', tone: 'info' },
  retrying: { text: 'Retrying', tone: 'warn' },
  sent: { text: 'Sent', tone: 'good' },
  failed: { text: 'Not sent', tone: 'bad' },
};

function author(message: InboxMessage, thread: InboxThreadDetail): string {
  if (message.kind === 'campaign') return `You, campaign step ${message.step ?? ''}`.trim();
  if (message.kind === 'inbox_reply') return 'Your reply';
  return leadName(thread.lead);
}

function MessageItem({ message, thread }: { message: InboxMessage; thread: InboxThreadDetail }) {
  const headingId = useId();
  const ours = message.direction === 'outbound';
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className={ours ? 'ml-8 rounded-xl bg-indigo-50/60 p-4' : 'mr-8 rounded-xl border border-slate-200 bg-white p-4'}
      >
        <header className="flex flex-wrap items-center gap-2">
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            {author(message, thread)}
          </h3>
          {message.kind === 'auto_reply' ? <Badge tone="warn">Automatic reply</Badge> : null}
          {message.kind === 'unsubscribe_request' ? <Badge tone="bad">Asked to unsubscribe</Badge> : null}
          {message.kind === 'inbox_reply' ? (
            <span role="status">
              <Badge tone={replyStates[message.status].tone}>{replyStates[message.status].text}</Badge>
            </span>
          ) : null}
          <time dateTime={message.at} className="ml-auto text-xs text-slate-600">
            {formatDateTime(message.at)}
          </time>
        </header>
        {message.subject ? <p className="mt-1 text-xs text-slate-600">Subject: {message.subject}</p> : null}
        {message.lastError && message.status !== 'sent' ? <p className="mt-1 text-xs text-red-700">{message.lastError}</p> : null}
        <div className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">{message.bodyText ?? '(no text)'}</div>
      </article>
    </li>
  );
}

function ThreadActions({ thread, labels }: { thread: InboxThreadDetail; labels: InboxCustomLabel[] | undefined }) {
  const update = useUpdateThread(thread.id);
  const labelId = useId();
  const chooseLabel = (value: string) => {
    if (value === '') update.mutate({ label: null });
    else if ((builtInLabels as readonly string[]).includes(value)) update.mutate({ label: value as InboxLabel });
    else update.mutate({ customLabelId: value });
  };
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2">
      <div>
        <label htmlFor={labelId} className="sr-only">
          Label
        </label>
        <Select
          id={labelId}
          className="h-8 w-44"
          value={labelValue(thread)}
          disabled={update.isPending}
          onChange={(event) => chooseLabel(event.target.value)}
        >
          <option value="">No label</option>
          <LabelOptions labels={labels} suggested={thread.labelSuggested ? thread.label : null} />
        </Select>
      </div>
      <Button variant="secondary" size="sm" disabled={update.isPending} onClick={() => update.mutate({ read: thread.unread })}>
        <MailOpen className="size-4" aria-hidden="true" />
        {thread.unread ? 'Mark as read' : 'Mark as unread'}
      </Button>
    </div>
  );
}

/** One conversation, oldest message first (ours and theirs), with its campaign, label, read state and the reply box. */
export function ThreadView({ threadId, labels }: { threadId: string; labels: InboxCustomLabel[] | undefined }) {
  const thread = useQuery(threadQuery(threadId));
  const canAct = useCan('inbox:reply');
  const update = useUpdateThread(threadId);
  const opened = useRef<string | null>(null);
  const messageList = useRef<HTMLOListElement>(null);

  // Opening a conversation reads it; marked unread again afterwards, it stays so until another one is opened.
  const unread = thread.data?.unread;
  useEffect(() => {
    if (unread === undefined || opened.current === threadId) return;
    opened.current = threadId;
    if (unread && canAct) update.mutate({ read: true });
  }, [threadId, unread, canAct, update]);

  // The latest message is the one to answer: keep it in view as the conversation opens and grows.
  const messageCount = thread.data?.messages.length;
  useEffect(() => {
    const list = messageList.current;
    if (list && messageCount !== undefined) list.scrollTop = list.scrollHeight;
  }, [messageCount]);

  if (thread.isPending) return <LoadingRows label="Loading the conversation" />;
  if (thread.isError)
    return <ErrorState error={thread.error} title="This conversation could not be loaded" onRetry={() => void thread.refetch()} />;
  const detail = thread.data;
  return (
    <section
      aria-labelledby="thread-title"
      className="flex h-full min-h-0 flex-col overflow-hidden rounded-xl border border-slate-200 bg-slate-50"
    >
      <header className="border-b border-slate-200 bg-white px-4 py-3">
        <div className="min-w-0">
          <h2 id="thread-title" className="truncate text-lg font-semibold text-slate-900">
            {leadName(detail.lead)}
          </h2>
          <p className="truncate text-sm text-slate-600">
            {detail.lead.email}
            {detail.lead.company ? ` · ${detail.lead.company}` : ''}
          </p>
          <p className="mt-1 text-xs text-slate-600">
            Campaign{' '}
            <Link
              to="/campaigns/$campaignId"
              params={{ campaignId: detail.campaign.id }}
              className="font-medium text-indigo-700 hover:underline"
            >
              {detail.campaign.name}
            </Link>{' '}
            · Mailbox {detail.mailbox.email}
          </p>
        </div>
        {canAct ? <ThreadActions thread={detail} labels={labels} /> : null}
      </header>
      <ol
        ref={messageList}
        aria-label="Messages"
        tabIndex={0}
        className="min-h-0 flex-1 space-y-3 overflow-y-auto p-4 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-500"
      >
        {detail.messages.map((message) => (
          <MessageItem key={message.id} message={message} thread={detail} />
        ))}
      </ol>
      {canAct ? (
        <ReplyForm thread={detail} />
      ) : (
        <p className="border-t border-slate-200 bg-white p-4 text-sm text-slate-600">Viewers read conversations; a member replies.</p>
      )}
    </section>
  );
}
