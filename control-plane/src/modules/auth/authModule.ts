import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import { AccessTokens } from './accessTokens.js';
import { authRoutes } from './auth.routes.js';
import { AuthService } from './auth.service.js';
import { createAuthenticator } from './authenticate.js';
import { createLoginThrottle } from './loginThrottle.js';
import { createPasswordHasher } from './passwords.js';
import { RefreshTokens } from './refreshTokens.js';
import { SessionCookie } from './sessionCookie.js';

/** Sign-in and sessions, and the authenticator every protected route goes through. */
export function authModule(deps: { config: Config; prisma: PrismaClient; clock: Clock }) {
  const { config, prisma, clock } = deps;
  const passwords = createPasswordHasher({ memoryKib: config.PASSWORD_HASH_MEMORY_KIB });
  const accessTokens = new AccessTokens(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS, clock);
  const auth = new AuthService({
    prisma,
    passwords,
    accessTokens,
    refreshTokens: new RefreshTokens(prisma, clock, config.REFRESH_TOKEN_TTL_DAYS),
  });
  const sessionCookie = new SessionCookie({ publicUrl: config.PUBLIC_URL });
  const routes: AnyRoute[] = authRoutes({ auth, loginThrottle: createLoginThrottle({ prisma, clock, config }), sessionCookie });
  return { routes, auth, passwords, sessionCookie, authenticate: createAuthenticator({ prisma, accessTokens, clock }) };
}
