import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { SecretBox } from '../../lib/crypto.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { Logger } from '../../lib/logger.js';
import { healthPolicy } from './health/healthSweep.js';
import { mailboxN8nRoutes } from './mailboxes.n8n.routes.js';
import { mailboxUserRoutes } from './mailboxes.routes.js';
import { MailboxesService } from './mailboxes.service.js';
import { GoogleOAuth } from './oauth/googleOAuth.js';
import { MailboxConnect } from './oauth/mailboxConnect.js';
import { MicrosoftOAuth } from './oauth/microsoftOAuth.js';
import { SandboxInbox, type WatchInboxesNow } from './sandbox/sandboxInbox.js';
import { TokenBroker } from './tokenBroker.js';

/** Builds the mailbox module from config: OAuth providers, the token broker, the sandbox inbox, and its routes. */
export function mailboxModule(deps: {
  config: Config;
  prisma: PrismaClient;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  watchInboxesNow: WatchInboxesNow;
}): { routes: AnyRoute[] } {
  const { config, prisma, secrets, clock, logger, watchInboxesNow } = deps;
  const publicUrl = (config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, '');
  const callbackUrls = { gmail: `${publicUrl}/api/oauth2/google/callback`, outlook: `${publicUrl}/api/oauth2/microsoft/callback` };
  const providers = { gmail: new GoogleOAuth(config, callbackUrls.gmail), outlook: new MicrosoftOAuth(config, callbackUrls.outlook) };
  const broker = new TokenBroker({ prisma, secrets, clock, logger, providers });
  const connect = new MailboxConnect({ prisma, secrets, clock, logger, providers, callbackUrls, appUrl: config.APP_URL ?? publicUrl });
  const mailboxes = new MailboxesService({
    secrets,
    clock,
    broker,
    healthPolicy: healthPolicy(config),
    outbound: { denyPrivate: config.OUTBOUND_DENY_PRIVATE },
  });
  const sandboxInbox = new SandboxInbox({ prisma, clock, pollMinutes: config.N8N_POLL_MINUTES, watchInboxesNow });
  return {
    routes: [...mailboxUserRoutes({ mailboxes, connect, sandboxInbox }), ...mailboxN8nRoutes({ prisma, secrets, broker, sandboxInbox })],
  };
}
