import { Prisma } from '../../../generated/prisma/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb, type ScopedDb } from '../../../lib/db/tenantScope.js';
import { NotFoundError } from '../../../lib/errors.js';
import { claimLead, mailboxPoolEntry } from '../campaignSends/claimDueSends.js';
import type { ClaimBatch, InboxReplyItem } from '../../../lib/n8n/nodeContract.js';
import type { SendResultsOutcome } from '../campaignSends/recordSendResults.js';
import type { SendResult } from '../sending.schemas.js';
import type { TrackingLinks } from '../../campaigns/messages/trackingLinks.js';
import { inboxReplyQueue, leaseEnd, lockDueSends, returnExpiredLeases } from '../queue/sendQueue.js';
import { judgeSendResult, unsentSettlement, type ResultVerdict } from '../queue/sendResultRule.js';
import { applyReport, type ReportSeen } from '../queue/applyReport.js';
import { snippetOf } from '../../outcomes/inboxFiling.js';

/** What Send Email needs, with the mailbox already assigned (the thread's, never rotated): the contract shared with the nodes. */
export type { InboxReplyItem };

/**
 * Replies from the inbox on the n8n send path. The organization's inbox-watcher workflow claims
 * them (leased, FOR UPDATE SKIP LOCKED: two executions never get the same reply; an expired lease
 * returns the reply flagged "may have been sent") and reports Send Email's results, applied once
 * per reply and attempt. A reply goes out whatever the mailbox's cap and gap (a person answering a
 * lead is not campaign volume) but, once sent, counts toward the mailbox's sends of the day.
 */
export class InboxRepliesService {
  constructor(private readonly deps: { prisma: PrismaClient; clock: Clock; links: TrackingLinks; leaseSeconds: number }) {}

  async claim(organizationId: string, batchSize: number): Promise<ClaimBatch<InboxReplyItem>> {
    const { prisma, clock } = this.deps;
    const organization = await prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
    if (!organization) throw new NotFoundError('Organization');
    const now = clock.now();
    const leaseExpiresAt = leaseEnd(now, this.deps.leaseSeconds);
    const claimedIds = await scopedDb(prisma, organizationId).$transaction(async (tx) => {
      const inOrganization = Prisma.sql`q."organizationId" = ${organizationId}::uuid`;
      await returnExpiredLeases(tx, inboxReplyQueue, inOrganization, now);
      // Only through an active mailbox: a paused or disconnected one keeps its replies queued until it is back.
      const ids = await lockDueSends(tx, inboxReplyQueue, {
        join: Prisma.sql`JOIN mailboxes b ON b.id = q."mailboxId" AND b."organizationId" = q."organizationId"`,
        where: Prisma.sql`${inOrganization} AND b.status = 'active'`,
        now,
        limit: batchSize,
      });
      if (ids.length === 0) return [];
      await tx.$executeRaw`
        UPDATE inbox_messages SET status = 'claimed', attempt = attempt + 1, "leaseExpiresAt" = ${leaseExpiresAt}, "updatedAt" = ${now}
        WHERE "organizationId" = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])`;
      return ids;
    });
    const items = claimedIds.length === 0 ? [] : await this.items(scopedDb(prisma, organizationId), claimedIds, now);
    return { now: now.toISOString(), leaseExpiresAt: leaseExpiresAt.toISOString(), items };
  }

  private async items(db: ScopedDb, ids: string[], now: Date): Promise<InboxReplyItem[]> {
    const replies = await db.inboxMessage.findMany({
      where: { id: { in: ids } },
      include: { thread: { include: { lead: true, mailbox: true } } },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    });
    return Promise.all(
      replies.map(async (reply) => {
        const { lead, mailbox } = reply.thread;
        // The one-click unsubscribe header names the lead's latest campaign message, as its own messages did.
        const latest = await db.message.findFirst({
          where: { enrollmentId: reply.thread.enrollmentId },
          orderBy: [{ stepPosition: 'desc' }],
          select: { id: true },
        });
        // A person's reply is not held to the cap or gap: this one send is allowed now.
        const entry = mailboxPoolEntry(mailbox, { remainingToday: 1, minGapSeconds: 0, lastSentAt: mailbox.lastSentAt });
        return {
          kind: 'inbox_reply' as const,
          sendId: reply.id,
          attempt: reply.attempt,
          mayHaveBeenSent: reply.mayHaveBeenSent,
          inboxThreadId: reply.threadId,
          campaignId: reply.thread.campaignId,
          step: null,
          now: now.toISOString(),
          lead: claimLead(lead),
          message: {
            subject: reply.subject ?? '',
            text: reply.text ?? '',
            html: reply.html,
            unsubscribeUrl: await this.deps.links.unsubscribeUrl(latest!.id),
            replyTo: null,
          },
          threading: {
            messageId: reply.references[0] ?? reply.inReplyTo!,
            inReplyTo: reply.inReplyTo!,
            references: reply.references,
            gmailThreadId: reply.providerThreadId,
            mailboxId: mailbox.id,
          },
          mailboxId: mailbox.id,
          mailbox: entry,
          mailboxes: [entry],
        };
      }),
    );
  }

  async record(results: SendResult[]): Promise<SendResultsOutcome> {
    const owners = await this.deps.prisma.inboxMessage.findMany({
      where: { id: { in: [...new Set(results.map((r) => r.sendId))] }, direction: 'outbound' },
      select: { id: true, organizationId: true },
    });
    const organizationOf = new Map(owners.map((owner) => [owner.id, owner.organizationId]));
    return applyReport(results, organizationOf, (organizationId, result, seen) => this.apply(organizationId, result, seen));
  }

  /** One result, judged by the rule every send queue shares (sendResultRule.ts), in its own transaction. */
  private async apply(organizationId: string, result: SendResult, report: ReportSeen): Promise<ResultVerdict> {
    const now = this.deps.clock.now();
    return scopedDb(this.deps.prisma, organizationId).$transaction(async (tx) => {
      const db = tx as unknown as ScopedDb;
      const [reply] = await tx.$queryRaw<
        Array<{
          id: string;
          status: string;
          attempt: number;
          leaseExpiresAt: Date | null;
          resultEventId: string | null;
          threadId: string;
          mailboxId: string;
          text: string | null;
        }>
      >`
        SELECT id, status::text AS status, attempt, "leaseExpiresAt", "resultEventId", "threadId", "mailboxId", text FROM inbox_messages
        WHERE "organizationId" = ${organizationId}::uuid AND id = ${result.sendId}::uuid FOR UPDATE`;
      if (!reply) return 'stale';
      const verdict = judgeSendResult(reply, result, {
        eventApplied: report.seenEvents.has(result.eventId) || reply.resultEventId === result.eventId,
        sendSettledInThisReport: report.settledSends.has(result.sendId),
      });
      if (verdict !== 'apply') return verdict;
      report.settledSends.add(result.sendId);
      const settled = { leaseExpiresAt: null, resultEventId: result.eventId, updatedAt: now };
      if (result.status === 'sent') {
        const sentAt = result.sentAt ? new Date(result.sentAt) : now;
        await db.inboxMessage.update({
          where: { id: reply.id },
          data: {
            ...settled,
            status: 'sent',
            sentAt,
            messageIdHeader: result.messageId,
            providerMessageId: result.providerMessageId ?? null,
            providerThreadId: result.threadId ?? null,
            lastError: null,
          },
        });
        // The campaign's minimum gap between sends counts from this reply too: it left the same mailbox.
        await db.mailbox.updateMany({
          where: { id: reply.mailboxId, OR: [{ lastSentAt: null }, { lastSentAt: { lt: sentAt } }] },
          data: { lastSentAt: sentAt },
        });
        const thread = await db.inboxThread.findUniqueOrThrow({ where: { id: reply.threadId } });
        if (sentAt >= thread.lastMessageAt) {
          await db.inboxThread.update({
            where: { id: thread.id },
            data: {
              lastMessageAt: sentAt,
              snippet: snippetOf(reply.text) ?? thread.snippet,
              providerThreadId: result.threadId ?? thread.providerThreadId,
            },
          });
        }
      } else {
        await db.inboxMessage.update({ where: { id: reply.id }, data: { ...settled, ...unsentSettlement(result, now) } });
      }
      return 'apply';
    });
  }
}
