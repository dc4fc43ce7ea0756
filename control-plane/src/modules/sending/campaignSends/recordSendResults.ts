import type { EventType } from '../../../generated/prisma/enums.js';
import { systemClock, type Clock } from '../../../lib/clock.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import type { Logger } from '../../../lib/logger.js';
import { recordWebhookEvents, type WebhookEventInput } from '../../../lib/webhooks/webhookOutbox.js';
import { scopedDb, type ScopedDb } from '../../../lib/db/tenantScope.js';
import { chooseVariant, dueAfter, newMessageKey } from '../../campaigns/sequence/queuedStep.js';
import { refreshMailboxHealth, type HealthPolicy } from '../../mailboxes/health/mailboxHealth.js';
import type { SendResult } from '../sending.schemas.js';
import { dueAgainAt, judgeSendResult } from '../queue/sendResultRule.js';
import { pendingMessageStatuses } from '../../campaigns/messageStates.js';

export interface SendResultsOutcome {
  applied: number;
  duplicates: number;
  stale: number;
  unknown: number;
}

type SentResult = Extract<SendResult, { status: 'sent' }>;

interface LockedMessage {
  id: string;
  status: string;
  attempt: number;
  enrollmentId: string;
  campaignId: string;
  leadId: string;
  stepPosition: number;
  mailboxId: string | null;
  subject: string | null;
  leaseExpiresAt: Date | null;
}

interface LockedLease {
  messageId: string;
  attempt: number;
  mailboxId: string;
  subject: string;
  leaseExpiresAt: Date;
}

/**
 * A send as the result rule sees it: in flight (`claimed`) while it has a lease and its message is still
 * pending, with the lease's attempt, mailbox and subject. A cancelled one keeps its lease, or, once the
 * lease expired and was returned, the lease's end on its own row (claimStatements.returnExpiredCampaignLeases).
 */
function awaitingResult(message: LockedMessage, lease: LockedLease | undefined): LockedMessage {
  if (!lease) return message;
  return {
    ...message,
    status: (pendingMessageStatuses as readonly string[]).includes(message.status) ? 'claimed' : message.status,
    attempt: lease.attempt,
    mailboxId: lease.mailboxId,
    subject: lease.subject,
    leaseExpiresAt: lease.leaseExpiresAt,
  };
}

/** A send that went out or failed for good is announced; a deferral is the queue's business. */
function sendWebhookEvent(result: SendResult, message: LockedMessage, now: Date): WebhookEventInput[] {
  const common = { occurredAt: now, campaignId: message.campaignId, leadId: message.leadId, messageId: message.id };
  if (result.status === 'sent') return [{ ...common, type: 'message.sent', mailboxId: result.mailboxId, data: { sentAt: result.sentAt } }];
  if (result.status === 'failed')
    return [{ ...common, type: 'message.failed', mailboxId: message.mailboxId, data: { code: result.code, reason: result.reason } }];
  return [];
}

const eventTypes: Record<SendResult['status'], EventType> = { sent: 'sent', deferred: 'deferred', retryable: 'deferred', failed: 'failed' };
/** Health is recomputed at most this often per mailbox on sends alone; a failure recomputes it at once. */
const healthRefreshIntervalMs = 60_000;

/**
 * Applies what the workflow reports. Each result is applied at most once (its eventId is the event's
 * idempotency key, written in the same transaction as the change it causes), and only for the
 * attempt in flight: a late report for an attempt whose lease expired and was re-claimed changes
 * nothing. A batch is applied in one transaction per organization, with set-based statements, so
 * reporting keeps up with sending.
 */
export class SendResultsService {
  private readonly healthRefreshedAt = new Map<string, number>();

  constructor(private readonly deps: { prisma: PrismaClient; clock: Clock; healthPolicy: HealthPolicy; logger: Logger }) {}

  async record(results: SendResult[]): Promise<SendResultsOutcome> {
    const outcome: SendResultsOutcome = { applied: 0, duplicates: 0, stale: 0, unknown: 0 };
    const unique = new Map<string, SendResult>();
    for (const result of results) {
      if (unique.has(result.eventId)) outcome.duplicates += 1;
      else unique.set(result.eventId, result);
    }
    // n8n is platform-level: each send names its organization through its message row.
    const owners = await this.deps.prisma.message.findMany({
      where: { id: { in: [...new Set([...unique.values()].map((r) => r.sendId))] } },
      select: { id: true, organizationId: true },
    });
    const organizationOf = new Map(owners.map((owner) => [owner.id, owner.organizationId]));
    const byOrganization = new Map<string, SendResult[]>();
    for (const result of unique.values()) {
      const organizationId = organizationOf.get(result.sendId);
      if (!organizationId) outcome.unknown += 1;
      else byOrganization.set(organizationId, [...(byOrganization.get(organizationId) ?? []), result]);
    }
    for (const [organizationId, batch] of byOrganization) {
      const touched = await this.recordBatch(organizationId, batch, outcome);
      await this.refreshHealth(organizationId, touched);
    }
    return outcome;
  }

  private async recordBatch(organizationId: string, results: SendResult[], outcome: SendResultsOutcome): Promise<Map<string, boolean>> {
    const now = this.deps.clock.now();
    return scopedDb(this.deps.prisma, organizationId).$transaction(async (tx) => {
      const db = tx as unknown as ScopedDb;
      const ids = [...new Set(results.map((r) => r.sendId))].sort();
      // Leases, then messages, each in id order (as the claim's return of expired leases), so concurrent
      // reports for overlapping sends queue instead of deadlocking.
      const leases = await tx.$queryRaw<LockedLease[]>`
        SELECT "messageId", attempt, "mailboxId", subject, "leaseExpiresAt"
        FROM send_leases WHERE "organizationId" = ${organizationId}::uuid AND "messageId" = ANY(${ids}::uuid[]) ORDER BY "messageId" FOR UPDATE`;
      const leaseOf = new Map(leases.map((lease) => [lease.messageId, lease]));
      const rows = await tx.$queryRaw<LockedMessage[]>`
        SELECT id, status::text AS status, attempt, "enrollmentId", "campaignId", "leadId", "stepPosition", "mailboxId", subject, "leaseExpiresAt"
        FROM messages WHERE "organizationId" = ${organizationId}::uuid AND id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
      const messages = new Map(rows.map((row) => [row.id, awaitingResult(row, leaseOf.get(row.id))]));
      const recorded = new Set(
        (
          await db.event.findMany({ where: { idempotencyKey: { in: results.map((r) => r.eventId) } }, select: { idempotencyKey: true } })
        ).map((e) => e.idempotencyKey),
      );

      // A mailbox deleted while its send was in flight: its result cannot be recorded, and must not fail the batch.
      const named = [...new Set(results.flatMap((r) => (r.status === 'sent' ? [r.mailboxId] : [])))];
      const mailboxes = new Set((await db.mailbox.findMany({ where: { id: { in: named } }, select: { id: true } })).map((m) => m.id));
      const goneMailboxes = new Set<string>();

      const applicable: Array<{ result: SendResult; message: LockedMessage }> = [];
      const inBatch = new Set<string>();
      for (const result of results) {
        const message = messages.get(result.sendId);
        const verdict =
          message &&
          judgeSendResult(message, result, {
            eventApplied: recorded.has(result.eventId),
            sendSettledInThisReport: inBatch.has(result.sendId),
          });
        if (!message || !verdict) outcome.unknown += 1;
        else if (verdict !== 'apply') outcome[verdict] += 1;
        else if (result.status === 'sent' && !mailboxes.has(result.mailboxId)) {
          outcome.unknown += 1;
          goneMailboxes.add(result.mailboxId);
        } else {
          applicable.push({ result, message });
          inBatch.add(result.sendId);
        }
      }
      if (goneMailboxes.size > 0) {
        this.deps.logger.warn(
          { organizationId, mailboxIds: [...goneMailboxes] },
          'dropped send results naming a mailbox that no longer exists',
        );
      }
      outcome.applied += applicable.length;
      if (applicable.length === 0) return new Map();
      const settled = applicable.map(({ message }) => message.id).filter((id) => leaseOf.has(id));
      if (settled.length > 0) await tx.$executeRaw`DELETE FROM send_leases WHERE "messageId" = ANY(${settled}::uuid[])`;

      await db.event.createMany({
        data: applicable.map(({ result, message }) => ({
          organizationId,
          type: eventTypes[result.status],
          idempotencyKey: result.eventId,
          messageId: result.sendId,
          campaignId: message.campaignId,
          leadId: message.leadId,
          mailboxId: result.status === 'sent' ? result.mailboxId : message.mailboxId,
          data: result as object,
          occurredAt: now,
        })),
      });
      await recordWebhookEvents(
        db,
        organizationId,
        applicable.flatMap(({ result, message }) => sendWebhookEvent(result, message, now)),
      );

      const sent = applicable.filter((entry): entry is { result: SentResult; message: LockedMessage } => entry.result.status === 'sent');
      await this.applySent(tx, db, organizationId, sent, now);
      for (const { result, message } of applicable) {
        if (result.status !== 'sent') await this.applyNotSent(db, result, message, now);
      }

      const touched = new Map<string, boolean>();
      for (const { result, message } of applicable) {
        const mailboxId = result.status === 'sent' ? result.mailboxId : result.status === 'failed' ? message.mailboxId : null;
        if (mailboxId) touched.set(mailboxId, (touched.get(mailboxId) ?? false) || result.status === 'failed');
      }
      return touched;
    });
  }

  private async applySent(
    tx: { $executeRaw: PrismaClient['$executeRaw'] },
    db: ScopedDb,
    organizationId: string,
    sent: Array<{ result: SentResult; message: LockedMessage }>,
    now: Date,
  ): Promise<void> {
    if (sent.length === 0) return;
    const sentAt = (result: SentResult) => (result.sentAt ? new Date(result.sentAt) : now);
    await tx.$executeRaw`
      UPDATE messages AS m
      SET status = 'sent', "sentAt" = s.sent_at, "mailboxId" = s.mailbox_id, "messageIdHeader" = s.message_id,
          "providerMessageId" = s.provider_id, "threadId" = s.thread_id, attempt = s.attempt, subject = s.subject,
          "leaseExpiresAt" = NULL, "lastError" = NULL, "updatedAt" = ${now}
      FROM unnest(${sent.map((s) => s.message.id)}::uuid[], ${sent.map((s) => sentAt(s.result))}::timestamptz[],
                  ${sent.map((s) => s.result.mailboxId)}::uuid[], ${sent.map((s) => s.result.messageId)}::text[],
                  ${sent.map((s) => s.result.providerMessageId ?? null)}::text[], ${sent.map((s) => s.result.threadId ?? null)}::text[],
                  ${sent.map((s) => s.message.attempt)}::int[], ${sent.map((s) => s.message.subject)}::text[])
           AS s(id, sent_at, mailbox_id, message_id, provider_id, thread_id, attempt, subject)
      WHERE m.id = s.id AND m."organizationId" = ${organizationId}::uuid`;
    await tx.$executeRaw`
      UPDATE mailboxes AS b SET "lastSentAt" = GREATEST(COALESCE(b."lastSentAt", l.last_sent_at), l.last_sent_at), "updatedAt" = ${now}
      FROM (SELECT mailbox_id, max(sent_at) AS last_sent_at
            FROM unnest(${sent.map((s) => s.result.mailboxId)}::uuid[], ${sent.map((s) => sentAt(s.result))}::timestamptz[]) AS x(mailbox_id, sent_at)
            GROUP BY mailbox_id) AS l
      WHERE b.id = l.mailbox_id AND b."organizationId" = ${organizationId}::uuid`;
    await this.advance(
      tx,
      db,
      organizationId,
      sent.map(({ result, message }) => ({ result, message, sentAt: sentAt(result) })),
      now,
    );
  }

  /** Sent: each enrolment moves on, and its next step is queued after the step's delay (or it completes). */
  private async advance(
    tx: { $executeRaw: PrismaClient['$executeRaw'] },
    db: ScopedDb,
    organizationId: string,
    sent: Array<{ result: SentResult; message: LockedMessage; sentAt: Date }>,
    now: Date,
  ): Promise<void> {
    const campaignIds = [...new Set(sent.map((s) => s.message.campaignId))];
    const [enrollments, steps, campaigns] = await Promise.all([
      db.enrollment.findMany({ where: { id: { in: sent.map((s) => s.message.enrollmentId) } }, select: { id: true, state: true } }),
      db.sequenceStep.findMany({ where: { campaignId: { in: campaignIds } }, include: { variants: true } }),
      db.campaign.findMany({ where: { id: { in: campaignIds } }, select: { id: true, timezone: true } }),
    ]);
    const stateOf = new Map(enrollments.map((e) => [e.id, e.state]));
    const stepAt = new Map(steps.map((step) => [`${step.campaignId}:${step.position}`, step]));
    const zoneOf = new Map(campaigns.map((c) => [c.id, c.timezone]));

    const nextMessages: Parameters<ScopedDb['message']['createMany']>[0]['data'] = [];
    const updates: Array<{ id: string; nextStep: number; nextDueAt: Date | null; state: string | null; first: SentResult | null }> = [];
    for (const { result, message, sentAt } of sent) {
      const state = stateOf.get(message.enrollmentId);
      const next = stepAt.get(`${message.campaignId}:${message.stepPosition + 1}`);
      const first = message.stepPosition === 0 ? result : null;
      if (state !== 'active' || !next || next.variants.length === 0) {
        // A stopped or paused enrolment keeps its state; an active one whose sequence is done completes.
        updates.push({
          id: message.enrollmentId,
          nextStep: message.stepPosition + 1,
          nextDueAt: null,
          state: state === 'active' ? 'completed' : null,
          first,
        });
        continue;
      }
      const dueAt = dueAfter(sentAt, next.delayAmount, next.delayUnit, zoneOf.get(message.campaignId) ?? 'UTC');
      const variant = chooseVariant(next.variants, `${message.enrollmentId}:${next.position}`)!;
      (nextMessages as object[]).push({
        ...newMessageKey(),
        organizationId,
        campaignId: message.campaignId,
        enrollmentId: message.enrollmentId,
        leadId: message.leadId,
        stepPosition: next.position,
        variantId: variant.id,
        dueAt,
      });
      updates.push({ id: message.enrollmentId, nextStep: next.position, nextDueAt: dueAt, state: null, first });
    }
    if ((nextMessages as object[]).length > 0) await db.message.createMany({ data: nextMessages, skipDuplicates: true });
    await tx.$executeRaw`
      UPDATE enrollments AS e
      SET "nextStep" = u.next_step, "nextDueAt" = u.next_due_at, state = COALESCE(u.state::"EnrollmentState", e.state),
          "firstMessageId" = COALESCE(u.first_message_id, e."firstMessageId"), "threadId" = COALESCE(u.thread_id, e."threadId"),
          "mailboxId" = COALESCE(u.mailbox_id, e."mailboxId"), "updatedAt" = ${now}
      FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.nextStep)}::int[], ${updates.map((u) => u.nextDueAt)}::timestamptz[],
                  ${updates.map((u) => u.state)}::text[], ${updates.map((u) => u.first?.messageId ?? null)}::text[],
                  ${updates.map((u) => u.first?.threadId ?? null)}::text[], ${updates.map((u) => u.first?.mailboxId ?? null)}::uuid[])
           AS u(id, next_step, next_due_at, state, first_message_id, thread_id, mailbox_id)
      WHERE e.id = u.id AND e."organizationId" = ${organizationId}::uuid`;
  }

  private async applyNotSent(db: ScopedDb, result: Exclude<SendResult, SentResult>, message: LockedMessage, now: Date): Promise<void> {
    if (result.status === 'failed') {
      await db.message.update({
        where: { id: message.id },
        data: {
          status: 'failed',
          attempt: message.attempt,
          mailboxId: message.mailboxId,
          subject: message.subject,
          leaseExpiresAt: null,
          lastError: `${result.code ?? 'failed'}: ${result.reason ?? ''}`.trim(),
        },
      });
      await db.enrollment.update({
        where: { id: message.enrollmentId },
        data: { state: 'stopped', stopReason: `send_failed:${result.code ?? 'unknown'}`, nextDueAt: null },
      });
      return;
    }
    const dueAt = dueAgainAt(result, now);
    await db.message.update({
      where: { id: message.id },
      data: {
        status: result.status === 'retryable' ? 'retrying' : 'deferred',
        dueAt,
        attempt: message.attempt,
        subject: message.subject,
        mailboxId: null,
        leaseExpiresAt: null,
        lastError: result.reason ?? result.code ?? null,
        deferCode: result.code ?? null,
        ...(result.status === 'retryable' && result.mayHaveBeenSent ? { mayHaveBeenSent: true } : {}),
      },
    });
    await db.enrollment.update({ where: { id: message.enrollmentId }, data: { nextDueAt: dueAt } });
  }

  // Health (and the auto-pause rule) follows what was reported: at once after a failure, otherwise at most once a minute.
  private async refreshHealth(organizationId: string, touched: Map<string, boolean>): Promise<void> {
    // A rate limit on work, so it runs on wall time even when tests move the business clock.
    const nowMs = systemClock.now().getTime();
    for (const [mailboxId, failed] of touched) {
      if (!failed && nowMs - (this.healthRefreshedAt.get(mailboxId) ?? 0) < healthRefreshIntervalMs) continue;
      this.healthRefreshedAt.set(mailboxId, nowMs);
      await refreshMailboxHealth(scopedDb(this.deps.prisma, organizationId), mailboxId, this.deps.clock.now(), this.deps.healthPolicy);
    }
  }
}
