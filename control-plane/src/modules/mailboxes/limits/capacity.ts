import type { Mailbox } from '../../../generated/prisma/client.js';
import { sha256Hex } from '../../../lib/crypto.js';
import { Prisma } from '../../../generated/prisma/client.js';
import { rawQuery, type RawSql } from '../../../lib/db/prisma.js';
import { zonedDayBounds, zonedDayNumber } from './zonedDay.js';

export type CapacityMailbox = Pick<
  Mailbox,
  | 'id'
  | 'organizationId'
  | 'status'
  | 'dailyCap'
  | 'rampEnabled'
  | 'rampStart'
  | 'rampStep'
  | 'rampStartedAt'
  | 'minGapSeconds'
  | 'gapJitterSeconds'
  | 'timezone'
  | 'lastSentAt'
>;

export interface MailboxCapacity {
  timezone: string;
  /** The local calendar day the numbers are for: [dayStart, dayEnd). */
  dayStart: Date;
  dayEnd: Date;
  /** min(dailyCap, ramp value for today) */
  limitToday: number;
  /** 0 on the first local day of the ramp; null when the ramp is off. */
  rampDay: number | null;
  rampValue: number | null;
  sentToday: number;
  /** Sends claimed by a workflow right now (their lease has not expired), campaign and warm-up: reserved against today's limit. */
  reserved: number;
  /** Warm-up messages planned for today and not yet sent: the warm-up floor, held back from campaigns. */
  warmupHeld: number;
  /** What campaigns may still send today: the limit net of sends, reservations and the warm-up floor. */
  remainingToday: number;
  /** What warm-up may still send today: the same limit, net of sends and reservations only. */
  warmupRemainingToday: number;
  lastSentAt: Date | null;
  /** Earliest instant of the next send: gap (+ jitter) after the last one, or the next local day when today is used up; null while the mailbox cannot send. */
  nextAllowedAt: Date | null;
  /** When the gap (+ jitter) since the last send is over (now at the earliest), whatever the budget; null while the mailbox cannot send. */
  gapOverAt: Date | null;
  blockedBy: 'status' | 'daily_limit' | null;
}

/** The ramp's allowance on a given local day of the mailbox's life (day 0 = the day the ramp started). */
export function rampValue(mailbox: Pick<CapacityMailbox, 'rampStart' | 'rampStep'>, rampDay: number): number {
  return mailbox.rampStart + mailbox.rampStep * Math.max(0, rampDay);
}

/**
 * Jitter in [0, gapJitterSeconds], derived from the mailbox and its last send so that every caller
 * (and every retry of the same question) sees the same next slot, while slots still look random.
 */
export function gapJitterSeconds(mailboxId: string, lastSentAt: Date, maxJitterSeconds: number): number {
  if (maxJitterSeconds <= 0) return 0;
  const sample = Number.parseInt(sha256Hex(`${mailboxId}:${lastSentAt.toISOString()}`).slice(0, 8), 16);
  return sample % (maxJitterSeconds + 1);
}

/** What a mailbox has used of today's budget, counted in one statement for a whole pool (mailboxUsage). */
interface MailboxUsage {
  id: string;
  campaignSentToday: number;
  repliesSentToday: number;
  warmupSentToday: number;
  campaignReserved: number;
  warmupReserved: number;
  warmupHeld: number;
  lastSentAt: Date | null;
}

/**
 * Today's sends (campaign, inbox replies and warm-up share one daily budget: docs/warmup.md), the live
 * claims of either queue, the warm-up still due today and the last send of each mailbox (of any queue), in
 * one statement: a claim asks this for its whole pool, and a round trip per count per mailbox was most
 * of a claim's time (docs/performance.md, "Claims at scale"). Each mailbox's day is its own time zone's.
 */
async function mailboxUsage(
  db: RawSql,
  mailboxes: CapacityMailbox[],
  now: Date,
  alongside?: CountAlongside,
): Promise<{ usage: Map<string, MailboxUsage>; countAlongside: number }> {
  if (mailboxes.length === 0) return { usage: new Map(), countAlongside: 0 };
  const days = mailboxes.map((mailbox) => zonedDayBounds(now, mailbox.timezone));
  const usage = Prisma.sql`
    WITH pool AS (
      SELECT id, org, (day_start::timestamptz AT TIME ZONE 'UTC') AS day_start, (day_end::timestamptz AT TIME ZONE 'UTC') AS day_end
      FROM unnest(${mailboxes.map((m) => m.id)}::uuid[], ${mailboxes.map((m) => m.organizationId)}::uuid[],
                  ${days.map((day) => day.start.toISOString())}::text[], ${days.map((day) => day.end.toISOString())}::text[])
        AS p(id, org, day_start, day_end)
    ), at AS (SELECT (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC') AS now)
    SELECT pool.id,
      (SELECT count(*)::int FROM messages m WHERE m."organizationId" = pool.org AND m."mailboxId" = pool.id AND m.status = 'sent'
         AND m."sentAt" >= pool.day_start AND m."sentAt" < pool.day_end) AS "campaignSentToday",
      (SELECT count(*)::int FROM inbox_messages i WHERE i."organizationId" = pool.org AND i."mailboxId" = pool.id
         AND i.direction = 'outbound' AND i.status = 'sent' AND i."sentAt" >= pool.day_start AND i."sentAt" < pool.day_end) AS "repliesSentToday",
      (SELECT count(*)::int FROM warmup_messages w WHERE w."organizationId" = pool.org AND w."senderMailboxId" = pool.id AND w.status = 'sent'
         AND w."sentAt" >= pool.day_start AND w."sentAt" < pool.day_end) AS "warmupSentToday",
      (SELECT count(*)::int FROM send_leases l WHERE l."mailboxId" = pool.id AND l."leaseExpiresAt" > at.now
         AND l."organizationId" = pool.org) AS "campaignReserved",
      (SELECT count(*)::int FROM warmup_messages w WHERE w."organizationId" = pool.org AND w."senderMailboxId" = pool.id
         AND w.status = 'claimed' AND (w."leaseExpiresAt" IS NULL OR w."leaseExpiresAt" > at.now)) AS "warmupReserved",
      (SELECT count(*)::int FROM warmup_messages w WHERE w."organizationId" = pool.org AND w."senderMailboxId" = pool.id
         AND w.status IN ('queued', 'retrying') AND w."dueAt" < pool.day_end) AS "warmupHeld",
      -- Every send counts for the gap, read under the claim's lock (a mailbox row read before it may be stale).
      GREATEST(
        (SELECT max(m."sentAt") FROM messages m WHERE m."organizationId" = pool.org AND m."mailboxId" = pool.id AND m.status = 'sent'),
        (SELECT max(w."sentAt") FROM warmup_messages w WHERE w."organizationId" = pool.org AND w."senderMailboxId" = pool.id
           AND w.status = 'sent'),
        (SELECT max(i."sentAt") FROM inbox_messages i WHERE i."organizationId" = pool.org AND i."mailboxId" = pool.id
           AND i.direction = 'outbound' AND i.status = 'sent')
      ) AT TIME ZONE 'UTC' AS "lastSentAt",
      ${alongside?.count ?? Prisma.sql`0`} AS "countAlongside"
    FROM pool, at`;
  const rows = await rawQuery<MailboxUsage & { countAlongside: number }>(db, usage, alongside?.statement ?? 'mailbox_usage');
  return { usage: new Map(rows.map((row) => [row.id, row])), countAlongside: rows[0]?.countAlongside ?? 0 };
}

/**
 * How many more messages each mailbox may send today, and when its next one may go. Today is the
 * calendar day in the mailbox's time zone (docs/mailboxes.md explains why not a rolling 24 h).
 * Counts what was actually sent today plus what is reserved by live claims, so caps hold across
 * campaigns sharing the mailbox. The campaign engine calls this at claim time, for its whole pool.
 */
export async function mailboxCapacities(db: RawSql, mailboxes: CapacityMailbox[], now: Date): Promise<Map<string, MailboxCapacity>> {
  return (await claimCapacities(db, mailboxes, now)).capacities;
}

/**
 * A scalar count the caller wants read in the same statement as the pool's usage (a claim's campaign
 * daily cap, campaigns/campaignDailyCap.ts): one round trip less per claim. `statement` names the
 * prepared statement, one per shape of `count`.
 */
export interface CountAlongside {
  statement: string;
  count: Prisma.Sql;
}

/** mailboxCapacities for a claim, with the caller's count read alongside. */
export async function claimCapacities(
  db: RawSql,
  mailboxes: CapacityMailbox[],
  now: Date,
  alongside?: CountAlongside,
): Promise<{ capacities: Map<string, MailboxCapacity>; countAlongside: number }> {
  const { usage, countAlongside } = await mailboxUsage(db, mailboxes, now, alongside);
  return {
    capacities: new Map(mailboxes.map((mailbox) => [mailbox.id, capacityOf(mailbox, usage.get(mailbox.id)!, now)])),
    countAlongside,
  };
}

/** One mailbox's capacity (mailboxCapacities). */
export async function mailboxCapacity(db: RawSql, mailbox: CapacityMailbox, now: Date): Promise<MailboxCapacity> {
  return (await mailboxCapacities(db, [mailbox], now)).get(mailbox.id)!;
}

function capacityOf(mailbox: CapacityMailbox, usage: MailboxUsage, now: Date): MailboxCapacity {
  const { start: dayStart, end: dayEnd } = zonedDayBounds(now, mailbox.timezone);
  const { campaignSentToday, repliesSentToday, warmupSentToday, campaignReserved, warmupReserved, warmupHeld } = usage;
  const sentToday = campaignSentToday + repliesSentToday + warmupSentToday;
  const reserved = campaignReserved + warmupReserved;

  const rampDay = mailbox.rampEnabled
    ? zonedDayNumber(now, mailbox.timezone) - zonedDayNumber(mailbox.rampStartedAt, mailbox.timezone)
    : null;
  const ramp = rampDay === null ? null : rampValue(mailbox, rampDay);
  const limitToday = ramp === null ? mailbox.dailyCap : Math.min(mailbox.dailyCap, ramp);
  const warmupRemainingToday = mailbox.status === 'active' ? Math.max(0, limitToday - sentToday - reserved) : 0;
  const remainingToday = Math.max(0, warmupRemainingToday - warmupHeld);

  const candidates = [mailbox.lastSentAt, usage.lastSentAt].filter((value): value is Date => value instanceof Date);
  const lastSentAt = candidates.length > 0 ? new Date(Math.max(...candidates.map((date) => date.getTime()))) : null;
  let nextAllowedAt: Date | null = null;
  let gapOverAt: Date | null = null;
  let blockedBy: MailboxCapacity['blockedBy'] = null;
  if (mailbox.status !== 'active') {
    blockedBy = 'status';
  } else {
    const gapEnds = lastSentAt
      ? lastSentAt.getTime() + (mailbox.minGapSeconds + gapJitterSeconds(mailbox.id, lastSentAt, mailbox.gapJitterSeconds)) * 1000
      : now.getTime();
    const earliest = Math.max(now.getTime(), gapEnds);
    gapOverAt = new Date(earliest);
    if (remainingToday === 0) blockedBy = 'daily_limit';
    nextAllowedAt = new Date(remainingToday > 0 ? earliest : Math.max(earliest, dayEnd.getTime()));
  }
  return {
    timezone: mailbox.timezone,
    dayStart,
    dayEnd,
    limitToday,
    rampDay,
    rampValue: ramp,
    sentToday,
    reserved,
    warmupHeld,
    remainingToday,
    warmupRemainingToday,
    lastSentAt,
    nextAllowedAt,
    gapOverAt,
    blockedBy,
  };
}

/**
 * The one rule both send queues (campaign sends and warm-up) apply before handing a mailbox a send:
 * budget left for that queue, the gap since the last send over, and, when a gap applies, no send of
 * either queue in flight (one leased and not yet reported could still go out inside the gap).
 */
export function mayClaimNow(
  capacity: MailboxCapacity,
  mailbox: Pick<CapacityMailbox, 'minGapSeconds'>,
  now: Date,
  queue: 'campaign' | 'warmup',
): boolean {
  const remaining = queue === 'campaign' ? capacity.remainingToday : capacity.warmupRemainingToday;
  // Not nextAllowedAt: once campaigns have used their share it points to tomorrow, yet the warm-up floor still goes today.
  if (remaining <= 0 || capacity.gapOverAt === null || capacity.gapOverAt > now) return false;
  return mailbox.minGapSeconds === 0 || capacity.reserved === 0;
}
