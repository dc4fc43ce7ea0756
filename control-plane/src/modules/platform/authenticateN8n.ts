import { systemClock } from '../../lib/clock.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { UnauthenticatedError } from '../../lib/errors.js';
import type { RequestWithRawBody } from '../../lib/http/jsonBody.js';
import { nonceHeader, signatureHeader, signatureToleranceSeconds, timestampHeader, verifySignature } from '../../lib/http/signature.js';
import type { AuthenticateN8n } from '../../lib/http/route.js';
import { CallbackNonces } from './callbackNonces.js';
import { callbackSigningSecretName, type PlatformSecrets } from './platformSecrets.js';

/**
 * Verifies that a callback was signed with the secret shared with our n8n credential, for this
 * method, path and body, and that its nonce was not used before.
 */
export function createN8nAuthenticator(deps: { prisma: PrismaClient; platformSecrets: PlatformSecrets }): AuthenticateN8n {
  const nonces = new CallbackNonces({ prisma: deps.prisma });
  return async (req) => {
    const secret = await deps.platformSecrets.getOrCreate(callbackSigningSecretName);
    // Freshness is about the wire, not business time: n8n signs with the real clock even when tests move ours.
    const now = systemClock.now();
    const check = verifySignature({
      secret,
      method: req.method,
      target: req.originalUrl,
      timestamp: req.get(timestampHeader),
      nonce: req.get(nonceHeader),
      signature: req.get(signatureHeader),
      rawBody: (req as RequestWithRawBody).rawBody?.toString('utf8') ?? '',
      now,
    });
    if (!check.ok) throw new UnauthenticatedError(check.reason);
    // Kept one second past the last instant the timestamp check accepts it, so pruning never frees a nonce still replayable.
    const expiresAt = new Date((check.timestamp + signatureToleranceSeconds + 1) * 1000);
    if (!(await nonces.recordFirstUse(check.nonce, expiresAt, now))) {
      throw new UnauthenticatedError('This signed request was already received (replayed nonce); sign every request afresh');
    }
    return { kind: 'n8n' };
  };
}
