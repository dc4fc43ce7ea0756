import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { Logger } from '../../lib/logger.js';
import type { Metrics } from '../../lib/metrics.js';
import type { PlatformSecrets } from '../platform/platformSecrets.js';
import { DeploymentService } from './deployment.service.js';
import { deploymentRoutes } from './deployments.routes.js';
import { N8nConnection } from './n8nConnection.js';
import { Reconciler } from './reconciler.js';

/** The workflows the control plane keeps in n8n: the one n8n connection, deployments and the reconciler. */
export function deploymentsModule(deps: {
  config: Config;
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  platformSecrets: PlatformSecrets;
}) {
  const { config, prisma, clock, logger, metrics, platformSecrets } = deps;
  const n8n = new N8nConnection({
    baseUrl: config.N8N_URL,
    editorBaseUrl: config.N8N_EDITOR_URL ?? config.N8N_URL,
    apiKey: config.N8N_API_KEY,
    callbackBaseUrl: config.N8N_CALLBACK_BASE_URL ?? `http://${config.HOST}:${config.PORT}`,
    platformSecrets,
  });
  const deployments = new DeploymentService({
    connection: n8n,
    clock,
    logger,
    pollMinutes: config.N8N_POLL_MINUTES,
    batchSize: config.N8N_CLAIM_BATCH_SIZE,
    nodeTypePrefix: config.N8N_NODE_TYPE_PREFIX,
  });
  const reconciler = new Reconciler({
    prisma,
    deployments,
    logger,
    metrics,
    maxPassAgeSeconds: config.READINESS_RECONCILE_MAX_AGE_SECONDS,
  });
  return { routes: deploymentRoutes({ deployments, connection: n8n }), n8n, deployments, reconciler };
}
