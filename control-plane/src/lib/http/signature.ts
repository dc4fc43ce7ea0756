import { constantTimeEqual, hmacSha256Hex } from '../crypto.js';

export const timestampHeader = 'x-ophir-timestamp';
export const nonceHeader = 'x-ophir-nonce';
export const signatureHeader = 'x-ophir-signature';
/** How far a signed request's timestamp may be from our clock, in seconds. */
export const signatureToleranceSeconds = 300;
const signatureVersion = 'v2';
/** Random per request (the nodes send 22 base64url characters); bounded so the nonce store stays small. */
const noncePattern = /^[A-Za-z0-9_-]{16,128}$/;

/** What a signature covers: the whole request, so a captured one is valid for nothing else. */
export interface SignedRequest {
  method: string;
  /** Path and query exactly as on the request line (`req.originalUrl`). */
  target: string;
  timestamp: number;
  nonce: string;
  rawBody: string;
}

/**
 * `v2=` + hex HMAC-SHA256 over the lines `v2`, METHOD, target, timestamp, nonce, then the raw body
 * (the scheme custom-nodes/README.md documents). None of the signed header values can hold a newline, so
 * the lines cannot be shifted into one another.
 */
export function signRequest(secret: string, request: SignedRequest): string {
  const { method, target, timestamp, nonce, rawBody } = request;
  return `${signatureVersion}=${hmacSha256Hex(secret, [signatureVersion, method.toUpperCase(), target, timestamp, nonce, rawBody].join('\n'))}`;
}

export type SignatureCheck = { ok: true; nonce: string; timestamp: number } | { ok: false; reason: string };

export function verifySignature(options: {
  secret: string;
  method: string;
  target: string;
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  rawBody: string;
  now: Date;
}): SignatureCheck {
  const { secret, method, target, timestamp, nonce, signature, rawBody, now } = options;
  if (!timestamp || !nonce || !signature) {
    return { ok: false, reason: `Send the ${timestampHeader}, ${nonceHeader} and ${signatureHeader} headers (signature scheme v2)` };
  }
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds)) return { ok: false, reason: `${timestampHeader} must be unix seconds` };
  if (!noncePattern.test(nonce)) return { ok: false, reason: `${nonceHeader} must be 16 to 128 characters of A-Z, a-z, 0-9, - or _` };
  if (Math.abs(now.getTime() / 1000 - seconds) > signatureToleranceSeconds) {
    return { ok: false, reason: 'The signature timestamp is too far from the server clock' };
  }
  const candidates = signature.split(',').map((candidate) => candidate.trim());
  // v1 signed only the body: refusing it is the point of v2, so say why instead of "does not match".
  if (!candidates.some((candidate) => candidate.startsWith(`${signatureVersion}=`))) {
    return {
      ok: false,
      reason: 'Only signature scheme v2 is accepted; update the Ophir n8n nodes to the version shipped with this control plane',
    };
  }
  const expected = signRequest(secret, { method, target, timestamp: seconds, nonce, rawBody });
  // Several signatures may be sent during a secret rotation, comma separated.
  const matches = candidates.some((candidate) => constantTimeEqual(candidate, expected));
  return matches ? { ok: true, nonce, timestamp: seconds } : { ok: false, reason: 'The signature does not match' };
}
