import type { EventType, LeadStatus } from '../../generated/prisma/enums.js';
import type { Prisma, PrismaClient } from '../../lib/db/prisma.js';
import { scopedDb, type ScopedDb } from '../../lib/db/tenantScope.js';
import type { AuthContext } from '../../lib/http/route.js';
import { organizationalDomain } from '../../lib/net/organizationalDomain.js';
import { recordWebhookEvents, type WebhookEventType } from '../../lib/webhooks/webhookOutbox.js';
import { postponeAfterAutoReply } from '../campaigns/enrollments/postponeAfterAutoReply.js';
import { stopEnrollments } from '../campaigns/enrollments/stopEnrollments.js';
import type { SuppressionsService } from '../leads/suppressions/suppressions.service.js';

/** What happened to a lead, as one event; recorded once per idempotency key. */
export interface OutcomeEvent {
  type: EventType;
  idempotencyKey: string;
  campaignId: string | null;
  leadId: string | null;
  messageId: string | null;
  mailboxId: string | null;
  occurredAt: Date;
  data: Record<string, unknown>;
}

/**
 * Which of the lead's enrolments stop. `everywhere`: all of them in the organization (unsubscribe,
 * hard bounce, complaint). `reply`: those in campaigns with stop-on-reply, plus, in campaigns whose
 * settings say `stopOnReplyForDomain`, the enrolments of colleagues at the same company: the same
 * organizational domain (a reply from sales.acme.co.uk stops acme.co.uk and eu.acme.co.uk), never webmail.
 */
export type StopScope = { scope: 'everywhere'; reason: string } | { scope: 'reply'; reason: string };

export interface LeadOutcome {
  organizationId: string;
  event: OutcomeEvent;
  lead?: { id: string; email: string; emailDomain: string };
  /** The address to suppress organization-wide (may have no lead row, e.g. a bounce for an unknown address). */
  suppress?: { email: string; reason: 'unsubscribed' | 'bounced' | 'complained'; source: string };
  stop?: StopScope;
  /** An out-of-office: the enrolment's next step may wait (campaign setting `autoReplyDelayDays`). */
  postpone?: { enrollmentId: string; now: Date };
  /** What else the event brings (the inbox message of a reply): written in the same transaction, only when the event is new. */
  alsoRecord?: (db: ScopedDb) => Promise<void>;
}

export interface LeadOutcomeResult {
  applied: boolean;
  stoppedEnrollments: number;
  cancelledMessages: number;
}

const leadStatusFor: Record<NonNullable<LeadOutcome['suppress']>['reason'], LeadStatus> = {
  unsubscribed: 'unsubscribed',
  bounced: 'bounced',
  complained: 'complained',
};

const webhookTypes: Partial<Record<EventType, WebhookEventType>> = {
  replied: 'lead.replied',
  auto_replied: 'lead.auto_replied',
  bounced: 'message.bounced',
  unsubscribed: 'lead.unsubscribed',
  complained: 'lead.complained',
};

// Colleagues at a webmail domain are not colleagues: a reply from one gmail.com lead stops nobody else.
// Listed by organizational domain: a subdomain of one (eu.gmail.com) is webmail too.
const sharedMailDomains = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'zoho.com',
  'fastmail.com',
  'hey.com',
  'qq.com',
  '163.com',
  'orange.fr',
  'free.fr',
  'laposte.net',
]);

/**
 * The one place where something a lead did (unsubscribed, replied, bounced, complained) becomes
 * state: the event, the org-wide suppression (through the suppression service), the lead's status,
 * and the enrolments it stops with their waiting and claimed-but-unsent sends (stopEnrollments). All
 * in one transaction, applied once per event key: a replayed report changes nothing.
 */
export class LeadOutcomes {
  constructor(private readonly deps: { prisma: PrismaClient; suppressions: SuppressionsService }) {}

  async record(outcome: LeadOutcome): Promise<LeadOutcomeResult> {
    const { organizationId, event } = outcome;
    return scopedDb(this.deps.prisma, organizationId).$transaction(async (tx) => {
      const db = tx as unknown as ScopedDb;
      // ON CONFLICT DO NOTHING: a concurrent duplicate waits for the first to commit, then inserts nothing.
      const inserted = await db.event.createMany({
        data: [{ organizationId, ...event, data: event.data as object }],
        skipDuplicates: true,
      });
      if (inserted.count === 0) return { applied: false, stoppedEnrollments: 0, cancelledMessages: 0 };
      // Stopped before suppressing, so the enrolments carry this outcome as their reason, not the suppression's.
      const stopped = outcome.stop && outcome.lead ? await this.stop(db, outcome.lead, outcome.stop) : { enrollments: 0, messages: 0 };
      if (outcome.suppress) await this.suppress(db, organizationId, outcome.suppress);
      if (outcome.postpone) await postponeAfterAutoReply(db, outcome.postpone.enrollmentId, outcome.postpone.now);
      if (outcome.alsoRecord) await outcome.alsoRecord(db);
      await this.announce(db, organizationId, event);
      return { applied: true, stoppedEnrollments: stopped.enrollments, cancelledMessages: stopped.messages };
    });
  }

  /** The outcome's webhook event, in its transaction; a reply names its inbox thread and that thread's label. */
  private async announce(db: ScopedDb, organizationId: string, event: OutcomeEvent): Promise<void> {
    const type = webhookTypes[event.type];
    if (!type) return;
    const thread =
      (type === 'lead.replied' || type === 'lead.auto_replied') && event.leadId && event.campaignId
        ? await db.inboxThread.findFirst({
            where: { leadId: event.leadId, campaignId: event.campaignId },
            orderBy: { lastMessageAt: 'desc' },
            select: { id: true, label: true },
          })
        : null;
    const bounce = type === 'message.bounced' ? { bounceKind: event.data.kind ?? null } : {};
    await recordWebhookEvents(db, organizationId, [
      {
        type,
        occurredAt: event.occurredAt,
        campaignId: event.campaignId,
        leadId: event.leadId,
        messageId: event.messageId,
        mailboxId: event.mailboxId,
        data: { ...bounce, ...(thread ? { threadId: thread.id, label: thread.label } : {}) },
      },
    ]);
  }

  private async suppress(db: ScopedDb, organizationId: string, suppress: NonNullable<LeadOutcome['suppress']>): Promise<void> {
    // Serialises outcomes for one address so the suppression service's check-then-insert cannot race itself.
    await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`suppress:${organizationId}:${suppress.email}`}, 0))`;
    // The system acts here, not a user: the audit entry carries no actor. `member` is the least role that may add suppressions.
    const actor: AuthContext = { organizationId, role: 'member', db };
    await this.deps.suppressions.addInTransaction(actor, {
      kind: 'email',
      value: suppress.email,
      reason: suppress.reason,
      source: suppress.source,
    });
    // Also when the address was already suppressed for another reason: the lead's status says what it did.
    await db.lead.updateMany({ where: { email: suppress.email, status: 'active' }, data: { status: leadStatusFor[suppress.reason] } });
  }

  private async stop(
    db: ScopedDb,
    lead: NonNullable<LeadOutcome['lead']>,
    stop: StopScope,
  ): Promise<{ enrollments: number; messages: number }> {
    if (stop.scope === 'everywhere') return stopEnrollments(db, { leadId: lead.id }, stop.reason);
    const own: Prisma.EnrollmentWhereInput = { leadId: lead.id, campaign: { stopOnReply: true } };
    const company = organizationalDomain(lead.emailDomain);
    // By organizational domain, so that eu.gmail.com is webmail too and no reply reaches past it.
    if (sharedMailDomains.has(company)) return stopEnrollments(db, own, stop.reason);
    const companyRule: Prisma.CampaignWhereInput = { stopOnReply: true, settings: { path: ['stopOnReplyForDomain'], equals: true } };
    // The company's domains are found by a suffix scan of the organization's leads: only worth it when a campaign asks.
    if ((await db.campaign.count({ where: companyRule })) === 0) return stopEnrollments(db, own, stop.reason);
    const colleagues: Prisma.EnrollmentWhereInput = {
      lead: { emailDomain: { in: await companyDomains(db, company) } },
      campaign: companyRule,
    };
    return stopEnrollments(db, { OR: [own, colleagues] }, stop.reason);
  }
}

/**
 * The leads' domains that belong to the company at `organizational` (itself and its subdomains:
 * acme.co.uk, sales.acme.co.uk). SQL narrows by suffix, the public-suffix list decides: a reply from
 * a name that is itself a public suffix (co.uk) matches that name only, never every company under it.
 */
async function companyDomains(db: ScopedDb, organizational: string): Promise<string[]> {
  const candidates = await db.lead.groupBy({
    by: ['emailDomain'],
    where: { OR: [{ emailDomain: organizational }, { emailDomain: { endsWith: `.${organizational}` } }] },
  });
  return candidates.map((row) => row.emailDomain).filter((domain) => organizationalDomain(domain) === organizational);
}
