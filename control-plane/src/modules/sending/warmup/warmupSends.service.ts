import { Prisma, type Mailbox } from '../../../generated/prisma/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import type { ClaimBatch, SendResultsOutcome, WarmupItem } from '../../../lib/n8n/nodeContract.js';
import { mailboxCapacity, mayClaimNow } from '../../mailboxes/limits/capacity.js';
import { composeWarmupMessage, composeWarmupReply } from '../../warmup/warmupCorpus.js';
import { mailboxPoolEntry } from '../campaignSends/claimDueSends.js';
import { claimOrganizationSends, recordOrganizationResults, type ResultSettlement } from '../organizationSendQueue.js';
import { warmupSendQueue } from '../queue/sendQueue.js';
import type { SendResult } from '../sending.schemas.js';

export type { WarmupItem };

/**
 * Warm-up messages on the n8n send path (docs/warmup.md). The organization's warm-up workflow claims
 * the due ones, leased like every send queue; a sender gets one only while its daily budget (shared
 * with campaigns, mailboxes/limits/capacity.ts) and gap allow, judged by the same rule as campaign
 * claims. Results are applied once per message and attempt; a sent one counts toward its mailbox's
 * gap and sends of the day.
 */
export class WarmupSendsService {
  constructor(private readonly deps: { prisma: PrismaClient; clock: Clock; leaseSeconds: number }) {}

  claim(organizationId: string, batchSize: number): Promise<ClaimBatch<WarmupItem>> {
    return claimOrganizationSends(this.deps, organizationId, {
      queue: warmupSendQueue,
      mailboxColumn: 'senderMailboxId',
      batchSize,
      choose: (tx, dueIds, now) => this.withinBudget(tx, organizationId, dueIds, now),
      items: (ids, now) => this.items(ids, now),
    });
  }

  /** Of the due messages (oldest first), those each sender's budget and gap allow now. */
  private async withinBudget(tx: Pick<PrismaClient, '$queryRaw'>, organizationId: string, dueIds: string[], now: Date) {
    const scoped = tx as unknown as ScopedDb;
    const due = await scoped.warmupMessage.findMany({ where: { id: { in: dueIds } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] });
    const allowance = await this.allowances(tx, scoped, organizationId, [...new Set(due.map((row) => row.senderMailboxId))], now);
    const ids: string[] = [];
    for (const row of due) {
      const left = allowance.get(row.senderMailboxId) ?? 0;
      if (left <= 0) continue;
      allowance.set(row.senderMailboxId, left - 1);
      ids.push(row.id);
    }
    return ids;
  }

  /**
   * Locks the senders (as campaign claims lock theirs, so the two serialise on a shared mailbox) and
   * says how many warm-up messages each may take now: one with a minimum gap, else what its budget leaves.
   */
  private async allowances(tx: Pick<PrismaClient, '$queryRaw'>, scoped: ScopedDb, organizationId: string, ids: string[], now: Date) {
    await tx.$queryRaw`
      SELECT id FROM mailboxes WHERE "organizationId" = ${organizationId}::uuid AND id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    const senders = await scoped.mailbox.findMany({ where: { id: { in: ids } } });
    const allowance = new Map<string, number>();
    for (const sender of senders) {
      const capacity = await mailboxCapacity(scoped, sender, now);
      const ready = mayClaimNow(capacity, sender, now, 'warmup');
      allowance.set(sender.id, ready ? (sender.minGapSeconds > 0 ? 1 : capacity.warmupRemainingToday) : 0);
    }
    return allowance;
  }

  /** The claimed messages as Send Email takes them; the recipient may belong to another organization of the instance pool. */
  private async items(ids: string[], now: Date): Promise<WarmupItem[]> {
    const rows = await this.deps.prisma.warmupMessage.findMany({
      where: { id: { in: ids } },
      include: {
        sender: { include: { warmup: { select: { language: true } } } },
        recipient: true,
        inReplyTo: { select: { tag: true, sender: { select: { warmup: { select: { language: true } } } } } },
      },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => {
      const entry = mailboxPoolEntry(row.sender, { remainingToday: 1, minGapSeconds: 0, lastSentAt: row.sender.lastSentAt });
      const message =
        row.kind === 'reply' && row.inReplyTo
          ? composeWarmupReply(
              row.tag,
              { tag: row.inReplyTo.tag, language: row.inReplyTo.sender.warmup?.language },
              row.sender.warmup?.language,
            )
          : composeWarmupMessage(row.tag, row.sender.warmup?.language);
      return {
        kind: 'warmup' as const,
        sendId: row.id,
        attempt: row.attempt,
        mayHaveBeenSent: row.mayHaveBeenSent,
        warmupTag: row.tag,
        warmupKind: row.kind,
        campaignId: null,
        step: null,
        now: now.toISOString(),
        lead: recipientAsLead(row.recipient),
        message,
        threading: row.inReplyToHeader
          ? {
              messageId: row.references[0] ?? row.inReplyToHeader,
              inReplyTo: row.inReplyToHeader,
              references: row.references,
              gmailThreadId: row.providerThreadId,
              mailboxId: row.sender.id,
            }
          : null,
        mailboxId: row.sender.id,
        mailbox: entry,
        mailboxes: [entry],
      };
    });
  }

  record(results: SendResult[]): Promise<SendResultsOutcome> {
    return recordOrganizationResults(
      this.deps,
      results,
      (ids) => this.deps.prisma.warmupMessage.findMany({ where: { id: { in: ids } }, select: { id: true, organizationId: true } }),
      warmupSettlement,
    );
  }
}

/** A warm-up message's result: a sent one also marks the message it answers as replied. */
const warmupSettlement: ResultSettlement<{ senderMailboxId: string; inReplyToId: string | null }> = {
  queue: warmupSendQueue,
  columns: Prisma.sql`"senderMailboxId", "inReplyToId"`,
  mailboxOf: (row) => row.senderMailboxId,
  write: (db, row, data) => db.warmupMessage.update({ where: { id: row.id }, data }),
  afterSent: async ({ organizationId, row, tx, sentAt, now }) => {
    // The answered message lives in the replying mailbox's pair, in the other organization of an instance pool.
    if (row.inReplyToId) {
      await tx.$executeRaw`UPDATE warmup_messages SET "repliedAt" = ${sentAt}, "updatedAt" = ${now} WHERE id = ${row.inReplyToId}::uuid AND "recipientOrganizationId" = ${organizationId}::uuid`;
    }
  },
};

/** The receiving mailbox in the shape every claim item names its recipient. */
function recipientAsLead(mailbox: Pick<Mailbox, 'id' | 'email' | 'displayName' | 'timezone'>): WarmupItem['lead'] {
  return {
    id: mailbox.id,
    email: mailbox.email,
    firstName: mailbox.displayName,
    lastName: null,
    company: null,
    timezone: mailbox.timezone,
  };
}
