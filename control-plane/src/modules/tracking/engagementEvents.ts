import { Prisma } from '../../generated/prisma/client.js';
import { preparedQuery, type PrismaClient } from '../../lib/db/prisma.js';
import { GroupedCalls } from '../../lib/groupedCalls.js';
import { webhookOutboxWrites, type WebhookEventInput } from '../../lib/webhooks/webhookOutbox.js';

export interface EngagementEvent {
  organizationId: string;
  type: 'opened' | 'clicked';
  idempotencyKey: string;
  campaignId: string;
  leadId: string;
  messageId: string;
  mailboxId: string | null;
  occurredAt: Date;
  data: Record<string, unknown>;
  /** What the organization's webhooks hear of it, written in the same statement; none for a machine's hit. */
  webhook?: WebhookEventInput;
}

/**
 * One statement for any number of events and their webhook outbox rows (all organizations): atomic on
 * its own, so a batch costs one round trip rather than a transaction's four or more. Its text is the
 * same for every batch (each column travels as one array), so it is prepared once per connection.
 * occurredAt travels as an ISO instant and is stored in UTC like Prisma's.
 */
function engagementWritesSql(events: EngagementEvent[]): Prisma.Sql {
  const column = <T>(pick: (event: EngagementEvent) => T) => events.map(pick);
  const webhooks = new Map<string, WebhookEventInput[]>();
  for (const event of events) {
    if (event.webhook) webhooks.set(event.organizationId, [...(webhooks.get(event.organizationId) ?? []), event.webhook]);
  }
  return Prisma.sql`
    WITH inserted_events AS (
      INSERT INTO events (id, "organizationId", type, "campaignId", "leadId", "messageId", "mailboxId", "idempotencyKey", data, "occurredAt")
      SELECT gen_random_uuid(), e.org, e.type, e.campaign, e.lead, e.message, e.mailbox, e.key, e.data, e.at AT TIME ZONE 'UTC'
      FROM unnest(
        ${column((event) => event.organizationId)}::uuid[], ${column((event) => event.type)}::"EventType"[],
        ${column((event) => event.campaignId)}::uuid[], ${column((event) => event.leadId)}::uuid[],
        ${column((event) => event.messageId)}::uuid[], ${column((event) => event.mailboxId)}::uuid[],
        ${column((event) => event.idempotencyKey)}::text[], ${column((event) => JSON.stringify(event.data))}::jsonb[],
        ${column((event) => event.occurredAt.toISOString())}::timestamptz[]
      ) AS e(org, type, campaign, lead, message, mailbox, key, data, at)
    ),
    ${webhookOutboxWrites([...webhooks].map(([organizationId, inputs]) => ({ organizationId, events: inputs })))}
    SELECT 1`;
}

/**
 * Writes opens and clicks in batches (GroupedCalls): a burst of hits costs a few statements rather
 * than one each. `record` settles once its event is committed, and the hit is answered only then: an
 * answered hit is a recorded hit. A crash loses only events whose requests had not been answered
 * (their connections drop without a pixel or a redirect).
 */
export class EngagementEvents {
  private readonly writes = new GroupedCalls<EngagementEvent, void>(
    async (events) => {
      await this.insert(events);
      return events.map(() => undefined);
    },
    { maxBatch: 500, maxConcurrent: 2 },
  );

  constructor(private readonly prisma: PrismaClient) {}

  record(event: EngagementEvent): Promise<void> {
    return this.writes.call(event);
  }

  private async insert(events: EngagementEvent[]): Promise<void> {
    const statement = engagementWritesSql(events);
    await preparedQuery(this.prisma, 'tracking_engagement_writes', statement.text, statement.values);
  }
}
