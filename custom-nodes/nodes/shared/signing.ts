import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Request signing between the n8n nodes and the Ophir control plane.
 *
 * Scheme v2 (the control plane verifies exactly this and nothing older; see README "Signing"):
 *   X-Ophir-Timestamp: <unix seconds>
 *   X-Ophir-Nonce: <random per request, 16-128 of A-Z a-z 0-9 - _>
 *   X-Ophir-Signature: v2=<lowercase hex HMAC-SHA256(secret, lines)>
 * where lines = ['v2', METHOD, target, timestamp, nonce, rawBody].join('\n'); target is the path and
 * query as sent on the request line, rawBody the exact body string sent, or '' when there is none (GET).
 */
export const TIMESTAMP_HEADER = 'X-Ophir-Timestamp';
export const NONCE_HEADER = 'X-Ophir-Nonce';
export const SIGNATURE_HEADER = 'X-Ophir-Signature';
export const SIGNATURE_VERSION = 'v2';

/** What one signature covers. */
export interface SignedRequest {
	method: string;
	/** Path and query relative to the control plane's base URL, e.g. `/api/internal/n8n/ping`. */
	target: string;
	timestamp: number;
	nonce: string;
	rawBody: string;
}

export function computeSignature(secret: string, request: SignedRequest): string {
	const { method, target, timestamp, nonce, rawBody } = request;
	const lines = [SIGNATURE_VERSION, method.toUpperCase(), target, String(timestamp), nonce, rawBody].join('\n');
	return `${SIGNATURE_VERSION}=${createHmac('sha256', secret).update(lines, 'utf8').digest('hex')}`;
}

/** A fresh nonce: the control plane refuses a nonce it has seen, so every request needs its own. */
export function randomNonce(): string {
	return randomBytes(16).toString('base64url');
}

export function buildSignatureHeaders(
	secret: string,
	request: Pick<SignedRequest, 'method' | 'target' | 'rawBody'>,
	nowMs: number = Date.now(),
	nonce: string = randomNonce(),
): Record<string, string> {
	const timestamp = Math.floor(nowMs / 1000);
	return {
		[TIMESTAMP_HEADER]: String(timestamp),
		[NONCE_HEADER]: nonce,
		[SIGNATURE_HEADER]: computeSignature(secret, { ...request, timestamp, nonce }),
	};
}

/**
 * Reference verifier: the same check the control plane performs, minus its record of nonces
 * already seen (replays). Kept here so the scheme is tested from both sides and the README has code to point at.
 */
export function verifySignature(options: {
	secret: string;
	method: string;
	target: string;
	timestampHeader: string | undefined;
	nonceHeader: string | undefined;
	signatureHeader: string | undefined;
	rawBody: string;
	nowMs?: number;
	toleranceSeconds?: number;
}): boolean {
	const { secret, method, target, timestampHeader, nonceHeader, signatureHeader, rawBody } = options;
	const nowMs = options.nowMs ?? Date.now();
	const toleranceSeconds = options.toleranceSeconds ?? 300;
	if (!timestampHeader || !signatureHeader || !/^\d+$/.test(timestampHeader)) return false;
	if (!nonceHeader || !/^[A-Za-z0-9_-]{16,128}$/.test(nonceHeader)) return false;
	const timestamp = Number(timestampHeader);
	if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) return false;
	const expected = Buffer.from(computeSignature(secret, { method, target, timestamp, nonce: nonceHeader, rawBody }), 'utf8');
	const received = Buffer.from(signatureHeader, 'utf8');
	return expected.length === received.length && timingSafeEqual(expected, received);
}
