import { randomUUID } from 'node:crypto';
import express, { Router, type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Config } from './lib/config.js';
import type { Clock } from './lib/clock.js';
import { SecretBox } from './lib/crypto.js';
import type { PrismaClient } from './lib/db/prisma.js';
import { redactRequestLog, type Logger } from './lib/logger.js';
import { createMetrics, type Metrics } from './lib/metrics.js';
import { buildOpenApiDocument, createOpenApiRegistry } from './lib/http/openapi.js';
import { jsonBody } from './lib/http/jsonBody.js';
import { problemHandler, routeNotFound } from './lib/http/problem.js';
import { securityHeaders } from './lib/http/securityHeaders.js';
import { builtWebAppDir, webAppRouter } from './lib/http/webApp.js';
import { requestTimeout } from './lib/http/requestTimeout.js';
import { mountRoutes, type AnyRoute } from './lib/http/route.js';
import { AccessTokens } from './modules/auth/accessTokens.js';
import { AuthService } from './modules/auth/auth.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { SessionCookie } from './modules/auth/sessionCookie.js';
import { createAuthenticator } from './modules/auth/authenticate.js';
import { createLoginThrottle } from './modules/auth/loginThrottle.js';
import { createPasswordHasher } from './modules/auth/passwords.js';
import { RefreshTokens } from './modules/auth/refreshTokens.js';
import { mountHealthRoutes } from './modules/health/health.routes.js';
import { Readiness } from './modules/health/readiness.js';
import type { ImportUpkeep } from './modules/leads/import/importUpkeep.js';
import { campaignLeadSequences } from './modules/campaigns/leadSequences.js';
import { leadsModule } from './modules/leads/leadsModule.js';
import { mailboxModule } from './modules/mailboxes/mailboxModule.js';
import { createN8nAuthenticator } from './modules/platform/authenticateN8n.js';
import { platformRoutes } from './modules/platform/platform.routes.js';
import { PlatformSecrets } from './modules/platform/platformSecrets.js';
import { ApiKeysService } from './modules/organizations/apiKeys.service.js';
import { InvitationsService } from './modules/organizations/invitations.service.js';
import { organizationRoutes } from './modules/organizations/organizations.routes.js';
import { campaignRoutes } from './modules/campaigns/campaigns.routes.js';
import { CampaignsService } from './modules/campaigns/campaigns.service.js';
import { campaignDefinitionRoutes } from './modules/campaigns/campaignDefinition.routes.js';
import { DeploymentService } from './modules/deployments/deployment.service.js';
import { deploymentRoutes } from './modules/deployments/deployments.routes.js';
import { N8nConnection } from './modules/deployments/n8nConnection.js';
import { Reconciler } from './modules/deployments/reconciler.js';
import { campaignClaimAges } from './modules/sending/campaignSends/claimHeartbeat.js';
import { TrackingLinks, trackingLinkSecretName } from './modules/campaigns/messages/trackingLinks.js';
import { trackingModule } from './modules/tracking/trackingModule.js';
import { inboxModule } from './modules/inbox/inboxModule.js';
import { outcomesModule } from './modules/outcomes/outcomesModule.js';
import { sendingModule } from './modules/sending/sendingModule.js';
import { statsModule } from './modules/stats/statsModule.js';
import { inboxWatchResultsBodyLimit, inboxWatchResultsPath } from './modules/inbox/inbox.routes.js';

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
  metrics: Metrics;
  readiness: Readiness;
  openApiDocument: ReturnType<typeof buildOpenApiDocument>;
}

const requestIdPattern = /^[\w.-]{1,128}$/;

/** Assembles the HTTP app from the domain modules. Nothing here listens or touches the environment. */
export function createApp(deps: AppDeps): App {
  const { config, prisma, logger, clock } = deps;
  const secrets = new SecretBox(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID);
  const passwords = createPasswordHasher({ memoryKib: config.PASSWORD_HASH_MEMORY_KIB });
  const accessTokens = new AccessTokens(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS, clock);
  const refreshTokens = new RefreshTokens(prisma, clock, config.REFRESH_TOKEN_TTL_DAYS);
  const auth = new AuthService({ prisma, passwords, accessTokens, refreshTokens });
  const authenticate = createAuthenticator({ prisma, accessTokens, clock });
  const platformSecrets = new PlatformSecrets({ prisma, secrets });
  const authenticateN8n = createN8nAuthenticator({ prisma, platformSecrets });
  const loginThrottle = createLoginThrottle({ prisma, clock, config });

  const metrics = createMetrics({ campaignClaimAges: () => campaignClaimAges(prisma) });
  const n8n = new N8nConnection({
    baseUrl: config.N8N_URL,
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
  const reconciler = new Reconciler({ prisma, deployments, logger, metrics, maxPassAgeSeconds: config.READINESS_RECONCILE_MAX_AGE_SECONDS });
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
  const links = new TrackingLinks({
    publicUrl: config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`,
    secret: () => platformSecrets.getOrCreate(trackingLinkSecretName),
  });

  const leads = leadsModule({ config, prisma, clock, logger, sequences: campaignLeadSequences });
  const outcomes = outcomesModule({ config, prisma, clock, suppressions: leads.suppressions });

  const sessionCookie = new SessionCookie({ publicUrl: config.PUBLIC_URL });
  const routes: AnyRoute[] = [
    ...authRoutes({ auth, loginThrottle, sessionCookie }),
    ...organizationRoutes({
      invitations: new InvitationsService({ prisma, clock, passwords, auth }),
      apiKeys: new ApiKeysService({ clock }),
      clock,
      sessionCookie,
    }),
    ...platformRoutes({ clock }),
    ...campaignRoutes({ campaigns: new CampaignsService({ deployments, clock, pollMinutes: config.N8N_POLL_MINUTES }) }),
    ...campaignDefinitionRoutes({ clock, links }),
    ...deploymentRoutes({ deployments, connection: n8n }),
    ...sendingModule({ config, prisma, clock, logger, links, claimDuration: metrics.claimDuration }).routes,
    ...leads.routes,
    ...mailboxModule({ config, prisma, secrets, clock, logger, watchInboxesNow: (organizationId) => deployments.tickInboxWatcher(organizationId) }).routes,
    ...outcomes.routes,
    ...trackingModule({ config, prisma, clock, logger, links, outcomes: outcomes.leadOutcomes }).routes,
    ...statsModule({ config, clock, logger }).routes,
    ...inboxModule({ prisma, clock, links, logger, deployments, inbound: outcomes.inbound }).routes,
  ];

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders({ publicUrl: config.PUBLIC_URL }));
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(requestTimeout({ seconds: config.REQUEST_TIMEOUT_SECONDS, uploadSeconds: config.UPLOAD_REQUEST_TIMEOUT_SECONDS }));
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      serializers: { req: redactRequestLog },
    }),
  );
  app.use(metrics.httpMiddleware);
  // A larger limit for the inbox-watch results route alone; a body read there is not read again below.
  app.use(inboxWatchResultsPath, jsonBody(inboxWatchResultsBodyLimit));
  app.use(jsonBody('1mb'));

  const router = Router();
  mountHealthRoutes(router, { readiness, metrics, metricsToken: config.METRICS_TOKEN });
  const registry = createOpenApiRegistry();
  mountRoutes({ router, registry, routes, authenticate, authenticateN8n });
  const openApiDocument = buildOpenApiDocument(registry, '0.1.0');
  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use(router);
  app.use(webAppRouter({ dir: deps.webAppDir ?? builtWebAppDir }));
  app.use(routeNotFound);
  app.use(problemHandler(logger));
  return { express: app, routes, secrets, platformSecrets, n8n, deployments, reconciler, leadImportUpkeep: leads.importUpkeep, metrics, readiness, openApiDocument };
}
