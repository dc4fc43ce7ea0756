import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { SendEmail } from '../nodes/SendEmail/SendEmail.node';
import { assignedItem } from './fixtures';
import { jsonOf, runNode, type HttpHandler } from './harness';

const node = new SendEmail();
const credentials = { baseUrl: 'https://cp.invalid', signingSecret: 'unit-secret' };
const token = 'ya29.UNIT-TOKEN';

/** No network: the broker and Gmail are answered in memory by URL. */
function stub(gmailAnswer: (request: IHttpRequestOptions) => unknown): HttpHandler {
	return async (request) => {
		if (request.url.endsWith('/access-token')) {
			return { statusCode: 200, headers: {}, body: { accessToken: token, expiresAt: '2999-01-01T00:00:00Z' } };
		}
		return gmailAnswer(request);
	};
}

const resultWith = async (gmailAnswer: (request: IHttpRequestOptions) => unknown, item: IDataObject = assignedItem()) =>
	jsonOf(await runNode(node, { items: [item], credentials, httpRequest: stub(gmailAnswer) }))[0]?.result as IDataObject;

describe('Send Email classification (harness, no network)', () => {
	it('sends to the default Gmail endpoint with the raw message base64url-encoded', async () => {
		const requests: IHttpRequestOptions[] = [];
		const result = await resultWith((request) => {
			requests.push(request);
			return { statusCode: 200, headers: {}, body: { id: 'm1', threadId: 't1' } };
		});
		expect(result).toMatchObject({ status: 'sent', providerMessageId: 'm1', threadId: 't1' });
		expect(requests[0]?.url).toBe('https://gmail.googleapis.com/gmail/v1/users/me/messages/send');
		const raw = Buffer.from(String((requests[0]?.body as IDataObject).raw), 'base64url').toString('utf8');
		expect(raw).toContain('Message-ID: <ophir.send-1@sender.example>');
	});

	it('a daily sending limit is retryable after an hour', async () => {
		const result = await resultWith(() => ({
			statusCode: 429,
			headers: {},
			body: { error: { code: 429, message: 'User-rate limit exceeded: Mail sending limit exceeded' } },
		}));
		expect(result).toMatchObject({ status: 'retryable', code: 'daily_limit_exceeded', retryAfterSeconds: 3600 });
	});

	it('honours Retry-After given as an HTTP date, relative to the claim clock', async () => {
		const result = await resultWith(() => ({
			statusCode: 429,
			headers: { 'Retry-After': 'Tue, 10 Mar 2026 14:05:00 GMT' },
			body: { error: { code: 429, message: 'slow down' } },
		}));
		expect(result).toMatchObject({ status: 'retryable', retryAfterSeconds: 300 });
	});

	it('an expired token (401) is retried soon; other 403s fail', async () => {
		expect(
			await resultWith(() => ({ statusCode: 401, headers: {}, body: { error: { code: 401, message: 'Invalid Credentials' } } })),
		).toMatchObject({
			status: 'retryable',
			code: 'unauthorized',
			retryAfterSeconds: 60,
		});
		expect(
			await resultWith(() => ({
				statusCode: 403,
				headers: {},
				body: { error: { code: 403, message: 'Delegation denied', errors: [{ reason: 'forbidden' }] } },
			})),
		).toMatchObject({ status: 'failed', code: 'forbidden' });
	});

	it('keeps the previous attempt flag on a new retryable result (sticky mayHaveBeenSent)', async () => {
		const item = assignedItem({ attempt: 2, mayHaveBeenSent: true });
		let calls = 0;
		const result = await resultWith(() => {
			calls += 1;
			// The search finds nothing, then the send is rate limited.
			return calls === 1
				? { statusCode: 200, headers: {}, body: { resultSizeEstimate: 0 } }
				: { statusCode: 429, headers: {}, body: { error: { code: 429, message: 'rate' } } };
		}, item);
		expect(result).toMatchObject({ status: 'retryable', code: 'rate_limited', mayHaveBeenSent: true });
	});

	it('never copies a thrown transport error (which carries request headers) into the result', async () => {
		const result = await resultWith(() => {
			throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', config: { headers: { Authorization: `Bearer ${token}` } } });
		});
		expect(result).toMatchObject({ status: 'retryable', code: 'network_error', reason: 'Gmail request failed: ECONNRESET' });
		expect(JSON.stringify(result)).not.toContain(token);
	});
});
