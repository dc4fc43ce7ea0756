import type { Clock } from '../../../lib/clock.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb, type ScopedDb } from '../../../lib/db/tenantScope.js';
import type { WarmupObservation } from '../../../lib/n8n/nodeContract.js';
import { mailboxCapacity } from '../../mailboxes/limits/capacity.js';
import { answersNth, replyDueAt } from '../../warmup/warmupReplies.js';
import { nextWarmupInstant } from '../../warmup/warmupWindow.js';
import { newWarmupTag } from '../../warmup/warmupTag.js';

export interface WarmupObservationsOutcome {
  applied: number;
  duplicates: number;
  /** Observations naming a tag we never sent, or a mailbox it was not sent to: nothing recorded. */
  unknown: number;
}

/**
 * What the receiving side saw of warm-up messages (Inbox Watch, after each watch). The first
 * observation of a message decides its placement (a replayed one, by eventId or not, changes
 * nothing); a message found in spam and moved to the inbox is recorded as rescued. A received
 * message is answered, in its thread, for the replying mailbox's reply rate: exactly, in the order
 * messages were observed (warmupReplies.ts), after a delay in the replier's sending window.
 */
export class WarmupObservationsService {
  constructor(private readonly deps: { prisma: PrismaClient; clock: Clock }) {}

  async record(observations: WarmupObservation[]): Promise<WarmupObservationsOutcome> {
    const outcome: WarmupObservationsOutcome = { applied: 0, duplicates: 0, unknown: 0 };
    const messages = await this.deps.prisma.warmupMessage.findMany({
      where: { tag: { in: [...new Set(observations.map((o) => o.tag))] } },
      select: { id: true, tag: true, recipientMailboxId: true, recipientOrganizationId: true },
    });
    const byTag = new Map(messages.map((message) => [message.tag, message]));
    for (const observation of observations) {
      const message = byTag.get(observation.tag);
      if (!message || message.recipientMailboxId !== observation.receivingMailboxId) outcome.unknown += 1;
      else outcome[(await this.apply(message, observation)) ? 'applied' : 'duplicates'] += 1;
    }
    return outcome;
  }

  /** Records one observation in the receiving organization's transaction; false when the message was already observed. */
  private async apply(message: { id: string; recipientOrganizationId: string }, observation: WarmupObservation): Promise<boolean> {
    const now = this.deps.clock.now();
    const organizationId = message.recipientOrganizationId;
    return scopedDb(this.deps.prisma, organizationId).$transaction(async (tx) => {
      const db = tx as unknown as ScopedDb;
      // One receiving mailbox at a time, so its count of observed messages (which decides replies) is exact.
      const [settings] = await tx.$queryRaw<Array<{ enabled: boolean; replyRatePercent: number; weekdaysOnly: boolean; timezone: string }>>`
        SELECT w.enabled, w."replyRatePercent", w."weekdaysOnly", b.timezone FROM mailboxes b
        LEFT JOIN mailbox_warmups w ON w."mailboxId" = b.id
        WHERE b.id = ${observation.receivingMailboxId}::uuid AND b."organizationId" = ${organizationId}::uuid FOR UPDATE OF b`;
      // The observed message is the sender's row (another organization in an instance pool): matched by id and recipient.
      const [observed] = await tx.$queryRaw<
        Array<{
          id: string;
          organizationId: string;
          senderMailboxId: string;
          kind: string;
          placement: string | null;
          messageIdHeader: string | null;
          references: string[];
        }>
      >`
        SELECT id, "organizationId", "senderMailboxId", kind::text AS kind, placement::text AS placement, "messageIdHeader", "references" FROM warmup_messages
        WHERE id = ${message.id}::uuid AND "recipientOrganizationId" = ${organizationId}::uuid FOR UPDATE`;
      if (!observed || (observed.placement !== null && observed.placement !== 'missing')) return false;
      const observedAt = new Date(observation.observedAt);
      await tx.$executeRaw`
        UPDATE warmup_messages SET placement = ${observation.folder}::"WarmupPlacement", "observationEventId" = ${observation.eventId},
          "observedAt" = ${observedAt}, "rescuedAt" = ${observation.rescued ? observedAt : null},
          "markedImportant" = ${observation.markedImportant}, "updatedAt" = ${now}
        WHERE id = ${observed.id}::uuid AND "recipientOrganizationId" = ${organizationId}::uuid`;
      if (observed.kind !== 'initial' || !settings?.enabled || observed.placement === 'missing') return true;
      const [counted] = await tx.$queryRaw<Array<{ earlier: bigint }>>`
        SELECT count(*) AS earlier FROM warmup_messages
        WHERE "recipientMailboxId" = ${observation.receivingMailboxId}::uuid AND "recipientOrganizationId" = ${organizationId}::uuid
          AND kind = 'initial' AND "observedAt" IS NOT NULL AND id <> ${observed.id}::uuid`;
      if (!answersNth(Number(counted?.earlier ?? 0), settings.replyRatePercent)) return true;
      const tag = newWarmupTag();
      const answered = observation.messageIdHeader ?? observed.messageIdHeader;
      await db.warmupMessage.create({
        data: {
          organizationId,
          tag,
          senderMailboxId: observation.receivingMailboxId,
          recipientMailboxId: observed.senderMailboxId,
          recipientOrganizationId: observed.organizationId,
          kind: 'reply',
          inReplyToId: observed.id,
          inReplyToHeader: answered,
          references: answered ? [...observed.references, answered] : [],
          providerThreadId: observation.providerThreadId,
          dueAt: await dueWithinBudget(db, observation.receivingMailboxId, replyDueAt(observedAt, tag, settings), settings),
        },
      });
      return true;
    });
  }
}

/**
 * When a reply may go: on the first day from `dueAt` whose budget still has room beyond the warm-up
 * already held for it (where a campaign could still send). On a day campaigns have filled up to the
 * warm-up floor, a reply would otherwise take the place of one of the ramp's planned messages; it
 * waits for the replier's next window instead.
 */
async function dueWithinBudget(
  db: ScopedDb,
  replierId: string,
  dueAt: Date,
  replier: { timezone: string; weekdaysOnly: boolean },
): Promise<Date> {
  const mailbox = await db.mailbox.findUniqueOrThrow({ where: { id: replierId } });
  let at = dueAt;
  for (let day = 0; day < 7; day += 1) {
    const capacity = await mailboxCapacity(db, mailbox, at);
    if (capacity.remainingToday > 0) return at;
    at = nextWarmupInstant(capacity.dayEnd, replier.timezone, replier.weekdaysOnly);
  }
  return at;
}
