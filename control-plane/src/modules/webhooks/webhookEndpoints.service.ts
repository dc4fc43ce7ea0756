import { randomUUID } from 'node:crypto';
import type { WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/crypto.js';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';
import { recordWebhookTestEvent, type WebhookEventType, type webhookTestEventType } from '../../lib/webhooks/webhookOutbox.js';
import { recordAudit } from '../organizations/audit.js';
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './webhooks.schemas.js';
import { newWebhookSecret, sealWebhookSecret } from './webhookSecrets.js';
import { webhookDestination, WebhookTargetRefused } from './webhookTarget.js';

export function toWebhookEndpoint(row: WebhookEndpoint) {
  const status = !row.enabled ? 'disabled' : row.failingSince ? 'failing' : 'active';
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as WebhookEventType[],
    campaignId: row.campaignId,
    enabled: row.enabled,
    status,
    warning: !row.enabled
      ? (row.disabledReason ?? 'Disabled: nothing is delivered until it is enabled again')
      : row.failingSince
        ? `Every delivery has failed since ${row.failingSince.toISOString()}; after 24 hours of failures it is disabled`
        : null,
    failingSince: row.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  } as const;
}

type DeliveryRow = WebhookDelivery & {
  event: { type: string };
  log: Array<{
    attempt: number;
    attemptedAt: Date;
    statusCode: number | null;
    latencyMs: number;
    responseBody: string | null;
    error: string | null;
  }>;
};

function toDelivery(row: DeliveryRow) {
  return {
    id: row.id,
    webhookId: row.eventId,
    eventType: row.event.type as WebhookEventType | typeof webhookTestEventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    log: row.log.map((entry) => ({ ...entry, attemptedAt: entry.attemptedAt.toISOString() })),
  };
}

/** An organization's webhook subscriptions, their secrets, delivery log and settings (admin). */
export class WebhookEndpointsService {
  constructor(
    private readonly deps: { clock: Clock; secrets: SecretBox; denyPrivate: boolean; resolve?: (host: string) => Promise<string[]> },
  ) {}

  /** Each endpoint with its latest attempt and the failed attempts since its last success: what an admin checks first. */
  async list(auth: AuthContext) {
    const rows = await auth.db.webhookEndpoint.findMany({ orderBy: { createdAt: 'asc' } });
    return Promise.all(
      rows.map(async (row) => {
        const [last, failedAttempts] = await Promise.all([
          auth.db.webhookAttempt.findFirst({
            where: { delivery: { endpointId: row.id } },
            orderBy: { attemptedAt: 'desc' },
            select: { attemptedAt: true, statusCode: true, error: true },
          }),
          row.failingSince
            ? auth.db.webhookAttempt.count({ where: { delivery: { endpointId: row.id }, attemptedAt: { gte: row.failingSince } } })
            : 0,
        ]);
        const lastAttempt = last && {
          attemptedAt: last.attemptedAt.toISOString(),
          statusCode: last.statusCode,
          succeeded: last.statusCode !== null && last.statusCode >= 200 && last.statusCode < 300,
          error: last.error,
        };
        return { ...toWebhookEndpoint(row), lastAttempt, failedAttempts };
      }),
    );
  }

  async get(auth: AuthContext, endpointId: string) {
    return toWebhookEndpoint(await this.find(auth, endpointId));
  }

  /** The secret is returned this once; it is kept encrypted, for signing. */
  async create(auth: AuthContext, input: CreateWebhookEndpointInput) {
    await this.checkTarget(auth, input.url);
    await this.checkCampaign(auth, input.campaignId);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const sealed = sealWebhookSecret(this.deps.secrets, id, secret);
    const row = await auth.db.webhookEndpoint.create({
      data: {
        id,
        organizationId: auth.organizationId,
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        campaignId: input.campaignId,
        secretCiphertext: sealed.ciphertext,
        secretKeyId: sealed.keyId,
      },
    });
    await recordAudit(auth, {
      action: 'webhook_endpoint.created',
      targetType: 'webhook_endpoint',
      targetId: id,
      data: { url: input.url, eventTypes: input.eventTypes },
    });
    return { ...toWebhookEndpoint(row), secret };
  }

  async update(auth: AuthContext, endpointId: string, input: UpdateWebhookEndpointInput) {
    const current = await this.find(auth, endpointId);
    if (input.url !== undefined) await this.checkTarget(auth, input.url);
    if (input.campaignId) await this.checkCampaign(auth, input.campaignId);
    const reenabled = input.enabled === true && !current.enabled;
    const disabled = input.enabled === false && current.enabled;
    const row = await auth.db.$transaction(async (tx) => {
      const updated = await tx.webhookEndpoint.update({
        where: { id: endpointId },
        data: {
          ...input,
          ...(reenabled ? { failingSince: null, disabledReason: null } : {}),
          ...(disabled ? { disabledReason: 'Disabled by a person' } : {}),
        },
      });
      // A disabled endpoint gets nothing: what it still had to receive fails (and can be redelivered by hand).
      if (disabled) await tx.webhookDelivery.updateMany({ where: { endpointId, status: 'pending' }, data: { status: 'failed' } });
      return updated;
    });
    await recordAudit(auth, {
      action: 'webhook_endpoint.updated',
      targetType: 'webhook_endpoint',
      targetId: endpointId,
      data: { changes: Object.keys(input) },
    });
    return toWebhookEndpoint(row);
  }

  async remove(auth: AuthContext, endpointId: string): Promise<void> {
    const removed = await auth.db.webhookEndpoint.deleteMany({ where: { id: endpointId } });
    if (removed.count === 0) throw new NotFoundError('Webhook endpoint');
    await recordAudit(auth, { action: 'webhook_endpoint.deleted', targetType: 'webhook_endpoint', targetId: endpointId });
  }

  /** A new secret, returned once; the previous one keeps signing beside it for `overlapHours`. */
  async rotateSecret(auth: AuthContext, endpointId: string, overlapHours: number) {
    const current = await this.find(auth, endpointId);
    const secret = newWebhookSecret();
    const sealed = sealWebhookSecret(this.deps.secrets, endpointId, secret);
    const overlapEnds = new Date(this.deps.clock.now().getTime() + overlapHours * 3_600_000);
    const row = await auth.db.webhookEndpoint.update({
      where: { id: endpointId },
      data: {
        secretCiphertext: sealed.ciphertext,
        secretKeyId: sealed.keyId,
        previousSecretCiphertext: overlapHours > 0 ? current.secretCiphertext : null,
        previousSecretKeyId: overlapHours > 0 ? current.secretKeyId : null,
        previousSecretExpiresAt: overlapHours > 0 ? overlapEnds : null,
      },
    });
    await recordAudit(auth, {
      action: 'webhook_endpoint.secret_rotated',
      targetType: 'webhook_endpoint',
      targetId: endpointId,
      data: { overlapHours },
    });
    return { ...toWebhookEndpoint(row), secret };
  }

  async deliveries(auth: AuthContext, endpointId: string, query: { status?: 'pending' | 'delivered' | 'failed'; limit: number }) {
    await this.find(auth, endpointId);
    const rows = await auth.db.webhookDelivery.findMany({
      where: { endpointId, ...(query.status ? { status: query.status } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit,
      include: {
        event: { select: { type: true } },
        log: {
          orderBy: { attemptedAt: 'asc' },
          select: { attempt: true, attemptedAt: true, statusCode: true, latencyMs: true, responseBody: true, error: true },
        },
      },
    });
    return rows.map(toDelivery);
  }

  /** Sends the endpoint a `webhook.test` event through the outbox, now, whatever it subscribes to. */
  async sendTest(auth: AuthContext, endpointId: string): Promise<{ deliveryId: string }> {
    const endpoint = await this.find(auth, endpointId);
    if (!endpoint.enabled) throw new AppError('invalid_state', 'The endpoint is disabled: enable it before sending a test');
    const deliveryId = await recordWebhookTestEvent(auth.db, auth.organizationId, endpointId, this.deps.clock.now());
    if (!deliveryId) throw new NotFoundError('Webhook endpoint');
    await recordAudit(auth, { action: 'webhook_endpoint.test_sent', targetType: 'webhook_endpoint', targetId: endpointId });
    return { deliveryId };
  }

  /** Tries a delivery again now, with the same webhook-id (its receiver can tell it is the same event). */
  async redeliver(auth: AuthContext, deliveryId: string): Promise<void> {
    const delivery = await auth.db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
    if (!delivery) throw new NotFoundError('Webhook delivery');
    if (!delivery.endpoint.enabled) throw new AppError('invalid_state', 'The endpoint is disabled: enable it before redelivering');
    await auth.db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'pending', nextAttemptAt: this.deps.clock.now() } });
    await recordAudit(auth, { action: 'webhook_delivery.redelivered', targetType: 'webhook_delivery', targetId: deliveryId });
  }

  async settings(auth: AuthContext) {
    const row = await auth.db.webhookSettings.findUnique({ where: { organizationId: auth.organizationId } });
    return { allowHttp: row?.allowHttp ?? false };
  }

  async updateSettings(auth: AuthContext, input: { allowHttp: boolean }) {
    await auth.db.webhookSettings.upsert({
      where: { organizationId: auth.organizationId },
      create: { organizationId: auth.organizationId, allowHttp: input.allowHttp },
      update: { allowHttp: input.allowHttp },
    });
    await recordAudit(auth, { action: 'webhook_settings.updated', targetType: 'organization', targetId: auth.organizationId, data: input });
    return input;
  }

  private async find(auth: AuthContext, endpointId: string): Promise<WebhookEndpoint> {
    const row = await auth.db.webhookEndpoint.findUnique({ where: { id: endpointId } });
    if (!row) throw new NotFoundError('Webhook endpoint');
    return row;
  }

  private async checkTarget(auth: AuthContext, url: string): Promise<void> {
    const { allowHttp } = await this.settings(auth);
    try {
      await webhookDestination(new URL(url), {
        allowHttp,
        denyPrivate: this.deps.denyPrivate,
        ...(this.deps.resolve ? { resolve: this.deps.resolve } : {}),
      });
    } catch (error) {
      if (error instanceof WebhookTargetRefused) throw new ValidationError([{ path: 'url', message: error.message }]);
      throw error;
    }
  }

  private async checkCampaign(auth: AuthContext, campaignId: string | null): Promise<void> {
    if (!campaignId) return;
    const campaign = await auth.db.campaign.findUnique({ where: { id: campaignId }, select: { id: true } });
    if (!campaign) throw new ValidationError([{ path: 'campaignId', message: 'No campaign of your organization has this id' }]);
  }
}
