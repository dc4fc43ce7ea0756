import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { UnauthenticatedError } from '../../lib/errors.js';

export interface RotatedRefreshToken {
  userId: string;
  organizationId: string;
  refreshToken: string;
  expiresAt: Date;
}

/**
 * Opaque refresh tokens, stored as SHA-256 hashes. Each use rotates the token within its family;
 * presenting a token that was already used means it leaked, so the whole family is revoked.
 */
export class RefreshTokens {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
    private readonly ttlDays: number,
  ) {}

  async issue(options: { userId: string; organizationId: string; familyId?: string }): Promise<{ refreshToken: string; expiresAt: Date }> {
    const refreshToken = randomToken(32);
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlDays * 86_400_000);
    await this.prisma.refreshToken.create({
      data: {
        userId: options.userId,
        organizationId: options.organizationId,
        familyId: options.familyId ?? randomUUID(),
        tokenHash: sha256Hex(refreshToken),
        expiresAt,
      },
    });
    return { refreshToken, expiresAt };
  }

  async rotate(presented: string): Promise<RotatedRefreshToken> {
    const now = this.clock.now();
    const stored = await this.prisma.refreshToken.findUnique({ where: { tokenHash: sha256Hex(presented) } });
    if (!stored) throw new UnauthenticatedError('The refresh token is not valid', 'invalid_credentials');
    if (stored.revokedAt) throw new UnauthenticatedError('The refresh token has been revoked', 'invalid_credentials');
    if (stored.expiresAt <= now) throw new UnauthenticatedError('The refresh token has expired', 'invalid_credentials');
    // Claim the token atomically: of two concurrent uses, only one wins; the loser is a reuse.
    const claimed = await this.prisma.refreshToken.updateMany({
      where: { id: stored.id, usedAt: null, revokedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count === 0) {
      await this.revokeFamily(stored.familyId);
      throw new UnauthenticatedError('The refresh token was already used; every session of this login has been signed out', 'token_reused');
    }
    const next = await this.issue({ userId: stored.userId, organizationId: stored.organizationId, familyId: stored.familyId });
    return { userId: stored.userId, organizationId: stored.organizationId, ...next };
  }

  /** Signs out the login the token belongs to. Unknown tokens are ignored: logout is idempotent. */
  async revokeByToken(presented: string): Promise<void> {
    const stored = await this.prisma.refreshToken.findUnique({ where: { tokenHash: sha256Hex(presented) } });
    if (stored) await this.revokeFamily(stored.familyId);
  }

  /** Signs the account out everywhere (a changed password ends the sessions the old one opened). */
  async revokeAllOf(userId: string): Promise<void> {
    await this.prisma.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: this.clock.now() } });
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.prisma.refreshToken.updateMany({
      where: { familyId, revokedAt: null },
      data: { revokedAt: this.clock.now() },
    });
  }
}
