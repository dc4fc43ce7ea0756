import type { PrismaClient } from '../../../lib/db/prisma.js';
import { nextSendingInstant } from './sendingWindow.js';

type Sql = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/** The code the Business Hours Gate defers a send with when it is outside the lead's window. */
export const outsideWindowCode = 'outside_window';

/**
 * Sends the Business Hours Gate deferred to the next window are due again when that window opens; the
 * window depends on the campaign's schedule and zone and on the lead's timezone. After any of those
 * changes (or the campaign's state), their due time is recomputed here, inside the caller's
 * transaction: the opening is computed once per campaign and lead timezone, and all of that
 * campaign's (or lead's, or the organization's) deferred sends, with their enrolments, move in one statement. A send whose
 * window is open now is due now. Other deferrals (a mailbox's gap, a provider's rate limit) keep
 * their time: the schedule has nothing to do with them.
 */
export async function recomputeWindowDeferrals(
  sql: Sql,
  scope: { organizationId: string; now: Date; campaignId?: string; leadId?: string },
): Promise<number> {
  const { organizationId, now } = scope;
  const campaignId = scope.campaignId ?? null;
  const leadId = scope.leadId ?? null;
  const groups = await sql.$queryRaw<Array<{ campaignId: string; timezone: string; schedule: unknown; leadTimezone: string | null }>>`
    SELECT DISTINCT c.id AS "campaignId", c.timezone, c.schedule, l.timezone AS "leadTimezone"
    FROM messages m JOIN campaigns c ON c.id = m."campaignId" JOIN leads l ON l.id = m."leadId"
    WHERE m."organizationId" = ${organizationId}::uuid AND m.status = 'deferred' AND m."deferCode" = ${outsideWindowCode}
      AND (${campaignId}::uuid IS NULL OR m."campaignId" = ${campaignId}::uuid)
      AND (${leadId}::uuid IS NULL OR m."leadId" = ${leadId}::uuid)`;
  const moves = groups.flatMap((group) => {
    const due = nextSendingInstant(group, group.leadTimezone, now);
    return due ? [{ ...group, due }] : [];
  });
  if (moves.length === 0) return 0;
  return sql.$executeRaw`
    WITH moved AS (
      UPDATE messages AS m SET "dueAt" = u.due, "updatedAt" = ${now}
      FROM unnest(${moves.map((move) => move.campaignId)}::uuid[], ${moves.map((move) => move.leadTimezone)}::text[],
                  ${moves.map((move) => move.due)}::timestamptz[]) AS u(campaign_id, lead_timezone, due),
           leads AS l
      WHERE m."organizationId" = ${organizationId}::uuid AND m.status = 'deferred' AND m."deferCode" = ${outsideWindowCode}
        AND m."campaignId" = u.campaign_id AND l.id = m."leadId" AND l.timezone IS NOT DISTINCT FROM u.lead_timezone
        AND (${leadId}::uuid IS NULL OR m."leadId" = ${leadId}::uuid)
      RETURNING m."enrollmentId", m."dueAt")
    UPDATE enrollments AS e SET "nextDueAt" = moved."dueAt", "updatedAt" = ${now}
    FROM moved WHERE e.id = moved."enrollmentId" AND e."organizationId" = ${organizationId}::uuid`;
}
