import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { followEvents } from '@/features/leads/imports/importEvents';
import { api } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import { inboxSummaryQuery, useRefreshInbox, type InboxSummary } from './queries';

// Only when the stream cannot be held open (a proxy cutting it): asking this often is enough to see a reply arrive.
const fallbackPollMs = 15_000;

/**
 * The inbox live: the summary (GET /api/inbox/stream, each `summary` event) keeps the unread count
 * current, and whenever it says the inbox changed (a reply arrived or went out, someone read or labelled
 * a thread) the lists and the open thread are read again. The stream goes through the API client
 * (fetch), since it needs the access token that EventSource cannot send; when it cannot be opened the
 * summary is asked for on an interval instead.
 */
export function useLiveInbox(): InboxSummary | undefined {
  const queryClient = useQueryClient();
  const [streamFailed, setStreamFailed] = useState(false);
  const summary = useQuery({ ...inboxSummaryQuery, refetchInterval: streamFailed ? fallbackPollMs : false });

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const { data: stream, response } = await api.GET('/api/inbox/stream', { parseAs: 'stream', signal: controller.signal });
      if (!response.ok || !stream) throw new Error(`The inbox stream answered ${response.status}`);
      await followEvents(stream, (event) => {
        if (event.event === 'summary') queryClient.setQueryData(queryKeys.inbox.summary, JSON.parse(event.data) as InboxSummary);
      });
      setStreamFailed(true);
    })().catch(() => {
      if (!controller.signal.aborted) setStreamFailed(true);
    });
    return () => controller.abort();
  }, [queryClient]);

  const refresh = useRefreshInbox();
  const seen = useRef<string | null | undefined>(undefined);
  const changedAt = summary.data?.changedAt;
  useEffect(() => {
    if (changedAt === undefined) return;
    if (seen.current !== undefined && seen.current !== changedAt) void refresh();
    seen.current = changedAt;
  }, [changedAt, refresh]);

  return summary.data;
}
