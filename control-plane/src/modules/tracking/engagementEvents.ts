import type { PrismaClient } from '../../lib/db/prisma.js';
import { GroupedCalls } from '../../lib/groupedCalls.js';
import { recordWebhookEvents, type WebhookEventInput } from '../../lib/webhooks/webhookOutbox.js';

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
  /** What the organization's webhooks hear of it, written in the same transaction; none for a machine's hit. */
  webhook?: WebhookEventInput;
}

// One statement for any number of events; occurredAt travels as an ISO instant and is stored in UTC like Prisma's.
const insertEventsSql = `
  INSERT INTO events (id, "organizationId", type, "campaignId", "leadId", "messageId", "mailboxId", "idempotencyKey", data, "occurredAt")
  SELECT gen_random_uuid(), e.org, e.type, e.campaign, e.lead, e.message, e.mailbox, e.key, e.data, e.at AT TIME ZONE 'UTC'
  FROM unnest($1::uuid[], $2::"EventType"[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::jsonb[], $9::timestamptz[])
    AS e(org, type, campaign, lead, message, mailbox, key, data, at)`;

/**
 * Writes opens and clicks in batches (GroupedCalls): a burst of hits costs a few transactions rather
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
    const column = <T>(pick: (event: EngagementEvent) => T) => events.map(pick);
    const webhooks = new Map<string, WebhookEventInput[]>();
    for (const event of events) {
      if (event.webhook) webhooks.set(event.organizationId, [...(webhooks.get(event.organizationId) ?? []), event.webhook]);
    }
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        insertEventsSql,
        column((event) => event.organizationId),
        column((event) => event.type),
        column((event) => event.campaignId),
        column((event) => event.leadId),
        column((event) => event.messageId),
        column((event) => event.mailboxId),
        column((event) => event.idempotencyKey),
        column((event) => JSON.stringify(event.data)),
        column((event) => event.occurredAt.toISOString()),
      );
      for (const [organizationId, inputs] of webhooks) await recordWebhookEvents(tx, organizationId, inputs);
    });
  }
}
