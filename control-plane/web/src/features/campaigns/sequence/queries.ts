import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';

export type Sequence = components['schemas']['Sequence'];
export type SequenceInput = components['schemas']['SequenceInput'];

const byCampaign = (campaignId: string) => ({ params: { path: { campaignId } } });

export const sequenceQuery = (campaignId: string) =>
  queryOptions({
    queryKey: queryKeys.campaigns.sequence(campaignId),
    queryFn: () => dataOf(api.GET('/api/campaigns/{campaignId}/sequence', byCampaign(campaignId))),
  });

/** The organization's custom-field names: what `{{lead.custom.<name>}}` can name. */
export const customFieldKeysQuery = queryOptions({
  queryKey: queryKeys.campaigns.customFieldKeys,
  queryFn: async () => (await dataOf(api.GET('/api/leads/custom-fields'))).keys,
});

/** Checks a draft as the save would, saving nothing: resolves when it would be saved, else throws the ApiError with its issues. */
export async function checkSequence(campaignId: string, body: SequenceInput, signal: AbortSignal): Promise<void> {
  await dataOf(api.POST('/api/campaigns/{campaignId}/sequence/validate', { ...byCampaign(campaignId), body, signal }));
}

/** A saved sequence changes what the campaign's readiness, previews and page say: every campaign query is stale. */
export function useSaveSequence(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SequenceInput) => dataOf(api.PUT('/api/campaigns/{campaignId}/sequence', { ...byCampaign(campaignId), body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.campaigns.sequence(campaignId), saved);
      return queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.all });
    },
  });
}
