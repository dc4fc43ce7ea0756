import { queryOptions } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';

export type Sequence = components['schemas']['Sequence'];

const byCampaign = (campaignId: string) => ({ params: { path: { campaignId } } });

export const sequenceQuery = (campaignId: string) =>
  queryOptions({
    queryKey: queryKeys.campaigns.sequence(campaignId),
    queryFn: () => dataOf(api.GET('/api/campaigns/{campaignId}/sequence', byCampaign(campaignId))),
  });
