import type { Mailbox } from '../../../generated/prisma/client.js';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { recordWebhookEvents } from '../../../lib/webhooks/webhookOutbox.js';
import { counted } from '../../../lib/words.js';
import { sendingDomainHealth } from '../../deliverability/sendingDomainStatus.js';
import { warmingDay } from '../limits/warming.js';
import { placementRate, recentPlacement, PLACEMENT_WINDOW_DAYS, type PlacementCounts } from './inboxPlacement.js';

export interface HealthPolicy {
  /** Auto-pause at this hard-bounce rate (0..1) over the window. */
  autoPauseBounceRate: number;
  /** How many of the latest send attempts the rates are computed over. */
  windowSends: number;
  /** No auto-pause before the window holds this many sends (1 bounce in 2 sends says little). */
  autoPauseMinSends: number;
}

export interface HealthPart {
  name: 'hard_bounces' | 'failures' | 'replies' | 'authentication' | 'sending_domain' | 'age' | 'inbox_placement';
  points: number;
  maxPoints: number;
  explanation: string;
}

export interface MailboxHealth {
  score: number;
  parts: HealthPart[];
  /** In its first WARMING_DAYS days of warm-up: which day it is (1 on the first), else null. */
  warmingDay: number | null;
  window: {
    attempts: number;
    sent: number;
    failed: number;
    hardBounces: number;
    replies: number;
    hardBounceRate: number;
    failureRate: number;
    replyRate: number;
  };
  autoPause: { bounceRateThreshold: number; minSends: number; wouldPause: boolean };
}

type HealthMailbox = Pick<Mailbox, 'id' | 'status' | 'createdAt' | 'timezone'> & {
  warmup: { enabled: boolean; startedAt: Date | null } | null;
};

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
/** The authentication part's explanation per mailbox status, in the health card's words. */
const whyNotSigningIn: Record<Mailbox['status'], string> = {
  active: 'The mailbox signs in',
  paused: 'The mailbox signs in',
  needs_reauth: 'The mailbox needs signing in again',
  error: 'The mailbox could not connect',
  disabled: 'The mailbox is disabled',
};
const round1 = (value: number) => Math.round(value * 10) / 10;

/** The placement part's weight and thresholds (docs/warmup.md, "Health"). */
export const PLACEMENT_POLICY = { maxPoints: 20, fullAt: 0.9, zeroAt: 0.5, minObserved: 10 } as const;

/**
 * Inbox placement of the mailbox's warm-up messages over the last 7 local days: full points from 90%
 * in the inbox, none at 50% or less, linear between. No part at all without warm-up placements (a
 * mailbox that does not warm up is not marked down), and full points while fewer than 10 are observed.
 */
export function placementPart(counts: PlacementCounts): Omit<HealthPart, 'name'> | null {
  const rate = placementRate(counts);
  if (rate === null) return null;
  const { maxPoints, fullAt, zeroAt, minObserved } = PLACEMENT_POLICY;
  const observed = counts.inbox + counts.spam + counts.missing;
  const landed = `${counts.inbox} of ${observed} warm-up messages in the inbox over ${PLACEMENT_WINDOW_DAYS} days (${percent(rate)}; ${counts.spam} in spam, ${counts.missing} missing)`;
  if (observed < minObserved) return { maxPoints, points: maxPoints, explanation: `${landed}: too few to judge yet` };
  return {
    maxPoints,
    points: maxPoints * Math.min(1, Math.max(0, (rate - zeroAt) / (fullAt - zeroAt))),
    explanation: `${landed}; full points from ${percent(fullAt)}, 0 at ${percent(zeroAt)}`,
  };
}

/**
 * A `bounced` event is a hard bounce unless its data says otherwise (`{ "kind": "soft" }`, or a
 * 4.x.x `status`), so an event recorded without detail errs on the side of protecting the mailbox.
 */
export function isHardBounce(data: unknown): boolean {
  const details = (data ?? {}) as { kind?: unknown; status?: unknown };
  if (details.kind === 'soft') return false;
  return !(typeof details.status === 'string' && details.status.startsWith('4.'));
}

/**
 * Health 0-100 from its parts, each explained: hard bounces (40), failures (20), replies (10),
 * authentication (10), the sending domain's SPF/DKIM/DMARC/MX check (10) and age (10), over the
 * mailbox's last `windowSends` attempts, and for a mailbox with warm-up placements, inbox placement
 * (20). The score is the points earned as a share of the points the mailbox's parts can earn: their
 * sum out of 100 without placement, out of 120 scaled to 100 with it.
 */
export async function computeMailboxHealth(db: ScopedDb, mailbox: HealthMailbox, now: Date, policy: HealthPolicy): Promise<MailboxHealth> {
  const attempts = await db.message.findMany({
    where: { mailboxId: mailbox.id, status: { in: ['sent', 'failed'] } },
    orderBy: { updatedAt: 'desc' },
    take: policy.windowSends,
    select: { id: true, status: true },
  });
  const sentIds = attempts.filter((message) => message.status === 'sent').map((message) => message.id);
  const events = sentIds.length
    ? await db.event.findMany({
        where: { messageId: { in: sentIds }, type: { in: ['bounced', 'replied'] } },
        select: { type: true, messageId: true, data: true },
      })
    : [];
  const bouncedMessages = new Set(
    events.filter((event) => event.type === 'bounced' && isHardBounce(event.data)).map((event) => event.messageId),
  );
  const repliedMessages = new Set(events.filter((event) => event.type === 'replied').map((event) => event.messageId));

  const sent = sentIds.length;
  const failed = attempts.length - sent;
  const hardBounceRate = sent ? bouncedMessages.size / sent : 0;
  const failureRate = attempts.length ? failed / attempts.length : 0;
  const replyRate = sent ? repliedMessages.size / sent : 0;
  const ageDays = Math.max(0, (now.getTime() - mailbox.createdAt.getTime()) / 86_400_000);
  const authenticated = mailbox.status === 'active' || mailbox.status === 'paused';
  const domain = await sendingDomainHealth(db, mailbox.id);
  const placement = placementPart(await recentPlacement(db, mailbox, now));

  const parts: HealthPart[] = [
    {
      name: 'hard_bounces',
      maxPoints: 40,
      points: 40 * Math.max(0, 1 - hardBounceRate / policy.autoPauseBounceRate),
      explanation: `${bouncedMessages.size} hard bounces in ${sent} sends (${percent(hardBounceRate)}); 0 points at ${percent(policy.autoPauseBounceRate)}`,
    },
    {
      name: 'failures',
      maxPoints: 20,
      points: 20 * Math.max(0, 1 - failureRate / 0.1),
      explanation: `${failed} failed of ${attempts.length} attempts (${percent(failureRate)}); 0 points at 10%`,
    },
    {
      name: 'replies',
      maxPoints: 10,
      // Too few sends to judge: no penalty rather than a guess.
      points: sent < 20 ? 10 : 10 * Math.min(1, replyRate / 0.02),
      explanation:
        sent < 20
          ? `${sent === 0 ? 'No sends yet' : `Only ${counted(sent, 'send')} so far`}: too few to judge replies`
          : `${repliedMessages.size} replies to ${sent} sends (${percent(replyRate)}); full points from 2%`,
    },
    {
      name: 'authentication',
      maxPoints: 10,
      points: authenticated ? 10 : 0,
      explanation: authenticated ? whyNotSigningIn[mailbox.status] : `${whyNotSigningIn[mailbox.status]}: it cannot send until fixed`,
    },
    { name: 'sending_domain', maxPoints: 10, points: 10 * domain.share, explanation: domain.explanation },
    {
      name: 'age',
      maxPoints: 10,
      points: 10 * Math.min(1, ageDays / 30),
      explanation: `${Math.floor(ageDays)} days connected; full points at 30 days`,
    },
    ...(placement ? [{ name: 'inbox_placement', ...placement }] : []),
  ].map((part) => ({ ...part, points: round1(part.points) })) as HealthPart[];

  const earned = parts.reduce((sum, part) => sum + part.points, 0);
  const available = parts.reduce((sum, part) => sum + part.maxPoints, 0);
  return {
    score: Math.round((earned * 100) / available),
    parts,
    warmingDay: warmingDay(mailbox.warmup, now, mailbox.timezone),
    window: {
      attempts: attempts.length,
      sent,
      failed,
      hardBounces: bouncedMessages.size,
      replies: repliedMessages.size,
      hardBounceRate,
      failureRate,
      replyRate,
    },
    autoPause: {
      bounceRateThreshold: policy.autoPauseBounceRate,
      minSends: policy.autoPauseMinSends,
      wouldPause: sent >= policy.autoPauseMinSends && hardBounceRate >= policy.autoPauseBounceRate,
    },
  };
}

/**
 * Recomputes and stores a mailbox's health, and pauses an active mailbox whose hard-bounce rate
 * reached the threshold (the reason is recorded on the mailbox and in the audit log). Called on
 * send and bounce events, by the periodic sweep, and whenever the API shows a mailbox.
 */
export async function refreshMailboxHealth(
  db: ScopedDb,
  mailboxId: string,
  now: Date,
  policy: HealthPolicy,
): Promise<{ health: MailboxHealth; autoPaused: boolean } | undefined> {
  const mailbox = await db.mailbox.findUnique({
    where: { id: mailboxId },
    select: {
      id: true,
      organizationId: true,
      status: true,
      createdAt: true,
      healthScore: true,
      timezone: true,
      warmup: { select: { enabled: true, startedAt: true } },
    },
  });
  if (!mailbox) return undefined;
  const health = await computeMailboxHealth(db, mailbox, now, policy);
  // Written only when it moved: reading a mailbox must not touch its updatedAt.
  if (health.score !== mailbox.healthScore) await db.mailbox.update({ where: { id: mailbox.id }, data: { healthScore: health.score } });
  if (!health.autoPause.wouldPause || mailbox.status !== 'active') return { health, autoPaused: false };

  const reason = `Auto-paused: hard-bounce rate ${percent(health.window.hardBounceRate)} over the last ${health.window.sent} sends (threshold ${percent(policy.autoPauseBounceRate)})`;
  // Only an active mailbox is paused, so a concurrent refresh cannot pause (and audit) it twice.
  const paused = await db.$transaction(async (tx) => {
    const flipped = await tx.mailbox.updateMany({
      where: { id: mailbox.id, status: 'active' },
      data: { status: 'paused', statusReason: reason },
    });
    if (flipped.count === 0) return false;
    await tx.auditLog.create({
      data: {
        organizationId: mailbox.organizationId,
        action: 'mailbox.auto_paused',
        targetType: 'mailbox',
        targetId: mailbox.id,
        data: { reason, hardBounceRate: health.window.hardBounceRate, sends: health.window.sent },
      },
    });
    await recordWebhookEvents(tx, mailbox.organizationId, [
      { type: 'mailbox.paused', occurredAt: now, mailboxId: mailbox.id, data: { reason, automatic: true } },
    ]);
    return true;
  });
  if (!paused) return { health, autoPaused: false };
  return { health, autoPaused: true };
}
