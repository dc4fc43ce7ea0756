import { simpleParser } from 'mailparser';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { SendEmail } from '../nodes/SendEmail/SendEmail.node';
import { FakeControlPlane } from './fakes/fakeControlPlane';
import { FakeGmail } from './fakes/fakeGmail';
import { assignedItem, claimItem, mailbox } from './fixtures';
import { fetchHttpRequest, jsonOf, runNode, type HarnessOptions } from './harness';
import { headerLines } from './mime';

const node = new SendEmail();
const signingSecret = 'gmail-test-secret';
let controlPlane: FakeControlPlane;
let gmail: FakeGmail;
let credentials: { baseUrl: string; signingSecret: string };

beforeAll(async () => {
	gmail = new FakeGmail('ya29.SECRET-ACCESS-TOKEN-do-not-leak');
	const gmailUrl = await gmail.start();
	controlPlane = new FakeControlPlane({ signingSecret, apiBaseUrl: gmailUrl });
	credentials = { baseUrl: await controlPlane.start(), signingSecret };
});

afterAll(async () => {
	await gmail.stop();
	await controlPlane.stop();
});

beforeEach(() => {
	gmail.messages.length = 0;
	gmail.server.requests.length = 0;
	controlPlane.server.requests.length = 0;
});

const send = (items: IDataObject[], options: Partial<HarnessOptions> = {}) =>
	runNode(node, { items, credentials, httpRequest: fetchHttpRequest, ...options });
const resultOf = async (item: IDataObject, options: Partial<HarnessOptions> = {}) =>
	jsonOf(await send([item], options))[0]?.result as IDataObject;

describe('Send Email via Gmail (fake Gmail API and token broker on 127.0.0.1)', () => {
	it('sends a standards-correct message and reports the provider ids', async () => {
		const run = await send([assignedItem()]);
		expect(jsonOf(run)).toEqual([
			{
				sendId: 'send-1',
				campaignId: 'camp-1',
				step: 1,
				mailboxId: 'mb-1',
				result: {
					status: 'sent',
					sendId: 'send-1',
					attempt: 1,
					mailboxId: 'mb-1',
					provider: 'gmail',
					providerMessageId: 'gm-1',
					messageId: '<ophir.send-1@sender.example>',
					threadId: 'thread-gm-1',
					sentAt: '2026-03-10T14:00:00.000Z',
					deduplicated: false,
				},
			},
		]);

		const [stored] = gmail.messages;
		const raw = stored?.raw ?? '';
		const parsed = await simpleParser(raw);
		expect(parsed.messageId).toBe('<ophir.send-1@sender.example>');
		expect(parsed.from?.value).toEqual([{ address: 'alice@sender.example', name: 'Alice Sender' }]);
		expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : []).toEqual([{ address: 'bob@lead.example', name: '' }]);
		expect(parsed.subject).toBe('Quick question, Bob');
		expect(parsed.date?.toISOString()).toBe('2026-03-10T14:00:00.000Z');
		expect(parsed.text).toContain('Short note.');
		expect(parsed.html).toContain('<p>Short note.</p>');
		expect(parsed.headers.get('x-ophir-send-id')).toBe('send-1');
		expect(parsed.inReplyTo).toBeUndefined();

		// RFC 8058 headers: exactly one each, on one line (never folded, although the URL is long).
		expect(headerLines(parsed, 'List-Unsubscribe')).toEqual([
			'List-Unsubscribe: <https://ophir.example/u/tok-1?list=camp-1&lead=lead-1&sig=abcdef0123456789abcdef0123456789abcdef0123456789>',
		]);
		expect(headerLines(parsed, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe-Post: List-Unsubscribe=One-Click']);
		expect(headerLines(parsed, 'Message-ID')).toEqual(['Message-ID: <ophir.send-1@sender.example>']);
		const headerBlock = raw.split('\r\n\r\n')[0] ?? '';
		expect(headerBlock).toMatch(/^MIME-Version: 1\.0$/m);
	});

	it('signs the broker call and keeps the access token out of every output', async () => {
		const run = await send([assignedItem()]);
		const [brokerCall] = controlPlane.server.requestsTo('/api/internal/n8n/mailboxes/mb-1/access-token');
		expect(brokerCall?.headers['x-ophir-signature']).toMatch(/^v2=[0-9a-f]{64}$/);
		expect(JSON.parse(brokerCall?.rawBody ?? '{}')).toEqual({ sendId: 'send-1', provider: 'gmail' });
		expect(gmail.server.requests[0]?.headers.authorization).toBe(`Bearer ${controlPlane.accessToken}`);
		expect(JSON.stringify(run.output)).not.toContain(controlPlane.accessToken);
	});

	it('reuses one brokered token for the items of a batch', async () => {
		await send([assignedItem({ sendId: 'b-1' }), assignedItem({ sendId: 'b-2' }), assignedItem({ sendId: 'b-3' })], {
			parameters: { options: { concurrency: 1 } },
		});
		expect(controlPlane.server.requests).toHaveLength(1);
		expect(gmail.messages.map((message) => message.messageId)).toEqual([
			'<ophir.b-1@sender.example>',
			'<ophir.b-2@sender.example>',
			'<ophir.b-3@sender.example>',
		]);
	});

	it('threads a follow-up: Gmail threadId plus In-Reply-To and References', async () => {
		const threading = {
			messageId: '<ophir.s1@sender.example>',
			inReplyTo: '<ophir.s2@sender.example>',
			references: ['<ophir.s1@sender.example>', '<ophir.s2@sender.example>'],
			gmailThreadId: 'thread-abc',
			mailboxId: 'mb-1',
		};
		const result = await resultOf(
			assignedItem({ sendId: 's3', step: 3, threading, message: { ...claimItem().message, subject: 'Re: Quick question, Bob' } }),
		);
		expect(result).toMatchObject({ status: 'sent', threadId: 'thread-abc' });
		expect(JSON.parse(gmail.server.requests[0]?.rawBody ?? '{}').threadId).toBe('thread-abc');
		const parsed = await simpleParser(gmail.messages[0]?.raw ?? '');
		expect(parsed.inReplyTo).toBe('<ophir.s2@sender.example>');
		expect(parsed.references).toEqual(['<ophir.s1@sender.example>', '<ophir.s2@sender.example>']);
		expect(parsed.subject).toBe('Re: Quick question, Bob');
	});

	it('does not reuse a Gmail thread id that belongs to another mailbox', async () => {
		const threading = {
			messageId: '<a@x>',
			inReplyTo: '<a@x>',
			references: ['<a@x>'],
			gmailThreadId: 'other-thread',
			mailboxId: 'mb-other',
		};
		await resultOf(assignedItem({ threading }));
		expect(JSON.parse(gmail.server.requests[0]?.rawBody ?? '{}').threadId).toBeUndefined();
	});

	describe('quota and failure classification', () => {
		it('429 with Retry-After -> retryable with that delay, not sent', async () => {
			gmail.script.push('send', {
				status: 429,
				headers: { 'retry-after': '120' },
				body: { error: { code: 429, message: 'User-rate limit exceeded', status: 'RESOURCE_EXHAUSTED' } },
			});
			expect(await resultOf(assignedItem())).toEqual({
				status: 'retryable',
				sendId: 'send-1',
				attempt: 1,
				mailboxId: 'mb-1',
				retryAfterSeconds: 120,
				mayHaveBeenSent: false,
				code: 'rate_limited',
				reason: 'Gmail answered 429: User-rate limit exceeded',
			});
		});

		it('403 rateLimitExceeded -> retryable with exponential backoff by attempt', async () => {
			gmail.script.push('send', {
				status: 403,
				body: { error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ reason: 'rateLimitExceeded', domain: 'usageLimits' }] } },
			});
			// Attempt 3: the mailbox is searched first (nothing found), then the send is rate limited.
			expect(await resultOf(assignedItem({ attempt: 3 }))).toMatchObject({
				status: 'retryable',
				code: 'rate_limited',
				retryAfterSeconds: 240,
			});
		});

		it('5xx -> retryable and flagged as possibly sent', async () => {
			gmail.script.push('send', { status: 503, body: { error: { code: 503, message: 'Backend Error' } } });
			expect(await resultOf(assignedItem())).toMatchObject({
				status: 'retryable',
				code: 'provider_unavailable',
				mayHaveBeenSent: true,
				retryAfterSeconds: 30,
			});
		});

		it('invalid recipient -> failed', async () => {
			gmail.script.push('send', {
				status: 400,
				body: { error: { code: 400, message: 'Invalid To header', errors: [{ reason: 'invalidArgument' }] } },
			});
			expect(await resultOf(assignedItem())).toMatchObject({
				status: 'failed',
				code: 'invalid_recipient',
				reason: 'Gmail answered 400: Invalid To header',
			});
		});

		it('revoked grant at the broker -> failed, Gmail never called', async () => {
			controlPlane.script.push('access-token', {
				status: 409,
				body: {
					type: 'https://ophir.dev/problems/mailbox_needs_reauth',
					title: 'Conflict',
					status: 409,
					code: 'mailbox_needs_reauth',
					detail: 'Token has been expired or revoked.',
				},
			});
			expect(await resultOf(assignedItem())).toEqual({
				status: 'failed',
				sendId: 'send-1',
				attempt: 1,
				mailboxId: 'mb-1',
				code: 'mailbox_needs_reauth',
				reason: 'Token broker: Token has been expired or revoked.',
			});
			expect(gmail.server.requests).toHaveLength(0);
		});

		it('broker unavailable -> retryable', async () => {
			controlPlane.script.push('access-token', { status: 503, body: { error: { code: 'unavailable', message: 'maintenance' } } });
			expect(await resultOf(assignedItem())).toMatchObject({ status: 'retryable', code: 'broker_unavailable', mayHaveBeenSent: false });
		});

		it('connection refused -> retryable network error, possibly sent, no token in the reason', async () => {
			const result = await resultOf(assignedItem(), { parameters: { options: { gmailApiBaseUrl: 'http://127.0.0.1:9' } } });
			expect(result).toMatchObject({ status: 'retryable', code: 'network_error', mayHaveBeenSent: true });
			expect(JSON.stringify(result)).not.toContain(controlPlane.accessToken);
		});
	});

	describe('no double send after a crash between send and report', () => {
		it('finds the earlier delivery by rfc822msgid and reports it without sending again', async () => {
			gmail.seed({ id: 'gm-earlier', threadId: 'thread-earlier', raw: '', messageId: '<ophir.send-1@sender.example>' });
			const result = await resultOf(assignedItem({ attempt: 2, mayHaveBeenSent: true }));
			expect(result).toMatchObject({
				status: 'sent',
				providerMessageId: 'gm-earlier',
				threadId: 'thread-earlier',
				deduplicated: true,
				attempt: 2,
			});
			const [search] = gmail.server.requests;
			expect(search?.query.get('q')).toBe('rfc822msgid:ophir.send-1@sender.example');
			expect(gmail.server.requestsTo('/gmail/v1/users/me/messages/send')).toHaveLength(0);
		});

		it('sends once when the search finds nothing', async () => {
			const result = await resultOf(assignedItem({ attempt: 1, mayHaveBeenSent: true }));
			expect(result).toMatchObject({ status: 'sent', deduplicated: false });
			expect(gmail.server.requests.map((request) => request.method)).toEqual(['GET', 'POST']);
		});

		it('does not send blind when the search itself fails', async () => {
			gmail.script.push('list', { status: 500, body: { error: { code: 500, message: 'Backend Error' } } });
			const result = await resultOf(assignedItem({ attempt: 2 }));
			expect(result).toMatchObject({ status: 'retryable', mayHaveBeenSent: true });
			expect(gmail.server.requestsTo('/gmail/v1/users/me/messages/send')).toHaveLength(0);
		});
	});

	describe('node-level errors', () => {
		it('stops on a rejected signature, without leaking secrets', async () => {
			const error = await send([assignedItem()], { credentials: { ...credentials, signingSecret: 'wrong' } }).catch(
				(caught: Error) => caught,
			);
			expect(error).toBeInstanceOf(Error);
			expect((error as Error).message).toBe('Control plane rejected the request signature: The signature does not match');
			expect(JSON.stringify(error)).not.toContain(controlPlane.accessToken);
		});

		it('reports an invalid item as an error item with continueOnFail, and keeps going', async () => {
			const invalid = { ...assignedItem({ sendId: 'bad id!' }) };
			const run = await send([invalid, assignedItem({ sendId: 'ok' })], { continueOnFail: true });
			expect(jsonOf(run)[0]).toEqual({
				sendId: 'bad id!',
				error: 'Item field "sendId" may only contain letters, digits, ".", "_" and "-" (max 128)',
			});
			expect(jsonOf(run)[1]?.result).toMatchObject({ status: 'sent', sendId: 'ok' });
			await expect(send([invalid])).rejects.toThrow('Item field "sendId"');
		});

		it('refuses an unsubscribe URL that could break the header', async () => {
			const item = assignedItem();
			(item.message as IDataObject).unsubscribeUrl = 'https://x.example/u\r\nBcc: victim@x.example';
			await expect(send([item])).rejects.toThrow('message.unsubscribeUrl must be an absolute http(s) URL');
		});
	});

	it('uses the mailbox domain for the Message-ID', async () => {
		const result = await resultOf(assignedItem({ sendId: 'dom-1' }, mailbox({ email: 'Carol@Other-Domain.Example' })));
		expect(result.messageId).toBe('<ophir.dom-1@other-domain.example>');
	});
});
