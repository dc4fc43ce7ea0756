import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	assertSignatureAccepted,
	controlPlaneError,
	controlPlanePaths,
	controlPlaneRequest,
} from '../shared/controlPlane';
import { describeTransportError, isSuccess, type HttpResult } from '../shared/http';

export class ClaimDueSends implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claim Due Sends',
		name: 'claimDueSends',
		icon: { light: 'file:claimDueSends.svg', dark: 'file:claimDueSends.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{"up to " + $parameter["batchSize"] + " sends"}}',
		description: "Leases a batch of a campaign's due sends from the Ophir control plane, one item per send",
		defaults: { name: 'Claim Due Sends' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ophirControlPlaneApi', required: true }],
		properties: [
			{
				displayName: 'Campaign ID',
				name: 'campaignId',
				type: 'string',
				required: true,
				default: '',
				description: 'The campaign whose due sends are claimed',
			},
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 50,
				description: 'Most sends claimed per run; each is leased to this execution until reported or the lease expires',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// One claim per execution, whatever the trigger emitted: a second claim would only lease more work.
		const campaignId = this.getNodeParameter('campaignId', 0) as string;
		const batchSize = this.getNodeParameter('batchSize', 0) as number;
		let response: HttpResult;
		try {
			response = await controlPlaneRequest(this, {
				method: 'POST',
				path: controlPlanePaths.claims,
				body: { campaignId, batchSize },
			});
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `Control plane unreachable: ${describeTransportError(error)}`, {
				description: 'Nothing was claimed; the next run claims again.',
			});
		}
		assertSignatureAccepted(this, response);
		if (!isSuccess(response)) {
			const { code, message } = controlPlaneError(response);
			throw new NodeOperationError(this.getNode(), `Claim failed (${response.statusCode} ${code}): ${message}`);
		}
		const items = response.body?.items;
		if (!Array.isArray(items)) {
			throw new NodeOperationError(this.getNode(), 'Claim response has no "items" array');
		}
		return [items.map((json) => ({ json: json as IDataObject, pairedItem: { item: 0 } }))];
	}
}
