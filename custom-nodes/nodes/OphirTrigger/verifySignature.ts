import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's timestamp may be from now, either way (Standard Webhooks' default). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Checks a Standard Webhooks signature: `webhook-signature` holds one or more `v1,<base64>` (two during a
 * secret rotation), each an HMAC-SHA256 under the base64 key after `whsec_` of `<id>.<timestamp>.<body>`.
 * Returns why it is refused, or undefined when one signature matches and the timestamp is recent.
 */
export function refuseSignature(
	secret: string,
	headers: { id?: string; timestamp?: string; signature?: string },
	rawBody: string,
	nowSeconds: number,
): string | undefined {
	const { id, timestamp, signature } = headers;
	if (!id || !timestamp || !signature) return 'missing webhook-id, webhook-timestamp or webhook-signature';
	const sentAt = Number(timestamp);
	if (!Number.isInteger(sentAt) || Math.abs(nowSeconds - sentAt) > SIGNATURE_TOLERANCE_SECONDS) return 'timestamp outside the tolerance';
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest();
	const matches = signature.split(' ').some((entry) => {
		const [version, value] = entry.split(',');
		if (version !== 'v1' || !value) return false;
		const given = Buffer.from(value, 'base64');
		return given.length === expected.length && timingSafeEqual(given, expected);
	});
	return matches ? undefined : 'no signature matches the secret';
}
