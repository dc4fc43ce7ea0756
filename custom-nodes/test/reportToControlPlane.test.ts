import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ReportToControlPlane } from '../nodes/ReportToControlPlane/ReportToControlPlane.node';
import { FakeControlPlane, isSignedBy } from './fakes/fakeControlPlane';
import { fetchHttpRequest, jsonOf, runNode, type HarnessOptions } from './harness';

const node = new ReportToControlPlane();
const signingSecret = 'report-secret';
let controlPlane: FakeControlPlane;
let credentials: { baseUrl: string; signingSecret: string };

const sent = (sendId: string): IDataObject => ({
	sendId,
	result: {
		status: 'sent',
		sendId,
		attempt: 1,
		mailboxId: 'mb-1',
		provider: 'gmail',
		providerMessageId: `gm-${sendId}`,
		messageId: `<ophir.${sendId}@sender.example>`,
		threadId: `t-${sendId}`,
		sentAt: '2026-03-10T14:00:00.000Z',
		deduplicated: false,
	},
});
const fastRetries = { options: { initialBackoffMs: 1, maxBackoffMs: 5, maxAttempts: 3 } };

beforeAll(async () => {
	controlPlane = new FakeControlPlane({ signingSecret });
	credentials = { baseUrl: await controlPlane.start(), signingSecret };
});
afterAll(() => controlPlane.stop());
beforeEach(() => {
	controlPlane.server.requests.length = 0;
	controlPlane.reportedResults.length = 0;
});

const report = (items: IDataObject[], options: Partial<HarnessOptions> = {}) =>
	runNode(node, { items, credentials, httpRequest: fetchHttpRequest, ...options });

describe('Report to Control Plane', () => {
	it('posts signed batches of results with an idempotency key per result', async () => {
		const items = ['a', 'b', 'c', 'd', 'e'].map(sent);
		const run = await report(items, { parameters: { batchSize: 2 } });
		const calls = controlPlane.server.requestsTo('/api/internal/n8n/events');
		expect(calls).toHaveLength(3);
		for (const call of calls) expect(isSignedBy(signingSecret, call)).toBe(true);
		const firstBody = JSON.parse(calls[0]?.rawBody ?? '{}') as IDataObject;
		expect(firstBody.source).toEqual({ workflowId: 'test-workflow', executionId: 'test-execution' });
		expect(controlPlane.reportedResults).toHaveLength(5);
		expect(controlPlane.reportedResults[0]).toEqual({ ...(sent('a').result as IDataObject), eventId: 'a:1:sent' });
		expect(jsonOf(run).map((json) => [json.sendId, json.reported])).toEqual([
			['a', true],
			['b', true],
			['c', true],
			['d', true],
			['e', true],
		]);
		expect(run.output[0]?.[4]?.pairedItem).toEqual({ item: 4 });
	});

	it('retries 5xx and 429 with backoff, then succeeds', async () => {
		controlPlane.script.push('/api/internal/n8n/events', { status: 503 }, { status: 429, headers: { 'retry-after': '0' } });
		const run = await report([sent('r')], { parameters: fastRetries });
		expect(controlPlane.server.requestsTo('/api/internal/n8n/events')).toHaveLength(3);
		expect(jsonOf(run)[0]?.reported).toBe(true);
	});

	it('gives up after the last attempt: error, or items marked unreported with continueOnFail', async () => {
		const failures = () => controlPlane.script.push('/api/internal/n8n/events', { status: 500 }, { status: 500 }, { status: 500 });
		failures();
		await expect(report([sent('x')], { parameters: fastRetries })).rejects.toThrow(
			'Reporting 1 results failed: control plane answered 500 (http_500): control plane answered 500',
		);
		failures();
		const run = await report([sent('x')], { parameters: fastRetries, continueOnFail: true });
		expect(jsonOf(run)[0]).toMatchObject({ sendId: 'x', reported: false });
	});

	it('does not retry a 4xx answer', async () => {
		controlPlane.script.push('/api/internal/n8n/events', {
			status: 422,
			body: {
				type: 'https://ophir.dev/problems/invalid_result',
				title: 'Error',
				status: 422,
				code: 'invalid_result',
				detail: 'unknown sendId',
			},
		});
		await expect(report([sent('y')], { parameters: fastRetries })).rejects.toThrow(
			'control plane answered 422 (invalid_result): unknown sendId',
		);
		expect(controlPlane.server.requestsTo('/api/internal/n8n/events')).toHaveLength(1);
	});

	it('stops at once on a rejected signature', async () => {
		await expect(report([sent('z')], { credentials: { ...credentials, signingSecret: 'nope' }, parameters: fastRetries })).rejects.toThrow(
			'Control plane rejected the request signature',
		);
		expect(controlPlane.server.requests).toHaveLength(1);
	});

	it('retries when the control plane is unreachable', async () => {
		await expect(
			report([sent('u')], { credentials: { baseUrl: 'http://127.0.0.1:9', signingSecret }, parameters: fastRetries }),
		).rejects.toThrow(/control plane unreachable/);
	});

	it('rejects items without a result', async () => {
		await expect(report([{ sendId: 'q' }])).rejects.toThrow('Item field "result" must hold a send result object');
		const run = await report([{ sendId: 'q' }, sent('ok')], { continueOnFail: true });
		expect(jsonOf(run).map((json) => json.reported)).toEqual([false, true]);
	});
});
