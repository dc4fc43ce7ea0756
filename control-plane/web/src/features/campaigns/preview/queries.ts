import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';

export type Preview = components['schemas']['Preview'];
export type PreviewedStep = Preview['steps'][number];
export type TestSendRequest = components['schemas']['TestSendRequest'];
export type TestSend = components['schemas']['TestSend'];

const byCampaign = (campaignId: string) => ({ params: { path: { campaignId } } });

/** The leads a preview can be made for: the first 20 matching what was typed (all leads when nothing was). */
export const previewLeadsQuery = (search: string) =>
  queryOptions({
    queryKey: queryKeys.campaigns.previewLeads(search),
    queryFn: async () => (await dataOf(api.GET('/api/leads', { params: { query: { limit: 20, ...(search ? { search } : {}) } } }))).data,
    placeholderData: keepPreviousData,
  });

/** One step rendered for one lead as the claim will render it; a read, though it is a POST. */
export const previewQuery = (campaignId: string, request: { leadId: string; step: number; variantLabel?: string | undefined }) =>
  queryOptions({
    queryKey: queryKeys.campaigns.preview(campaignId, request),
    queryFn: async () => {
      const preview = await dataOf(
        api.POST('/api/campaigns/{campaignId}/preview', {
          ...byCampaign(campaignId),
          body: { leadId: request.leadId, step: request.step, ...(request.variantLabel ? { variantLabel: request.variantLabel } : {}) },
        }),
      );
      return { to: preview.to, step: preview.steps[0]! };
    },
  });

/** A test lands in the sandbox mailbox's captured messages: those are stale. */
export function useTestSend(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TestSendRequest) => dataOf(api.POST('/api/campaigns/{campaignId}/test-sends', { ...byCampaign(campaignId), body })),
    onSuccess: (sent) => queryClient.invalidateQueries({ queryKey: queryKeys.mailboxes.sandboxMessages(sent.mailboxId) }),
  });
}
