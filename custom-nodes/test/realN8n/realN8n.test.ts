import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FakeControlPlane } from '../fakes/fakeControlPlane';
import { FakeGmail } from '../fakes/fakeGmail';
import { claimItem, mailbox } from '../fixtures';
import { inboundMail } from '../inboundMail';
import { sendingWorkflow } from './sendingWorkflow';
import { N8nInstance, realN8nAvailable } from './n8nInstance';

/**
 * Loads dist/ into the provisioned n8n (2.41.1) as custom extensions and runs a workflow with all
 * our nodes (the campaign-sender template's shape) through the Public API and a webhook. Runs whenever
 * `npm install` has provisioned n8n (and must in CI); skipped locally without it.
 */
const enabled = realN8nAvailable();
if (!enabled && process.env.CI === 'true') throw new Error('n8n is not provisioned in CI: `npm install` must provision it');

describe.runIf(enabled)('in the real n8n', () => {
	const signingSecret = 'real-n8n-secret';
	const n8n = new N8nInstance();
	let gmail: FakeGmail;
	let controlPlane: FakeControlPlane;
	let apiKey = '';

	beforeAll(async () => {
		gmail = new FakeGmail('ya29.SECRET-ACCESS-TOKEN-do-not-leak');
		controlPlane = new FakeControlPlane({ signingSecret, apiBaseUrl: await gmail.start() });
		await controlPlane.start();
		await n8n.start();
		apiKey = await n8n.createApiKey();
	}, 120_000);

	afterAll(async () => {
		await n8n.stop();
		await gmail?.stop();
		await controlPlane?.stop();
	});

	it("passes n8n's credential test only with the right signing secret", async () => {
		const test = async (secret: string) => {
			const data = { baseUrl: controlPlane.server.baseUrl, signingSecret: secret };
			const saved = await n8n.publicApi<{ id: string; name: string }>(apiKey, 'POST', '/credentials', {
				name: `Ophir (${secret})`,
				type: 'ophirControlPlaneApi',
				data,
			});
			return await n8n.rest<{ status: string; message: string }>('POST', '/credentials/test', {
				credentials: { id: saved.id, name: saved.name, type: 'ophirControlPlaneApi', data },
			});
		};
		expect(await test(signingSecret)).toMatchObject({ status: 'OK' });
		expect(await test('wrong-secret')).toMatchObject({ status: 'Error' });
		const pings = controlPlane.server.requestsTo('/api/internal/n8n/ping');
		expect(pings.length).toBeGreaterThanOrEqual(2);
		for (const ping of pings) expect(ping.headers['x-ophir-signature']).toMatch(/^v2=[0-9a-f]{64}$/);
	});

	it('runs claim -> gate -> rotation -> send -> report and delivers every send once', async () => {
		const credential = await n8n.publicApi<{ id: string; name: string }>(apiKey, 'POST', '/credentials', {
			name: 'Ophir control plane',
			type: 'ophirControlPlaneApi',
			data: { baseUrl: controlPlane.server.baseUrl, signingSecret },
		});
		const workflow = await n8n.publicApi<{ id: string }>(
			apiKey,
			'POST',
			'/workflows',
			sendingWorkflow({
				name: 'Ophir nodes e2e',
				path: 'ophir-nodes-e2e',
				typePrefix: 'CUSTOM',
				credential: { id: credential.id, name: credential.name },
			}),
		);
		await n8n.publicApi(apiKey, 'POST', `/workflows/${workflow.id}/activate`);

		const pool = [mailbox({ id: 'mb-a', email: 'a@sender.example' }), mailbox({ id: 'mb-b', email: 'b@sender.example' })];
		const items = [0, 1, 2, 3].map((index) => claimItem({ sendId: `n8n-${index}`, now: '2026-03-10T15:00:00.000Z', mailboxes: pool }));
		controlPlane.dueSends.push(...items);
		const response = await fetch(`${n8n.url}/webhook/ophir-nodes-e2e`, { method: 'POST' });
		const output = (await response.json()) as IDataObject[];
		expect(response.status, JSON.stringify(output)).toBe(200);

		expect(output.map((json) => [json.sendId, json.mailboxId, json.reported])).toEqual([
			['n8n-0', 'mb-a', true],
			['n8n-1', 'mb-b', true],
			['n8n-2', 'mb-a', true],
			['n8n-3', 'mb-b', true],
		]);
		expect(gmail.messages.map((message) => message.messageId)).toEqual([
			'<ophir.n8n-0@sender.example>',
			'<ophir.n8n-1@sender.example>',
			'<ophir.n8n-2@sender.example>',
			'<ophir.n8n-3@sender.example>',
		]);
		expect((controlPlane.reportedResults as IDataObject[]).map((result) => [result.sendId, result.status])).toEqual(
			items.map((item) => [item.sendId, 'sent']),
		);
		expect(JSON.stringify(output)).not.toContain(controlPlane.accessToken);
	});

	it("runs Inbox Watch: reads new Gmail mail through n8n's HTTP helper and reports events with the new cursor", async () => {
		const credential = await n8n.publicApi<{ id: string; name: string }>(apiKey, 'POST', '/credentials', {
			name: 'Ophir control plane (inbox)',
			type: 'ophirControlPlaneApi',
			data: { baseUrl: controlPlane.server.baseUrl, signingSecret },
		});
		const webhookId = randomUUID();
		const workflow = await n8n.publicApi<{ id: string }>(apiKey, 'POST', '/workflows', {
			name: 'Ophir inbox watch e2e',
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: randomUUID(),
					name: 'Tick',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2.1,
					position: [0, 0],
					webhookId,
					parameters: { httpMethod: 'POST', path: 'ophir-inbox-e2e', responseMode: 'lastNode', responseData: 'allEntries' },
				},
				{
					id: randomUUID(),
					name: 'Inbox Watch',
					type: 'CUSTOM.inboxWatch',
					typeVersion: 1,
					position: [200, 0],
					parameters: { organizationId: 'org-1' },
					credentials: { ophirControlPlaneApi: { id: credential.id, name: credential.name } },
				},
			],
			connections: { Tick: { main: [[{ node: 'Inbox Watch', type: 'main', index: 0 }]] } },
		});
		await n8n.publicApi(apiKey, 'POST', `/workflows/${workflow.id}/activate`);
		gmail.seed({
			id: 'sent-step1',
			threadId: 'thread-step1',
			raw: 'Message-ID: <ophir.snd_step1@sender.example>\r\n\r\nHi',
			messageId: '<ophir.snd_step1@sender.example>',
			labelIds: ['SENT'],
		});
		controlPlane.watchedMailboxes.push({
			mailboxId: 'mb-inbox',
			provider: 'gmail',
			email: 'alice@sender.example',
			cursor: gmail.historyId,
		});
		gmail.deliver(inboundMail('genuineReply'), ['INBOX']);
		gmail.deliver(inboundMail('germanOutOfOffice'));

		const response = await fetch(`${n8n.url}/webhook/ophir-inbox-e2e`, { method: 'POST' });
		const output = (await response.json()) as IDataObject[];
		expect(response.status, JSON.stringify(output)).toBe(200);

		expect(output).toHaveLength(1);
		expect((output[0]?.events as IDataObject[]).map((event) => event.type)).toEqual(['replied', 'auto_replied']);
		expect(output[0]).toMatchObject({ error: null, catchUp: 'incremental', cursor: gmail.historyId });
		expect(controlPlane.watchedMailboxes.find((watched) => watched.mailboxId === 'mb-inbox')?.cursor).toBe(gmail.historyId);
		// n8n repeats array parameters, as Gmail expects metadataHeaders.
		const metadataRead = gmail.apiCalls(/\/messages\/in-/).find((request) => request.query.get('format') === 'metadata');
		expect(metadataRead?.query.getAll('metadataHeaders')).toContain('In-Reply-To');
		expect(JSON.stringify(output)).not.toContain(controlPlane.accessToken);
	});
});
