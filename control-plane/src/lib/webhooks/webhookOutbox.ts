import { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/prisma.js';
import { WEBHOOK_PAYLOAD_VERSION, type WebhookEventType } from '../n8n/nodeContract.js';

export { WEBHOOK_EVENT_TYPES as webhookEventTypes, type WebhookEventType } from '../n8n/nodeContract.js';

export interface WebhookEventInput {
  type: WebhookEventType;
  occurredAt: Date;
  campaignId?: string | null;
  leadId?: string | null;
  /** One of our sent messages: the payload then also names its step and variant. */
  messageId?: string | null;
  mailboxId?: string | null;
  /** What this type of event adds (a label, a URL, counts); small: details are behind the links. */
  data?: Record<string, unknown>;
}

type Sql = Pick<PrismaClient, '$executeRaw'>;

function apiLinks(event: WebhookEventInput): Record<string, string> {
  return {
    ...(event.leadId ? { lead: `/api/leads/${event.leadId}` } : {}),
    ...(event.campaignId ? { campaign: `/api/campaigns/${event.campaignId}` } : {}),
    ...(event.mailboxId ? { mailbox: `/api/mailboxes/${event.mailboxId}` } : {}),
  };
}

/**
 * Puts events in the webhook outbox through `sql`, the transaction that records what they report, so an
 * event is delivered exactly when its cause is committed and is not lost if the process dies right after.
 * One statement (webhookOutboxWrites).
 */
export async function recordWebhookEvents(sql: Sql, organizationId: string, events: WebhookEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await sql.$executeRaw`WITH ${webhookOutboxWrites([{ organizationId, events }])} SELECT 1`;
}

/**
 * The outbox's writes as common table expressions (outbox_*), for a statement that also writes what the
 * events report, atomically without a transaction of several statements. An event is written only when an
 * enabled endpoint of its organization subscribes to its type (and, when the endpoint names a campaign, to
 * that campaign), together with one pending delivery per such endpoint; the step and variant come from the
 * message it names. The statement's text is the same for any events (they travel as one JSON value).
 */
export function webhookOutboxWrites(groups: Array<{ organizationId: string; events: WebhookEventInput[] }>): Prisma.Sql {
  const rows = groups.flatMap(({ organizationId, events }) =>
    events.map((event) => ({
      organizationId,
      type: event.type,
      campaignId: event.campaignId ?? null,
      messageId: event.messageId ?? null,
      timestamp: event.occurredAt.toISOString(),
      data: {
        ...event.data,
        version: WEBHOOK_PAYLOAD_VERSION,
        organizationId,
        campaignId: event.campaignId ?? null,
        leadId: event.leadId ?? null,
        mailboxId: event.mailboxId ?? null,
        messageId: event.messageId ?? null,
        links: apiLinks(event),
      },
    })),
  );
  return Prisma.sql`
    outbox_input AS (
      -- Due at once: the earlier of the event's time and the database's (clocks in tests may be either side).
      SELECT gen_random_uuid() AS id, e."organizationId", e.type, e."campaignId",
             LEAST(e.timestamp::timestamptz, now()) AT TIME ZONE 'UTC' AS "dueAt",
             jsonb_build_object(
               'type', e.type,
               'timestamp', e.timestamp,
               'data', e.data || jsonb_build_object('step', m."stepPosition", 'variantId', m."variantId")
             ) AS payload
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS e("organizationId" uuid, type text, "campaignId" uuid, "messageId" uuid, timestamp text, data jsonb)
      LEFT JOIN messages m ON m.id = e."messageId" AND m."organizationId" = e."organizationId"
    ),
    outbox_targets AS (
      SELECT i.id AS "eventId", w.id AS "endpointId"
      FROM outbox_input i
      JOIN webhook_endpoints w
        ON w."organizationId" = i."organizationId"
       AND w.enabled
       AND i.type = ANY (w."eventTypes")
       AND (w."campaignId" IS NULL OR i."campaignId" IS NULL OR w."campaignId" = i."campaignId")
    ),
    outbox_events AS (
      INSERT INTO webhook_events (id, "organizationId", type, payload)
      SELECT i.id, i."organizationId", i.type, i.payload FROM outbox_input i WHERE i.id IN (SELECT "eventId" FROM outbox_targets)
    ),
    outbox_deliveries AS (
      INSERT INTO webhook_deliveries (id, "organizationId", "endpointId", "eventId", "nextAttemptAt")
      SELECT gen_random_uuid(), i."organizationId", t."endpointId", t."eventId", i."dueAt"
      FROM outbox_targets t JOIN outbox_input i ON i.id = t."eventId"
    )`;
}

/** The event an admin sends to check an endpoint; it goes to that endpoint only and is not a type to subscribe to. */
export const webhookTestEventType = 'webhook.test';

/**
 * Puts a test event in the outbox for one endpoint, whatever it subscribes to, with the envelope every event
 * has; it is delivered, retried, logged and pruned like the others. The delivery's id, or none when the
 * endpoint is not an enabled one of the organization.
 */
export async function recordWebhookTestEvent(
  sql: Pick<PrismaClient, '$queryRaw'>,
  organizationId: string,
  endpointId: string,
  occurredAt: Date,
): Promise<string | undefined> {
  const payload = {
    type: webhookTestEventType,
    timestamp: occurredAt.toISOString(),
    data: {
      version: WEBHOOK_PAYLOAD_VERSION,
      organizationId,
      endpointId,
      campaignId: null,
      step: null,
      variantId: null,
      leadId: null,
      mailboxId: null,
      messageId: null,
      links: {},
    },
  };
  const [delivery] = await sql.$queryRaw<Array<{ id: string }>>`
    WITH target AS (
      SELECT id FROM webhook_endpoints WHERE id = ${endpointId}::uuid AND "organizationId" = ${organizationId}::uuid AND enabled
    ), written AS (
      INSERT INTO webhook_events (id, "organizationId", type, payload)
      SELECT gen_random_uuid(), ${organizationId}::uuid, ${webhookTestEventType}, ${JSON.stringify(payload)}::jsonb FROM target
      RETURNING id
    )
    INSERT INTO webhook_deliveries (id, "organizationId", "endpointId", "eventId", "nextAttemptAt")
    SELECT gen_random_uuid(), ${organizationId}::uuid, target.id, written.id, LEAST(${occurredAt.toISOString()}::timestamptz, now()) AT TIME ZONE 'UTC'
    FROM target, written
    RETURNING id`;
  return delivery?.id;
}
