import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/crypto.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { createN8nAuthenticator } from './authenticateN8n.js';
import { platformRoutes } from './platform.routes.js';
import { PlatformSecrets } from './platformSecrets.js';

/** The platform's own secrets and the check every signed n8n callback passes. */
export function platformModule(deps: { prisma: PrismaClient; secrets: SecretBox; clock: Clock }) {
  const { prisma, secrets, clock } = deps;
  const platformSecrets = new PlatformSecrets({ prisma, secrets });
  return { routes: platformRoutes({ clock }), platformSecrets, authenticateN8n: createN8nAuthenticator({ prisma, platformSecrets }) };
}
