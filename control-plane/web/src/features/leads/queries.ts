import { queryOptions } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';

export const leadsFirstPageQuery = queryOptions({
  queryKey: queryKeys.leads.page({}),
  queryFn: () => dataOf(api.GET('/api/leads', { params: { query: { limit: 50 } } })),
});
