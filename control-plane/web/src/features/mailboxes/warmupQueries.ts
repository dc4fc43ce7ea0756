import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';

export type WarmupSettings = components['schemas']['WarmupSettings'];
export type UpdateWarmupSettings = components['schemas']['UpdateWarmupSettings'];
export type WarmupDay = components['schemas']['WarmupDay'];

const byId = (mailboxId: string) => ({ params: { path: { mailboxId } } });

export const warmupQuery = (mailboxId: string) =>
  queryOptions({
    queryKey: queryKeys.mailboxes.warmup(mailboxId),
    queryFn: () => dataOf(api.GET('/api/mailboxes/{mailboxId}/warmup', byId(mailboxId))),
  });

export const warmupSeriesQuery = (mailboxId: string, days: number) =>
  queryOptions({
    queryKey: queryKeys.mailboxes.warmupSeries(mailboxId, days),
    queryFn: () => dataOf(api.GET('/api/mailboxes/{mailboxId}/warmup/series', { params: { path: { mailboxId }, query: { days } } })),
  });

/** Saves the settings; warm-up changes the pool, health and readiness of every mailbox, so every mailbox query is refreshed. */
export function useUpdateWarmup(mailboxId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWarmupSettings) => dataOf(api.PUT('/api/mailboxes/{mailboxId}/warmup', { ...byId(mailboxId), body })),
    onSuccess: (settings) => {
      queryClient.setQueryData(queryKeys.mailboxes.warmup(mailboxId), settings);
      return queryClient.invalidateQueries({ queryKey: queryKeys.mailboxes.all });
    },
  });
}
