import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { OphirControlPlaneApi } from '../credentials/OphirControlPlaneApi.credentials';
import { buildSignatureHeaders, computeSignature, verifySignature } from '../nodes/shared/signing';

const secret = 'test-secret';

describe('request signing (v1)', () => {
	it('is hex HMAC-SHA256 over "<timestamp>.<rawBody>", prefixed v1=', () => {
		const expected = createHmac('sha256', secret).update('1700000000.{"a":1}').digest('hex');
		expect(computeSignature(secret, 1700000000, '{"a":1}')).toBe(`v1=${expected}`);
	});

	it('sends unix seconds and verifies on the receiving side', () => {
		const nowMs = 1_700_000_000_500;
		const headers = buildSignatureHeaders(secret, 'body', nowMs);
		expect(headers['X-Ophir-Timestamp']).toBe('1700000000');
		const check = (overrides: Partial<Parameters<typeof verifySignature>[0]>) =>
			verifySignature({
				secret,
				timestampHeader: headers['X-Ophir-Timestamp'],
				signatureHeader: headers['X-Ophir-Signature'],
				rawBody: 'body',
				nowMs,
				...overrides,
			});
		expect(check({})).toBe(true);
		expect(check({ rawBody: 'body ' })).toBe(false);
		expect(check({ secret: 'other' })).toBe(false);
		expect(check({ nowMs: nowMs + 301_000 })).toBe(false);
		expect(check({ timestampHeader: '1700000001' })).toBe(false);
		expect(check({ signatureHeader: undefined })).toBe(false);
	});
});

describe('OphirControlPlaneApi credential', () => {
	const credential = new OphirControlPlaneApi();
	const credentials = { baseUrl: 'http://127.0.0.1:3000/', signingSecret: secret };

	it('signs a GET with an empty body and sets the base URL', async () => {
		const signed = await credential.authenticate(credentials, { url: '/api/internal/n8n/ping', method: 'GET' });
		expect(signed.baseURL).toBe('http://127.0.0.1:3000');
		const headers = signed.headers as Record<string, string>;
		expect(
			verifySignature({
				secret,
				timestampHeader: headers['X-Ophir-Timestamp'],
				signatureHeader: headers['X-Ophir-Signature'],
				rawBody: '',
			}),
		).toBe(true);
	});

	it('signs exactly the body string it sends, serialising objects once', async () => {
		const signed = await credential.authenticate(credentials, {
			url: '/api/internal/n8n/events',
			method: 'POST',
			body: { results: [{ sendId: 's' }] },
		});
		expect(signed.body).toBe('{"results":[{"sendId":"s"}]}');
		const headers = signed.headers as Record<string, string>;
		expect(
			verifySignature({
				secret,
				timestampHeader: headers['X-Ophir-Timestamp'],
				signatureHeader: headers['X-Ophir-Signature'],
				rawBody: signed.body as string,
			}),
		).toBe(true);
	});

	it('declares a credential test against the ping endpoint', () => {
		expect(credential.test.request.url).toBe('/api/internal/n8n/ping');
		expect(credential.properties.find((p) => p.name === 'signingSecret')?.typeOptions?.password).toBe(true);
	});
});
