import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FakeControlPlane } from '../fakes/fakeControlPlane';
import { inboxReplyItem, mailbox } from '../fixtures';
import { N8nInstance, realN8nAvailable } from './n8nInstance';

/**
 * The inbox-watcher template's reply branch in the provisioned n8n: a queued reply from the unified
 * inbox is claimed, sent through the sandbox provider in the lead's thread and reported to the
 * inbox-replies endpoint. Skipped locally when n8n is not provisioned, required in CI.
 */
const enabled = realN8nAvailable();
if (!enabled && process.env.CI === 'true') throw new Error('n8n is not provisioned in CI: `npm install` must provision it');

describe.runIf(enabled)('replies from the inbox in the real n8n', () => {
	const signingSecret = 'real-n8n-replies-secret';
	const n8n = new N8nInstance();
	let controlPlane: FakeControlPlane;
	let apiKey = '';

	beforeAll(async () => {
		controlPlane = new FakeControlPlane({ signingSecret });
		await controlPlane.start();
		await n8n.start();
		apiKey = await n8n.createApiKey();
	}, 120_000);

	afterAll(async () => {
		await n8n.stop();
		await controlPlane?.stop();
	});

	it('claims a queued reply, sends it through the sandbox in its thread and reports it as an inbox reply', async () => {
		const credential = await n8n.publicApi<{ id: string; name: string }>(apiKey, 'POST', '/credentials', {
			name: 'Ophir control plane (replies)',
			type: 'ophirControlPlaneApi',
			data: { baseUrl: controlPlane.server.baseUrl, signingSecret },
		});
		const credentials = { ophirControlPlaneApi: { id: credential.id, name: credential.name } };
		const node = (name: string, type: string, x: number, parameters: IDataObject) => ({
			id: randomUUID(),
			name,
			type: `CUSTOM.${type}`,
			typeVersion: 1,
			position: [x, 0],
			parameters,
			credentials,
		});
		const workflow = await n8n.publicApi<{ id: string }>(apiKey, 'POST', '/workflows', {
			name: 'Ophir inbox replies e2e',
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: randomUUID(),
					name: 'Tick',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2.1,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path: 'ophir-replies-e2e', responseMode: 'lastNode', responseData: 'allEntries' },
				},
				node('Claim Inbox Replies', 'claimDueSends', 200, { claim: 'inboxReplies', organizationId: 'org-1', batchSize: 20 }),
				node('Send Replies', 'ophirSendEmail', 400, {}),
				node('Report Replies', 'reportToControlPlane', 600, { report: 'inboxReplies' }),
			],
			connections: {
				Tick: { main: [[{ node: 'Claim Inbox Replies', type: 'main', index: 0 }]] },
				'Claim Inbox Replies': { main: [[{ node: 'Send Replies', type: 'main', index: 0 }]] },
				'Send Replies': { main: [[{ node: 'Report Replies', type: 'main', index: 0 }]] },
			},
		});
		await n8n.publicApi(apiKey, 'POST', `/workflows/${workflow.id}/activate`);
		const sandbox = mailbox({ id: 'mb-sandbox', provider: 'sandbox', email: 'demo@sandbox.example', fromName: 'Demo' });
		controlPlane.queuedInboxReplies.push(inboxReplyItem('reply-n8n-1', sandbox));

		const response = await fetch(`${n8n.url}/webhook/ophir-replies-e2e`, { method: 'POST' });
		const output = (await response.json()) as IDataObject[];
		expect(response.status, JSON.stringify(output)).toBe(200);

		expect(output.map((json) => [json.sendId, json.reported])).toEqual([['reply-n8n-1', true]]);
		expect(controlPlane.reportedInboxReplyResults).toEqual([
			expect.objectContaining({
				status: 'sent',
				sendId: 'reply-n8n-1',
				messageId: '<ophir.reply-n8n-1@sandbox.example>',
				eventId: 'reply-n8n-1:1:sent',
			}),
		]);
		expect(controlPlane.reportedResults).toEqual([]);
		const parsed = await simpleParser(Buffer.from(String(controlPlane.sandboxMessages.at(-1)?.raw), 'base64'));
		expect(parsed.inReplyTo).toBe('<bob-1@lead.example>');
		expect(parsed.subject).toBe('Re: Quick question, Bob');
	});
});
