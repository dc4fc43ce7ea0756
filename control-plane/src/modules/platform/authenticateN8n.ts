import type { Request } from 'express';
import { systemClock } from '../../lib/clock.js';
import { UnauthenticatedError } from '../../lib/errors.js';
import { signatureHeader, timestampHeader, verifySignature } from '../../lib/http/signature.js';
import type { AuthenticateN8n } from '../../lib/http/route.js';
import { callbackSigningSecretName, type PlatformSecrets } from './platformSecrets.js';

export type RequestWithRawBody = Request & { rawBody?: Buffer };

/** Verifies that a callback was signed with the secret shared with our n8n credential. */
export function createN8nAuthenticator(deps: { platformSecrets: PlatformSecrets }): AuthenticateN8n {
  return async (req) => {
    const secret = await deps.platformSecrets.getOrCreate(callbackSigningSecretName);
    const check = verifySignature({
      secret,
      timestamp: req.get(timestampHeader),
      signature: req.get(signatureHeader),
      rawBody: (req as RequestWithRawBody).rawBody?.toString('utf8') ?? '',
      // Freshness is about the wire, not business time: n8n signs with the real clock even when tests move ours.
      now: systemClock.now(),
    });
    if (!check.ok) throw new UnauthenticatedError(check.reason);
    return { kind: 'n8n' };
  };
}
