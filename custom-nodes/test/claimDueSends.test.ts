import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ClaimDueSends } from '../nodes/ClaimDueSends/ClaimDueSends.node';
import { FakeControlPlane } from './fakes/fakeControlPlane';
import { asJson, claimItem } from './fixtures';
import { fetchHttpRequest, jsonOf, runNode, type HarnessOptions } from './harness';

const node = new ClaimDueSends();
const signingSecret = 'claim-secret';
let controlPlane: FakeControlPlane;
let credentials: { baseUrl: string; signingSecret: string };

beforeAll(async () => {
	controlPlane = new FakeControlPlane({ signingSecret });
	credentials = { baseUrl: await controlPlane.start(), signingSecret };
});
afterAll(() => controlPlane.stop());

const claim = (options: Partial<HarnessOptions> = {}) =>
	runNode(node, {
		items: [{ trigger: 'tick' }, { trigger: 'schedule' }],
		parameters: { campaignId: 'camp-1', batchSize: 2 },
		credentials,
		httpRequest: fetchHttpRequest,
		...options,
	});

describe('Claim Due Sends', () => {
	it('claims once per execution and emits one item per due send', async () => {
		controlPlane.dueSends.push(...['c-1', 'c-2', 'c-3'].map((sendId) => asJson(claimItem({ sendId }))));
		const run = await claim();
		expect(jsonOf(run).map((json) => json.sendId)).toEqual(['c-1', 'c-2']);
		expect(run.output[0]?.[1]?.pairedItem).toEqual({ item: 0 });
		const [request] = controlPlane.server.requestsTo('/api/internal/n8n/claims');
		expect(JSON.parse(request?.rawBody ?? '{}')).toEqual({ campaignId: 'camp-1', batchSize: 2 });
		expect(controlPlane.server.requestsTo('/api/internal/n8n/claims')).toHaveLength(1);
		expect(jsonOf(await claim()).map((json) => json.sendId)).toEqual(['c-3']);
		expect(jsonOf(await claim())).toEqual([]);
	});

	it('fails the node on errors instead of emitting partial work', async () => {
		controlPlane.script.push('/api/internal/n8n/claims', {
			status: 500,
			body: { type: 'https://ophir.dev/problems/internal', title: 'Error', status: 500, code: 'internal', detail: 'boom' },
		});
		await expect(claim()).rejects.toThrow('Claim failed (500 internal): boom');
		await expect(claim({ credentials: { ...credentials, signingSecret: 'bad' } })).rejects.toThrow(
			'Control plane rejected the request signature',
		);
		await expect(claim({ credentials: { baseUrl: 'http://127.0.0.1:9', signingSecret } })).rejects.toThrow('Control plane unreachable');
	});
});
