import { queryOptions } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';

export const mailboxesQuery = queryOptions({
  queryKey: queryKeys.mailboxes.all,
  queryFn: async () => (await dataOf(api.GET('/api/mailboxes'))).data,
});
