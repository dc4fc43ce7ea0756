import { z } from 'zod';
import { route, type AnyRoute } from '../../lib/http/route.js';
import type { WebhookEndpointsService } from './webhookEndpoints.service.js';
import {
  createWebhookEndpointBody,
  rotateWebhookSecretBody,
  updateWebhookEndpointBody,
  webhookDeliveriesQuery,
  webhookDeliveryParams,
  webhookDeliverySchema,
  webhookEndpointListItemSchema,
  webhookEndpointParams,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
  webhookSettingsSchema,
  webhookTestSentSchema,
} from './webhooks.schemas.js';

const tag = 'Webhooks';

export function webhookRoutes(endpoints: WebhookEndpointsService): AnyRoute[] {
  return [
    // GET /api/webhooks/endpoints
    route({
      method: 'get',
      path: '/api/webhooks/endpoints',
      access: 'admin',
      tag,
      summary: "The organization's webhook subscriptions (never their secrets), each with its latest attempt and recent failures",
      responses: { 200: { description: 'Endpoints', schema: z.object({ data: z.array(webhookEndpointListItemSchema) }) } },
      handler: async ({ auth }) => ({ body: { data: await endpoints.list(auth) } }),
    }),
    // POST /api/webhooks/endpoints
    route({
      method: 'post',
      path: '/api/webhooks/endpoints',
      access: 'admin',
      tag,
      summary: 'Subscribe a URL to event types; the signing secret is shown once',
      description:
        'Deliveries follow the Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature), at least once, ' +
        'retried with backoff for about a day; order is not promised. The URL must use https unless the webhook settings allow http for local targets.',
      body: createWebhookEndpointBody,
      responses: { 201: { description: 'The endpoint and its secret', schema: webhookEndpointWithSecretSchema } },
      handler: async ({ auth, body }) => ({ status: 201, body: await endpoints.create(auth, body) }),
    }),
    // GET /api/webhooks/endpoints/:endpointId
    route({
      method: 'get',
      path: '/api/webhooks/endpoints/:endpointId',
      access: 'admin',
      tag,
      summary: 'One webhook subscription, with its status and warning',
      params: webhookEndpointParams,
      responses: { 200: { description: 'The endpoint', schema: webhookEndpointSchema }, 404: { description: 'No such endpoint' } },
      handler: async ({ auth, params }) => ({ body: await endpoints.get(auth, params.endpointId) }),
    }),
    // PATCH /api/webhooks/endpoints/:endpointId
    route({
      method: 'patch',
      path: '/api/webhooks/endpoints/:endpointId',
      access: 'admin',
      tag,
      summary: 'Change a subscription, or disable or enable it',
      params: webhookEndpointParams,
      body: updateWebhookEndpointBody,
      responses: { 200: { description: 'The endpoint', schema: webhookEndpointSchema }, 404: { description: 'No such endpoint' } },
      handler: async ({ auth, params, body }) => ({ body: await endpoints.update(auth, params.endpointId, body) }),
    }),
    // DELETE /api/webhooks/endpoints/:endpointId
    route({
      method: 'delete',
      path: '/api/webhooks/endpoints/:endpointId',
      access: 'admin',
      tag,
      summary: 'Remove a subscription and its delivery log',
      params: webhookEndpointParams,
      responses: { 204: { description: 'Removed' }, 404: { description: 'No such endpoint' } },
      handler: async ({ auth, params }) => {
        await endpoints.remove(auth, params.endpointId);
      },
    }),
    // POST /api/webhooks/endpoints/:endpointId/rotate-secret
    route({
      method: 'post',
      path: '/api/webhooks/endpoints/:endpointId/rotate-secret',
      access: 'admin',
      tag,
      summary: 'A new signing secret, shown once; the previous one keeps signing beside it during the overlap',
      params: webhookEndpointParams,
      body: rotateWebhookSecretBody,
      responses: { 200: { description: 'The endpoint and its new secret', schema: webhookEndpointWithSecretSchema } },
      handler: async ({ auth, params, body }) => ({ body: await endpoints.rotateSecret(auth, params.endpointId, body.overlapHours) }),
    }),
    // POST /api/webhooks/endpoints/:endpointId/test
    route({
      method: 'post',
      path: '/api/webhooks/endpoints/:endpointId/test',
      access: 'admin',
      tag,
      summary: 'Send the endpoint a webhook.test event now, signed and logged like any delivery',
      params: webhookEndpointParams,
      responses: {
        202: { description: 'Queued; its delivery shows in the log', schema: webhookTestSentSchema },
        404: { description: 'No such endpoint' },
        409: { description: 'The endpoint is disabled' },
      },
      handler: async ({ auth, params }) => ({ status: 202, body: await endpoints.sendTest(auth, params.endpointId) }),
    }),
    // GET /api/webhooks/endpoints/:endpointId/deliveries
    route({
      method: 'get',
      path: '/api/webhooks/endpoints/:endpointId/deliveries',
      access: 'admin',
      tag,
      summary: "The delivery log: each event's attempts with status code, latency and the start of the answer",
      params: webhookEndpointParams,
      query: webhookDeliveriesQuery,
      responses: { 200: { description: 'Deliveries, newest first', schema: z.object({ data: z.array(webhookDeliverySchema) }) } },
      handler: async ({ auth, params, query }) => ({ body: { data: await endpoints.deliveries(auth, params.endpointId, query) } }),
    }),
    // POST /api/webhooks/deliveries/:deliveryId/redeliver
    route({
      method: 'post',
      path: '/api/webhooks/deliveries/:deliveryId/redeliver',
      access: 'admin',
      tag,
      summary: 'Send a delivery again now, with the same webhook-id',
      params: webhookDeliveryParams,
      responses: {
        202: { description: 'Queued' },
        404: { description: 'No such delivery' },
        409: { description: 'The endpoint is disabled' },
      },
      handler: async ({ auth, params }) => {
        await endpoints.redeliver(auth, params.deliveryId);
        return { status: 202 };
      },
    }),
    // GET /api/webhooks/settings
    route({
      method: 'get',
      path: '/api/webhooks/settings',
      access: 'admin',
      tag,
      summary: "The organization's webhook settings",
      responses: { 200: { description: 'Settings', schema: webhookSettingsSchema } },
      handler: async ({ auth }) => ({ body: await endpoints.settings(auth) }),
    }),
    // PUT /api/webhooks/settings
    route({
      method: 'put',
      path: '/api/webhooks/settings',
      access: 'admin',
      tag,
      summary: 'Allow plain http for local targets, or not',
      body: webhookSettingsSchema,
      responses: { 200: { description: 'Settings', schema: webhookSettingsSchema } },
      handler: async ({ auth, body }) => ({ body: await endpoints.updateSettings(auth, body) }),
    }),
  ];
}
