import { randomUUID } from 'node:crypto';
import type { Clock } from '../../lib/clock.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import type { Logger } from '../../lib/logger.js';
import { recordWebhookEvents } from '../../lib/webhooks/webhookOutbox.js';
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
    },
  ) {}

  private async message(messageId: string) {
    if (!uuidPattern.test(messageId)) return undefined;
    const message = await this.deps.prisma.message.findUnique({
      where: { id: messageId },
      select: {
        id: true,
        organizationId: true,
        campaignId: true,
        leadId: true,
        mailboxId: true,
        status: true,
        sentAt: true,
        enrollment: { select: { lead: { select: { id: true, email: true, emailDomain: true, status: true } } } },
        campaign: { select: { organization: { select: { name: true } } } },
      },
    });
    return message ?? undefined;
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
    message: NonNullable<Awaited<ReturnType<TrackingService['message']>>>,
    hit: TrackingHit,
    data: Record<string, unknown>,
  ): Promise<void> {
    if (!wasSent(message)) return;
    const now = this.deps.clock.now();
    if (!this.deps.throttle.allow(type, message.id, now)) return;
    const userAgent = hit.userAgent?.slice(0, maxUserAgentLength) ?? null;
    const reason = machineReason({ method: hit.method, userAgent: hit.userAgent, at: now, sentAt: message.sentAt });
    const occurred = { campaignId: message.campaignId, leadId: message.leadId, messageId: message.id, mailboxId: message.mailboxId };
    await scopedDb(this.deps.prisma, message.organizationId).$transaction(async (tx) => {
      await tx.event.create({
        data: {
          organizationId: message.organizationId,
          type,
          idempotencyKey: `${type}:${message.id}:${randomUUID()}`,
          campaignId: message.campaignId,
          leadId: message.leadId,
          messageId: message.id,
          mailboxId: message.mailboxId,
          occurredAt: now,
          data: { ...data, machine: reason !== undefined, ...(reason ? { machineReason: reason } : {}), userAgent, method: hit.method },
        },
      });
      // Webhooks hear of people only: a scanner's open or click would trigger a CRM for nobody.
      if (reason === undefined) {
        await recordWebhookEvents(tx, message.organizationId, [
          { type: type === 'opened' ? 'lead.opened' : 'lead.clicked', occurredAt: now, ...occurred, data: { ...data, human: true } },
        ]);
      }
    });
  }
}
