import type { Histogram } from 'prom-client';
import type { Clock } from '../../../lib/clock.js';
import type { LeadStatus, Mailbox } from '../../../generated/prisma/client.js';
import { preparedQuery, preparedTransaction, type PreparedStatements, type PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb, type ScopedDb } from '../../../lib/db/tenantScope.js';
import { NotFoundError } from '../../../lib/errors.js';
import { claimCapacities, mayClaimNow, type CapacityMailbox } from '../../mailboxes/limits/capacity.js';
import type { MessageLinkSigner, TrackingLinks } from '../../campaigns/messages/trackingLinks.js';
import { stopEnrollments } from '../../campaigns/enrollments/stopEnrollments.js';
import { campaignUsedTodayCount } from '../../campaigns/campaignDailyCap.js';
import { finishedBodies } from '../../campaigns/messages/finishedBodies.js';
import {
  renderContext,
  renderSubject,
  renderTemplate,
  type LeadForRendering,
  type RenderContext,
} from '../../campaigns/messages/renderMessage.js';
import { pendingMessageStatuses } from '../../campaigns/messageStates.js';
import type { CampaignScheduleInput } from '../../campaigns/campaigns.schemas.js';
import type { ClaimBatch as ContractClaimBatch, ClaimItem, MailboxPoolEntry } from '../../../lib/n8n/nodeContract.js';
import { leaseEnd } from '../queue/sendQueue.js';
import {
  cancelSends,
  claimProbe,
  leaseSends,
  lockDueCampaignSends,
  returnExpiredCampaignLeases,
  type LeasedSend,
} from './claimStatements.js';
import { unmailableLeads } from './unmailableLeads.js';

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

type PoolMailbox = CapacityMailbox & Pick<Mailbox, 'provider' | 'email' | 'displayName' | 'healthScore' | 'weight'>;

interface ClaimCampaign {
  id: string;
  organizationId: string;
  status: string;
  dailyCap: number | null;
  timezone: string;
  schedule: unknown;
  trackOpens: boolean;
  trackClicks: boolean;
}

interface ProbeRow extends ClaimCampaign {
  leasesExpired: boolean;
  sendsDue: boolean;
  /** The row of an active pool mailbox as JSON (instants as ISO text), or null. */
  mailbox: (Omit<PoolMailbox, 'rampStartedAt' | 'lastSentAt'> & { rampStartedAt: string; lastSentAt: string | null }) | null;
}

/**
 * A locked due send with what assigning and rendering it needs (claimStatements.lockDueCampaignSends):
 * the lead's fields as plain columns, and its variant's texts on the first send of that variant only.
 */
interface DueSend extends Omit<LeadForRendering, 'id'> {
  id: string;
  attempt: number;
  stepPosition: number;
  mayHaveBeenSent: boolean;
  enrollmentId: string;
  leadId: string;
  enrollmentActive: boolean;
  firstMessageId: string | null;
  threadId: string | null;
  enrollmentMailboxId: string | null;
  leadTimezone: string | null;
  leadStatus: LeadStatus;
  variantId: string | null;
  variantExists: boolean;
  /** Set on the batch's first send of its variant (in the batch's order), else null. */
  subject: string | null;
  bodyText: string | null;
  bodyHtml: string | null;
  threadWithFirst: boolean | null;
  sentBefore: Array<{ messageIdHeader: string; subject: string | null }> | null;
}

const cancelledUnknownStep = 'The step or enrolment no longer exists';

/**
 * Hands a workflow execution its batch of due sends. A first statement, outside any transaction, reads
 * the campaign and its pool and says whether there is anything to do: an idle campaign's claim ends
 * there. Otherwise, in one transaction of a few prepared statements: expired leases return to the queue
 * (flagged "may have been sent"); due sends not in flight are locked with FOR UPDATE SKIP LOCKED and
 * the campaign's mailboxes locked so concurrent claims on shared mailboxes serialise, with what
 * rendering needs; the pool's capacity and the campaign's daily cap are counted; the suppressions are
 * checked; the batch is leased into send_leases, whose primary key makes sure no send is handed to two
 * executions (each mailbox's share of the batch is reserved by its leases), and the heartbeat recorded.
 * A send whose lead is suppressed or no longer active is never handed out: it is left out of the
 * lease, then cancelled and the lead's sequence stopped right after (a claim that stops in between
 * leaves it queued, and the next claim refuses it again).
 */
export class ClaimService {
  constructor(
    private readonly deps: { prisma: PrismaClient; clock: Clock; links: TrackingLinks; leaseSeconds: number; claimDuration?: Histogram },
  ) {}

  async claim(campaignId: string, batchSize: number): Promise<ClaimBatch> {
    const stopTimer = this.deps.claimDuration?.startTimer();
    try {
      const now = this.deps.clock.now();
      const leaseExpiresAt = leaseEnd(now, this.deps.leaseSeconds);
      const empty: ClaimBatch = { now: now.toISOString(), leaseExpiresAt: leaseExpiresAt.toISOString(), items: [] };
      const probe = await preparedQuery<ProbeRow>(this.deps.prisma, claimProbe.name, claimProbe.text, claimProbe.values(campaignId, now));
      if (probe.length === 0) throw new NotFoundError('Campaign');
      // Nothing to do: the probe recorded the heartbeat itself.
      if (!probe[0]!.leasesExpired && !probe[0]!.sendsDue) return empty;
      const pool = probe.flatMap(({ mailbox }) =>
        mailbox
          ? [
              {
                ...mailbox,
                rampStartedAt: new Date(mailbox.rampStartedAt),
                lastSentAt: mailbox.lastSentAt ? new Date(mailbox.lastSentAt) : null,
              },
            ]
          : [],
      );
      const { batch, refused } = await preparedTransaction(this.deps.prisma, async (sql) => {
        const { claimed, renderItems, refused } = await this.claimBatch(sql, { campaign: probe[0]!, pool, batchSize, now });
        // The lease goes on the wire first and the bodies render while PostgreSQL writes it: the lease
        // needs only the subjects. A rendering failure still rolls the lease back (after it settles).
        const leasing = sql.query<{ id: string }>(
          leaseSends.text,
          [probe[0]!.organizationId, campaignId, JSON.stringify(claimed), empty.leaseExpiresAt, empty.now],
          leaseSends.name,
        );
        const items = await settledWith(leasing, renderItems);
        const leased = await leasing;
        if (leased.length === items.length) return { batch: { ...empty, items }, refused };
        const ours = new Set(leased.map((row) => row.id));
        return { batch: { ...empty, items: items.filter((item) => ours.has(item.sendId)) }, refused };
      });
      if (refused.length > 0) await this.refuse(probe[0]!.organizationId, refused);
      return batch;
    } finally {
      stopTimer?.();
    }
  }

  /** The batch to lease (the caller leases it and records the heartbeat, whatever happens here). */
  private async claimBatch(
    sql: PreparedStatements,
    claim: { campaign: ProbeRow; pool: PoolMailbox[]; batchSize: number; now: Date },
  ): Promise<{ claimed: LeasedSend[]; renderItems: () => ClaimItem[]; refused: Array<DueSend & { reason: string }> }> {
    const { campaign, pool, now } = claim;
    const organizationId = campaign.organizationId;
    const nothing = { claimed: [], renderItems: () => [], refused: [] };
    if (campaign.leasesExpired) {
      await sql.query(returnExpiredCampaignLeases.text, [organizationId, campaign.id, now.toISOString()], returnExpiredCampaignLeases.name);
    }
    if (pool.length === 0) return nothing;
    const due = await sql.query<DueSend>(
      lockDueCampaignSends.text,
      [organizationId, campaign.id, now.toISOString(), pendingMessageStatuses, claim.batchSize, pool.map((mailbox) => mailbox.id)],
      lockDueCampaignSends.name,
    );
    if (due.length === 0) return nothing;
    const allowances = await this.allowances(sql, campaign, pool, now);
    let room = Math.min(
      claim.batchSize,
      [...allowances.quota.values()].reduce((sum, n) => sum + n, 0),
    );
    if (campaign.dailyCap !== null) room = Math.min(room, campaign.dailyCap - allowances.campaignUsedToday);
    if (room <= 0) return nothing;

    const refusals = await unmailableLeads(
      sql,
      organizationId,
      due.map((send) => ({ id: send.leadId, email: send.email, status: send.leadStatus })),
    );
    // Every item shares the one pool list, filled in once the batch's reservations are known.
    const poolEntries: MailboxPoolEntry[] = [];
    const { renderItems, claimed, reservations, unknown } = await this.assignSends({
      campaign,
      sends: due,
      refusals,
      pool,
      poolEntries,
      quota: allowances.quota,
      room,
      now,
    });
    if (unknown.length > 0)
      await sql.query(cancelSends.text, [organizationId, unknown, cancelledUnknownStep, now.toISOString()], cancelSends.name);
    for (const mailbox of pool) {
      poolEntries.push(
        mailboxPoolEntry(mailbox, {
          remainingToday: reservations.get(mailbox.id) ?? 0,
          minGapSeconds: mailbox.minGapSeconds,
          lastSentAt: allowances.lastSent.get(mailbox.id) ?? null,
        }),
      );
    }
    return {
      claimed,
      renderItems,
      refused: due.flatMap((send) => (refusals.has(send.leadId) ? [{ ...send, reason: refusals.get(send.leadId)! }] : [])),
    };
  }

  /**
   * How many sends each mailbox (locked by now) may take in this batch: its remaining cap, or one when
   * a minimum gap applies; and what the campaign's daily cap has used, counted in the same statement.
   */
  private async allowances(sql: PreparedStatements, campaign: ClaimCampaign, pool: PoolMailbox[], now: Date) {
    const quota = new Map<string, number>();
    const lastSent = new Map<string, Date | null>();
    const campaignCap =
      campaign.dailyCap === null ? undefined : { statement: 'mailbox_usage_with_campaign', count: campaignUsedTodayCount(campaign, now) };
    const { capacities, countAlongside: campaignUsedToday } = await claimCapacities(sql, pool, now, campaignCap);
    for (const mailbox of pool) {
      const capacity = capacities.get(mailbox.id)!;
      const ready = mayClaimNow(capacity, mailbox, now, 'campaign');
      // With a minimum gap, a mailbox sends at most once per run; the next run comes after the gap.
      quota.set(mailbox.id, ready ? (mailbox.minGapSeconds > 0 ? 1 : capacity.remainingToday) : 0);
      lastSent.set(mailbox.id, capacity.lastSentAt);
    }
    return { quota, lastSent, campaignUsedToday };
  }

  /**
   * Gives each due send a mailbox with quota left (a follow-up keeps its thread's) and renders its
   * subject, up to the batch's room, leaving out the refused leads' sends; `renderItems` renders their
   * bodies into the items. `unknown`: sends whose step, variant or live enrolment no longer exists, to
   * cancel. What every item shares (the claim's instant, the campaign's schedule, the pool list and the
   * signing key) is made once per claim.
   */
  private async assignSends(batch: {
    campaign: ClaimCampaign;
    sends: DueSend[];
    refusals: Map<string, string>;
    pool: PoolMailbox[];
    poolEntries: MailboxPoolEntry[];
    quota: Map<string, number>;
    room: number;
    now: Date;
  }) {
    const { campaign, sends, refusals, pool, quota, room } = batch;
    const inPool = new Set(pool.map((mailbox) => mailbox.id));
    const mailboxIds = [...quota.keys()];
    const shared: SharedItemParts = {
      campaign,
      now: batch.now.toISOString(),
      schedule: Object.freeze({ ...(campaign.schedule as CampaignScheduleInput), timezone: campaign.timezone }),
      mailboxes: batch.poolEntries,
      links: await this.deps.links.signer(),
    };
    const assigned: AssignedSend[] = [];
    const claimed: LeasedSend[] = [];
    const variants = new Map<string, VariantTexts>();
    const unknown: string[] = [];
    const reservations = new Map<string, number>();
    for (const send of sends) {
      if (assigned.length >= room) break;
      if (send.variantExists && send.subject !== null) {
        variants.set(send.variantId!, { subject: send.subject, bodyText: send.bodyText!, bodyHtml: send.bodyHtml });
      }
      if (refusals.has(send.leadId)) continue;
      if (!send.variantExists || send.threadWithFirst === null || !send.enrollmentActive) {
        unknown.push(send.id);
        continue;
      }
      const threaded = send.stepPosition > 0 && send.threadWithFirst && send.firstMessageId && send.enrollmentMailboxId;
      // Follow-ups stay on the mailbox that sent the first step; without its quota they wait for the next run.
      const mailboxId = threaded ? send.enrollmentMailboxId! : this.pickMailbox(mailboxIds, quota, reservations);
      if (!mailboxId || !inPool.has(mailboxId)) continue;
      const reserved = reservations.get(mailboxId) ?? 0;
      if ((quota.get(mailboxId) ?? 0) - reserved <= 0) continue;
      reservations.set(mailboxId, reserved + 1);

      const attempt = send.attempt + 1;
      const variant = variants.get(send.variantId!)!;
      const sendAssigned = assignedSend(shared, send, variant, attempt, threaded ? (send.sentBefore ?? []) : null);
      assigned.push(sendAssigned);
      claimed.push({ messageId: send.id, attempt, mailboxId, subject: sendAssigned.subject });
    }
    return { renderItems: () => assigned.map((send) => claimItem(shared, send)), claimed, reservations, unknown };
  }

  /** Cancels the refused sends and stops their leads' sequences, grouped by reason (a handful of statements). */
  private async refuse(organizationId: string, refused: Array<{ id: string; enrollmentId: string; reason: string }>): Promise<void> {
    const byReason = new Map<string, Array<{ id: string; enrollmentId: string }>>();
    for (const send of refused) byReason.set(send.reason, [...(byReason.get(send.reason) ?? []), send]);
    await scopedDb(this.deps.prisma, organizationId).$transaction(async (tx) => {
      const db = tx as unknown as ScopedDb;
      for (const [reason, sends] of byReason) {
        // The send itself first: its enrolment may already be stopped or completed, which stopEnrollments leaves alone.
        await db.message.updateMany({
          where: { id: { in: sends.map((m) => m.id) }, status: { in: [...pendingMessageStatuses] } },
          data: { status: 'cancelled', lastError: reason },
        });
        await stopEnrollments(db, { id: { in: sends.map((m) => m.enrollmentId) } }, reason);
      }
    });
  }

  // Spreads this batch's reservations over the mailboxes with the most quota left. An indexed loop over
  // the ids: for-of over the map's entries made a [key, value] array per mailbox per send, a tenth of a
  // claim's garbage (docs/performance.md, "Claims at scale").
  private pickMailbox(mailboxIds: string[], quota: Map<string, number>, reservations: Map<string, number>): string | undefined {
    let best: string | undefined;
    let bestLeft = 0;
    for (let index = 0; index < mailboxIds.length; index++) {
      const mailboxId = mailboxIds[index]!;
      const left = quota.get(mailboxId)! - (reservations.get(mailboxId) ?? 0);
      if (left > bestLeft) {
        best = mailboxId;
        bestLeft = left;
      }
    }
    return best;
  }
}

/** What every item of a claim shares, made once per claim. */
interface SharedItemParts {
  campaign: ClaimCampaign;
  /** The claim's instant as ISO text. */
  now: string;
  schedule: ClaimItem['schedule'];
  mailboxes: MailboxPoolEntry[];
  links: MessageLinkSigner;
}

/** A step variant's templates. */
interface VariantTexts {
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
}

/** A send given its mailbox, with what its item needs: the subject is rendered (the lease stores it), the bodies not yet. */
interface AssignedSend {
  send: DueSend;
  variant: VariantTexts;
  attempt: number;
  /** The enrolment's earlier sent messages when this send continues its thread, else null. */
  earlier: Array<{ messageIdHeader: string; subject: string | null }> | null;
  context: RenderContext;
  seed: string;
  unsubscribeUrl: string;
  subject: string;
}

function assignedSend(
  shared: SharedItemParts,
  send: DueSend,
  variant: VariantTexts,
  attempt: number,
  earlier: AssignedSend['earlier'],
): AssignedSend {
  const unsubscribeUrl = shared.links.unsubscribeUrl(send.id);
  // The locked row carries the lead's fields under their own names: it is the lead the context reads.
  const context = renderContext(send, unsubscribeUrl);
  const seed = `${send.enrollmentId}:${send.stepPosition}`;
  let subject = renderSubject(variant.subject, context, seed);
  if (earlier && !subject && earlier[0]?.subject) subject = `Re: ${earlier[0].subject}`;
  return { send, variant, attempt, earlier, context, seed, unsubscribeUrl, subject };
}

function claimItem(shared: SharedItemParts, assigned: AssignedSend): ClaimItem {
  const { campaign, links } = shared;
  const { send, variant, earlier, context, seed, unsubscribeUrl } = assigned;
  const rendered = {
    subject: assigned.subject,
    text: renderTemplate(variant.bodyText, context, seed, false),
    html: variant.bodyHtml ? renderTemplate(variant.bodyHtml, context, seed, true) : null,
  };
  // Every message carries a visible way out as well as the one-click header; tracking touches HTML bodies only,
  // and only when the campaign turned it on (off by default for deliverability). The preview finishes bodies alike.
  const { text, html } = finishedBodies({ rendered, unsubscribeUrl, messageId: send.id, campaign, links });
  const threading: ClaimItem['threading'] = earlier
    ? {
        messageId: send.firstMessageId!,
        inReplyTo: earlier.at(-1)?.messageIdHeader ?? send.firstMessageId!,
        references: earlier.map((m) => m.messageIdHeader),
        gmailThreadId: send.threadId,
        mailboxId: send.enrollmentMailboxId!,
      }
    : null;
  return {
    sendId: send.id,
    attempt: assigned.attempt,
    mayHaveBeenSent: send.mayHaveBeenSent,
    campaignId: campaign.id,
    step: send.stepPosition + 1,
    now: shared.now,
    lead: {
      id: send.leadId,
      email: send.email,
      firstName: send.firstName,
      lastName: send.lastName,
      company: send.company,
      timezone: send.leadTimezone,
    },
    schedule: shared.schedule,
    message: { subject: assigned.subject, text, html, unsubscribeUrl, replyTo: null },
    threading,
    mailboxes: shared.mailboxes,
  };
}

/**
 * Runs `work` while `pending` is under way and returns its result once `pending` has settled too,
 * so a failure of either is never left unhandled (the caller awaits `pending` for its value).
 */
async function settledWith<T>(pending: Promise<unknown>, work: () => T): Promise<T> {
  try {
    return work();
  } finally {
    await pending.catch(() => undefined);
  }
}
