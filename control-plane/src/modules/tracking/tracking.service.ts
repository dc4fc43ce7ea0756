import { randomUUID } from 'node:crypto';
import type { LeadStatus } from '../../generated/prisma/enums.js';
import type { Clock } from '../../lib/clock.js';
import { preparedQuery, type PrismaClient } from '../../lib/db/prisma.js';
import { GroupedCalls } from '../../lib/groupedCalls.js';
import type { Logger } from '../../lib/logger.js';
import type { EngagementEvents } from './engagementEvents.js';
import type { EngagementThrottle } from './engagementThrottle.js';
import type { LeadOutcomes } from '../outcomes/leadOutcomes.js';
import type { TrackingLinks } from '../campaigns/messages/trackingLinks.js';
import { machineReason } from './machineDetection.js';

export interface TrackingHit {
  method: string;
  userAgent: string | undefined;
}

export type UnsubscribeSource = 'one-click' | 'unsubscribe page';

const maxUserAgentLength = 512;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "jane.doe@acme.com" -> "j***@acme.com": the page confirms whose address it is without showing it whole to whoever holds the link. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

interface TrackedMessageRow {
  id: string;
  organizationId: string;
  campaignId: string;
  leadId: string;
  mailboxId: string | null;
  status: string;
  sentAt: Date | null;
  enrollmentLeadId: string;
  leadEmail: string;
  leadEmailDomain: string;
  leadStatus: LeadStatus;
  organizationName: string;
}

type TrackedMessage = Omit<TrackedMessageRow, 'enrollmentLeadId' | 'leadEmail' | 'leadEmailDomain' | 'leadStatus' | 'organizationName'> & {
  enrollment: { lead: { id: string; email: string; emailDomain: string; status: LeadStatus } };
  campaign: { organization: { name: string } };
};

// Every hit on a public link reads its message, lead and organization: one statement for a batch of hits, prepared once per connection.
const trackedMessagesSql = `
  SELECT m.id::text AS id, m."organizationId"::text AS "organizationId", m."campaignId"::text AS "campaignId", m."leadId"::text AS "leadId",
         l.id::text AS "enrollmentLeadId", m."mailboxId"::text AS "mailboxId", m.status::text AS status, m."sentAt" AT TIME ZONE 'UTC' AS "sentAt",
         l.email AS "leadEmail", l."emailDomain" AS "leadEmailDomain", l.status::text AS "leadStatus", o.name AS "organizationName"
  FROM messages m
  JOIN enrollments e ON e.id = m."enrollmentId"
  JOIN leads l ON l.id = e."leadId"
  JOIN campaigns c ON c.id = m."campaignId"
  JOIN organizations o ON o.id = c."organizationId"
  WHERE m.id = ANY($1::uuid[])`;

const wasSent = <M extends { status: string; sentAt: Date | null }>(message: M): message is M & { sentAt: Date } =>
  message.status === 'sent' && message.sentAt !== null;

/**
 * The public side of a sent message: its unsubscribe link, open pixel and click redirects. Every
 * token is verified before the database is asked anything; an unknown message answers like a forged token.
 */
export class TrackingService {
  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      clock: Clock;
      links: TrackingLinks;
      outcomes: LeadOutcomes;
      logger: Logger;
      throttle: EngagementThrottle;
      events: EngagementEvents;
    },
  ) {}

  // Hits arriving together (a scanner following every link of a batch) read their messages in one statement.
  private readonly lookups = new GroupedCalls<string, TrackedMessageRow | undefined>(
    async (messageIds) => {
      const rows = await preparedQuery<TrackedMessageRow>(this.deps.prisma, 'tracking_messages', trackedMessagesSql, [messageIds]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return messageIds.map((id) => byId.get(id));
    },
    { maxBatch: 500, maxConcurrent: 2 },
  );

  private async message(messageId: string): Promise<TrackedMessage | undefined> {
    if (!uuidPattern.test(messageId)) return undefined;
    const row = await this.lookups.call(messageId.toLowerCase());
    if (!row) return undefined;
    const { enrollmentLeadId, leadEmail, leadEmailDomain, leadStatus, organizationName, ...message } = row;
    return {
      ...message,
      enrollment: { lead: { id: enrollmentLeadId, email: leadEmail, emailDomain: leadEmailDomain, status: leadStatus } },
      campaign: { organization: { name: organizationName } },
    };
  }

  /** What the confirm page shows, or undefined for a token we did not issue. Looking changes nothing. */
  async unsubscribePage(
    token: string,
  ): Promise<{ maskedEmail: string; organizationName: string; alreadyUnsubscribed: boolean } | undefined> {
    const messageId = await this.deps.links.verify('u', token);
    const message = messageId && (await this.message(messageId));
    if (!message) return undefined;
    const lead = message.enrollment.lead;
    return {
      maskedEmail: maskEmail(lead.email),
      organizationName: message.campaign.organization.name,
      alreadyUnsubscribed: lead.status === 'unsubscribed',
    };
  }

  /** Suppresses the address org-wide and stops every enrolment of the lead; once per message however often it is posted. */
  async unsubscribe(token: string, source: UnsubscribeSource): Promise<{ maskedEmail: string; organizationName: string } | undefined> {
    const messageId = await this.deps.links.verify('u', token);
    const message = messageId && (await this.message(messageId));
    if (!message) return undefined;
    const lead = message.enrollment.lead;
    const result = await this.deps.outcomes.record({
      organizationId: message.organizationId,
      event: {
        type: 'unsubscribed',
        idempotencyKey: `unsubscribe:${message.id}`,
        campaignId: message.campaignId,
        leadId: lead.id,
        messageId: message.id,
        mailboxId: message.mailboxId,
        occurredAt: this.deps.clock.now(),
        data: { source },
      },
      lead,
      suppress: { email: lead.email, reason: 'unsubscribed', source },
      stop: { scope: 'everywhere', reason: 'unsubscribed' },
    });
    if (result.applied)
      this.deps.logger.info({ messageId: message.id, source, stoppedEnrollments: result.stoppedEnrollments }, 'lead unsubscribed');
    return { maskedEmail: maskEmail(lead.email), organizationName: message.campaign.organization.name };
  }

  /** Records an open; false when the token is not ours (the caller answers 404). */
  async open(token: string, hit: TrackingHit): Promise<boolean> {
    const messageId = await this.deps.links.verify('o', token);
    const message = messageId && (await this.message(messageId));
    if (!message) return false;
    await this.recordEngagement('opened', message, hit, {});
    return true;
  }

  /**
   * Records a click and answers where to send the reader, or undefined when the token (message and
   * target) is not ours or its message was never sent. A click token is signed for a message before
   * it goes out, and a campaign preview renders one too: following it for a message that was not
   * sent would let a tenant mint redirects on the platform's domain to anywhere without sending.
   */
  async click(token: string, hit: TrackingHit): Promise<string | undefined> {
    const verified = await this.deps.links.verifyClick(token);
    const message = verified && (await this.message(verified.messageId));
    if (!verified || !message || !wasSent(message)) return undefined;
    await this.recordEngagement('clicked', message, hit, { url: verified.url });
    return verified.url;
  }

  /**
   * Opens and clicks are raw events (each request counts in the totals; the stats also count
   * distinct messages). Before the send is reported nobody but the sender can have the message, so
   * such requests are not recorded. Machine events are recorded, flagged, and stop nothing.
   */
  private async recordEngagement(
    type: 'opened' | 'clicked',
    message: TrackedMessage,
    hit: TrackingHit,
    data: Record<string, unknown>,
  ): Promise<void> {
    if (!wasSent(message)) return;
    const now = this.deps.clock.now();
    if (!this.deps.throttle.allow(type, message.id, now)) return;
    const userAgent = hit.userAgent?.slice(0, maxUserAgentLength) ?? null;
    const reason = machineReason({ method: hit.method, userAgent: hit.userAgent, at: now, sentAt: message.sentAt });
    const occurred = { campaignId: message.campaignId, leadId: message.leadId, messageId: message.id, mailboxId: message.mailboxId };
    await this.deps.events.record({
      organizationId: message.organizationId,
      type,
      idempotencyKey: `${type}:${message.id}:${randomUUID()}`,
      ...occurred,
      occurredAt: now,
      data: { ...data, machine: reason !== undefined, ...(reason ? { machineReason: reason } : {}), userAgent, method: hit.method },
      // Webhooks hear of people only: a scanner's open or click would trigger a CRM for nobody.
      ...(reason === undefined
        ? {
            webhook: {
              type: type === 'opened' ? 'lead.opened' : 'lead.clicked',
              occurredAt: now,
              ...occurred,
              data: { ...data, human: true },
            },
          }
        : {}),
    });
  }
}
