import type { WebhookEndpoint } from '../../generated/prisma/client.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/crypto.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import type { Logger } from '../../lib/logger.js';
import { recordAudit } from '../organizations/audit.js';
import { disableAfterFailingMs, nextAttemptAfter } from './retrySchedule.js';
import { postWebhook, type PostOutcome } from './webhookPost.js';
import { openWebhookSecret, signatureHeader } from './webhookSecrets.js';
import { webhookDestination, WebhookTargetRefused } from './webhookTarget.js';

export interface WebhookDeliveryOptions {
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  secrets: SecretBox;
  denyPrivate: boolean;
  /** One attempt's deadline: connect, send, read the answer. */
  timeoutMs: number;
  /** Attempts in flight at once, across endpoints. */
  concurrency: number;
  /** How often the outbox is read when it was empty. */
  pollMs: number;
  /** How long settled deliveries (with their attempts, and events left without deliveries) are kept before pruning. */
  retention: { deliveredDays: number; failedDays: number };
  resolve?: (host: string) => Promise<string[]>;
}

/** A claimed delivery with what its attempt needs: the event's payload, the endpoint, the organization's http setting. */
interface ClaimedDelivery {
  id: string;
  organizationId: string;
  eventId: string;
  attempts: number;
  payload: unknown;
  endpoint: Pick<
    WebhookEndpoint,
    | 'id'
    | 'url'
    | 'secretCiphertext'
    | 'secretKeyId'
    | 'previousSecretCiphertext'
    | 'previousSecretKeyId'
    | 'previousSecretExpiresAt'
    | 'failingSince'
  >;
  allowHttp: boolean;
}

type DeliveredRow = {
  organizationId: string;
  deliveryId: string;
  endpointId: string;
  attempt: number;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  responseBody: string | null;
};

/** A claimed attempt holds its delivery this long past its deadline; a process that died meanwhile leaves it due again. */
const claimGraceMs = 30_000;

/** Pruning deletes at most this many deliveries per statement, so it never holds many rows or a long transaction. */
const pruneBatchSize = 1000;
/** How often the running worker prunes what its retention no longer keeps. */
const pruneEveryMs = 3_600_000;
const dayMs = 86_400_000;

export function disabledReason(outcome: PostOutcome): string {
  const last = outcome.statusCode === null ? outcome.error : `the last attempt answered ${outcome.statusCode}`;
  return `Disabled after every delivery failed for 24 hours (${last})`;
}

/**
 * Delivers what the outbox holds, across organizations (the platform's job): claims due deliveries with
 * SKIP LOCKED, pushing each one's next attempt past the deadline before trying it (at-least-once: an
 * attempt cut short by a crash is tried again, with the same webhook-id), signs and POSTs, then logs the
 * attempt and settles the delivery: delivered on a 2xx, else due again on the retry schedule, failed after
 * the last try. An endpoint that failed for a day is disabled, audited, and its pending deliveries fail.
 */
export class WebhookDeliveries {
  private inFlight = 0;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly pending = new Set<Promise<void>>();
  private readonly deliveredQueue: Array<{ row: DeliveredRow; recorded: () => void; failed: (error: unknown) => void }> = [];
  private flushing = false;
  private claiming = false;
  private lastPrunedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: WebhookDeliveryOptions) {}

  /** Claims what is due now (up to `limit`) and waits for every attempt; how many were tried. */
  async runOnce(limit = this.deps.concurrency): Promise<number> {
    const claimed = await this.claim(limit);
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  /** Keeps `concurrency` attempts in flight while there is work; polls every `pollMs` when there is none. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await Promise.all(this.pending);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), delayMs);
    this.timer.unref();
  }

  private async pump(): Promise<void> {
    this.pruneWhenDue();
    const free = this.deps.concurrency - this.inFlight;
    // Refilled once half the slots are free, so a busy outbox is read in batches rather than one row at a time.
    if (!this.running || this.claiming || free < Math.max(1, this.deps.concurrency / 2)) return;
    let claimed: ClaimedDelivery[];
    this.claiming = true;
    try {
      claimed = await this.claim(free);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'webhook deliveries could not be claimed');
      this.schedule(this.deps.pollMs);
      return;
    } finally {
      this.claiming = false;
    }
    for (const delivery of claimed) {
      // A slot is held while the request is out; recording the outcome (batched) goes on beside the next claim.
      this.inFlight += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        this.schedule(0);
      };
      const attempt = this.attempt(delivery, release)
        .catch((error: unknown) => this.deps.logger.error({ err: error, deliveryId: delivery.id }, 'webhook attempt could not be recorded'))
        .finally(() => {
          release();
          this.pending.delete(attempt);
        });
      this.pending.add(attempt);
    }
    if (claimed.length === 0 && this.inFlight === 0) this.schedule(this.deps.pollMs);
    else if (claimed.length === free) this.schedule(0);
  }

  /**
   * Deletes, batch by batch, the deliveries the retention no longer keeps (delivered ones after `deliveredDays`,
   * failed ones after `failedDays`; pending ones never) with their attempts, and the events left without any
   * delivery (also those of removed endpoints). Replicas may prune at once: each batch skips rows another holds.
   * A settled delivery's `nextAttemptAt` is its last attempt's claim (the attempt's time plus its deadline),
   * indexed with its status, so that is the age compared. Stops early when `keepGoing` turns false.
   */
  async prune(keepGoing: () => boolean = () => true): Promise<{ deliveries: number; events: number; batches: number }> {
    const now = this.deps.clock.now().getTime();
    const deliveredBefore = new Date(now - this.deps.retention.deliveredDays * dayMs);
    const failedBefore = new Date(now - this.deps.retention.failedDays * dayMs);
    const pruned = { deliveries: 0, events: 0, batches: 0 };
    let batch: { deliveries: number; events: number } | undefined;
    do {
      [batch] = await this.deps.prisma.$queryRaw<Array<{ deliveries: number; events: number }>>`
        WITH doomed AS (
          SELECT id, "eventId" FROM webhook_deliveries
          WHERE (status = 'delivered' AND "nextAttemptAt" < ${deliveredBefore})
             OR (status = 'failed' AND "nextAttemptAt" < ${failedBefore})
          LIMIT ${pruneBatchSize}
          FOR UPDATE SKIP LOCKED
        ), gone AS (
          DELETE FROM webhook_deliveries d USING doomed WHERE d.id = doomed.id RETURNING d."eventId"
        ), emptied AS (
          DELETE FROM webhook_events ev
          WHERE ev.id IN (SELECT "eventId" FROM gone)
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d."eventId" = ev.id AND d.id NOT IN (SELECT id FROM doomed))
          RETURNING ev.id
        )
        SELECT (SELECT count(*) FROM gone)::int AS deliveries, (SELECT count(*) FROM emptied)::int AS events`;
      pruned.deliveries += batch?.deliveries ?? 0;
      pruned.events += batch?.events ?? 0;
      pruned.batches += 1;
    } while (batch?.deliveries === pruneBatchSize && keepGoing());
    // Events no delivery points at any more: their endpoint was removed, or two replicas pruned their deliveries at once.
    let orphans: number;
    do {
      orphans = await this.deps.prisma.$executeRaw`
        DELETE FROM webhook_events WHERE id IN (
          SELECT ev.id FROM webhook_events ev
          WHERE ev."createdAt" < ${deliveredBefore} AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d."eventId" = ev.id)
          LIMIT ${pruneBatchSize}
        )`;
      pruned.events += orphans;
      pruned.batches += 1;
    } while (orphans === pruneBatchSize && keepGoing());
    return pruned;
  }

  /** Prunes at most once every `pruneEveryMs`, beside the deliveries, while the worker runs. */
  private pruneWhenDue(): void {
    const now = this.deps.clock.now().getTime();
    if (!this.running || now - this.lastPrunedAt < pruneEveryMs) return;
    this.lastPrunedAt = now;
    const pruning: Promise<void> = this.prune(() => this.running)
      .then((pruned) => {
        if (pruned.deliveries + pruned.events > 0) this.deps.logger.info(pruned, 'old webhook deliveries pruned');
      })
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'old webhook deliveries could not be pruned'))
      .finally(() => this.pending.delete(pruning));
    this.pending.add(pruning);
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const now = this.deps.clock.now();
    const heldUntil = new Date(now.getTime() + this.deps.timeoutMs + claimGraceMs);
    const rows = await this.deps.prisma.$queryRaw<
      Array<Omit<ClaimedDelivery, 'endpoint'> & ClaimedDelivery['endpoint'] & { endpointId: string }>
    >`
      WITH due AS (
        SELECT d.id FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.id = d."endpointId" AND e.enabled
        WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${now}
        ORDER BY d."nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE OF d SKIP LOCKED
      )
      UPDATE webhook_deliveries d SET attempts = d.attempts + 1, "nextAttemptAt" = ${heldUntil}
      FROM due, webhook_events ev, webhook_endpoints e
      LEFT JOIN webhook_settings s ON s."organizationId" = e."organizationId"
      WHERE d.id = due.id AND ev.id = d."eventId" AND e.id = d."endpointId"
      RETURNING d.id, d."organizationId", d."eventId", d.attempts, ev.payload, d."endpointId", e.url,
        e."secretCiphertext", e."secretKeyId", e."previousSecretCiphertext", e."previousSecretKeyId", e."previousSecretExpiresAt",
        e."failingSince", COALESCE(s."allowHttp", false) AS "allowHttp"`;
    return rows.map(({ id, organizationId, eventId, attempts, payload, allowHttp, endpointId, ...endpoint }) => ({
      id,
      organizationId,
      eventId,
      attempts,
      payload,
      allowHttp,
      endpoint: { ...endpoint, id: endpointId },
    }));
  }

  private async attempt(delivery: ClaimedDelivery, sent?: () => void): Promise<void> {
    const attemptedAt = this.deps.clock.now();
    let outcome: PostOutcome;
    try {
      outcome = await this.send(delivery, JSON.stringify(delivery.payload), attemptedAt);
    } finally {
      sent?.();
    }
    await this.settle(delivery, outcome, attemptedAt);
  }

  private async send(delivery: ClaimedDelivery, body: string, at: Date): Promise<PostOutcome> {
    const { endpoint, eventId: webhookId, allowHttp } = delivery;
    const url = new URL(endpoint.url);
    let destination;
    try {
      destination = await webhookDestination(url, {
        allowHttp,
        denyPrivate: this.deps.denyPrivate,
        ...(this.deps.resolve ? { resolve: this.deps.resolve } : {}),
      });
    } catch (error) {
      if (!(error instanceof WebhookTargetRefused)) throw error;
      return { statusCode: null, latencyMs: 0, responseBody: null, error: error.message };
    }
    const timestamp = new Date(Math.floor(at.getTime() / 1000) * 1000);
    return postWebhook({
      url,
      destination,
      body,
      timeoutMs: this.deps.timeoutMs,
      headers: {
        'webhook-id': webhookId,
        'webhook-timestamp': String(timestamp.getTime() / 1000),
        'webhook-signature': signatureHeader(this.signingSecrets(endpoint, at), webhookId, timestamp, body),
      },
    });
  }

  /** The current secret, and during a rotation's overlap the previous one too. */
  private signingSecrets(endpoint: ClaimedDelivery['endpoint'], at: Date): string[] {
    const current = openWebhookSecret(this.deps.secrets, endpoint.id, {
      ciphertext: endpoint.secretCiphertext,
      keyId: endpoint.secretKeyId,
    });
    const overlapping =
      endpoint.previousSecretCiphertext &&
      endpoint.previousSecretKeyId &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > at;
    if (!overlapping) return [current];
    const previous = openWebhookSecret(this.deps.secrets, endpoint.id, {
      ciphertext: endpoint.previousSecretCiphertext!,
      keyId: endpoint.previousSecretKeyId!,
    });
    return [current, previous];
  }

  /** Successes are recorded together, in one statement per batch, since a busy endpoint answers many at once. */
  private recordDelivered(row: DeliveredRow): Promise<void> {
    return new Promise((recorded, failed) => {
      this.deliveredQueue.push({ row, recorded, failed });
      if (!this.flushing) void this.flushDelivered();
    });
  }

  private async flushDelivered(): Promise<void> {
    this.flushing = true;
    await new Promise((resolve) => setImmediate(resolve));
    while (this.deliveredQueue.length > 0) {
      const batch = this.deliveredQueue.splice(0);
      try {
        await this.deps.prisma.$executeRaw`
          WITH input AS (
            SELECT * FROM jsonb_to_recordset(${JSON.stringify(batch.map((entry) => entry.row))}::jsonb) AS r(
              "organizationId" uuid, "deliveryId" uuid, "endpointId" uuid, attempt int, "attemptedAt" timestamp,
              "statusCode" int, "latencyMs" int, "responseBody" text)
          ), logged AS (
            INSERT INTO webhook_attempts (id, "organizationId", "deliveryId", attempt, "attemptedAt", "statusCode", "latencyMs", "responseBody")
            SELECT gen_random_uuid(), "organizationId", "deliveryId", attempt, "attemptedAt", "statusCode", "latencyMs", "responseBody" FROM input
          ), recovered AS (
            UPDATE webhook_endpoints e SET "failingSince" = NULL
            FROM input WHERE e.id = input."endpointId" AND e."failingSince" IS NOT NULL
          )
          UPDATE webhook_deliveries d SET status = 'delivered', "deliveredAt" = input."attemptedAt"
          FROM input WHERE d.id = input."deliveryId"`;
        for (const entry of batch) entry.recorded();
      } catch (error) {
        for (const entry of batch) entry.failed(error);
      }
    }
    this.flushing = false;
  }

  private async settle(delivery: ClaimedDelivery, outcome: PostOutcome, at: Date): Promise<void> {
    const { prisma } = this.deps;
    const { endpoint } = delivery;
    const delivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const logged = {
      organizationId: delivery.organizationId,
      deliveryId: delivery.id,
      attempt: delivery.attempts,
      attemptedAt: at,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      responseBody: outcome.responseBody,
      error: outcome.error,
    };
    if (delivered) {
      await this.recordDelivered({ ...logged, endpointId: endpoint.id });
      return;
    }
    const next = nextAttemptAfter(delivery.attempts, at);
    await prisma.$transaction(async (tx) => {
      await tx.webhookAttempt.create({ data: logged });
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: next ? { nextAttemptAt: next } : { status: 'failed' },
      });
      const [failing] = await tx.$queryRaw<Array<{ failingSince: Date; enabled: boolean }>>`
        UPDATE webhook_endpoints SET "failingSince" = COALESCE("failingSince", ${at})
        WHERE id = ${endpoint.id}::uuid RETURNING "failingSince", enabled`;
      if (!failing?.enabled || at.getTime() - failing.failingSince.getTime() < disableAfterFailingMs) return;
      const reason = disabledReason(outcome);
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false, disabledReason: reason } });
      await tx.webhookDelivery.updateMany({ where: { endpointId: endpoint.id, status: 'pending' }, data: { status: 'failed' } });
      // The system acts here, not a user: the entry carries no actor.
      await recordAudit(
        { organizationId: delivery.organizationId, role: 'admin', db: tx as unknown as ScopedDb },
        { action: 'webhook_endpoint.disabled', targetType: 'webhook_endpoint', targetId: endpoint.id, data: { reason, url: endpoint.url } },
      );
      this.deps.logger.warn(
        { organizationId: delivery.organizationId, endpointId: endpoint.id },
        'webhook endpoint disabled after a day of failures',
      );
    });
  }
}
