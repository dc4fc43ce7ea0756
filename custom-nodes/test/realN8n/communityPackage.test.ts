import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FakeControlPlane } from '../fakes/fakeControlPlane';
import { FakeGmail } from '../fakes/fakeGmail';
import { claimItem, mailbox } from '../fixtures';
import { filesUnder, installCommunityPackage, packPackage, PACKAGE_DIR, type PackedPackage } from './communityPackage';
import { sendingWorkflow } from './sendingWorkflow';
import { CUSTOM_NODES_DIST, N8nInstance, realN8nAvailable } from './n8nInstance';

/**
 * Packs the package (`npm pack`), installs the tarball as a community package under
 * `<N8N_USER_FOLDER>/.n8n/nodes` (README "Installing in n8n") and starts the provisioned n8n (2.41.1)
 * on that user folder WITHOUT custom extensions: the types must be there as `n8n-nodes-ophir.<node>`.
 * Runs whenever `npm install` has provisioned n8n (and must in CI); skipped locally without it.
 */
const enabled = realN8nAvailable();
if (!enabled && process.env.CI === 'true') throw new Error('n8n is not provisioned in CI: `npm install` must provision it');

const PACKAGE = 'n8n-nodes-ophir';

interface ExecutionSummary {
	id: string;
	status: string;
}
interface NodeRun {
	data: { main: Array<Array<{ json: IDataObject }>> };
}
interface Execution extends ExecutionSummary {
	data: { resultData: { runData: Record<string, NodeRun[]> } };
}

describe.runIf(enabled)('installed as a community package in the real n8n', () => {
	const signingSecret = 'community-package-secret';
	const n8n = new N8nInstance({ customExtensions: false });
	let packFolder = '';
	let packed: PackedPackage;
	let gmail: FakeGmail;
	let controlPlane: FakeControlPlane;
	let apiKey = '';

	beforeAll(async () => {
		gmail = new FakeGmail('ya29.SECRET-ACCESS-TOKEN-do-not-leak');
		controlPlane = new FakeControlPlane({ signingSecret, apiBaseUrl: await gmail.start() });
		await controlPlane.start();
		packFolder = mkdtempSync(join(tmpdir(), 'ophir-nodes-pack-'));
		packed = await packPackage(packFolder);
		await installCommunityPackage(n8n.nodesFolder, packed.tarball);
		await n8n.start();
		apiKey = await n8n.createApiKey();
	}, 180_000);

	afterAll(async () => {
		await n8n.stop();
		await gmail?.stop();
		await controlPlane?.stop();
		if (packFolder !== '') rmSync(packFolder, { recursive: true, force: true });
	});

	const createCredential = async (name: string) =>
		await n8n.publicApi<{ id: string; name: string; type: string }>(apiKey, 'POST', '/credentials', {
			name,
			type: 'ophirControlPlaneApi',
			data: { baseUrl: controlPlane.server.baseUrl, signingSecret },
		});

	it('packs package.json, the README, the license and every file of dist/ (each n8n.nodes / n8n.credentials entry among them)', () => {
		const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		const dist = filesUnder(CUSTOM_NODES_DIST).map((file) => `dist/${file}`);
		expect(dist.length).toBeGreaterThan(0);
		expect([...packed.files].sort()).toEqual(['LICENSE', 'README.md', 'package.json', ...dist].sort());
		for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(packed.files).toContain(entry);
	});

	it('installs the package and nodemailer into .n8n/nodes, but not the n8n-workflow peer (n8n supplies its own)', () => {
		const modules = join(n8n.nodesFolder, 'node_modules');
		expect(existsSync(join(modules, PACKAGE, 'dist/nodes/BusinessHoursGate/BusinessHoursGate.node.js'))).toBe(true);
		expect(existsSync(join(modules, 'nodemailer/package.json'))).toBe(true);
		expect(existsSync(join(modules, 'n8n-workflow'))).toBe(false);
		const nodesPackageJson = JSON.parse(readFileSync(join(n8n.nodesFolder, 'package.json'), 'utf8')) as IDataObject;
		expect(nodesPackageJson.dependencies).toEqual({ [PACKAGE]: `file:${basename(packed.tarball)}` });
	});

	it('knows the credential type ophirControlPlaneApi (created through the Public API)', async () => {
		const credential = await createCredential('Ophir (community package)');
		expect(credential).toMatchObject({ type: 'ophirControlPlaneApi', name: 'Ophir (community package)' });
	});

	it(`activates a workflow of ${PACKAGE}.* nodes and routes by the gate's decision`, async () => {
		const credential = await createCredential('Ophir control plane');
		const workflow = await n8n.publicApi<{ id: string }>(
			apiKey,
			'POST',
			'/workflows',
			sendingWorkflow({
				name: 'Ophir nodes as a community package',
				path: 'ophir-community-package',
				typePrefix: PACKAGE,
				credential: { id: credential.id, name: credential.name },
			}),
		);
		// Activation resolves every node type: an unknown one fails with "Unrecognized node type".
		await n8n.publicApi(apiKey, 'POST', `/workflows/${workflow.id}/activate`);

		// Tuesday 15:00 UTC: 11:00 in New York (inside 09:00-17:00), Wednesday 00:00 in Tokyo (outside).
		const now = '2026-03-10T15:00:00.000Z';
		const pool = [mailbox({ id: 'mb-a', email: 'a@sender.example' })];
		const lead = claimItem().lead;
		controlPlane.dueSends.push(
			claimItem({ sendId: 'pkg-inside', now, mailboxes: pool, lead: { ...lead, timezone: 'America/New_York' } }),
			claimItem({ sendId: 'pkg-outside', now, mailboxes: pool, lead: { ...lead, timezone: 'Asia/Tokyo' } }),
		);
		const response = await fetch(`${n8n.url}/webhook/ophir-community-package`, { method: 'POST' });
		const output = (await response.json()) as IDataObject[];
		expect(response.status, JSON.stringify(output)).toBe(200);
		expect(output.map((json) => [json.sendId, json.reported])).toEqual([['pkg-inside', true]]);

		const execution = await finishedExecution(workflow.id);
		expect(execution.status).toBe('success');
		const [inside, outside] = execution.data.resultData.runData['Business Hours Gate']![0]!.data.main;
		expect(inside!.map(({ json }) => [json.sendId, json.gate])).toEqual([
			['pkg-inside', { inside: true, timezone: 'America/New_York', localTime: '2026-03-10 11:00', nextWindowStart: null }],
		]);
		expect(outside!.map(({ json }) => [json.sendId, json.gate, json.result])).toEqual([
			[
				'pkg-outside',
				{ inside: false, timezone: 'Asia/Tokyo', localTime: '2026-03-11 00:00', nextWindowStart: '2026-03-11T00:00:00.000Z' },
				expect.objectContaining({
					status: 'deferred',
					sendId: 'pkg-outside',
					code: 'outside_window',
					notBefore: '2026-03-11T00:00:00.000Z',
				}),
			],
		]);
		// Send Email composed the MIME with the package's own nodemailer and delivered the inside send only.
		expect(gmail.messages.map((message) => message.messageId)).toEqual(['<ophir.pkg-inside@sender.example>']);
		expect((controlPlane.reportedResults as IDataObject[]).map((result) => [result.sendId, result.status])).toEqual([
			['pkg-inside', 'sent'],
		]);
	});

	it('has no custom extensions loaded: a CUSTOM.* type is unknown and fails activation', async () => {
		const workflow = await n8n.publicApi<{ id: string }>(apiKey, 'POST', '/workflows', {
			name: 'Custom-extension type',
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: randomUUID(),
					name: 'Hook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2.1,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path: 'ophir-custom-type' },
				},
				{ id: randomUUID(), name: 'Gate', type: 'CUSTOM.businessHoursGate', typeVersion: 1, position: [200, 0], parameters: {} },
			],
			connections: { Hook: { main: [[{ node: 'Gate', type: 'main', index: 0 }]] } },
		});
		await expect(n8n.publicApi(apiKey, 'POST', `/workflows/${workflow.id}/activate`)).rejects.toThrow(
			/Unrecognized node type: CUSTOM\.businessHoursGate/,
		);
	});

	/** The workflow's one execution with its data, once n8n has saved it finished. */
	async function finishedExecution(workflowId: string): Promise<Execution> {
		const deadline = Date.now() + 10_000;
		for (;;) {
			const list = await n8n.publicApi<{ data: ExecutionSummary[] }>(apiKey, 'GET', `/executions?workflowId=${workflowId}`);
			const done = list.data.find((execution) => execution.status !== 'running' && execution.status !== 'new');
			if (done !== undefined) return await n8n.publicApi<Execution>(apiKey, 'GET', `/executions/${done.id}?includeData=true`);
			if (Date.now() > deadline) throw new Error(`no finished execution of ${workflowId}: ${JSON.stringify(list.data)}`);
			await new Promise((wait) => setTimeout(wait, 200));
		}
	}
});
