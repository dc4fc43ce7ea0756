import { Prisma, type Mailbox } from '../../../generated/prisma/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb, type ScopedDb } from '../../../lib/db/tenantScope.js';
import { NotFoundError } from '../../../lib/errors.js';
import type { ClaimBatch, SendResultsOutcome, WarmupItem } from '../../../lib/n8n/nodeContract.js';
import { mailboxCapacity, mayClaimNow } from '../../mailboxes/limits/capacity.js';
import { composeWarmupMessage, composeWarmupReply } from '../../warmup/warmupCorpus.js';
import { mailboxPoolEntry } from '../campaignSends/claimDueSends.js';
import { applyReport, type ReportSeen } from '../queue/applyReport.js';
import { leaseEnd, lockDueSends, returnExpiredLeases, warmupSendQueue } from '../queue/sendQueue.js';
import { judgeSendResult, unsentSettlement, type ResultVerdict } from '../queue/sendResultRule.js';
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

  async claim(organizationId: string, batchSize: number): Promise<ClaimBatch<WarmupItem>> {
    const { prisma, clock } = this.deps;
    const organization = await prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
    if (!organization) throw new NotFoundError('Organization');
    const now = clock.now();
    const leaseExpiresAt = leaseEnd(now, this.deps.leaseSeconds);
    const claimed = await scopedDb(prisma, organizationId).$transaction(async (tx) => {
      const scoped = tx as unknown as ScopedDb;
      const inOrganization = Prisma.sql`q."organizationId" = ${organizationId}::uuid`;
      await returnExpiredLeases(tx, warmupSendQueue, inOrganization, now);
      const dueIds = await lockDueSends(tx, warmupSendQueue, {
        join: Prisma.sql`JOIN mailboxes b ON b.id = q."senderMailboxId" AND b."organizationId" = q."organizationId"`,
        where: Prisma.sql`${inOrganization} AND b.status = 'active'`,
        now,
        limit: batchSize,
      });
      if (dueIds.length === 0) return [];
      const due = await scoped.warmupMessage.findMany({ where: { id: { in: dueIds } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] });
      const allowance = await this.allowances(tx, scoped, organizationId, [...new Set(due.map((row) => row.senderMailboxId))], now);
      const ids: string[] = [];
      for (const row of due) {
        const left = allowance.get(row.senderMailboxId) ?? 0;
        if (left <= 0) continue;
        allowance.set(row.senderMailboxId, left - 1);
        ids.push(row.id);
      }
      if (ids.length === 0) return [];
      await tx.$executeRaw`
        UPDATE warmup_messages SET status = 'claimed', attempt = attempt + 1, "leaseExpiresAt" = ${leaseExpiresAt}, "updatedAt" = ${now}
        WHERE "organizationId" = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])`;
      return ids;
    });
    const items = claimed.length === 0 ? [] : await this.items(claimed, now);
    return { now: now.toISOString(), leaseExpiresAt: leaseExpiresAt.toISOString(), items };
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
      include: { sender: true, recipient: true, inReplyTo: { select: { tag: true } } },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => {
      const entry = mailboxPoolEntry(row.sender, { remainingToday: 1, minGapSeconds: 0, lastSentAt: row.sender.lastSentAt });
      const message =
        row.kind === 'reply' && row.inReplyTo
          ? composeWarmupReply(row.tag, composeWarmupMessage(row.inReplyTo.tag).subject)
          : composeWarmupMessage(row.tag);
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

  async record(results: SendResult[]): Promise<SendResultsOutcome> {
    const owners = await this.deps.prisma.warmupMessage.findMany({
      where: { id: { in: [...new Set(results.map((r) => r.sendId))] } },
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
      const [row] = await tx.$queryRaw<
        Array<{
          id: string;
          status: string;
          attempt: number;
          leaseExpiresAt: Date | null;
          resultEventId: string | null;
          senderMailboxId: string;
          inReplyToId: string | null;
        }>
      >`
        SELECT id, status::text AS status, attempt, "leaseExpiresAt", "resultEventId", "senderMailboxId", "inReplyToId" FROM warmup_messages
        WHERE "organizationId" = ${organizationId}::uuid AND id = ${result.sendId}::uuid FOR UPDATE`;
      if (!row) return 'stale';
      const verdict = judgeSendResult(row, result, {
        eventApplied: report.seenEvents.has(result.eventId) || row.resultEventId === result.eventId,
        sendSettledInThisReport: report.settledSends.has(result.sendId),
      });
      if (verdict !== 'apply') return verdict;
      report.settledSends.add(result.sendId);
      const settled = { leaseExpiresAt: null, resultEventId: result.eventId, updatedAt: now };
      if (result.status !== 'sent') {
        await db.warmupMessage.update({ where: { id: row.id }, data: { ...settled, ...unsentSettlement(result, now) } });
        return 'apply';
      }
      const sentAt = result.sentAt ? new Date(result.sentAt) : now;
      await db.warmupMessage.update({
        where: { id: row.id },
        data: {
          ...settled,
          status: 'sent',
          sentAt,
          messageIdHeader: result.messageId,
          providerMessageId: result.providerMessageId ?? null,
          lastError: null,
        },
      });
      // The minimum gap between sends counts from warm-up messages too: they left the same mailbox.
      await db.mailbox.updateMany({
        where: { id: row.senderMailboxId, OR: [{ lastSentAt: null }, { lastSentAt: { lt: sentAt } }] },
        data: { lastSentAt: sentAt },
      });
      // The answered message lives in the replying mailbox's pair, in the other organization of an instance pool.
      if (row.inReplyToId) {
        await tx.$executeRaw`UPDATE warmup_messages SET "repliedAt" = ${sentAt}, "updatedAt" = ${now} WHERE id = ${row.inReplyToId}::uuid AND "recipientOrganizationId" = ${organizationId}::uuid`;
      }
      return 'apply';
    });
  }
}

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
