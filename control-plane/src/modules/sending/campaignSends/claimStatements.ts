import { pendingMessageStatuses } from '../../campaigns/messageStates.js';

// The campaign claim's statements, prepared once per connection (docs/performance.md, "Claims at scale").
// Raw SQL is outside the tenant scope: each names the organization, which the campaign's own row decides
// (n8n is platform-level). Instants go in as ISO text and come back as timestamptz: the columns are UTC
// timestamps without a zone, and node-postgres would read those in the process's zone.

const at = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;
// A campaign send is in flight while it has a send_leases row; its message stays pending meanwhile. The
// campaign's leases are read once into a hash (NOT IN over the campaign's index range) rather than looked
// up once per due row: the lookups were a third of the lock statement (messageId is never null, so NOT
// IN means NOT EXISTS here).
const campaignDue = (statuses: string) => `
  q."organizationId" = c."organizationId" AND q."campaignId" = c.id AND q.status = ANY(${statuses}::"MessageStatus"[]) AND q."dueAt" <= c.now
  AND q.id NOT IN (SELECT l."messageId" FROM send_leases l WHERE l."campaignId" = c.id)`;

/**
 * Before any transaction: the campaign, whether its claim has anything to do (a lease to return, or a
 * due send and an active mailbox to take it) and its active mailboxes, one row each (or one row of
 * nulls). An idle campaign's claim ends here, its heartbeat recorded by the same statement.
 * $1 campaign, $2 now, $3 the pending statuses.
 */
export const claimProbe = {
  name: 'claim_probe',
  values: (campaignId: string, now: Date) => [campaignId, now.toISOString(), pendingMessageStatuses],
  text: `
    WITH c AS (
      SELECT id, "organizationId", status, "dailyCap", timezone, schedule, "trackOpens", "trackClicks", ${at('$2')} AS now
      FROM campaigns WHERE id = $1::uuid
    ), pool AS (
      SELECT mb.id, mb."organizationId", mb.provider, mb.email, mb."displayName", mb.status, mb."dailyCap", mb."rampEnabled",
        mb."rampStart", mb."rampStep", mb."rampStartedAt" AT TIME ZONE 'UTC' AS "rampStartedAt", mb."minGapSeconds",
        mb."gapJitterSeconds", mb.timezone, mb."healthScore", mb.weight, mb."lastSentAt" AT TIME ZONE 'UTC' AS "lastSentAt"
      FROM c
      JOIN campaign_mailboxes cm ON cm."organizationId" = c."organizationId" AND cm."campaignId" = c.id
      JOIN mailboxes mb ON mb."organizationId" = c."organizationId" AND mb.id = cm."mailboxId" AND mb.status = 'active'
      WHERE c.status = 'active'
    ), work AS (
      SELECT
        c.status = 'active' AND EXISTS (SELECT 1 FROM send_leases l WHERE l."campaignId" = c.id AND l."leaseExpiresAt" < c.now)
          AS "leasesExpired",
        EXISTS (SELECT 1 FROM pool) AND EXISTS (SELECT 1 FROM messages q WHERE ${campaignDue('$3')}) AS "sendsDue"
      FROM c
    ), heartbeat AS (
      UPDATE campaigns SET "lastClaimAt" = now()
      WHERE id = $1::uuid AND NOT (SELECT "leasesExpired" OR "sendsDue" FROM work)
    )
    SELECT c.id, c."organizationId", c.status, c."dailyCap", c.timezone, c.schedule, c."trackOpens", c."trackClicks",
      work."leasesExpired", work."sendsDue", to_json(pool) AS mailbox
    FROM c CROSS JOIN work LEFT JOIN pool ON TRUE
    ORDER BY pool.id`,
};

/**
 * Returns to the queue the campaign's sends whose lease ended without a result: the lease goes, the
 * message keeps the attempt and is flagged "may have been sent"; its mailbox is chosen again (the one
 * that held it may be out of quota). A send cancelled while in flight keeps its lease's end on its row,
 * so a late `sent` is still recorded (sendResultRule.ts). Leases are taken in id order, skipping one
 * whose result is being applied right now, as the results path locks leases before messages.
 * $1 organization, $2 campaign, $3 now.
 */
export const returnExpiredCampaignLeases = {
  name: 'claim_return_expired_leases',
  text: `
    WITH expired AS (
      SELECT "messageId" FROM send_leases
      WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid AND "leaseExpiresAt" < ${at('$3')}
      ORDER BY "messageId" FOR UPDATE SKIP LOCKED
    ), returned AS (
      DELETE FROM send_leases l USING expired WHERE l."messageId" = expired."messageId"
      RETURNING l."messageId", l.attempt, l."leaseExpiresAt"
    )
    UPDATE messages AS q
    SET attempt = r.attempt, "mayHaveBeenSent" = true, "updatedAt" = ${at('$3')},
        "leaseExpiresAt" = CASE WHEN q.status = 'cancelled' THEN r."leaseExpiresAt" END
    FROM returned r WHERE q.id = r."messageId" AND q."organizationId" = $1::uuid`,
};

/**
 * Locks the campaign's due sends not in flight, oldest due first, with FOR UPDATE SKIP LOCKED (a claim
 * never waits for another), then, only when some are due, the pool's mailboxes in id order, so
 * concurrent claims on shared mailboxes serialise; SKIP LOCKED never waits, so taking the sends first
 * cannot deadlock with another claim. In the same statement, what assigning and rendering each send
 * needs: its enrolment and lead, its variant, whether its step exists and threads (steps are counted
 * by position, as the sequence numbers them) and, for a follow-up, what its thread sent before it.
 * Capacity is counted by the next statement, whose snapshot sees what the claim that held the
 * mailboxes reserved. A send another claim leased after this statement's snapshot can still be locked
 * here (that claim only locked its row, so nothing is rechecked): the lease's primary key refuses it.
 * Lead and variant come as plain columns: a JSON object per row costs a JSON.parse per row. The steps
 * are numbered once (MATERIALIZED), not once per send. Enrolments are found through (campaignId, leadId),
 * where one campaign's are neighbours, rather than by id, which scatters them over the whole index: a
 * third as long for 500 of them at 1,000,000 enrolments. A variant's texts come once, on its first send in
 * the batch's order (the others carry only its id): a body is written once per variant, not once per send.
 * Flags come as booleans ("t" and "f" are strings node-postgres makes without allocating), not as text;
 * "poolLocked", always true, is what makes PostgreSQL run the pool's lock (a CTE runs only when read).
 * $1 organization, $2 campaign, $3 now, $4 the pending statuses, $5 batch size, $6 the pool's ids.
 */
export const lockDueCampaignSends = {
  name: 'claim_lock_due_sends',
  text: `
    WITH c AS (SELECT $1::uuid AS "organizationId", $2::uuid AS id, ${at('$3')} AS now),
    due AS (
      SELECT q.id, q."dueAt", q.attempt, q."stepPosition", q."mayHaveBeenSent", q."enrollmentId", q."leadId", q."variantId"
      FROM c, messages AS q WHERE ${campaignDue('$4')}
      ORDER BY q."dueAt", q.id LIMIT $5 FOR UPDATE OF q SKIP LOCKED
    ), pool AS (
      SELECT id FROM mailboxes WHERE "organizationId" = $1::uuid AND id = ANY($6::uuid[]) ORDER BY id FOR UPDATE
    ), steps AS MATERIALIZED (
      SELECT "threadWithFirst", (row_number() OVER (ORDER BY position) - 1)::int AS idx
      FROM sequence_steps WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid
    )
    SELECT m.id, m.attempt, m."stepPosition", m."mayHaveBeenSent", m."enrollmentId", l.id AS "leadId",
      e.state = 'active' AS "enrollmentActive", e."firstMessageId", e."threadId", e."mailboxId" AS "enrollmentMailboxId",
      l.email, l."firstName", l."lastName", l.company, l.title, l.website, l.city, l.country, l."customFields",
      l.timezone AS "leadTimezone", l.status AS "leadStatus",
      m."variantId", v.id IS NOT NULL AS "variantExists",
      CASE WHEN first_of_variant THEN v.subject END AS subject,
      CASE WHEN first_of_variant THEN v."bodyText" END AS "bodyText",
      CASE WHEN first_of_variant THEN v."bodyHtml" END AS "bodyHtml",
      s."threadWithFirst",
      CASE WHEN m."stepPosition" > 0 THEN (
        SELECT coalesce(json_agg(json_build_object('messageIdHeader', p."messageIdHeader", 'subject', p.subject) ORDER BY p."stepPosition"), '[]')
        FROM messages p WHERE p."organizationId" = $1::uuid AND p."enrollmentId" = m."enrollmentId" AND p.status = 'sent'
          AND p."stepPosition" < m."stepPosition"
      ) END AS "sentBefore",
      (SELECT count(*) FROM pool) >= 0 AS "poolLocked"
    FROM (
      SELECT *, row_number() OVER (PARTITION BY "variantId" ORDER BY "dueAt", id) = 1 AS first_of_variant FROM due
    ) AS m
    JOIN enrollments e ON e."organizationId" = $1::uuid AND e."campaignId" = $2::uuid AND e."leadId" = m."leadId" AND e.id = m."enrollmentId"
    JOIN leads l ON l."organizationId" = $1::uuid AND l.id = e."leadId"
    LEFT JOIN step_variants v ON v."organizationId" = $1::uuid AND v.id = m."variantId"
    LEFT JOIN steps s ON s.idx = m."stepPosition"
    ORDER BY m."dueAt", m.id`,
};

/**
 * Cancels sends whose step or enrolment no longer exists. $1 organization, $2 sends, $3 reason, $4 now.
 */
export const cancelSends = {
  name: 'claim_cancel_sends',
  text: `
    UPDATE messages SET status = 'cancelled', "lastError" = $3, "updatedAt" = ${at('$4')}
    WHERE "organizationId" = $1::uuid AND id = ANY($2::uuid[])`,
};

/**
 * Leases the batch in one statement, into send_leases: updating hundreds of messages rows dominated
 * the claim time. A send another claim leased first is left out (ON CONFLICT): only the returned ones
 * are handed out. The campaign's heartbeat goes in the same statement, committed with the leases, so
 * whoever waits for a run never sees the heartbeat without its leases (runOutcome.ts). The sends come
 * as one JSON array (LeasedSend): one JSON.stringify instead of four array parameters escaped element
 * by element.
 * $1 organization, $2 campaign, $3 the sends as JSON, $4 lease end, $5 now.
 */
export const leaseSends = {
  name: 'claim_lease_sends',
  text: `
    WITH leased AS (
      INSERT INTO send_leases ("messageId", "organizationId", "campaignId", "mailboxId", attempt, subject, "leaseExpiresAt", "createdAt")
      SELECT c."messageId", $1::uuid, $2::uuid, c."mailboxId", c.attempt, c.subject, ${at('$4')}, ${at('$5')}
      FROM json_to_recordset($3::json) AS c("messageId" uuid, attempt int, "mailboxId" uuid, subject text)
      ON CONFLICT ("messageId") DO NOTHING
      RETURNING "messageId"
    ), heartbeat AS (
      UPDATE campaigns SET "lastClaimAt" = now() WHERE id = $2::uuid
    )
    SELECT "messageId" AS id FROM leased`,
};

/** One send of leaseSends' JSON array. */
export interface LeasedSend {
  messageId: string;
  attempt: number;
  mailboxId: string;
  subject: string;
}
