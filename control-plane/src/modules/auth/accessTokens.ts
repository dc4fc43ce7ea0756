import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { UnauthenticatedError } from '../../lib/errors.js';
import type { Clock } from '../../lib/clock.js';
import { LruCache } from '../../lib/lruCache.js';

export interface AccessTokenClaims {
  userId: string;
  organizationId: string;
}

const issuer = 'ophir-control-plane';
const audience = 'ophir-api';
/** Tokens remembered as verified: about 300 bytes each, so at most a few MB; a token forgotten is verified again. */
const verifiedTokensKept = 10_000;

/**
 * Short-lived HS256 JWTs. The role is not in the token: it is read from the membership on each request.
 *
 * A token verified once is remembered by its exact text until it expires (`verifiedTokens`): its
 * signature and claims cannot change, and nothing revokes an access token before its expiry (sign-out
 * and a new password revoke refresh tokens), so the answer for that text stays the same until `exp`,
 * which is checked again against the clock on every use. What can change, the membership and its role,
 * is not cached (authenticate.ts). This spares each request of a session jose's work: importing the key
 * into Web Crypto and an HMAC that Web Crypto runs on libuv's thread pool, on every call (jose 6 goes
 * through Web Crypto whatever form the key takes), two more waits in the event loop per request.
 */
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly verifiedTokens = new LruCache<string, AccessTokenClaims & { expiresAtMs: number }>({ maxEntries: verifiedTokensKept });

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ org: claims.organizationId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const verified = this.verifiedTokens.get(token);
    if (verified) {
      // jose's rule: expired once `exp` is not after the current second.
      if (this.clock.now().getTime() >= verified.expiresAtMs) {
        this.verifiedTokens.delete(token);
        throw new UnauthenticatedError('The access token has expired');
      }
      return { userId: verified.userId, organizationId: verified.organizationId };
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer,
        audience,
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      if (typeof payload.sub !== 'string' || typeof payload.org !== 'string') throw new UnauthenticatedError('Malformed access token');
      const claims = { userId: payload.sub, organizationId: payload.org };
      // Only a token that expires is remembered, and no longer than it is valid.
      if (typeof payload.exp === 'number') this.verifiedTokens.set(token, { ...claims, expiresAtMs: payload.exp * 1000 });
      return claims;
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The access token has expired');
      throw new UnauthenticatedError('The access token is not valid');
    }
  }
}
