import type { Role } from '../../generated/prisma/enums.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { hasRole, type AuthContext } from '../../lib/http/route.js';
import { apiKeyPrefix } from '../auth/authenticate.js';
import { recordAudit } from './audit.js';

type ApiKeyRow = { id: string; name: string; prefix: string; role: Role; lastUsedAt: Date | null; expiresAt: Date | null; createdAt: Date };

function toApiKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export class ApiKeysService {
  constructor(private readonly deps: { clock: Clock }) {}

  /** The key is returned once and only its SHA-256 is kept (it has 256 bits of entropy, so a slow hash buys nothing). */
  async create(auth: AuthContext, input: { name: string; role: Role; expiresAt?: string }) {
    if (!hasRole(auth.role, input.role)) throw new ForbiddenError('An API key cannot have more rights than its creator');
    const key = `${apiKeyPrefix}${randomToken(32)}`;
    const row = await auth.db.apiKey.create({
      data: {
        organizationId: auth.organizationId,
        name: input.name,
        prefix: key.slice(0, apiKeyPrefix.length + 6),
        keyHash: sha256Hex(key),
        role: input.role,
        createdById: auth.userId ?? auth.apiKeyId ?? auth.organizationId,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      },
    });
    await recordAudit(auth, {
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: row.id,
      data: { name: input.name, role: input.role },
    });
    return { ...toApiKey(row), key };
  }

  async list(auth: AuthContext) {
    const rows = await auth.db.apiKey.findMany({ where: { revokedAt: null }, orderBy: { createdAt: 'desc' } });
    return rows.map(toApiKey);
  }

  async revoke(auth: AuthContext, apiKeyId: string): Promise<void> {
    const revoked = await auth.db.apiKey.updateMany({
      where: { id: apiKeyId, revokedAt: null },
      data: { revokedAt: this.deps.clock.now() },
    });
    if (revoked.count === 0) throw new NotFoundError('API key');
    await recordAudit(auth, { action: 'api_key.revoked', targetType: 'api_key', targetId: apiKeyId });
  }
}
