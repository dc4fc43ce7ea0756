import { constantTimeEqual, hmacSha256Hex } from '../crypto.js';

export const timestampHeader = 'x-ophir-timestamp';
export const signatureHeader = 'x-ophir-signature';
/** How far a signed request's timestamp may be from our clock, in seconds. */
export const signatureToleranceSeconds = 300;

/** `v1=` + hex HMAC-SHA256 over `${timestamp}.${rawBody}` (the scheme custom-nodes/README.md documents). */
export function signPayload(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${hmacSha256Hex(secret, `${timestamp}.${rawBody}`)}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifySignature(options: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  now: Date;
}): SignatureCheck {
  const { secret, timestamp, signature, rawBody, now } = options;
  if (!timestamp || !signature) return { ok: false, reason: `Send the ${timestampHeader} and ${signatureHeader} headers` };
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds)) return { ok: false, reason: `${timestampHeader} must be unix seconds` };
  if (Math.abs(now.getTime() / 1000 - seconds) > signatureToleranceSeconds) {
    return { ok: false, reason: 'The signature timestamp is too far from the server clock' };
  }
  const expected = signPayload(secret, seconds, rawBody);
  // Several signatures may be sent during a secret rotation, comma separated.
  const matches = signature.split(',').some((candidate) => constantTimeEqual(candidate.trim(), expected));
  return matches ? { ok: true } : { ok: false, reason: 'The signature does not match' };
}
