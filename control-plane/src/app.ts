import express, { Router, type Express } from 'express';
import type { Config } from './lib/config.js';
import type { Clock } from './lib/clock.js';
import { SecretBox } from './lib/crypto.js';
import type { PrismaClient } from './lib/db/prisma.js';
import type { Logger } from './lib/logger.js';
import { createMetrics, type Metrics } from './lib/metrics.js';
import { buildOpenApiDocument, createOpenApiRegistry } from './lib/http/openapi.js';
import { accessLog } from './lib/http/accessLog.js';
import { jsonBody } from './lib/http/jsonBody.js';
import { problemHandler, routeNotFound } from './lib/http/problem.js';
import { securityHeaders } from './lib/http/securityHeaders.js';
import { builtWebAppDir, webAppRouter } from './lib/http/webApp.js';
import { requestTimeout } from './lib/http/requestTimeout.js';
import { mountRoutes, type AnyRoute } from './lib/http/route.js';
import { mountHealthRoutes } from './modules/health/health.routes.js';
import { Readiness } from './modules/health/readiness.js';
import type { ImportUpkeep } from './modules/leads/import/importUpkeep.js';
import { authModule } from './modules/auth/authModule.js';
import { campaignLeadSequences } from './modules/campaigns/leadSequences.js';
import { campaignsModule } from './modules/campaigns/campaignsModule.js';
import { deploymentsModule } from './modules/deployments/deploymentsModule.js';
import { organizationsModule } from './modules/organizations/organizationsModule.js';
import { platformModule } from './modules/platform/platformModule.js';
import { leadsModule } from './modules/leads/leadsModule.js';
import { mailboxModule } from './modules/mailboxes/mailboxModule.js';
import { deliverabilityModule } from './modules/deliverability/deliverabilityModule.js';
import type { DeploymentService } from './modules/deployments/deployment.service.js';
import type { N8nConnection } from './modules/deployments/n8nConnection.js';
import type { Reconciler } from './modules/deployments/reconciler.js';
import type { PlatformSecrets } from './modules/platform/platformSecrets.js';
import { campaignClaimAges } from './modules/sending/campaignSends/claimHeartbeat.js';
import { trackingModule } from './modules/tracking/trackingModule.js';
import { inboxModule } from './modules/inbox/inboxModule.js';
import { outcomesModule } from './modules/outcomes/outcomesModule.js';
import { sendingModule } from './modules/sending/sendingModule.js';
import { warmupModule } from './modules/warmup/warmupModule.js';
import type { WarmupPlanner } from './modules/warmup/warmupPlanner.js';
import { statsModule } from './modules/stats/statsModule.js';
import { dashboardModule } from './modules/dashboard/dashboardModule.js';
import { webhooksModule } from './modules/webhooks/webhooksModule.js';
import type { WebhookDeliveries } from './modules/webhooks/webhookDelivery.js';
import type { DomainChecks } from './modules/deliverability/domainChecks.service.js';
import { inboxWatchResultsBodyLimit, inboxWatchResultsPath } from './modules/inbox/inbox.routes.js';
import { REQUEST_BODY_MAX_BYTES } from './lib/n8n/nodeContract.js';

export interface AppDeps {
  config: Config;
  prisma: PrismaClient;
  logger: Logger;
  clock: Clock;
  /** The built web app served at / (default: control-plane/web/dist). */
  webAppDir?: string;
}

export interface App {
  express: Express;
  routes: AnyRoute[];
  secrets: SecretBox;
  platformSecrets: PlatformSecrets;
  n8n: N8nConnection;
  deployments: DeploymentService;
  reconciler: Reconciler;
  leadImportUpkeep: ImportUpkeep;
  webhookDeliveries: WebhookDeliveries;
  domainChecks: DomainChecks;
  warmupPlanner: WarmupPlanner;
  metrics: Metrics;
  readiness: Readiness;
  openApiDocument: ReturnType<typeof buildOpenApiDocument>;
}

/** Assembles the HTTP app from the domain modules. Nothing here listens or touches the environment. */
export function createApp(deps: AppDeps): App {
  const { config, prisma, logger, clock } = deps;
  const secrets = new SecretBox(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID);
  const metrics = createMetrics({ campaignClaimAges: () => campaignClaimAges(prisma) });

  // Lower modules first: each takes what it needs from the ones before it (src/modules/*/README.md).
  const auth = authModule({ config, prisma, clock });
  const organizations = organizationsModule({
    prisma,
    clock,
    passwords: auth.passwords,
    auth: auth.auth,
    sessionCookie: auth.sessionCookie,
  });
  const platform = platformModule({ prisma, secrets, clock });
  const { platformSecrets } = platform;
  const deploymentsPart = deploymentsModule({ config, prisma, clock, logger, metrics, platformSecrets });
  const { n8n, deployments, reconciler } = deploymentsPart;
  const deliverability = deliverabilityModule({ config, prisma, clock });
  const mailboxes = mailboxModule({
    config,
    prisma,
    secrets,
    clock,
    logger,
    watchInboxesNow: (organizationId) => deployments.tickInboxWatcher(organizationId),
  });
  const leads = leadsModule({ config, prisma, clock, logger, sequences: campaignLeadSequences });
  const campaigns = campaignsModule({ config, clock, deployments, platformSecrets });
  const { links } = campaigns;
  const outcomes = outcomesModule({ config, prisma, clock, suppressions: leads.suppressions });
  const sending = sendingModule({ config, prisma, clock, logger, links, claimDuration: metrics.claimDuration });
  const warmup = warmupModule({ config, prisma, clock });
  const tracking = trackingModule({ config, prisma, clock, logger, links, outcomes: outcomes.leadOutcomes });
  const stats = statsModule({ config, clock, logger });
  const dashboard = dashboardModule({ config, clock });
  const inbox = inboxModule({ prisma, clock, links, logger, deployments, inbound: outcomes.inbound });
  const webhooks = webhooksModule({ config, prisma, clock, logger, secrets });
  const routes: AnyRoute[] = [
    auth,
    organizations,
    platform,
    campaigns,
    deploymentsPart,
    sending,
    warmup,
    leads,
    mailboxes,
    deliverability,
    outcomes,
    tracking,
    stats,
    inbox,
    webhooks,
    dashboard,
  ].flatMap((module) => module.routes);

  const readiness = new Readiness();
  readiness.register('database', () =>
    prisma.$queryRaw`SELECT 1`.then(
      () => ({ ok: true }) as const,
      () => ({ ok: false, detail: 'the database is not reachable' }) as const,
    ),
  );
  readiness.register('n8n', () => n8n.checkReachable());
  readiness.register('n8n_credential', () => n8n.checkCredential());
  readiness.register('reconciler', async () => reconciler.checkFreshness());

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders({ publicUrl: config.PUBLIC_URL }));
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(requestTimeout({ seconds: config.REQUEST_TIMEOUT_SECONDS, uploadSeconds: config.UPLOAD_REQUEST_TIMEOUT_SECONDS }));
  app.use(accessLog(logger, { quiet: (url) => url === '/healthz' || url === '/metrics' }));
  app.use(metrics.httpMiddleware);
  // A larger limit for the inbox-watch results route alone; a body read there is not read again below.
  app.use(inboxWatchResultsPath, jsonBody(inboxWatchResultsBodyLimit));
  app.use(jsonBody(REQUEST_BODY_MAX_BYTES));

  const router = Router();
  mountHealthRoutes(router, { readiness, metrics, metricsToken: config.METRICS_TOKEN });
  const registry = createOpenApiRegistry();
  mountRoutes({ router, registry, routes, authenticate: auth.authenticate, authenticateN8n: platform.authenticateN8n });
  const openApiDocument = buildOpenApiDocument(registry, '0.1.0');
  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use(router);
  app.use(webAppRouter({ dir: deps.webAppDir ?? builtWebAppDir }));
  app.use(routeNotFound);
  app.use(problemHandler(logger));
  return {
    express: app,
    routes,
    secrets,
    platformSecrets,
    n8n,
    deployments,
    reconciler,
    leadImportUpkeep: leads.importUpkeep,
    webhookDeliveries: webhooks.deliveries,
    domainChecks: deliverability.domainChecks,
    warmupPlanner: warmup.planner,
    metrics,
    readiness,
    openApiDocument,
  };
}
