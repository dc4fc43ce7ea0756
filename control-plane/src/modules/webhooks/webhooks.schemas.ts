import { z } from 'zod';
import { webhookEventTypes, webhookTestEventType } from '../../lib/webhooks/webhookOutbox.js';

export const webhookEventTypeSchema = z.enum(webhookEventTypes).openapi('WebhookEventType');

const urlField = z.url({ message: 'Enter an absolute URL (https://…)' }).max(2000, 'Use at most 2000 characters');
const eventTypesField = z
  .array(webhookEventTypeSchema)
  .min(1, 'Choose at least one event type')
  .transform((types) => [...new Set(types)]);

export const createWebhookEndpointBody = z
  .object({
    url: urlField,
    eventTypes: eventTypesField,
    description: z.string().trim().max(500, 'Use at most 500 characters').default(''),
    campaignId: z.uuid().nullable().default(null).describe("Only this campaign's events (and those that name no campaign)"),
  })
  .strict();

export const updateWebhookEndpointBody = z
  .object({
    url: urlField.optional(),
    eventTypes: eventTypesField.optional(),
    description: z.string().trim().max(500, 'Use at most 500 characters').optional(),
    campaignId: z.uuid().nullable().optional(),
    enabled: z.boolean().optional().describe('Enabling again clears the failure count and the warning'),
  })
  .strict();

export const rotateWebhookSecretBody = z
  .object({
    overlapHours: z.number().int().min(0).max(168).default(24).describe('How long the previous secret keeps signing beside the new one'),
  })
  .strict();

export const webhookEndpointParams = z.object({ endpointId: z.uuid() });
export const webhookDeliveryParams = z.object({ deliveryId: z.uuid() });

export const webhookEndpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(webhookEventTypeSchema),
    campaignId: z.uuid().nullable(),
    enabled: z.boolean(),
    status: z.enum(['active', 'failing', 'disabled']).describe('failing: every attempt since failingSince failed; a day of it disables'),
    warning: z.string().nullable().describe('What needs attention, in words (why it was disabled, since when it fails)'),
    failingSince: z.iso.datetime().nullable(),
    previousSecretExpiresAt: z.iso.datetime().nullable().describe('During a rotation: until when the previous secret still signs'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('WebhookEndpoint');

export const webhookEndpointListItemSchema = webhookEndpointSchema
  .extend({
    lastAttempt: z
      .object({
        attemptedAt: z.iso.datetime(),
        statusCode: z.number().int().nullable(),
        succeeded: z.boolean().describe('The receiver answered 2xx'),
        error: z.string().nullable(),
      })
      .nullable()
      .describe('The latest delivery attempt, whatever its event; null before the first'),
    failedAttempts: z.number().int().describe('Attempts that failed since the last one that succeeded (0 while active)'),
  })
  .openapi('WebhookEndpointListItem');

export const webhookEndpointWithSecretSchema = webhookEndpointSchema
  .extend({ secret: z.string().describe('The signing secret (whsec_…), shown this once') })
  .openapi('WebhookEndpointWithSecret');

export const webhookAttemptSchema = z
  .object({
    attempt: z.number().int(),
    attemptedAt: z.iso.datetime(),
    statusCode: z.number().int().nullable(),
    latencyMs: z.number().int(),
    responseBody: z.string().nullable().describe('The start of the answer (1 KiB at most)'),
    error: z.string().nullable(),
  })
  .openapi('WebhookAttempt');

export const webhookDeliverySchema = z
  .object({
    id: z.uuid(),
    webhookId: z.uuid().describe('The webhook-id header: the same on every attempt and redelivery'),
    eventType: z.union([webhookEventTypeSchema, z.literal(webhookTestEventType)]).describe(`${webhookTestEventType}: a test an admin sent`),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    log: z.array(webhookAttemptSchema),
  })
  .openapi('WebhookDelivery');

export const webhookTestSentSchema = z
  .object({ deliveryId: z.uuid().describe('The test delivery, in the delivery log') })
  .openapi('WebhookTestSent');

export const webhookDeliveriesQuery = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const webhookSettingsSchema = z
  .object({ allowHttp: z.boolean().describe('Plain http for targets on your own network (loopback, private ranges); https otherwise') })
  .strict()
  .openapi('WebhookSettings');

export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointBody>;
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointBody>;
