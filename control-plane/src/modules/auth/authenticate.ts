import type { Request } from 'express';
import type { Role } from '../../generated/prisma/enums.js';
import { preparedQuery, type PrismaClient } from '../../lib/db/prisma.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/crypto.js';
import { UnauthenticatedError } from '../../lib/errors.js';
import type { AuthContext, Authenticate } from '../../lib/http/route.js';
import type { AccessTokens } from './accessTokens.js';

export const apiKeyPrefix = 'ophir_';

const lastUsedResolutionMs = 60_000;

/** Resolves `Authorization: Bearer <access token | API key>` to an organization-scoped context. */
export function createAuthenticator(deps: { prisma: PrismaClient; accessTokens: AccessTokens; clock: Clock }): Authenticate {
  const { prisma, accessTokens, clock } = deps;

  async function fromApiKey(key: string): Promise<AuthContext> {
    const apiKey = await prisma.apiKey.findUnique({ where: { keyHash: sha256Hex(key) } });
    const now = clock.now();
    if (!apiKey || apiKey.revokedAt || (apiKey.expiresAt && apiKey.expiresAt <= now)) {
      throw new UnauthenticatedError('The API key is not valid', 'invalid_credentials');
    }
    if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > lastUsedResolutionMs) {
      await prisma.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: now } });
    }
    return { organizationId: apiKey.organizationId, role: apiKey.role, apiKeyId: apiKey.id, db: scopedDb(prisma, apiKey.organizationId) };
  }

  // Read on every request, never cached: a member removed or demoted a moment ago acts no more.
  async function fromAccessToken(token: string): Promise<AuthContext> {
    const claims = await accessTokens.verify(token);
    const [membership] = await preparedQuery<{ role: Role }>(
      prisma,
      'auth_membership_role',
      'SELECT role::text AS role FROM memberships WHERE "organizationId" = $1::uuid AND "userId" = $2::uuid',
      [claims.organizationId, claims.userId],
    );
    if (!membership) throw new UnauthenticatedError('You are no longer a member of this organization');
    return {
      organizationId: claims.organizationId,
      role: membership.role,
      userId: claims.userId,
      db: scopedDb(prisma, claims.organizationId),
    };
  }

  return async (req: Request) => {
    const header = req.get('authorization');
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) throw new UnauthenticatedError('Send an access token or API key as "Authorization: Bearer <token>"');
    const token = match[1];
    return token.startsWith(apiKeyPrefix) ? fromApiKey(token) : fromAccessToken(token);
  };
}
