import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf, doneOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components, paths } from '@/lib/api/schema';

export type WebhookEndpoint = components['schemas']['WebhookEndpointListItem'];
export type WebhookEndpointWithSecret = components['schemas']['WebhookEndpointWithSecret'];
export type WebhookEventType = components['schemas']['WebhookEventType'];
export type WebhookDelivery = components['schemas']['WebhookDelivery'];
export type CreateWebhookEndpoint = paths['/api/webhooks/endpoints']['post']['requestBody']['content']['application/json'];
export type UpdateWebhookEndpoint = NonNullable<
  paths['/api/webhooks/endpoints/{endpointId}']['patch']['requestBody']
>['content']['application/json'];

const byEndpoint = (endpointId: string) => ({ params: { path: { endpointId } } });

export const webhookEndpointsQuery = queryOptions({
  queryKey: queryKeys.webhooks.endpoints,
  queryFn: async () => (await dataOf(api.GET('/api/webhooks/endpoints'))).data,
});

export const webhookDeliveriesQuery = (endpointId: string) =>
  queryOptions({
    queryKey: queryKeys.webhooks.deliveries(endpointId),
    queryFn: async () =>
      (await dataOf(api.GET('/api/webhooks/endpoints/{endpointId}/deliveries', { params: { path: { endpointId }, query: { limit: 20 } } })))
        .data,
  });

export const webhookSettingsQuery = queryOptions({
  queryKey: queryKeys.webhooks.settings,
  queryFn: () => dataOf(api.GET('/api/webhooks/settings')),
});

export function useUpdateWebhookSettings() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (body: { allowHttp: boolean }) => dataOf(api.PUT('/api/webhooks/settings', { body })),
    onSuccess: invalidate,
  });
}

function useInvalidateWebhooks() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.all });
}

export function useCreateWebhookEndpoint() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (body: CreateWebhookEndpoint) => dataOf(api.POST('/api/webhooks/endpoints', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateWebhookEndpoint(endpointId: string) {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (body: UpdateWebhookEndpoint) =>
      dataOf(api.PATCH('/api/webhooks/endpoints/{endpointId}', { ...byEndpoint(endpointId), body })),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhookEndpoint(endpointId: string) {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: () => doneOf(api.DELETE('/api/webhooks/endpoints/{endpointId}', byEndpoint(endpointId))),
    onSuccess: invalidate,
  });
}

export function useRotateWebhookSecret(endpointId: string) {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: () =>
      dataOf(api.POST('/api/webhooks/endpoints/{endpointId}/rotate-secret', { ...byEndpoint(endpointId), body: { overlapHours: 24 } })),
    onSuccess: invalidate,
  });
}

export function useSendWebhookTest(endpointId: string) {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: () => dataOf(api.POST('/api/webhooks/endpoints/{endpointId}/test', byEndpoint(endpointId))),
    onSuccess: invalidate,
  });
}

export function useRedeliverWebhook(endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      doneOf(api.POST('/api/webhooks/deliveries/{deliveryId}/redeliver', { params: { path: { deliveryId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.deliveries(endpointId) }),
  });
}
