import { createHmac } from 'node:crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { OphirControlPlaneApi } from '../credentials/OphirControlPlaneApi.credentials';
import { buildSignatureHeaders, computeSignature, verifySignature } from '../nodes/shared/signing';

const secret = 'test-secret';

/** The README's test vector; the control plane's signature test asserts the same value. */
const vector = {
	method: 'POST',
	target: '/api/internal/n8n/events',
	timestamp: 1700000000,
	nonce: 'n0nce-0123456789abcdef',
	rawBody: '{"a":1}',
};
const vectorSignature = 'v2=5496747a59ca2b5d9351b6c8e7b05a8837c9addc6e6f068e4adf13a06ee9846d';

describe('request signing (v2)', () => {
	it('is hex HMAC-SHA256 over the lines v2, METHOD, target, timestamp, nonce and rawBody, prefixed v2=', () => {
		const lines = ['v2', 'POST', '/api/internal/n8n/events', '1700000000', 'n0nce-0123456789abcdef', '{"a":1}'].join('\n');
		expect(`v2=${createHmac('sha256', secret).update(lines).digest('hex')}`).toBe(vectorSignature);
		expect(computeSignature(secret, vector)).toBe(vectorSignature);
	});

	it('sends unix seconds and a fresh nonce, and verifies on the receiving side', () => {
		const nowMs = 1_700_000_000_500;
		const request = { method: 'POST', target: '/api/internal/n8n/events', rawBody: 'body' };
		const headers = buildSignatureHeaders(secret, request, nowMs);
		expect(headers['X-Ophir-Timestamp']).toBe('1700000000');
		expect(headers['X-Ophir-Nonce']).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(buildSignatureHeaders(secret, request, nowMs)['X-Ophir-Nonce']).not.toBe(headers['X-Ophir-Nonce']);
		const check = (overrides: Partial<Parameters<typeof verifySignature>[0]>) =>
			verifySignature({
				secret,
				...request,
				timestampHeader: headers['X-Ophir-Timestamp'],
				nonceHeader: headers['X-Ophir-Nonce'],
				signatureHeader: headers['X-Ophir-Signature'],
				nowMs,
				...overrides,
			});
		expect(check({})).toBe(true);
		expect(check({ rawBody: 'body ' })).toBe(false);
		expect(check({ method: 'GET' })).toBe(false);
		expect(check({ target: '/api/internal/n8n/claims' })).toBe(false);
		expect(check({ target: '/api/internal/n8n/events?x=1' })).toBe(false);
		expect(check({ nonceHeader: 'another-nonce-0123456789' })).toBe(false);
		expect(check({ nonceHeader: undefined })).toBe(false);
		expect(check({ secret: 'other' })).toBe(false);
		expect(check({ nowMs: nowMs + 301_000 })).toBe(false);
		expect(check({ timestampHeader: '1700000001' })).toBe(false);
		expect(check({ signatureHeader: undefined })).toBe(false);
	});
});

function signatureHeadersOf(signed: IHttpRequestOptions) {
	const headers = signed.headers as Record<string, string>;
	return {
		timestampHeader: headers['X-Ophir-Timestamp'],
		nonceHeader: headers['X-Ophir-Nonce'],
		signatureHeader: headers['X-Ophir-Signature'],
	};
}

describe('OphirControlPlaneApi credential', () => {
	const credential = new OphirControlPlaneApi();
	const credentials = { baseUrl: 'http://127.0.0.1:3000/', signingSecret: secret };

	it('signs a GET with an empty body and sets the base URL', async () => {
		const signed = await credential.authenticate(credentials, { url: '/api/internal/n8n/ping', method: 'GET' });
		expect(signed.baseURL).toBe('http://127.0.0.1:3000');
		expect(verifySignature({ secret, method: 'GET', target: '/api/internal/n8n/ping', rawBody: '', ...signatureHeadersOf(signed) })).toBe(
			true,
		);
	});

	it('signs exactly the body string it sends, serialising objects once', async () => {
		const signed = await credential.authenticate(credentials, {
			url: '/api/internal/n8n/events',
			method: 'POST',
			body: { results: [{ sendId: 's' }] },
		});
		expect(signed.body).toBe('{"results":[{"sendId":"s"}]}');
		expect(
			verifySignature({
				secret,
				method: 'POST',
				target: '/api/internal/n8n/events',
				rawBody: signed.body as string,
				...signatureHeadersOf(signed),
			}),
		).toBe(true);
	});

	it('signs the query it writes into the URL, so the signed target is the one sent', async () => {
		const signed = await credential.authenticate(credentials, { url: '/api/internal/n8n/ping', method: 'GET', qs: { probe: 'a b' } });
		expect(signed.url).toBe('/api/internal/n8n/ping?probe=a+b');
		expect(signed.qs).toBeUndefined();
		expect(
			verifySignature({ secret, method: 'GET', target: '/api/internal/n8n/ping?probe=a+b', rawBody: '', ...signatureHeadersOf(signed) }),
		).toBe(true);
	});

	it('declares a credential test against the ping endpoint', () => {
		expect(credential.test.request.url).toBe('/api/internal/n8n/ping');
		expect(credential.properties.find((p) => p.name === 'signingSecret')?.typeOptions?.password).toBe(true);
	});
});
