import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components, paths } from '@/lib/api/schema';

export type Campaign = components['schemas']['Campaign'];
export type CampaignListItem = components['schemas']['CampaignListItem'];
export type CampaignOverview = components['schemas']['CampaignsOverview']['data'][number];
export type EnrollmentOutcome = components['schemas']['EnrollmentOutcome'];
export type EnrollmentPreview = components['schemas']['EnrollmentPreview'];
export type EnrollLeads = JsonBody<paths['/api/campaigns/{campaignId}/enrollments']['post']>;
export type CampaignStatus = Campaign['status'];
export type CampaignReadiness = components['schemas']['CampaignReadiness'];
export type RunOutcome = components['schemas']['RunOutcome'];
type JsonBody<Operation> = Operation extends { requestBody?: { content: { 'application/json': infer Body } } } ? Body : never;
export type UpdateCampaign = JsonBody<paths['/api/campaigns/{campaignId}']['patch']>;
type CreateCampaign = JsonBody<paths['/api/campaigns']['post']>;
export type CampaignAction = 'start' | 'pause' | 'resume' | 'archive';

const byCampaign = (campaignId: string) => ({ params: { path: { campaignId } } });

export const campaignsQuery = (status: CampaignStatus | undefined) =>
  queryOptions({
    queryKey: queryKeys.campaigns.list(status),
    queryFn: async () => (await dataOf(api.GET('/api/campaigns', { params: { query: status ? { status } : {} } }))).data,
  });

/** Every campaign's enrolled leads and totals from the stats module, read once for the whole list. */
export const campaignsOverviewQuery = queryOptions({
  queryKey: queryKeys.campaigns.overview,
  queryFn: async () => (await dataOf(api.GET('/api/stats/campaigns'))).data,
});

export const campaignQuery = (campaignId: string) =>
  queryOptions({
    queryKey: queryKeys.campaigns.one(campaignId),
    queryFn: () => dataOf(api.GET('/api/campaigns/{campaignId}', byCampaign(campaignId))),
  });

export const campaignReadinessQuery = (campaignId: string) =>
  queryOptions({
    queryKey: queryKeys.campaigns.readiness(campaignId),
    queryFn: () => dataOf(api.GET('/api/campaigns/{campaignId}/readiness', byCampaign(campaignId))),
  });

/** A campaign's status, settings, audience and readiness all move together: a change stales every campaign query. */
export function useInvalidateCampaigns() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.all });
}

export function useCreateCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    // The API gives every other setting its default; the generated type lists defaulted members as required.
    mutationFn: (name: string) => dataOf(api.POST('/api/campaigns', { body: { name } as CreateCampaign })),
    onSuccess: invalidate,
  });
}

export function useUpdateCampaign(campaignId: string) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (body: UpdateCampaign) => dataOf(api.PATCH('/api/campaigns/{campaignId}', { ...byCampaign(campaignId), body })),
    onSuccess: invalidate,
  });
}

const actionCalls = {
  start: (campaignId: string) => api.POST('/api/campaigns/{campaignId}/start', { ...byCampaign(campaignId), body: {} }),
  pause: (campaignId: string) => api.POST('/api/campaigns/{campaignId}/pause', byCampaign(campaignId)),
  resume: (campaignId: string) => api.POST('/api/campaigns/{campaignId}/resume', byCampaign(campaignId)),
  archive: (campaignId: string) => api.POST('/api/campaigns/{campaignId}/archive', byCampaign(campaignId)),
} satisfies Record<CampaignAction, (campaignId: string) => unknown>;

export function useCampaignAction(campaignId: string) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (action: CampaignAction) => dataOf(actionCalls[action](campaignId)),
    // The status changes before n8n is brought in line: a failed deployment still leaves the new status to show.
    onSettled: invalidate,
  });
}

/** Starts although a mailbox's sending domain fails its checks; the reason is kept in the audit log. */
export function useStartDespiteDomain(campaignId: string) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (reason: string) =>
      dataOf(api.POST('/api/campaigns/{campaignId}/start', { ...byCampaign(campaignId), body: { domainOverride: { reason } } })),
    onSettled: invalidate,
  });
}

/** Runs the workflow now; waits up to 30 s for it to report what it did. */
export function useRunNow(campaignId: string) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: () => dataOf(api.POST('/api/campaigns/{campaignId}/run-now', { params: { path: { campaignId }, query: { wait: 30 } } })),
    onSuccess: invalidate,
  });
}

export function useDuplicateCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (campaignId: string) => dataOf(api.POST('/api/campaigns/{campaignId}/duplicate', byCampaign(campaignId))),
    onSuccess: invalidate,
  });
}

/** What enrolling this selection would do (the enrolment's own counts), without enrolling anyone. */
export function usePreviewEnrollment(campaignId: string) {
  return useMutation({
    mutationFn: (body: EnrollLeads) =>
      dataOf(api.POST('/api/campaigns/{campaignId}/enrollments/preview', { ...byCampaign(campaignId), body })),
  });
}

export function useEnrollLeads(campaignId: string) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (body: EnrollLeads) => dataOf(api.POST('/api/campaigns/{campaignId}/enrollments', { ...byCampaign(campaignId), body })),
    onSuccess: invalidate,
  });
}
