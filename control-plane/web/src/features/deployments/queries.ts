import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';

export type Deployment = components['schemas']['Deployment'];
export type Drift = components['schemas']['Drift'];
export type DriftResolution = 'keep_n8n' | 'reset_to_template';

const byId = (deploymentId: string) => ({ params: { path: { deploymentId } } });

export const deploymentsQuery = queryOptions({
  queryKey: queryKeys.deployments.list,
  queryFn: async () => (await dataOf(api.GET('/api/deployments'))).data,
});

/** The deployment with its recent executions: asks n8n, so it fails while n8n is down (the list does not). */
export const deploymentQuery = (deploymentId: string) =>
  queryOptions({
    queryKey: queryKeys.deployments.one(deploymentId),
    queryFn: () => dataOf(api.GET('/api/deployments/{deploymentId}', byId(deploymentId))),
  });

export const driftQuery = (deploymentId: string) =>
  queryOptions({
    queryKey: queryKeys.deployments.drift(deploymentId),
    queryFn: () => dataOf(api.GET('/api/deployments/{deploymentId}/drift', byId(deploymentId))),
  });

/**
 * Resolving drift changes the deployment's status everywhere it is shown: the list, its page, its drift,
 * and the campaign that shows its deployment.
 */
export function useResolveDrift(deploymentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: DriftResolution) =>
      dataOf(api.POST('/api/deployments/{deploymentId}/resolve-drift', { ...byId(deploymentId), body: { action } })),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.deployments.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.all }),
      ]),
  });
}
