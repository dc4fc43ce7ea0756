import type { Clock } from '../../lib/clock.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { AuthService } from '../auth/auth.service.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { SessionCookie } from '../auth/sessionCookie.js';
import { ApiKeysService } from './apiKeys.service.js';
import { InvitationsService } from './invitations.service.js';
import { organizationRoutes } from './organizations.routes.js';

/** The organization, its members, invitations, API keys and audit log. */
export function organizationsModule(deps: {
  prisma: PrismaClient;
  clock: Clock;
  passwords: PasswordHasher;
  auth: AuthService;
  sessionCookie: SessionCookie;
}): {
  routes: AnyRoute[];
} {
  const { prisma, clock, passwords, auth, sessionCookie } = deps;
  return {
    routes: organizationRoutes({
      invitations: new InvitationsService({ prisma, clock, passwords, auth }),
      apiKeys: new ApiKeysService({ clock }),
      clock,
      sessionCookie,
    }),
  };
}
