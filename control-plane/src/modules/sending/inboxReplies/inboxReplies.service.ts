import { Prisma } from '../../../generated/prisma/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb, type ScopedDb } from '../../../lib/db/tenantScope.js';
import { claimLead, mailboxPoolEntry } from '../campaignSends/claimDueSends.js';
import type { ClaimBatch, InboxReplyItem } from '../../../lib/n8n/nodeContract.js';
import type { SendResultsOutcome } from '../campaignSends/recordSendResults.js';
import type { SendResult } from '../sending.schemas.js';
import type { TrackingLinks } from '../../campaigns/messages/trackingLinks.js';
import { inboxReplyQueue } from '../queue/sendQueue.js';
import { claimOrganizationSends, recordOrganizationResults, type ResultSettlement } from '../organizationSendQueue.js';
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

  claim(organizationId: string, batchSize: number): Promise<ClaimBatch<InboxReplyItem>> {
    return claimOrganizationSends(this.deps, organizationId, {
      queue: inboxReplyQueue,
      mailboxColumn: 'mailboxId',
      batchSize,
      items: (ids, now) => this.items(scopedDb(this.deps.prisma, organizationId), ids, now),
    });
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

  record(results: SendResult[]): Promise<SendResultsOutcome> {
    return recordOrganizationResults(
      this.deps,
      results,
      (ids) =>
        this.deps.prisma.inboxMessage.findMany({
          where: { id: { in: ids }, direction: 'outbound' },
          select: { id: true, organizationId: true },
        }),
      replySettlement,
    );
  }
}

/** A reply's result: a sent one keeps the provider's thread id, and becomes its thread's latest message. */
const replySettlement: ResultSettlement<{ threadId: string; mailboxId: string; text: string | null }> = {
  queue: inboxReplyQueue,
  columns: Prisma.sql`"threadId", "mailboxId", text`,
  mailboxOf: (reply) => reply.mailboxId,
  write: (db, reply, data, result) =>
    db.inboxMessage.update({
      where: { id: reply.id },
      data: result.status === 'sent' ? { ...data, providerThreadId: result.threadId ?? null } : data,
    }),
  afterSent: async ({ row: reply, result, db, sentAt }) => {
    const thread = await db.inboxThread.findUniqueOrThrow({ where: { id: reply.threadId } });
    if (sentAt < thread.lastMessageAt) return;
    await db.inboxThread.update({
      where: { id: thread.id },
      data: {
        lastMessageAt: sentAt,
        snippet: snippetOf(reply.text) ?? thread.snippet,
        providerThreadId: result.threadId ?? thread.providerThreadId,
      },
    });
  },
};
