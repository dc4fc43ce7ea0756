import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { counted } from '../../../lib/words.js';
import { mailboxCapacity } from '../../mailboxes/limits/capacity.js';
import { campaignUsedToday } from '../campaignDailyCap.js';
import { pendingMessageStatuses } from '../messageStates.js';
import { outsideWindowCode } from '../window/recomputeWindowDeferrals.js';
import { nextSendingInstant, windowZone, type SendingSchedule } from '../window/sendingWindow.js';

const horizonMs = 24 * 3_600_000;

export interface MailboxOutlook {
  id: string;
  email: string;
  status: string;
  /** Today's limit in the mailbox's zone: the ramp's value for today or the daily cap, whichever is lower. */
  limitToday: number;
  limitedBy: 'ramp' | 'daily_cap';
  sentToday: number;
  inFlight: number;
  remainingToday: number;
  minGapSeconds: number;
  /** When the mailbox may send next (after its gap, or tomorrow once today's limit is used); null while it cannot send. */
  nextSendAt: string | null;
  /** Why it cannot send right now, if it cannot. */
  blockedBy: 'status' | 'daily_limit' | 'gap' | null;
}

export interface WindowWait {
  /** The zone the window is read in: the lead's, or the campaign's when the lead has none or the schedule says so. */
  timezone: string;
  opensAt: string;
  sends: number;
}

export interface SendingForecast {
  from: string;
  until: string;
  /** The most the campaign can send today: what its mailboxes have left (and its own daily cap), bounded by what is queued within the next 24 h. */
  sendsPossibleToday: number;
  capacityToday: number;
  campaignDailyCapRemaining: number | null;
  /** A workflow run claims at most one send per mailbox with a minimum gap; runs come every this many minutes (or on run-now). */
  workflowRunsEveryMinutes: number;
  mailboxes: MailboxOutlook[];
  queued: {
    /** Due and inside the lead's window now: the next run takes them, as far as the mailboxes allow. */
    readyNow: number;
    /** Due, or due within 24 h, but outside the lead's window until it opens. */
    waitingForWindow: WindowWait[];
    /** Later steps that come due (inside their window) within 24 h. */
    laterWithin24h: number;
    /** Due after the next 24 h (or with no window within a year). */
    later: number;
    /** When the first of those comes due (its window aside). */
    laterFrom: string | null;
  };
  summary: string;
}

/** "09:00 America/New_York", with the weekday when it is not today there. */
export function describeOpening(opensAt: Date, timezone: string, now: Date): string {
  const day = (instant: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    opensAt,
  );
  const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short' }).format(opensAt);
  return `${day(opensAt) === day(now) ? '' : `${weekday} `}${time} ${timezone}`;
}

/**
 * What a campaign can send in the next 24 hours and why not more: each mailbox's limit for today (ramp or
 * cap), what it sent and has in flight, its gap; the campaign's own daily cap; and its queued sends
 * by when they can go, their window computed exactly as the Business Hours Gate will. Read-only.
 */
export async function sendingForecast(
  db: ScopedDb,
  campaign: SendingSchedule & { id: string; dailyCap: number | null },
  options: { organizationId: string; now: Date; pollMinutes: number },
): Promise<SendingForecast> {
  const { now, pollMinutes } = options;
  const until = new Date(now.getTime() + horizonMs);
  const links = await db.campaignMailbox.findMany({
    where: { campaignId: campaign.id },
    include: { mailbox: true },
    orderBy: { mailbox: { email: 'asc' } },
  });
  const mailboxes: MailboxOutlook[] = [];
  for (const { mailbox } of links) {
    const capacity = await mailboxCapacity(db, mailbox, now);
    const gapWait = capacity.remainingToday > 0 && capacity.nextAllowedAt !== null && capacity.nextAllowedAt > now;
    mailboxes.push({
      id: mailbox.id,
      email: mailbox.email,
      status: mailbox.status,
      limitToday: capacity.limitToday,
      limitedBy: capacity.rampValue !== null && capacity.rampValue < mailbox.dailyCap ? 'ramp' : 'daily_cap',
      sentToday: capacity.sentToday,
      inFlight: capacity.reserved,
      remainingToday: capacity.remainingToday,
      minGapSeconds: mailbox.minGapSeconds,
      nextSendAt: capacity.nextAllowedAt?.toISOString() ?? null,
      blockedBy: capacity.blockedBy ?? (gapWait ? 'gap' : null),
    });
  }
  const mailboxRoom = mailboxes.reduce((sum, mailbox) => sum + mailbox.remainingToday, 0);
  const campaignDailyCapRemaining =
    campaign.dailyCap === null
      ? null
      : Math.max(0, campaign.dailyCap - (await campaignUsedToday(db, { ...campaign, organizationId: options.organizationId }, now)));
  const capacityToday = campaignDailyCapRemaining === null ? mailboxRoom : Math.min(mailboxRoom, campaignDailyCapRemaining);

  // One window computation per lead timezone and minute, not per send.
  const groups = await db.$queryRaw<Array<{ leadTimezone: string | null; at: Date; windowDeferred: boolean; sends: number }>>`
    SELECT l.timezone AS "leadTimezone", GREATEST(date_trunc('minute', m."dueAt"), ${now}) AS at,
           COALESCE(m."deferCode" = ${outsideWindowCode}, false) AS "windowDeferred", count(*)::int AS sends
    FROM messages m JOIN leads l ON l.id = m."leadId"
    WHERE m."organizationId" = ${options.organizationId}::uuid AND m."campaignId" = ${campaign.id}::uuid
      AND m.status::text = ANY(${pendingMessageStatuses}) AND NOT EXISTS (SELECT 1 FROM send_leases sl WHERE sl."messageId" = m.id)
    GROUP BY 1, 2, 3`;
  const queued: SendingForecast['queued'] = { readyNow: 0, waitingForWindow: [], laterWithin24h: 0, later: 0, laterFrom: null };
  const waits = new Map<string, WindowWait>();
  for (const group of groups) {
    const opensAt = group.at < until ? nextSendingInstant(campaign, group.leadTimezone, group.at) : null;
    if (!opensAt || opensAt >= until) {
      queued.later += group.sends;
      const from = group.at.toISOString();
      if (queued.laterFrom === null || from < queued.laterFrom) queued.laterFrom = from;
    } else if (opensAt <= now) queued.readyNow += group.sends;
    // A later step due inside its window; a send the gate deferred is due at the opening it waits for.
    else if (!group.windowDeferred && opensAt.getTime() === group.at.getTime()) queued.laterWithin24h += group.sends;
    else {
      const timezone = windowZone(campaign, group.leadTimezone);
      const key = `${timezone} ${opensAt.toISOString()}`;
      const wait = waits.get(key) ?? { timezone, opensAt: opensAt.toISOString(), sends: 0 };
      wait.sends += group.sends;
      waits.set(key, wait);
    }
  }
  queued.waitingForWindow = [...waits.values()].sort((a, b) => a.opensAt.localeCompare(b.opensAt) || a.timezone.localeCompare(b.timezone));
  const queuedWithin24h = queued.readyNow + queued.laterWithin24h + queued.waitingForWindow.reduce((sum, wait) => sum + wait.sends, 0);
  const sendsPossibleToday = Math.min(capacityToday, queuedWithin24h);

  return {
    from: now.toISOString(),
    until: until.toISOString(),
    sendsPossibleToday,
    capacityToday,
    campaignDailyCapRemaining,
    workflowRunsEveryMinutes: pollMinutes,
    mailboxes,
    queued,
    summary: forecastSummary({
      now,
      timezone: campaign.timezone,
      capacityToday,
      sendsPossibleToday,
      mailboxes,
      campaignDailyCapRemaining,
      queued,
      pollMinutes,
    }),
  };
}

function forecastSummary(forecast: {
  now: Date;
  timezone: string;
  capacityToday: number;
  sendsPossibleToday: number;
  mailboxes: MailboxOutlook[];
  campaignDailyCapRemaining: number | null;
  queued: SendingForecast['queued'];
  pollMinutes: number;
}): string {
  const { now, mailboxes, queued } = forecast;
  const active = mailboxes.filter((mailbox) => mailbox.status === 'active');
  const parts: string[] = [];
  if (active.length === 0) {
    parts.push('No sends possible today: no active mailbox');
  } else {
    const limits = new Map<string, number>();
    for (const mailbox of active) {
      const key = `${mailbox.limitedBy === 'ramp' ? 'ramp' : 'cap'} ${mailbox.limitToday}`;
      limits.set(key, (limits.get(key) ?? 0) + 1);
    }
    const used = active.reduce((sum, mailbox) => sum + mailbox.sentToday + mailbox.inFlight, 0);
    const breakdown = [...limits].map(([limit, count]) => `${counted(count, 'mailbox', 'mailboxes')} × ${limit}`).join(' + ');
    const room = `${breakdown}${used > 0 ? ` − ${used} sent` : ''}`;
    // The room is only the whole story when there is as much queued to fill it.
    parts.push(
      forecast.sendsPossibleToday < forecast.capacityToday
        ? `${counted(forecast.sendsPossibleToday, 'send')} possible today (room for ${forecast.capacityToday}: ${room})`
        : `${counted(forecast.sendsPossibleToday, 'send')} possible today: ${room}`,
    );
    if (forecast.campaignDailyCapRemaining !== null && forecast.campaignDailyCapRemaining < forecast.capacityToday + used) {
      parts.push(`the campaign's daily cap leaves ${forecast.campaignDailyCapRemaining}`);
    }
    const gapped = active.filter((mailbox) => mailbox.minGapSeconds > 0);
    if (gapped.length > 0) {
      parts.push(
        `a mailbox with a minimum gap sends once per workflow run (every ${counted(forecast.pollMinutes, 'minute')}, or on run-now)`,
      );
    }
  }
  const idle = mailboxes.length - active.length;
  if (idle > 0) parts.push(`${counted(idle, 'mailbox', 'mailboxes')} not active`);
  if (queued.readyNow > 0) parts.push(`${counted(queued.readyNow, 'lead')} ready now`);
  for (const wait of queued.waitingForWindow)
    parts.push(
      `${counted(wait.sends, 'lead')} ${wait.sends === 1 ? 'waits' : 'wait'} for ${describeOpening(new Date(wait.opensAt), wait.timezone, now)}`,
    );
  if (queued.laterWithin24h > 0)
    parts.push(`${counted(queued.laterWithin24h, 'lead')} ${queued.laterWithin24h === 1 ? 'comes' : 'come'} due within 24 h`);
  if (queued.later > 0)
    parts.push(
      `${counted(queued.later, 'lead')} due later (the first ${describeOpening(new Date(queued.laterFrom!), forecast.timezone, forecast.now)})`,
    );
  if (queued.readyNow + queued.waitingForWindow.length + queued.laterWithin24h + queued.later === 0)
    parts.push('nothing queued: enrol leads');
  return parts.join('; ');
}
