import type { Histogram } from 'prom-client';
import type { Clock } from '../../../lib/clock.js';
import { Prisma, type Mailbox } from '../../../generated/prisma/client.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb, type ScopedDb } from '../../../lib/db/tenantScope.js';
import { NotFoundError } from '../../../lib/errors.js';
import { mailboxCapacities, mayClaimNow } from '../../mailboxes/limits/capacity.js';
import type { TrackingLinks } from '../../campaigns/messages/trackingLinks.js';
import { campaignUsedToday } from '../../campaigns/campaignDailyCap.js';
import { stopEnrollments } from '../../campaigns/enrollments/stopEnrollments.js';
import { finishedBodies } from '../../campaigns/messages/finishedBodies.js';
import { renderMessage } from '../../campaigns/messages/renderMessage.js';
import { recordClaimHeartbeat } from './claimHeartbeat.js';
import type { CampaignScheduleInput } from '../../campaigns/campaigns.schemas.js';
import type { ClaimBatch as ContractClaimBatch, ClaimItem, MailboxPoolEntry } from '../../../lib/n8n/nodeContract.js';
import { campaignSendQueue, leaseEnd, lockDueSends, returnExpiredLeases } from '../queue/sendQueue.js';
import { unmailableLeads } from './unmailableLeads.js';

type Sql = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

interface ClaimedSend {
  id: string;
  attempt: number;
  mailboxId: string;
  subject: string;
}

/** The items, pool entries and batch a claim hands out are the contract shared with the n8n nodes. */
export type { ClaimItem, MailboxPoolEntry };
export type ClaimBatch = ContractClaimBatch<ClaimItem>;

/** How a mailbox is handed to the Send and Rotation nodes, with what this claim allows it. */
export function mailboxPoolEntry(
  mailbox: Pick<Mailbox, 'id' | 'provider' | 'email' | 'displayName' | 'healthScore' | 'weight'>,
  allowance: { remainingToday: number; minGapSeconds: number; lastSentAt: Date | null },
): MailboxPoolEntry {
  return {
    id: mailbox.id,
    provider: mailbox.provider,
    email: mailbox.email,
    fromName: mailbox.displayName,
    remainingToday: allowance.remainingToday,
    minGapSeconds: allowance.minGapSeconds,
    lastSentAt: allowance.lastSentAt?.toISOString() ?? null,
    health: Math.max(0, Math.min(1, mailbox.healthScore / 100)),
    weight: mailbox.weight,
  };
}

/** How a lead is handed to the nodes: the fields templates and the Business Hours Gate read. */
export function claimLead(lead: ClaimItem['lead']): ClaimItem['lead'] {
  return {
    id: lead.id,
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    company: lead.company,
    timezone: lead.timezone,
  };
}

/**
 * Hands a workflow execution its batch of due sends. In one transaction: expired leases return to
 * the queue (flagged "may have been sent"), the campaign's mailboxes are locked so concurrent claims
 * on shared mailboxes serialise, each mailbox's share of this batch is reserved against its cap
 * (the claimed rows carry it), and due messages are taken with FOR UPDATE SKIP LOCKED so two
 * executions never get the same send. A send whose lead is suppressed or no longer active is never
 * handed out: it is cancelled and the lead's sequence stopped, in the same transaction.
 */
export class ClaimService {
  constructor(
    private readonly deps: { prisma: PrismaClient; clock: Clock; links: TrackingLinks; leaseSeconds: number; claimDuration?: Histogram },
  ) {}

  async claim(campaignId: string, batchSize: number): Promise<ClaimBatch> {
    const stopTimer = this.deps.claimDuration?.startTimer();
    try {
      const batch = await this.claimBatch(campaignId, batchSize);
      await recordClaimHeartbeat(this.deps.prisma, campaignId);
      return batch;
    } finally {
      stopTimer?.();
    }
  }

  private async claimBatch(campaignId: string, batchSize: number): Promise<ClaimBatch> {
    const { prisma, clock } = this.deps;
    // n8n is platform-level: the campaign it names decides the organization for everything below.
    const owner = await prisma.campaign.findUnique({ where: { id: campaignId }, select: { organizationId: true } });
    if (!owner) throw new NotFoundError('Campaign');
    const now = clock.now();
    const leaseExpiresAt = leaseEnd(now, this.deps.leaseSeconds);
    const empty: ClaimBatch = { now: now.toISOString(), leaseExpiresAt: leaseExpiresAt.toISOString(), items: [] };

    return scopedDb(prisma, owner.organizationId).$transaction(async (tx) => {
      const scoped = tx as unknown as ScopedDb;
      const campaign = await scoped.campaign.findUnique({
        where: { id: campaignId },
        include: { mailboxes: { include: { mailbox: true } } },
      });
      if (!campaign || campaign.status !== 'active') return empty;
      const organizationId = campaign.organizationId;
      const inCampaign = Prisma.sql`q."organizationId" = ${organizationId}::uuid AND q."campaignId" = ${campaignId}::uuid`;
      await returnExpiredLeases(tx, campaignSendQueue, inCampaign, now);

      const pool = campaign.mailboxes.map((link) => link.mailbox).filter((mailbox) => mailbox.status === 'active');
      if (pool.length === 0) return empty;
      // Due sends first (cheap, and most runs of an idle campaign stop here). SKIP LOCKED never waits,
      // so taking these before the mailbox locks cannot deadlock with another claim.
      const dueIds = await lockDueSends(tx, campaignSendQueue, { where: inCampaign, now, limit: batchSize });
      if (dueIds.length === 0) return empty;
      const allowances = await this.reserveMailboxes(tx, scoped, organizationId, pool, now);
      let room = Math.min(
        batchSize,
        [...allowances.quota.values()].reduce((sum, n) => sum + n, 0),
      );
      if (campaign.dailyCap !== null)
        room = Math.min(room, campaign.dailyCap - (await campaignUsedToday(scoped, campaignId, campaign.timezone, now)));
      if (room <= 0) return empty;

      const messages = await scoped.message.findMany({
        where: { id: { in: dueIds } },
        include: { enrollment: { include: { lead: true } } },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      });
      const refusals = await unmailableLeads(
        tx,
        organizationId,
        messages.map((message) => message.enrollment.lead),
      );
      if (refusals.size > 0) await this.refuse(scoped, messages, refusals);
      const { items, claimed, reservations } = await this.assignSends(scoped, {
        campaign,
        messages: messages.filter((message) => !refusals.has(message.leadId)),
        pool,
        quota: allowances.quota,
        room,
        now,
      });
      await this.markClaimed(tx, organizationId, claimed, leaseExpiresAt, now);

      const poolEntries = pool.map((mailbox) =>
        mailboxPoolEntry(mailbox, {
          remainingToday: reservations.get(mailbox.id) ?? 0,
          minGapSeconds: mailbox.minGapSeconds,
          lastSentAt: allowances.lastSent.get(mailbox.id) ?? null,
        }),
      );
      return { ...empty, items: items.map((item) => ({ ...item, mailboxes: poolEntries })) };
    });
  }

  /**
   * Locks the campaign's mailboxes, so concurrent claims on shared mailboxes serialise, and says how
   * many sends each may take in this batch (its remaining cap, or one when a minimum gap applies).
   */
  private async reserveMailboxes(tx: Sql, scoped: ScopedDb, organizationId: string, pool: Mailbox[], now: Date) {
    await tx.$queryRaw`
      SELECT id FROM mailboxes WHERE "organizationId" = ${organizationId}::uuid AND id = ANY(${pool.map((m) => m.id)}::uuid[])
      ORDER BY id FOR UPDATE`;
    const quota = new Map<string, number>();
    const lastSent = new Map<string, Date | null>();
    const capacities = await mailboxCapacities(scoped, pool, now);
    for (const mailbox of pool) {
      const capacity = capacities.get(mailbox.id)!;
      const ready = mayClaimNow(capacity, mailbox, now, 'campaign');
      // With a minimum gap, a mailbox sends at most once per run; the next run comes after the gap.
      quota.set(mailbox.id, ready ? (mailbox.minGapSeconds > 0 ? 1 : capacity.remainingToday) : 0);
      lastSent.set(mailbox.id, capacity.lastSentAt);
    }
    return { quota, lastSent };
  }

  /** Gives each due send a mailbox with quota left (a follow-up keeps its thread's) and renders it, up to the batch's room. */
  private async assignSends(
    scoped: ScopedDb,
    batch: {
      campaign: Parameters<ClaimService['buildItem']>[0]['campaign'] & { id: string };
      messages: Array<
        Parameters<ClaimService['buildItem']>[0]['message'] & { attempt: number; variantId: string | null; enrollment: { state: string } }
      >;
      pool: Mailbox[];
      quota: Map<string, number>;
      room: number;
      now: Date;
    },
  ) {
    const { campaign, messages, pool, quota, room, now } = batch;
    const variants = await scoped.stepVariant.findMany({
      where: { id: { in: messages.map((m) => m.variantId).filter((id): id is string => id !== null) } },
    });
    const steps = await scoped.sequenceStep.findMany({ where: { campaignId: campaign.id }, orderBy: { position: 'asc' } });
    const poolById = new Map(pool.map((mailbox) => [mailbox.id, mailbox]));
    const sentBefore = await this.sentEarlierInThread(scoped, messages);

    const items: Array<Omit<ClaimItem, 'mailboxes'>> = [];
    const claimed: ClaimedSend[] = [];
    const reservations = new Map<string, number>();
    for (const message of messages) {
      if (items.length >= room) break;
      const enrollment = message.enrollment;
      const variant = variants.find((v) => v.id === message.variantId);
      const step = steps[message.stepPosition];
      if (!variant || !step || enrollment.state !== 'active') {
        await scoped.message.update({
          where: { id: message.id },
          data: { status: 'cancelled', lastError: 'The step or enrolment no longer exists' },
        });
        continue;
      }
      const threaded = message.stepPosition > 0 && step.threadWithFirst && enrollment.firstMessageId && enrollment.mailboxId;
      // Follow-ups stay on the mailbox that sent the first step; without its quota they wait for the next run.
      const mailboxId = threaded ? enrollment.mailboxId! : this.pickMailbox(quota, reservations);
      if (!mailboxId || !poolById.has(mailboxId) || (quota.get(mailboxId) ?? 0) - (reservations.get(mailboxId) ?? 0) <= 0) continue;
      reservations.set(mailboxId, (reservations.get(mailboxId) ?? 0) + 1);

      const attempt = message.attempt + 1;
      const earlier = (sentBefore.get(message.enrollmentId) ?? []).filter((sent) => sent.stepPosition < message.stepPosition);
      const item = await this.buildItem({ campaign, message, variant, attempt, now, threading: threaded ? earlier : null });
      items.push(item);
      claimed.push({ id: message.id, attempt, mailboxId, subject: item.message.subject });
    }
    return { items, claimed, reservations };
  }

  /** What follow-ups thread onto, for the whole batch in one query. */
  private async sentEarlierInThread(scoped: ScopedDb, messages: Array<{ stepPosition: number; enrollmentId: string }>) {
    const followingUp = messages.filter((m) => m.stepPosition > 0).map((m) => m.enrollmentId);
    const sentBefore = new Map<string, Array<{ stepPosition: number; messageIdHeader: string; subject: string | null }>>();
    if (followingUp.length === 0) return sentBefore;
    const rows = await scoped.message.findMany({
      where: { enrollmentId: { in: followingUp }, status: 'sent' },
      orderBy: { stepPosition: 'asc' },
      select: { enrollmentId: true, stepPosition: true, messageIdHeader: true, subject: true },
    });
    for (const row of rows) sentBefore.set(row.enrollmentId, [...(sentBefore.get(row.enrollmentId) ?? []), row]);
    return sentBefore;
  }

  /** Leases the batch in one statement: claiming hundreds of sends row by row dominated the claim time. */
  private async markClaimed(tx: Sql, organizationId: string, claimed: ClaimedSend[], leaseExpiresAt: Date, now: Date): Promise<void> {
    if (claimed.length === 0) return;
    await tx.$executeRaw`
      UPDATE messages AS m
      SET status = 'claimed', attempt = c.attempt, "leaseExpiresAt" = ${leaseExpiresAt}, "mailboxId" = c.mailbox_id,
          subject = c.subject, "updatedAt" = ${now}
      FROM unnest(${claimed.map((c) => c.id)}::uuid[], ${claimed.map((c) => c.attempt)}::int[],
                  ${claimed.map((c) => c.mailboxId)}::uuid[], ${claimed.map((c) => c.subject)}::text[])
           AS c(id, attempt, mailbox_id, subject)
      WHERE m.id = c.id AND m."organizationId" = ${organizationId}::uuid`;
  }

  /** Cancels the refused sends and stops their leads' sequences, grouped by reason (a handful of statements). */
  private async refuse(
    db: ScopedDb,
    messages: Array<{ id: string; leadId: string; enrollmentId: string }>,
    refusals: Map<string, string>,
  ): Promise<void> {
    const byReason = new Map<string, Array<{ id: string; enrollmentId: string }>>();
    for (const message of messages) {
      const reason = refusals.get(message.leadId);
      if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), message]);
    }
    for (const [reason, refused] of byReason) {
      // The send itself first: its enrolment may already be stopped or completed, which stopEnrollments leaves alone.
      await db.message.updateMany({ where: { id: { in: refused.map((m) => m.id) } }, data: { status: 'cancelled', lastError: reason } });
      await stopEnrollments(db, { id: { in: refused.map((m) => m.enrollmentId) } }, reason);
    }
  }

  // Spreads this batch's reservations over the mailboxes with the most quota left.
  private pickMailbox(quota: Map<string, number>, reservations: Map<string, number>): string | undefined {
    let best: string | undefined;
    let bestLeft = 0;
    for (const [mailboxId, total] of quota) {
      const left = total - (reservations.get(mailboxId) ?? 0);
      if (left > bestLeft) {
        best = mailboxId;
        bestLeft = left;
      }
    }
    return best;
  }

  private async buildItem(options: {
    campaign: { id: string; timezone: string; schedule: unknown; trackOpens: boolean; trackClicks: boolean };
    message: {
      id: string;
      stepPosition: number;
      mayHaveBeenSent: boolean;
      enrollmentId: string;
      enrollment: {
        firstMessageId: string | null;
        threadId: string | null;
        mailboxId: string | null;
        id: string;
        lead: Parameters<typeof renderMessage>[0]['lead'] & { timezone: string | null };
      };
    };
    variant: { subject: string; bodyText: string; bodyHtml: string | null };
    attempt: number;
    now: Date;
    /** The enrolment's earlier sent messages when this send continues its thread, else null. */
    threading: Array<{ messageIdHeader: string; subject: string | null }> | null;
  }): Promise<Omit<ClaimItem, 'mailboxes'>> {
    const { campaign, message, variant, now } = options;
    const lead = message.enrollment.lead;
    const unsubscribeUrl = await this.deps.links.unsubscribeUrl(message.id);
    const rendered = renderMessage({
      subject: variant.subject,
      bodyText: variant.bodyText,
      bodyHtml: variant.bodyHtml,
      lead,
      seed: `${message.enrollmentId}:${message.stepPosition}`,
      extra: { unsubscribeUrl },
    });
    // Every message carries a visible way out as well as the one-click header; tracking touches HTML bodies only,
    // and only when the campaign turned it on (off by default for deliverability). The preview finishes bodies alike.
    const { text, html } = await finishedBodies({ rendered, unsubscribeUrl, messageId: message.id, campaign, links: this.deps.links });
    let threading: ClaimItem['threading'] = null;
    let subject = rendered.subject;
    if (options.threading) {
      const earlier = options.threading;
      const references = earlier.map((m) => m.messageIdHeader);
      threading = {
        messageId: message.enrollment.firstMessageId!,
        inReplyTo: references.at(-1) ?? message.enrollment.firstMessageId!,
        references,
        gmailThreadId: message.enrollment.threadId,
        mailboxId: message.enrollment.mailboxId!,
      };
      if (!subject && earlier[0]?.subject) subject = `Re: ${earlier[0].subject}`;
    }
    return {
      sendId: message.id,
      attempt: options.attempt,
      mayHaveBeenSent: message.mayHaveBeenSent,
      campaignId: campaign.id,
      step: message.stepPosition + 1,
      now: now.toISOString(),
      lead: claimLead(lead),
      schedule: { ...(campaign.schedule as CampaignScheduleInput), timezone: campaign.timezone },
      message: { subject, text, html, unsubscribeUrl, replyTo: null },
      threading,
    };
  }
}
