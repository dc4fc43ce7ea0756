import { Link } from '@tanstack/react-router';
import { MessagesSquare, SearchX } from 'lucide-react';
import type { KeyboardEvent } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows } from '@/components/ui/page';
import { ShowMore } from '@/features/leads/ShowMore';
import { cn } from '@/lib/cn';
import { ThreadLabel } from './labels';
import { leadName, shortTime } from './format';
import type { InboxSummary, ThreadPages } from './queries';
import { hasFilters, useInboxSearch } from './search';

/** Up and down arrows move between conversations, as in a mail client; Enter opens the one focused. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-thread]')];
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = links[event.key === 'ArrowDown' ? Math.min(index + 1, links.length - 1) : Math.max(index - 1, 0)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function ThreadList({ threads, summary }: { threads: ThreadPages; summary: InboxSummary | undefined }) {
  const [search] = useInboxSearch();

  if (threads.isPending) return <LoadingRows label="Loading conversations" />;
  if (threads.isError)
    return <ErrorState error={threads.error} title="Conversations could not be loaded" onRetry={() => void threads.refetch()} />;
  const rows = threads.data.pages.flatMap((page) => page.data);
  if (rows.length === 0) {
    if (hasFilters(search) || (summary?.threads ?? 0) > 0)
      return (
        <EmptyState
          icon={<SearchX className="size-5" aria-hidden="true" />}
          title="No conversation matches these filters"
          nextAction="Clear the filters, or choose another label, campaign or mailbox."
        />
      );
    return (
      <EmptyState
        icon={<MessagesSquare className="size-5" aria-hidden="true" />}
        title="No replies yet"
        nextAction="When leads answer your campaigns, their replies appear here as they arrive. Start a campaign to begin conversations."
      />
    );
  }

  return (
    <div>
      <ul
        aria-label="Conversations"
        className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white"
        onKeyDown={moveFocus}
      >
        {rows.map((thread) => {
          const open = thread.id === search.thread;
          return (
            <li key={thread.id}>
              <Link
                to="/inbox"
                search={{ ...search, thread: thread.id }}
                data-thread
                aria-current={open ? 'true' : undefined}
                className={cn(
                  'block px-3 py-2.5 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-500',
                  open ? 'bg-indigo-50' : 'hover:bg-slate-50',
                )}
              >
                <span className="flex items-baseline justify-between gap-2">
                  <span className={cn('truncate text-slate-900', thread.unread ? 'font-bold' : 'font-normal')}>
                    {thread.unread ? (
                      <>
                        <span className="mr-1.5 inline-block size-2 rounded-full bg-indigo-600" aria-hidden="true" />
                        <span className="sr-only">Unread: </span>
                      </>
                    ) : null}
                    {leadName(thread.lead)}
                  </span>
                  <time dateTime={thread.lastMessageAt} className="shrink-0 text-xs text-slate-600">
                    {shortTime(thread.lastMessageAt)}
                  </time>
                </span>
                <span className={cn('block truncate', thread.unread ? 'font-semibold text-slate-900' : 'text-slate-700')}>
                  {thread.subject ?? '(no subject)'}
                </span>
                <span className="block truncate text-xs text-slate-600">{thread.snippet}</span>
                <span className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                  <span className="truncate">{thread.campaign.name}</span>
                  <ThreadLabel thread={thread} />
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      <ShowMore query={threads} />
    </div>
  );
}
