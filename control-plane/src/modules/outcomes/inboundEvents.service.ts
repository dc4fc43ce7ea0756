import type { Clock } from '../../lib/clock.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { WARMUP_TAG_PATTERN } from '../../lib/n8n/nodeContract.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { refreshMailboxHealth, type HealthPolicy } from '../mailboxes/health/mailboxHealth.js';
import { inboxEventTypes, recordInboundMessage, type InboxEventType } from './inboxFiling.js';
import type { LeadOutcome, LeadOutcomes } from './leadOutcomes.js';
import type { InboundEvent, inboundEventOutcomes } from './inboundEvents.schemas.js';

type Outcome = (typeof inboundEventOutcomes)[number];

export interface InboundEventsOutcome {
  applied: number;
  duplicates: number;
  unknown: number;
  events: Array<{ eventId: string; outcome: Outcome; leadId: string | null; stoppedEnrollments: number }>;
}

interface Resolved {
  organizationId: string;
  resolvedBy: 'message_id' | 'thread' | 'lead_email';
  message: { id: string; campaignId: string; enrollmentId: string; mailboxId: string | null } | null;
  lead: { id: string; email: string; emailDomain: string } | null;
  email: string | null;
}

const leadSelect = { id: true, email: true, emailDomain: true } as const;
const messageSelect = { id: true, organizationId: true, campaignId: true, enrollmentId: true, mailboxId: true, leadId: true } as const;

/** Message-IDs as headers carry them (`<id@host>`), whichever way the watcher wrote them. */
function messageIdForms(value: string): string[] {
  const bare = value.trim().replace(/^<|>$/g, '');
  return [...new Set([value.trim(), `<${bare}>`, bare])];
}

/**
 * What the inbox watcher reports (replies, auto-replies, bounces, complaints, unsubscribe requests)
 * becomes events and state through the same path as an unsubscribe link (LeadOutcomes): applied
 * once per eventId, so a replayed watch never double-counts.
 */
export class InboundEventsService {
  constructor(private readonly deps: { prisma: PrismaClient; clock: Clock; outcomes: LeadOutcomes; healthPolicy: HealthPolicy }) {}

  async record(events: InboundEvent[]): Promise<InboundEventsOutcome> {
    const outcome: InboundEventsOutcome = { applied: 0, duplicates: 0, unknown: 0, events: [] };
    const touchedMailboxes = new Map<string, string>();
    for (const event of events) {
      // A warm-up message is never campaign mail (the watcher already leaves it out; this is the second line).
      if (await this.settleWarmup(event)) {
        outcome.unknown += 1;
        outcome.events.push({ eventId: event.eventId, outcome: 'unknown', leadId: null, stoppedEnrollments: 0 });
        continue;
      }
      const resolved = await this.resolve(event);
      if (!resolved) {
        outcome.unknown += 1;
        outcome.events.push({ eventId: event.eventId, outcome: 'unknown', leadId: null, stoppedEnrollments: 0 });
        continue;
      }
      const result = await this.deps.outcomes.record(this.toOutcome(event, resolved));
      outcome[result.applied ? 'applied' : 'duplicates'] += 1;
      outcome.events.push({
        eventId: event.eventId,
        outcome: result.applied ? 'applied' : 'duplicate',
        leadId: resolved.lead?.id ?? null,
        stoppedEnrollments: result.stoppedEnrollments,
      });
      const mailboxId = resolved.message?.mailboxId ?? event.mailboxId;
      if (result.applied && mailboxId && event.type !== 'auto_replied') touchedMailboxes.set(mailboxId, resolved.organizationId);
    }
    // Bounces and replies move mailbox health (and may trip the auto-pause rule), once per mailbox per batch.
    for (const [mailboxId, organizationId] of touchedMailboxes) {
      await refreshMailboxHealth(scopedDb(this.deps.prisma, organizationId), mailboxId, this.deps.clock.now(), this.deps.healthPolicy);
    }
    return outcome;
  }

  /**
   * Whether an event is about a warm-up message: it carries a warm-up tag we sent, or bounces one of
   * our warm-up messages. Such an event changes no lead, campaign or inbox; a bounce is recorded on
   * the warm-up message alone.
   */
  private async settleWarmup(event: InboundEvent): Promise<boolean> {
    const tag = event.message?.text ? new RegExp(WARMUP_TAG_PATTERN).exec(event.message.text)?.[1] : undefined;
    const bounced = event.type === 'bounced' && event.inReplyToMessageId ? messageIdForms(event.inReplyToMessageId) : [];
    if (!tag && bounced.length === 0) return false;
    const warmup = await this.deps.prisma.warmupMessage.findFirst({
      where: { OR: [...(tag ? [{ tag }] : []), ...(bounced.length > 0 ? [{ messageIdHeader: { in: bounced } }] : [])] },
      select: { id: true, organizationId: true },
    });
    if (!warmup) return false;
    if (event.type === 'bounced') {
      await scopedDb(this.deps.prisma, warmup.organizationId).warmupMessage.updateMany({
        where: { id: warmup.id, bouncedAt: null },
        data: { bouncedAt: new Date(event.receivedAt) },
      });
    }
    return true;
  }

  private toOutcome(event: InboundEvent, resolved: Resolved): LeadOutcome {
    const { organizationId, message, lead, email } = resolved;
    const bounce = event.bounce
      ? { kind: event.bounce.kind, status: event.bounce.status ?? null, diagnostic: event.bounce.diagnostic ?? null }
      : {};
    const base: LeadOutcome = {
      organizationId,
      event: {
        type: event.type === 'unsubscribe_request' ? 'unsubscribed' : event.type,
        idempotencyKey: `inbound:${event.eventId}`,
        campaignId: message?.campaignId ?? null,
        leadId: lead?.id ?? null,
        messageId: message?.id ?? null,
        mailboxId: message?.mailboxId ?? event.mailboxId ?? null,
        occurredAt: new Date(event.receivedAt),
        data: {
          source: 'inbox',
          inboundType: event.type,
          resolvedBy: resolved.resolvedBy,
          receivedAt: event.receivedAt,
          ...bounce,
          evidence: event.evidence,
        },
      },
      ...(lead ? { lead } : {}),
      ...this.inboxMessage(event, resolved),
    };
    const everywhere = (reason: 'unsubscribed' | 'bounced' | 'complained', stopReason: string): LeadOutcome => ({
      ...base,
      ...(email ? { suppress: { email, reason, source: `inbox:${event.type}` } } : {}),
      stop: { scope: 'everywhere', reason: stopReason },
    });
    switch (event.type) {
      case 'replied':
        return { ...base, stop: { scope: 'reply', reason: 'replied' } };
      case 'auto_replied':
        return message ? { ...base, postpone: { enrollmentId: message.enrollmentId, now: this.deps.clock.now() } } : base;
      case 'bounced':
        return event.bounce?.kind === 'hard' ? everywhere('bounced', 'bounced') : base;
      case 'complained':
        return everywhere('complained', 'complained');
      case 'unsubscribe_request':
        return everywhere('unsubscribed', 'unsubscribed');
    }
  }

  /** What a lead wrote about one of our campaign messages goes to the unified inbox, with the event. */
  private inboxMessage(event: InboundEvent, resolved: Resolved): Pick<LeadOutcome, 'alsoRecord'> {
    const { organizationId, message, lead } = resolved;
    const mailboxId = event.mailboxId ?? message?.mailboxId;
    if (!(inboxEventTypes as readonly string[]).includes(event.type) || !message || !lead || !mailboxId) return {};
    return {
      alsoRecord: (db) =>
        recordInboundMessage(db, organizationId, {
          eventId: event.eventId,
          type: event.type as InboxEventType,
          mailboxId,
          leadId: lead.id,
          campaignId: message.campaignId,
          enrollmentId: message.enrollmentId,
          providerThreadId: event.threadId ?? null,
          receivedAt: new Date(event.receivedAt),
          content: event.message ?? null,
        }),
    };
  }

  /** Our message first (by Message-ID, then thread), else the lead by address; the organization follows from what was found. */
  private async resolve(event: InboundEvent): Promise<Resolved | undefined> {
    const { prisma } = this.deps;
    const mailbox = event.mailboxId
      ? await prisma.mailbox.findUnique({ where: { id: event.mailboxId }, select: { id: true, organizationId: true } })
      : null;
    if (event.mailboxId && !mailbox) return undefined;
    const inOrganization = mailbox ? { organizationId: mailbox.organizationId } : {};

    let message: {
      id: string;
      organizationId: string;
      campaignId: string;
      enrollmentId: string;
      mailboxId: string | null;
      leadId: string;
    } | null = null;
    let resolvedBy: Resolved['resolvedBy'] = 'lead_email';
    if (event.inReplyToMessageId) {
      message = await prisma.message.findFirst({
        where: { messageIdHeader: { in: messageIdForms(event.inReplyToMessageId) }, ...inOrganization },
        select: messageSelect,
      });
      resolvedBy = 'message_id';
    }
    if (!message && event.threadId && mailbox) {
      message = await prisma.message.findFirst({
        where: { organizationId: mailbox.organizationId, mailboxId: mailbox.id, threadId: event.threadId, status: 'sent' },
        orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
        select: messageSelect,
      });
      resolvedBy = 'thread';
    }
    if (message) {
      const lead = await prisma.lead.findUnique({ where: { id: message.leadId }, select: leadSelect });
      return { organizationId: message.organizationId, resolvedBy, message, lead, email: lead?.email ?? null };
    }

    if (!event.leadEmail || !mailbox) return undefined;
    const email = event.leadEmail.trim().toLowerCase();
    const lead = await prisma.lead.findUnique({
      where: { organizationId_email: { organizationId: mailbox.organizationId, email } },
      select: leadSelect,
    });
    // The lead's latest message, from this mailbox when it sent one: the campaign the event belongs to.
    const latest = lead
      ? ((await prisma.message.findFirst({
          where: { leadId: lead.id, mailboxId: mailbox.id, status: 'sent' },
          orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
          select: messageSelect,
        })) ??
        (await prisma.message.findFirst({
          where: { leadId: lead.id, status: 'sent' },
          orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
          select: messageSelect,
        })))
      : null;
    // A reply from an address we never wrote to is not about a lead; a bounce or complaint still suppresses the address.
    if (!lead && (event.type === 'replied' || event.type === 'auto_replied')) return undefined;
    return { organizationId: mailbox.organizationId, resolvedBy: 'lead_email', message: latest, lead, email };
  }
}
