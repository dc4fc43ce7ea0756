import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { SecretBox } from '../../lib/crypto.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { Logger } from '../../lib/logger.js';
import { WebhookDeliveries } from './webhookDelivery.js';
import { WebhookEndpointsService } from './webhookEndpoints.service.js';
import { webhookRoutes } from './webhooks.routes.js';

/** Webhook subscriptions and the delivery of the outbox (started by the launcher, like the other periodic work). */
export function webhooksModule(deps: { config: Config; prisma: PrismaClient; clock: Clock; logger: Logger; secrets: SecretBox }): {
  routes: AnyRoute[];
  deliveries: WebhookDeliveries;
} {
  const { config, prisma, clock, logger, secrets } = deps;
  const denyPrivate = config.OUTBOUND_DENY_PRIVATE;
  return {
    routes: webhookRoutes(new WebhookEndpointsService({ clock, secrets, denyPrivate })),
    deliveries: new WebhookDeliveries({
      prisma,
      clock,
      logger,
      secrets,
      denyPrivate,
      timeoutMs: config.WEBHOOK_TIMEOUT_SECONDS * 1000,
      concurrency: config.WEBHOOK_CONCURRENCY,
      pollMs: config.WEBHOOK_POLL_MS,
      retention: { deliveredDays: config.WEBHOOK_RETAIN_DELIVERED_DAYS, failedDays: config.WEBHOOK_RETAIN_FAILED_DAYS },
    }),
  };
}
