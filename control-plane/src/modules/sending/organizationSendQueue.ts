import { Prisma } from '../../generated/prisma/client.js';
import type { Clock } from '../../lib/clock.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { scopedDb, type ScopedDb } from '../../lib/db/tenantScope.js';
import { NotFoundError } from '../../lib/errors.js';
import type { ClaimBatch, SendResultsOutcome } from '../../lib/n8n/nodeContract.js';
import { applyReport, type ReportSeen } from './queue/applyReport.js';
import { leaseEnd, lockDueSends, returnExpiredLeases, type SendQueue } from './queue/sendQueue.js';
import { judgeSendResult, unsentSettlement, type ResultVerdict, type SendAwaitingResult } from './queue/sendResultRule.js';
import type { SendResult } from './sending.schemas.js';

/**
 * The two queues an organization's own workflows drain, each send bound to one mailbox: replies
 * from the inbox (`inboxReplies/`) and warm-up messages (`warmup/`). Their claims and results run
 * the same steps on the queue engine (`queue/`); only the rows and what a result writes differ.
 */
export interface OrganizationQueueDeps {
  prisma: PrismaClient;
  clock: Clock;
  leaseSeconds: number;
}

/** Raw SQL inside the claim's or the result's transaction (outside the tenant scope: it names the organization itself). */
type Transaction = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/**
 * Claims an organization's due sends whose mailbox (`mailboxColumn`) is active, leased: expired
 * leases return first, the due rows are locked (SKIP LOCKED), `choose` may keep fewer of them
 * (oldest due first), and those are marked claimed. A paused or disconnected mailbox keeps its sends
 * queued until it is back.
 */
export async function claimOrganizationSends<Item>(
  deps: OrganizationQueueDeps,
  organizationId: string,
  claim: {
    queue: SendQueue;
    mailboxColumn: 'mailboxId' | 'senderMailboxId';
    batchSize: number;
    choose?: (tx: Transaction, dueIds: string[], now: Date) => Promise<string[]>;
    items: (ids: string[], now: Date) => Promise<Item[]>;
  },
): Promise<ClaimBatch<Item>> {
  const organization = await deps.prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
  if (!organization) throw new NotFoundError('Organization');
  const now = deps.clock.now();
  const leaseExpiresAt = leaseEnd(now, deps.leaseSeconds);
  const { queue } = claim;
  const claimed = await scopedDb(deps.prisma, organizationId).$transaction(async (tx) => {
    const inOrganization = Prisma.sql`q."organizationId" = ${organizationId}::uuid`;
    await returnExpiredLeases(tx, queue, inOrganization, now);
    const dueIds = await lockDueSends(tx, queue, {
      join: Prisma.sql`JOIN mailboxes b ON b.id = q.${Prisma.raw(`"${claim.mailboxColumn}"`)} AND b."organizationId" = q."organizationId"`,
      where: Prisma.sql`${inOrganization} AND b.status = 'active'`,
      now,
      limit: claim.batchSize,
    });
    if (dueIds.length === 0) return [];
    const ids = claim.choose ? await claim.choose(tx, dueIds, now) : dueIds;
    if (ids.length === 0) return [];
    await tx.$executeRaw`
      UPDATE ${Prisma.raw(queue.table)} SET status = 'claimed', attempt = attempt + 1, "leaseExpiresAt" = ${leaseExpiresAt}, "updatedAt" = ${now}
      WHERE "organizationId" = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])`;
    return ids;
  });
  const items = claimed.length === 0 ? [] : await claim.items(claimed, now);
  return { now: now.toISOString(), leaseExpiresAt: leaseExpiresAt.toISOString(), items };
}

/** What a result writes on its send: its lease is over, which result settled it, and what became of it. */
export type SendSettlement = { leaseExpiresAt: null; resultEventId: string; updatedAt: Date } & (
  | ReturnType<typeof unsentSettlement>
  | { status: 'sent'; sentAt: Date; messageIdHeader: string; providerMessageId: string | null; lastError: null }
);

/** A send's row as its result is judged, with the `columns` the queue's settlement needs. */
export type LockedSend<Columns> = SendAwaitingResult & { id: string; resultEventId: string | null } & Columns;

/** How a queue records a result that the one rule (sendResultRule.ts) let through. */
export interface ResultSettlement<Columns> {
  queue: SendQueue;
  /** The row's columns the settlement reads, besides those the rule needs. */
  columns: Prisma.Sql;
  /** The mailbox the send left from. */
  mailboxOf: (row: LockedSend<Columns>) => string;
  /** Writes the settlement on the row, with any column of the queue's own the result fills. */
  write: (db: ScopedDb, row: LockedSend<Columns>, settlement: SendSettlement, result: SendResult) => Promise<unknown>;
  /** What else a sent one changes. */
  afterSent?: (sent: {
    organizationId: string;
    row: LockedSend<Columns>;
    result: Extract<SendResult, { status: 'sent' }>;
    db: ScopedDb;
    tx: Transaction;
    sentAt: Date;
    now: Date;
  }) => Promise<void>;
}

/**
 * Applies a report's results, each in the organization that owns its send (`owners`: the sends' rows
 * found by id) and in its own transaction: the row is read FOR UPDATE, the one rule judges the
 * result, and the queue's settlement writes an applicable one.
 */
export async function recordOrganizationResults<Columns>(
  deps: Pick<OrganizationQueueDeps, 'prisma' | 'clock'>,
  results: SendResult[],
  owners: (sendIds: string[]) => Promise<Array<{ id: string; organizationId: string }>>,
  settlement: ResultSettlement<Columns>,
): Promise<SendResultsOutcome> {
  const rows = await owners([...new Set(results.map((result) => result.sendId))]);
  return applyReport(results, new Map(rows.map((row) => [row.id, row.organizationId])), (organizationId, result, report) =>
    applyResult(deps, organizationId, result, report, settlement),
  );
}

function applyResult<Columns>(
  deps: Pick<OrganizationQueueDeps, 'prisma' | 'clock'>,
  organizationId: string,
  result: SendResult,
  report: ReportSeen,
  settlement: ResultSettlement<Columns>,
): Promise<ResultVerdict> {
  const now = deps.clock.now();
  return scopedDb(deps.prisma, organizationId).$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<LockedSend<Columns>>>`
      SELECT id, status::text AS status, attempt, "leaseExpiresAt", "resultEventId", ${settlement.columns}
      FROM ${Prisma.raw(settlement.queue.table)}
      WHERE "organizationId" = ${organizationId}::uuid AND id = ${result.sendId}::uuid FOR UPDATE`;
    if (!row) return 'stale';
    const verdict = judgeSendResult(row, result, {
      eventApplied: report.seenEvents.has(result.eventId) || row.resultEventId === result.eventId,
      sendSettledInThisReport: report.settledSends.has(result.sendId),
    });
    if (verdict !== 'apply') return verdict;
    report.settledSends.add(result.sendId);
    const db = tx as unknown as ScopedDb;
    const settled = { leaseExpiresAt: null, resultEventId: result.eventId, updatedAt: now };
    if (result.status !== 'sent') {
      await settlement.write(db, row, { ...settled, ...unsentSettlement(result, now) }, result);
      return 'apply';
    }
    const sentAt = result.sentAt ? new Date(result.sentAt) : now;
    const sent = {
      status: 'sent' as const,
      sentAt,
      messageIdHeader: result.messageId,
      providerMessageId: result.providerMessageId ?? null,
    };
    await settlement.write(db, row, { ...settled, ...sent, lastError: null }, result);
    await advanceLastSentAt(db, settlement.mailboxOf(row), sentAt);
    await settlement.afterSent?.({ organizationId, row, result, db, tx, sentAt, now });
    return 'apply';
  });
}

/** The minimum gap between sends counts from every send that left the mailbox, whichever queue it came from. */
async function advanceLastSentAt(db: ScopedDb, mailboxId: string, sentAt: Date): Promise<void> {
  await db.mailbox.updateMany({
    where: { id: mailboxId, OR: [{ lastSentAt: null }, { lastSentAt: { lt: sentAt } }] },
    data: { lastSentAt: sentAt },
  });
}
