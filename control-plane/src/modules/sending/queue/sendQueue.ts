import { Prisma } from '../../../generated/prisma/client.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';

type Sql = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/**
 * A table of sends that n8n executions claim: each row is leased to one execution at a time, and a
 * lease that ends without a result returns the row to the queue flagged "may have been sent". The
 * inbox's replies and warm-up messages are two such queues: small batches, their lease a status
 * (`claimed`) and an end on the row itself. Campaign sends follow the same lease rules, but their lease
 * is a row of its own in send_leases while the message stays pending (campaignSends/claimStatements.ts):
 * a claim leases hundreds at once, and updating that many wide, heavily indexed messages rows was most
 * of its time (docs/architecture.md, "Send queues and leases").
 */
export interface SendQueue {
  table: 'messages' | 'inbox_messages' | 'warmup_messages';
  /** Which rows of the table are sends (`q` is the table's alias). */
  sends: Prisma.Sql;
  /** The statuses a send waits in until it is due. */
  pending: readonly string[];
  /** The status column's enum type: compared as the enum, an index on (…, status, dueAt) covers the status too. */
  statusType: Prisma.Sql;
  /** What else a returned lease resets. */
  onLeaseReturned: Prisma.Sql;
}

export const inboxReplyQueue: SendQueue = {
  table: 'inbox_messages',
  sends: Prisma.sql`q.direction = 'outbound'`,
  pending: ['queued', 'retrying'],
  statusType: Prisma.sql`"InboxMessageStatus"`,
  // A reply stays on its thread's mailbox.
  onLeaseReturned: Prisma.empty,
};

export const warmupSendQueue: SendQueue = {
  table: 'warmup_messages',
  sends: Prisma.sql`TRUE`,
  pending: ['queued', 'retrying'],
  statusType: Prisma.sql`"MessageStatus"`,
  // A warm-up message keeps its pair: its sender and recipient were planned together.
  onLeaseReturned: Prisma.empty,
};

export function leaseEnd(now: Date, leaseSeconds: number): Date {
  return new Date(now.getTime() + leaseSeconds * 1000);
}

/**
 * Returns to the queue the claimed sends whose lease ended without a result, flagged "may have been
 * sent" (the execution may have died after the provider accepted the mail). `where` narrows to the
 * claim's scope and must name the organization: raw SQL is outside the tenant scope.
 */
export function returnExpiredLeases(sql: Sql, queue: SendQueue, where: Prisma.Sql, now: Date): Promise<number> {
  return sql.$executeRaw`
    UPDATE ${Prisma.raw(queue.table)} AS q
    SET status = 'queued', "mayHaveBeenSent" = true, "leaseExpiresAt" = NULL, "updatedAt" = ${now} ${queue.onLeaseReturned}
    WHERE ${where} AND ${queue.sends} AND q.status = 'claimed' AND q."leaseExpiresAt" < ${now}`;
}

/**
 * Locks the due sends of the scope, oldest due first, with FOR UPDATE SKIP LOCKED: two executions
 * never get the same send, and a claim never waits for another. `join` may add tables the condition
 * needs (the reply's mailbox must be active); `where` must name the organization.
 */
export async function lockDueSends(
  sql: Sql,
  queue: SendQueue,
  scope: { where: Prisma.Sql; join?: Prisma.Sql; now: Date; limit: number },
): Promise<string[]> {
  const rows = await sql.$queryRaw<Array<{ id: string }>>`
    SELECT q.id FROM ${Prisma.raw(queue.table)} AS q ${scope.join ?? Prisma.empty}
    WHERE ${scope.where} AND ${queue.sends} AND q.status = ANY(${[...queue.pending]}::${queue.statusType}[]) AND q."dueAt" <= ${scope.now}
    ORDER BY q."dueAt", q.id LIMIT ${scope.limit} FOR UPDATE OF q SKIP LOCKED`;
  return rows.map((row) => row.id);
}
