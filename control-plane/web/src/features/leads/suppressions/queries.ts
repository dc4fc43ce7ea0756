import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, dataOf, doneOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components, paths } from '@/lib/api/schema';

export type Suppression = components['schemas']['Suppression'];
export type CreateSuppression = components['schemas']['CreateSuppression'];
export type SuppressionsPage = paths['/api/suppressions']['get']['responses'][200]['content']['application/json'];
export type SuppressionFilters = Pick<NonNullable<paths['/api/suppressions']['get']['parameters']['query']>, 'search' | 'kind'>;

/** The suppression list, newest first, a page at a time (cursor). */
export const suppressionsQuery = (filters: SuppressionFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.suppressions.page(filters),
    queryFn: ({ pageParam }) =>
      dataOf(api.GET('/api/suppressions', { params: { query: { limit: 50, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** Adds a suppression; `created` is false when it was already there (the API answers 200 then). */
export async function addSuppression(body: CreateSuppression): Promise<{ suppression: Suppression; created: boolean }> {
  const call = api.POST('/api/suppressions', { body });
  const { response } = await call;
  return { suppression: await dataOf(call), created: response.status === 201 };
}

export function removeSuppression(suppressionId: string): Promise<void> {
  return doneOf(api.DELETE('/api/suppressions/{suppressionId}', { params: { path: { suppressionId } } }));
}
