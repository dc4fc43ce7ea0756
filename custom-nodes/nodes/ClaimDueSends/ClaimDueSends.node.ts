import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { CLAIM_BATCH_SIZE_DEFAULT, CLAIM_BATCH_SIZE_MAX } from '../shared/contract';
import { assertSignatureAccepted, controlPlaneError, controlPlanePaths, controlPlaneRequest } from '../shared/controlPlane';
import { describeTransportError, isSuccess, type HttpResult } from '../shared/http';

type Claim = 'campaignSends' | 'inboxReplies' | 'warmup';

/** The organization-wide claims and their endpoints (a campaign's sends are claimed by campaign). */
const organizationClaimPaths = {
	inboxReplies: controlPlanePaths.inboxReplyClaims,
	warmup: controlPlanePaths.warmupClaims,
} as const;

export class ClaimDueSends implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Claim Due Sends',
		name: 'claimDueSends',
		icon: { light: 'file:claimDueSends.svg', dark: 'file:claimDueSends.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle:
			'={{"up to " + $parameter["batchSize"] + ({ inboxReplies: " inbox replies", warmup: " warm-up sends" }[$parameter["claim"]] || " sends")}}',
		description:
			"Leases a batch of a campaign's due sends, an organization's replies from the inbox or its due warm-up messages from the Ophir control plane, one item per send",
		defaults: { name: 'Claim Due Sends' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ophirControlPlaneApi', required: true }],
		properties: [
			{
				displayName: 'Claim',
				name: 'claim',
				type: 'options',
				options: [
					{
						name: 'Campaign Sends',
						value: 'campaignSends',
						description: "A campaign's due sends, for Business Hours Gate and Mailbox Rotation",
					},
					{
						name: 'Inbox Replies',
						value: 'inboxReplies',
						description:
							"An organization's replies written in the unified inbox, each with its thread's mailbox already assigned (straight to Send Email)",
					},
					{
						name: 'Warm-Up Sends',
						value: 'warmup',
						description:
							"An organization's due warm-up messages, each with its sending mailbox assigned within its daily budget and gap (straight to Send Email)",
					},
				],
				default: 'campaignSends',
				description: 'What is claimed',
			},
			{
				displayName: 'Campaign ID',
				name: 'campaignId',
				type: 'string',
				required: true,
				default: '',
				description: 'The campaign whose due sends are claimed',
				displayOptions: { show: { claim: ['campaignSends'] } },
			},
			{
				displayName: 'Organization ID',
				name: 'organizationId',
				type: 'string',
				required: true,
				default: '',
				description: 'The organization whose queued inbox replies or warm-up messages are claimed',
				displayOptions: { show: { claim: ['inboxReplies', 'warmup'] } },
			},
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: CLAIM_BATCH_SIZE_MAX },
				default: CLAIM_BATCH_SIZE_DEFAULT,
				description: 'Most sends claimed per run; each is leased to this execution until reported or the lease expires',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// One claim per execution, whatever the trigger emitted: a second claim would only lease more work.
		const claim = this.getNodeParameter('claim', 0, 'campaignSends') as Claim;
		const batchSize = this.getNodeParameter('batchSize', 0) as number;
		const request =
			claim === 'campaignSends'
				? { path: controlPlanePaths.claims, body: { campaignId: this.getNodeParameter('campaignId', 0) as string, batchSize } }
				: {
						path: organizationClaimPaths[claim],
						body: { organizationId: this.getNodeParameter('organizationId', 0) as string, batchSize },
					};
		let response: HttpResult;
		try {
			response = await controlPlaneRequest(this, { method: 'POST', ...request });
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
