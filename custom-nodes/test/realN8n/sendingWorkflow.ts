import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * The campaign-sender shape with every Ophir sending node, behind a webhook that answers with the
 * last node's output. `typePrefix` is how n8n names our nodes: `CUSTOM` for custom extensions,
 * the package name for an installed community package.
 */
export function sendingWorkflow(options: {
	name: string;
	path: string;
	typePrefix: string;
	credential: { id: string; name: string };
}): IDataObject {
	const credentials = { ophirControlPlaneApi: options.credential };
	const node = (name: string, type: string, x: number, parameters: IDataObject = {}, extra: IDataObject = {}) => ({
		id: randomUUID(),
		name,
		type: `${options.typePrefix}.${type}`,
		typeVersion: 1,
		position: [x, 0],
		parameters,
		...extra,
	});
	return {
		name: options.name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Claim Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path: options.path, responseMode: 'lastNode', responseData: 'allEntries' },
			},
			node('Claim Due Sends', 'claimDueSends', 200, { campaignId: 'camp-1', batchSize: 10 }, { credentials }),
			node('Business Hours Gate', 'businessHoursGate', 400),
			node('Mailbox Rotation', 'mailboxRotation', 600, { strategy: 'roundRobin' }),
			node('Send Email', 'ophirSendEmail', 800, { options: { concurrency: 1 } }, { credentials }),
			node('Report to Control Plane', 'reportToControlPlane', 1000, {}, { credentials }),
		],
		connections: {
			'Claim Webhook': { main: [[{ node: 'Claim Due Sends', type: 'main', index: 0 }]] },
			'Claim Due Sends': { main: [[{ node: 'Business Hours Gate', type: 'main', index: 0 }]] },
			'Business Hours Gate': { main: [[{ node: 'Mailbox Rotation', type: 'main', index: 0 }], []] },
			'Mailbox Rotation': { main: [[{ node: 'Send Email', type: 'main', index: 0 }], []] },
			'Send Email': { main: [[{ node: 'Report to Control Plane', type: 'main', index: 0 }]] },
		},
	};
}
