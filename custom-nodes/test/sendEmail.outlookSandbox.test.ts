import { simpleParser } from 'mailparser';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { SendEmail } from '../nodes/SendEmail/SendEmail.node';
import { FakeControlPlane } from './fakes/fakeControlPlane';
import { RecordingServer, ScriptedResponses } from './fakes/recordingServer';
import { assignedItem, mailbox } from './fixtures';
import { fetchHttpRequest, jsonOf, runNode, type HarnessOptions } from './harness';
import { headerLines } from './mime';

const node = new SendEmail();
const signingSecret = 'graph-test-secret';
const graphScript = new ScriptedResponses();
const sentItems: Array<{ id: string; internetMessageId: string; conversationId: string }> = [];
const graph = new RecordingServer((request) => {
	const scripted = graphScript.next(`${request.method} ${request.path}`);
	if (scripted) return scripted;
	if (request.method === 'POST' && request.path === '/v1.0/me/sendMail') return { status: 202 };
	if (request.method === 'GET' && request.path === '/v1.0/me/mailFolders/sentitems/messages') {
		const wanted = /^internetMessageId eq '(.+)'$/.exec(request.query.get('$filter') ?? '')?.[1];
		return { status: 200, body: { value: sentItems.filter((item) => item.internetMessageId === wanted) } };
	}
	return { status: 404, body: { error: { code: 'NotFound', message: 'no route' } } };
});
let controlPlane: FakeControlPlane;
let credentials: { baseUrl: string; signingSecret: string };
const outlookMailbox = mailbox({ id: 'mb-o365', provider: 'outlook', email: 'dana@sender.example', fromName: 'Dana' });
const sandboxMailbox = mailbox({ id: 'mb-sandbox', provider: 'sandbox', email: 'demo@sandbox.example', fromName: null });

beforeAll(async () => {
	const graphUrl = await graph.start();
	controlPlane = new FakeControlPlane({ signingSecret, apiBaseUrl: graphUrl });
	credentials = { baseUrl: await controlPlane.start(), signingSecret };
});

afterAll(async () => {
	await graph.stop();
	await controlPlane.stop();
});

beforeEach(() => {
	graph.requests.length = 0;
	sentItems.length = 0;
});

const send = (items: IDataObject[], options: Partial<HarnessOptions> = {}) =>
	runNode(node, { items, credentials, httpRequest: fetchHttpRequest, ...options });

describe('Send Email via Microsoft Graph (fake on 127.0.0.1)', () => {
	it('posts the MIME message base64-encoded to /me/sendMail with the brokered token', async () => {
		const result = jsonOf(await send([assignedItem({}, outlookMailbox)]))[0]?.result;
		expect(result).toMatchObject({
			status: 'sent',
			provider: 'outlook',
			providerMessageId: null,
			messageId: '<ophir.send-1@sender.example>',
		});
		const [request] = graph.requests;
		expect(request?.headers.authorization).toBe(`Bearer ${controlPlane.accessToken}`);
		expect(request?.headers['content-type']).toBe('text/plain');
		const parsed = await simpleParser(Buffer.from(request?.rawBody ?? '', 'base64'));
		expect(parsed.messageId).toBe('<ophir.send-1@sender.example>');
		expect(headerLines(parsed, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe-Post: List-Unsubscribe=One-Click']);
	});

	it('checks Sent Items by internetMessageId before a retry and skips the resend when found', async () => {
		sentItems.push({ id: 'AAMk-1', internetMessageId: '<ophir.send-1@sender.example>', conversationId: 'conv-1' });
		const result = jsonOf(await send([assignedItem({ attempt: 2 }, outlookMailbox)]))[0]?.result;
		expect(result).toMatchObject({ status: 'sent', providerMessageId: 'AAMk-1', threadId: 'conv-1', deduplicated: true });
		expect(graph.requests.map((request) => request.method)).toEqual(['GET']);
	});

	it('throttling (429 + Retry-After) -> retryable; invalid recipients -> failed', async () => {
		graphScript.push('POST /v1.0/me/sendMail', {
			status: 429,
			headers: { 'retry-after': '17' },
			body: { error: { code: 'ApplicationThrottled', message: 'Too many requests' } },
		});
		expect(jsonOf(await send([assignedItem({}, outlookMailbox)]))[0]?.result).toMatchObject({
			status: 'retryable',
			retryAfterSeconds: 17,
			code: 'rate_limited',
		});
		graphScript.push('POST /v1.0/me/sendMail', {
			status: 400,
			body: { error: { code: 'ErrorInvalidRecipients', message: 'At least one recipient is not valid' } },
		});
		expect(jsonOf(await send([assignedItem({}, outlookMailbox)]))[0]?.result).toMatchObject({
			status: 'failed',
			code: 'invalid_recipient',
		});
	});
});

describe('Send Email to the sandbox', () => {
	it('hands the raw MIME to the control plane, signed, and reports its ids', async () => {
		const run = await send([assignedItem({}, sandboxMailbox)]);
		expect(jsonOf(run)[0]?.result).toMatchObject({
			status: 'sent',
			provider: 'sandbox',
			providerMessageId: 'sandbox-1',
			threadId: 'sandbox-thread',
			messageId: '<ophir.send-1@sandbox.example>',
		});
		const [captured] = controlPlane.sandboxMessages;
		expect(captured).toMatchObject({
			sendId: 'send-1',
			mailboxId: 'mb-sandbox',
			from: 'demo@sandbox.example',
			to: 'bob@lead.example',
			threadId: null,
		});
		const parsed = await simpleParser(Buffer.from(String(captured?.raw), 'base64'));
		expect(parsed.from?.text).toBe('demo@sandbox.example');
		expect(parsed.messageId).toBe('<ophir.send-1@sandbox.example>');
	});
});
