import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Request signing between the n8n nodes and the Ophir control plane.
 *
 * Scheme v1 (the control plane verifies exactly this; see README "Signing"):
 *   X-Ophir-Timestamp: <unix seconds>
 *   X-Ophir-Signature: v1=<lowercase hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)>
 * rawBody is the exact byte string sent as the request body, or '' when there is none (GET).
 */
export const TIMESTAMP_HEADER = 'X-Ophir-Timestamp';
export const SIGNATURE_HEADER = 'X-Ophir-Signature';
export const SIGNATURE_VERSION = 'v1';

export function computeSignature(secret: string, timestamp: number, rawBody: string): string {
	const digest = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
	return `${SIGNATURE_VERSION}=${digest}`;
}

export function buildSignatureHeaders(
	secret: string,
	rawBody: string,
	nowMs: number = Date.now(),
): Record<string, string> {
	const timestamp = Math.floor(nowMs / 1000);
	return {
		[TIMESTAMP_HEADER]: String(timestamp),
		[SIGNATURE_HEADER]: computeSignature(secret, timestamp, rawBody),
	};
}

/**
 * Reference verifier: the same check the control plane performs. Kept here so the
 * scheme is tested from both sides and the README has code to point at.
 */
export function verifySignature(options: {
	secret: string;
	timestampHeader: string | undefined;
	signatureHeader: string | undefined;
	rawBody: string;
	nowMs?: number;
	toleranceSeconds?: number;
}): boolean {
	const { secret, timestampHeader, signatureHeader, rawBody } = options;
	const nowMs = options.nowMs ?? Date.now();
	const toleranceSeconds = options.toleranceSeconds ?? 300;
	if (!timestampHeader || !signatureHeader || !/^\d+$/.test(timestampHeader)) return false;
	const timestamp = Number(timestampHeader);
	if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) return false;
	const expected = Buffer.from(computeSignature(secret, timestamp, rawBody), 'utf8');
	const received = Buffer.from(signatureHeader, 'utf8');
	return expected.length === received.length && timingSafeEqual(expected, received);
}
