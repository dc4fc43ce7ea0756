import type { EventType } from '../../generated/prisma/enums.js';
import type { Clock } from '../../lib/clock.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { scopedDb, type ScopedDb } from '../../lib/db/tenantScope.js';
import { chooseVariant, dueAfter, newMessageKey } from '../campaigns/sequence.js';
import { refreshMailboxHealth, type HealthPolicy } from '../mailboxes/health/mailboxHealth.js';
import type { SendResult } from './sendResults.schemas.js';

export interface SendResultsOutcome {
  applied: number;
  duplicates: number;
  stale: number;
  unknown: number;
}

const eventTypes: Record<SendResult['status'], EventType> = { sent: 'sent', deferred: 'deferred', retryable: 'deferred', failed: 'failed' };
const defaultDeferMs = 15 * 60_000;

type Outcome = keyof SendResultsOutcome;

/**
 * Applies what the workflow reports. Each result is applied at most once (its eventId is the event's
 * idempotency key, recorded in the same transaction as the change), and only for the attempt in
 * flight: a late report for an attempt whose lease expired and was re-claimed changes nothing.
 */
export class SendResultsService {
  constructor(private readonly deps: { prisma: PrismaClient; clock: Clock; healthPolicy: HealthPolicy }) {}

  async record(results: SendResult[]): Promise<SendResultsOutcome> {
    const outcome: SendResultsOutcome = { applied: 0, duplicates: 0, stale: 0, unknown: 0 };
    const touched = new Map<string, string>();
    for (const result of results) {
      const recorded = await this.recordOne(result);
      outcome[recorded.outcome] += 1;
      if (recorded.outcome === 'applied' && recorded.mailbox) touched.set(recorded.mailbox.id, recorded.mailbox.organizationId);
    }
    // Health (and the auto-pause rule) follows what was just reported, once per mailbox per batch.
    for (const [mailboxId, organizationId] of touched) {
      await refreshMailboxHealth(scopedDb(this.deps.prisma, organizationId), mailboxId, this.deps.clock.now(), this.deps.healthPolicy);
    }
    return outcome;
  }

  private async recordOne(result: SendResult): Promise<{ outcome: Outcome; mailbox?: { id: string; organizationId: string } }> {
    const owner = await this.deps.prisma.message.findUnique({ where: { id: result.sendId }, select: { organizationId: true, mailboxId: true } });
    if (!owner) return { outcome: 'unknown' };
    const mailboxId = result.status === 'sent' || result.status === 'failed' ? ((result as { mailboxId?: string }).mailboxId ?? owner.mailboxId) : null;
    const outcome = await this.applyOnce(owner.organizationId, result);
    return { outcome, ...(mailboxId ? { mailbox: { id: mailboxId, organizationId: owner.organizationId } } : {}) };
  }

  private async applyOnce(organizationId: string, result: SendResult): Promise<Outcome> {
    const db = scopedDb(this.deps.prisma, organizationId);
    return db.$transaction(async (tx) => {
      const scoped = tx as unknown as ScopedDb;
      const [message] = await tx.$queryRaw<{ id: string; status: string; attempt: number }[]>`
        SELECT id, status::text, attempt FROM messages WHERE id = ${result.sendId}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
      if (!message) return 'unknown';
      // The message row is locked, so a concurrent report of the same result waits here and then sees it.
      if (await scoped.event.findFirst({ where: { idempotencyKey: result.eventId }, select: { id: true } })) return 'duplicates';
      if (message.attempt !== result.attempt || message.status !== 'claimed') return 'stale';
      await scoped.event.create({
        data: {
          organizationId: organizationId,
          type: eventTypes[result.status],
          idempotencyKey: result.eventId,
          messageId: result.sendId,
          data: result as object,
          occurredAt: this.deps.clock.now(),
        },
      });
      await this.apply(scoped, result);
      return 'applied';
    });
  }

  private async apply(db: ScopedDb, result: SendResult): Promise<void> {
    const now = this.deps.clock.now();
    const message = await db.message.findUniqueOrThrow({ where: { id: result.sendId }, include: { enrollment: true, campaign: true } });
    await db.event.updateMany({
      where: { idempotencyKey: result.eventId },
      data: { campaignId: message.campaignId, leadId: message.leadId, mailboxId: result.status === 'sent' ? result.mailboxId : message.mailboxId },
    });
    if (result.status === 'deferred' || result.status === 'retryable') {
      const dueAt =
        result.status === 'retryable'
          ? new Date(now.getTime() + result.retryAfterSeconds * 1000)
          : result.notBefore ? new Date(result.notBefore) : new Date(now.getTime() + defaultDeferMs);
      await db.message.update({
        where: { id: message.id },
        data: {
          status: result.status === 'retryable' ? 'retrying' : 'deferred',
          dueAt,
          mailboxId: null,
          leaseExpiresAt: null,
          lastError: result.reason ?? result.code ?? null,
          ...(result.status === 'retryable' && result.mayHaveBeenSent ? { mayHaveBeenSent: true } : {}),
        },
      });
      await db.enrollment.update({ where: { id: message.enrollmentId }, data: { nextDueAt: dueAt } });
      return;
    }
    if (result.status === 'failed') {
      await db.message.update({ where: { id: message.id }, data: { status: 'failed', leaseExpiresAt: null, lastError: `${result.code ?? 'failed'}: ${result.reason ?? ''}`.trim() } });
      await db.enrollment.update({ where: { id: message.enrollmentId }, data: { state: 'stopped', stopReason: `send_failed:${result.code ?? 'unknown'}`, nextDueAt: null } });
      return;
    }

    const sentAt = result.sentAt ? new Date(result.sentAt) : now;
    await db.message.update({
      where: { id: message.id },
      data: {
        status: 'sent',
        sentAt,
        mailboxId: result.mailboxId,
        messageIdHeader: result.messageId,
        providerMessageId: result.providerMessageId ?? null,
        threadId: result.threadId ?? null,
        leaseExpiresAt: null,
        lastError: null,
      },
    });
    await db.mailbox.updateMany({ where: { id: result.mailboxId, OR: [{ lastSentAt: null }, { lastSentAt: { lt: sentAt } }] }, data: { lastSentAt: sentAt } });
    await this.advance(db, { message, sentAt, result });
  }

  /** Sent: the enrolment moves on, and its next step is queued after the step's delay (or it completes). */
  private async advance(
    db: ScopedDb,
    options: {
      message: { id: string; organizationId: string; campaignId: string; leadId: string; enrollmentId: string; stepPosition: number; enrollment: { state: string }; campaign: { timezone: string } };
      sentAt: Date;
      result: Extract<SendResult, { status: 'sent' }>;
    },
  ): Promise<void> {
    const { message, sentAt, result } = options;
    const firstStep = message.stepPosition === 0 ? { firstMessageId: result.messageId, threadId: result.threadId ?? null, mailboxId: result.mailboxId } : {};
    const next = await db.sequenceStep.findFirst({ where: { campaignId: message.campaignId, position: message.stepPosition + 1 }, include: { variants: true } });
    if (message.enrollment.state !== 'active' || !next || next.variants.length === 0) {
      await db.enrollment.update({
        where: { id: message.enrollmentId },
        data: { ...firstStep, nextStep: message.stepPosition + 1, nextDueAt: null, ...(message.enrollment.state === 'active' ? { state: 'completed' } : {}) },
      });
      return;
    }
    const dueAt = dueAfter(sentAt, next.delayAmount, next.delayUnit, message.campaign.timezone);
    const variant = chooseVariant(next.variants, `${message.enrollmentId}:${next.position}`)!;
    await db.message.create({
      data: {
        ...newMessageKey(),
        organizationId: message.organizationId,
        campaignId: message.campaignId,
        enrollmentId: message.enrollmentId,
        leadId: message.leadId,
        stepPosition: next.position,
        variantId: variant.id,
        dueAt,
      },
    });
    await db.enrollment.update({ where: { id: message.enrollmentId }, data: { ...firstStep, nextStep: next.position, nextDueAt: dueAt } });
  }
}
