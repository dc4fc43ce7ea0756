import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf, doneOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components, paths } from '@/lib/api/schema';

export type InboxThread = components['schemas']['InboxThread'];
export type InboxThreadDetail = components['schemas']['InboxThreadDetail'];
export type InboxMessage = components['schemas']['InboxMessage'];
export type InboxCustomLabel = components['schemas']['InboxCustomLabel'];
export type InboxSummary = components['schemas']['InboxSummary'];
export type ThreadFilters = Omit<NonNullable<paths['/api/inbox/threads']['get']['parameters']['query']>, 'cursor' | 'limit' | 'unread'> & {
  unread?: boolean | undefined;
};
type ThreadUpdate = components['schemas']['InboxThreadUpdate'];

const pageSize = 50;

export const inboxSummaryQuery = queryOptions({
  queryKey: queryKeys.inbox.summary,
  queryFn: () => dataOf(api.GET('/api/inbox/summary')),
});

export const threadPagesQuery = (filters: ThreadFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.inbox.threadPages(filters),
    queryFn: ({ pageParam }) => {
      const { unread, ...rest } = filters;
      const query = { ...rest, limit: pageSize, ...(unread === undefined ? {} : { unread: String(unread) as 'true' | 'false' }) };
      return dataOf(api.GET('/api/inbox/threads', { params: { query: pageParam ? { ...query, cursor: pageParam } : query } }));
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** The conversations matching the filters, page by page: the list shows them, the page around it whether they loaded. */
export const useThreadPages = (filters: ThreadFilters) => useInfiniteQuery(threadPagesQuery(filters));
export type ThreadPages = ReturnType<typeof useThreadPages>;

export const threadQuery = (threadId: string) =>
  queryOptions({
    queryKey: queryKeys.inbox.thread(threadId),
    queryFn: () => dataOf(api.GET('/api/inbox/threads/{threadId}', { params: { path: { threadId } } })),
  });

export const inboxLabelsQuery = queryOptions({
  queryKey: queryKeys.inbox.labels,
  queryFn: async () => (await dataOf(api.GET('/api/inbox/labels'))).data,
});

/** What changed in the inbox makes every list, thread and label count worth reading again. */
export function useRefreshInbox() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.inbox.threads }),
      queryClient.invalidateQueries({ queryKey: queryKeys.inbox.labels }),
      queryClient.invalidateQueries({ queryKey: queryKeys.inbox.summary }),
    ]);
}

export function useUpdateThread(threadId: string) {
  const refresh = useRefreshInbox();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ThreadUpdate) => dataOf(api.PATCH('/api/inbox/threads/{threadId}', { params: { path: { threadId } }, body })),
    onSuccess: (thread) => {
      queryClient.setQueryData<InboxThreadDetail>(queryKeys.inbox.thread(threadId), (current) =>
        current ? { ...current, ...thread } : current,
      );
      return refresh();
    },
  });
}

export function useSendReply(threadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (bodyText: string) =>
      dataOf(api.POST('/api/inbox/threads/{threadId}/replies', { params: { path: { threadId } }, body: { bodyText } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.inbox.threads }),
  });
}

export function useCreateLabel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => dataOf(api.POST('/api/inbox/labels', { body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.inbox.labels }),
  });
}

export function useDeleteLabel() {
  const refresh = useRefreshInbox();
  return useMutation({
    mutationFn: (labelId: string) => doneOf(api.DELETE('/api/inbox/labels/{labelId}', { params: { path: { labelId } } })),
    onSuccess: refresh,
  });
}
