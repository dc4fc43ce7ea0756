import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { toast } from 'sonner';
import { api, dataOf } from '@/lib/api/client';
import { ApiError, isProblem, unreachableProblem } from '@/lib/api/problem';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';
import type { LeadFilters } from './leadSearch';

export type Lead = components['schemas']['Lead'];
export type LeadList = components['schemas']['LeadList'];
export type LeadActivity = components['schemas']['LeadActivity'];
type LeadsPage = { data: Lead[]; nextCursor: string | null };

const pageSize = 100;

/** The leads matching the filters, page after page by cursor (ordered by email). */
export const leadsInfiniteQuery = (filters: LeadFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.leads.page(filters),
    queryFn: ({ pageParam, signal }) =>
      dataOf(api.GET('/api/leads', { params: { query: { ...filters, limit: pageSize, cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const leadQuery = (leadId: string) =>
  queryOptions({
    queryKey: queryKeys.leads.one(leadId),
    queryFn: () => dataOf(api.GET('/api/leads/{leadId}', { params: { path: { leadId } } })),
  });

export const leadActivityQuery = (leadId: string) =>
  queryOptions({
    queryKey: queryKeys.leads.activity(leadId),
    queryFn: () => dataOf(api.GET('/api/leads/{leadId}/activity', { params: { path: { leadId } } })),
  });

export const leadListsQuery = queryOptions({
  queryKey: queryKeys.leadLists.all,
  queryFn: () => dataOf(api.GET('/api/lead-lists')),
  select: (answer) => answer.data,
});

/** Runs one call per item, a few at a time; the first refusal stops the rest and is thrown. */
async function eachOf<T>(
  items: readonly T[],
  call: (item: T) => Promise<{ error?: unknown; response: Response }>,
  concurrency = 4,
): Promise<number> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      const { error, response } = await call(item);
      if (!response.ok) throw new ApiError(isProblem(error) ? error : unreachableProblem(response.status));
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return done;
}

/** Saves a CSV answer as a file the browser downloads. */
function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function csvOf(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<Blob> {
  const { data, error, response } = await call;
  if (response.ok && data instanceof Blob) return data;
  throw new ApiError(isProblem(error) ? error : unreachableProblem(response.status));
}

export async function exportLeads(selection: { leadIds: string[] } | { filters: LeadFilters }): Promise<void> {
  const blob =
    'leadIds' in selection
      ? await csvOf(api.POST('/api/leads/export', { body: { leadIds: selection.leadIds }, parseAs: 'blob' }))
      : await csvOf(api.GET('/api/leads/export', { params: { query: selection.filters }, parseAs: 'blob' }));
  download(blob, `leads-${new Date().toISOString().slice(0, 10)}.csv`);
}

export function useCreateLeadList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => dataOf(api.POST('/api/lead-lists', { body: { name } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.leadLists.all }),
  });
}

export function useAddToList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ listId, leadIds }: { listId: string; leadIds: string[] }) =>
      dataOf(api.POST('/api/lead-lists/{listId}/members', { params: { path: { listId } }, body: { leadIds } })),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.leadLists.all });
      await queryClient.invalidateQueries({ queryKey: queryKeys.leads.all });
    },
  });
}

/** Every cached page of leads, with `change` applied to the leads it names. */
function updateCachedLeads(
  queryClient: ReturnType<typeof useQueryClient>,
  leadIds: ReadonlySet<string>,
  change: (lead: Lead) => Lead | null,
) {
  queryClient.setQueriesData<InfiniteData<LeadsPage, string | undefined>>({ queryKey: queryKeys.leads.pages }, (cached) =>
    cached
      ? {
          ...cached,
          pages: cached.pages.map((page) => ({
            ...page,
            data: page.data.flatMap((lead) => {
              if (!leadIds.has(lead.id)) return [lead];
              const changed = change(lead);
              return changed ? [changed] : [];
            }),
          })),
        }
      : cached,
  );
}

/** Tags show on the rows at once (the change is easily undone); a refusal puts the rows back. */
export function useTagLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ leadIds, add }: { leadIds: string[]; add: string[] }) =>
      dataOf(api.POST('/api/leads/tags', { body: { leadIds, add, remove: [] } })),
    onMutate: async ({ leadIds, add }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.leads.pages });
      const before = queryClient.getQueriesData<InfiniteData<LeadsPage, string | undefined>>({ queryKey: queryKeys.leads.pages });
      updateCachedLeads(queryClient, new Set(leadIds), (lead) => ({ ...lead, tags: [...new Set([...lead.tags, ...add])] }));
      return { before };
    },
    // Reported here, not by the dialog: it has closed (and unmounted) before the answer comes.
    onSuccess: ({ updated }, { add }) => toast.success(`Tagged ${updated} ${updated === 1 ? 'lead' : 'leads'} with ${add.join(', ')}`),
    onError: (error, _variables, context) => {
      for (const [key, data] of context?.before ?? []) queryClient.setQueryData(key, data);
      toast.error(`Tags not saved: ${error.message}`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.leads.all }),
  });
}

/** Adds each lead's address to the suppression list: it is never mailed again and its sequences stop. */
export function useSuppressLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (emails: string[]) =>
      eachOf(emails, (email) =>
        api.POST('/api/suppressions', { body: { kind: 'email', value: email, reason: 'manual', source: 'leads page' } }),
      ),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.leads.all });
      await queryClient.invalidateQueries({ queryKey: queryKeys.suppressions.all });
    },
  });
}

/** GDPR erasure, lead by lead. Not optimistic: the rows leave the table once the server has erased them. */
export function useEraseLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (leadIds: string[]) => eachOf(leadIds, (leadId) => api.DELETE('/api/leads/{leadId}', { params: { path: { leadId } } })),
    onSuccess: (_erased, leadIds) => updateCachedLeads(queryClient, new Set(leadIds), () => null),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.leads.all });
      await queryClient.invalidateQueries({ queryKey: queryKeys.leadLists.all });
    },
  });
}
