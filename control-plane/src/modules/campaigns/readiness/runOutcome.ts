import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../../../lib/clock.js';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { counted } from '../../../lib/words.js';
import { pendingMessageStatuses } from '../messageStates.js';
import type { SendingForecast } from './sendingForecast.js';

export interface DeferredInRun {
  /** The code the workflow deferred with: `outside_window` (Business Hours Gate), `mailbox_gap`, `capacity_exhausted`, `rate_limited`, ... */
  code: string;
  sends: number;
  /** The earliest time those sends are due again. */
  until: string | null;
  reason: string | null;
}

export interface RunOutcome {
  /** False when the wait ended before the run had claimed and reported every send; the counts are what was known by then. */
  finished: boolean;
  startedAt: string;
  claimed: number;
  sent: number;
  deferred: DeferredInRun[];
  failed: number;
  inFlight: number;
  /** The campaign after the run: what its mailboxes still allow today and when its queued sends can go. */
  forecast: SendingForecast;
  summary: string;
}

const pollIntervalMs = 200;

/**
 * Waits, up to `waitSeconds` of wall time, until the campaign's workflow has claimed after `since`
 * (its claim heartbeat, in database time) and every send claimed since has its result.
 */
export async function waitForRun(
  db: ScopedDb,
  campaignId: string,
  since: { database: Date; clock: Date },
  waitSeconds: number,
): Promise<boolean> {
  const deadline = systemClock.now().getTime() + waitSeconds * 1000;
  for (;;) {
    const [heartbeat] = await db.$queryRaw<Array<{ claimed: boolean }>>`
      SELECT COALESCE("lastClaimAt" >= ${since.database}, false) AS claimed FROM campaigns WHERE id = ${campaignId}::uuid`;
    if (heartbeat?.claimed && (await db.sendLease.count({ where: { campaignId, createdAt: { gte: since.clock } } })) === 0) return true;
    if (systemClock.now().getTime() >= deadline) return false;
    await sleep(pollIntervalMs);
  }
}

/** What the campaign's sends did since `since`: the results reported, and the claims still in flight. */
export async function runOutcome(
  db: ScopedDb,
  options: { organizationId: string; campaignId: string; since: Date; finished: boolean; forecast: SendingForecast },
): Promise<RunOutcome> {
  const { organizationId, campaignId, since, forecast } = options;
  const [results, deferredRows, inFlight] = await Promise.all([
    db.event.groupBy({
      by: ['type'],
      where: { campaignId, type: { in: ['sent', 'failed'] }, occurredAt: { gte: since } },
      _count: { _all: true },
    }),
    db.$queryRaw<Array<{ code: string; sends: number; until: Date | null; reason: string | null }>>`
      SELECT COALESCE(e.data->>'code', 'deferred') AS code, count(*)::int AS sends,
             min(m."dueAt") FILTER (WHERE m.status::text = ANY(${pendingMessageStatuses})) AS until,
             min(e.data->>'reason') AS reason
      FROM events e JOIN messages m ON m.id = e."messageId"
      WHERE e."organizationId" = ${organizationId}::uuid AND e."campaignId" = ${campaignId}::uuid
        AND e.type = 'deferred' AND e."occurredAt" >= ${since}
      GROUP BY 1 ORDER BY 3 NULLS LAST, 1`,
    db.sendLease.count({ where: { campaignId, createdAt: { gte: since } } }),
  ]);
  const count = (type: string) => results.find((row) => row.type === type)?._count._all ?? 0;
  const sent = count('sent');
  const failed = count('failed');
  const deferred = deferredRows.map((row) => ({ ...row, until: row.until?.toISOString() ?? null }));
  const claimed = sent + failed + inFlight + deferred.reduce((sum, row) => sum + row.sends, 0);
  const outcome = { finished: options.finished, startedAt: since.toISOString(), claimed, sent, deferred, failed, inFlight, forecast };
  return { ...outcome, summary: runSummary(outcome) };
}

function runSummary(outcome: Omit<RunOutcome, 'summary'>): string {
  const { forecast } = outcome;
  const did = [
    outcome.sent > 0 ? `${outcome.sent} sent` : null,
    ...outcome.deferred.map((row) => `${row.sends} deferred (${row.code}${row.until ? ` until ${row.until}` : ''})`),
    outcome.failed > 0 ? `${outcome.failed} failed` : null,
    outcome.inFlight > 0 ? `${outcome.inFlight} still in flight` : null,
  ].filter((part): part is string => part !== null);
  const run = outcome.claimed === 0 ? 'The run claimed nothing' : `The run claimed ${counted(outcome.claimed, 'send')}: ${did.join(', ')}`;
  const parts = [outcome.finished ? run : `${run} so far (the run had not finished when the wait ended)`];
  const due = forecast.queued.readyNow;
  if (due > 0) parts.push(`${counted(due, 'due send')} ${due === 1 ? 'waits' : 'wait'} ${blockedBecause(forecast)}`);
  return `${parts.join('. ')}. Next 24 h: ${forecast.summary}.`;
}

/** Why due sends inside their window were not claimed: the mailboxes' status, limit or gap, or the campaign's cap, with when that lifts. */
function blockedBecause(forecast: SendingForecast): string {
  const active = forecast.mailboxes.filter((mailbox) => mailbox.status === 'active');
  if (active.length === 0) return 'for an active mailbox';
  if (forecast.campaignDailyCapRemaining === 0) return "for tomorrow: the campaign's daily cap is used for today";
  const soonest = (blockedBy: string) =>
    active
      .filter((mailbox) => mailbox.blockedBy === blockedBy && mailbox.nextSendAt)
      .map((mailbox) => mailbox.nextSendAt!)
      .sort()[0];
  const ready = active.filter((mailbox) => mailbox.blockedBy === null).length;
  if (ready > 0) return `for the next run (${counted(ready, 'mailbox', 'mailboxes')} can send now)`;
  const gap = soonest('gap');
  if (gap) return `for the mailboxes' minimum gap (the first can send again at ${gap})`;
  const limit = soonest('daily_limit');
  return limit
    ? `for tomorrow: today's limit is used on every mailbox (the first can send again at ${limit})`
    : 'for a mailbox that can send';
}
