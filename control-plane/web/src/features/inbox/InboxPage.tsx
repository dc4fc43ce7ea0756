import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { MessageSquareText } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page';
import { InboxFilters } from './InboxFilters';
import { LabelsManager } from './LabelsManager';
import { inboxLabelsQuery, useThreadPages, type InboxSummary } from './queries';
import { threadFilters, useInboxSearch } from './search';
import { ThreadList } from './ThreadList';
import { ThreadView } from './ThreadView';
import { useLiveInbox } from './useInboxStream';

function describe(summary: InboxSummary | undefined): string {
  const base = 'Replies to your campaigns from every mailbox, as they arrive.';
  if (!summary || summary.threads === 0) return base;
  return summary.unreadThreads === 0 ? `${base} All read.` : `${base} ${summary.unreadThreads} unread.`;
}

function NoThreadOpen({ inboxEmpty }: { inboxEmpty: boolean }) {
  return (
    <div className="flex h-full flex-col items-center justify-center rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center">
      <MessageSquareText className="size-8 text-indigo-500" aria-hidden="true" />
      {inboxEmpty ? (
        <>
          <p className="mt-3 text-sm font-medium text-slate-900">Conversations open here</p>
          <p className="mt-1 max-w-xs text-sm text-slate-600">
            Once a campaign is sending, every reply lands in this inbox, whichever mailbox it reached.
          </p>
          <Button asChild variant="secondary" className="mt-4">
            <Link to="/campaigns">Go to Campaigns</Link>
          </Button>
        </>
      ) : (
        <>
          <p className="mt-3 text-sm font-medium text-slate-900">Choose a conversation</p>
          <p className="mt-1 max-w-xs text-sm text-slate-600">
            Pick one from the list to read every message, label it and reply from the same mailbox. The arrow keys move through the list.
          </p>
        </>
      )}
    </div>
  );
}

/**
 * The unified inbox: filters, the conversations they match, and the open one, side by side; new replies appear live.
 * While the conversations cannot be loaded, the list says so, and nothing beside it counts them or calls the inbox empty.
 */
export function InboxPage() {
  const [search] = useInboxSearch();
  const live = useLiveInbox();
  const threads = useThreadPages(threadFilters(search));
  const summary = threads.isError ? undefined : live;
  const labels = useQuery(inboxLabelsQuery);

  return (
    <div>
      <PageHeader title="Inbox" description={describe(summary)} />
      <div className="grid h-[calc(100vh-13rem)] min-h-[32rem] grid-cols-[12rem_minmax(16rem,19rem)_minmax(0,1fr)] gap-4">
        <aside aria-label="Filters and labels" className="min-h-0 space-y-4 overflow-y-auto pr-1">
          <InboxFilters summary={summary} labels={labels.data} />
          <LabelsManager labels={labels.data} />
        </aside>
        <nav aria-label="Conversation list" className="min-h-0 overflow-y-auto">
          <ThreadList threads={threads} summary={summary} />
        </nav>
        <div className="min-h-0">
          {search.thread ? (
            <ThreadView key={search.thread} threadId={search.thread} labels={labels.data} />
          ) : threads.isError ? null : (
            <NoThreadOpen inboxEmpty={summary?.threads === 0} />
          )}
        </div>
      </div>
    </div>
  );
}
